import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field

# IC/2010/5, MC/2239, IC/2010/5/Rev.1, IC/2010/5/Add.2: the organization's symbols.
SYMBOL_PATTERN = r"^[A-Z]{1,10}(/[0-9]{1,4}){1,3}(/(Rev|Add|Corr)\.[0-9]{1,2})?$"
# The suffix that makes a note a revision, corrigendum or addendum of the note before it.
AMENDMENT_PATTERN = r"/(Rev|Corr|Add)\.[0-9]{1,2}$"  # also for the database: no named groups
AMENDMENT_SUFFIX = re.compile(r"^(?P<base>.+)/(?P<kind>Rev|Corr|Add)\.(?P<number>[0-9]{1,2})$")
DEFAULT_SERIES_TITLE = "Informal consultations on international dialogue on migration"

validate_symbol = RegexValidator(
    SYMBOL_PATTERN,
    _(
        "Write the symbol as the organization does, for example IC/2010/5, "
        "MC/2239 or IC/2010/5/Rev.1: capital letters, then numbers separated by slashes."
    ),
)


class AmendmentKind(models.TextChoices):
    """What a suffixed symbol makes of a note; a revision supersedes what came before it."""

    REVISION = "Rev", _("Revision")
    CORRIGENDUM = "Corr", _("Corrigendum")
    ADDENDUM = "Add", _("Addendum")


class DiscussionNote(models.Model):
    """An official document with a symbol, numbered paragraphs and footnotes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    symbol = models.CharField(
        _("symbol"),
        max_length=40,
        unique=True,
        validators=[validate_symbol],
        help_text=_("For example IC/2010/5; a revision is IC/2010/5/Rev.1."),
    )
    series_title = models.CharField(_("series title"), max_length=255, default=DEFAULT_SERIES_TITLE)
    original_language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    place = models.CharField(_("place of issue"), max_length=100, default="Geneva")
    issue_date = models.DateField(_("date of issue"))
    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        related_name="discussion_notes",
        verbose_name=_("meeting"),
        help_text=_("The meeting the note is written for; its date closes the title block."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("Printed in capitals, e.g. the dialogue year.")
    )
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = acting_user_field(_("updated by"))
    base = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("base note"),
        help_text=_(
            "The note this one revises, corrects or adds to: IC/2010/5 for IC/2010/5/Rev.1."
        ),
    )

    class Meta:
        ordering = ["-issue_date", "symbol"]
        verbose_name = _("discussion note")
        verbose_name_plural = _("discussion notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(symbol__regex=SYMBOL_PATTERN),
                name="discussion_note_symbol_format",
                violation_error_message=validate_symbol.message,
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="published", published_at__isnull=False)
                    | Q(status="draft", published_at__isnull=True)
                ),
                name="discussion_note_published_has_date",
            ),
            # A suffixed symbol (…/Rev.1, …/Corr.1, …/Add.1) always names its base note;
            # clean() checks that the base's symbol is the rest of it.
            models.CheckConstraint(
                condition=(
                    Q(base__isnull=True) & ~Q(symbol__regex=AMENDMENT_PATTERN)
                    | Q(base__isnull=False, symbol__regex=AMENDMENT_PATTERN)
                ),
                name="discussion_note_amendment_has_base",
            ),
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}"

    def get_absolute_url(self):
        return reverse("reports:note_detail", args=[self.slug])

    def clean(self):
        super().clean()
        parts = AMENDMENT_SUFFIX.match(self.symbol or "")
        if parts is None:
            if self.base_id is not None:
                raise ValidationError(
                    {
                        "symbol": _(
                            "A revision, corrigendum or addendum ends in /Rev.1, /Corr.1 or /Add.1."
                        )
                    }
                )
            return
        if self.base is None or self.base.symbol != parts["base"]:
            raise ValidationError(
                {
                    "symbol": _(
                        "%(symbol)s amends %(base)s: that note must exist first, "
                        "and this one is made from its page."
                    )
                    % {"symbol": self.symbol, "base": parts["base"]}
                }
            )
        if self.base.base_id is not None:
            raise ValidationError(
                {"symbol": _("A revision, corrigendum or addendum amends an original note.")}
            )

    @property
    def amendment_kind(self) -> str:
        """The suffix's kind (AmendmentKind: Rev, Corr or Add); empty for an original note."""
        parts = AMENDMENT_SUFFIX.match(self.symbol)
        return parts["kind"] if parts else ""

    @property
    def amendment_number(self) -> int:
        parts = AMENDMENT_SUFFIX.match(self.symbol)
        return int(parts["number"]) if parts else 0

    @property
    def slug(self) -> str:
        """IC/2010/5 → IC-2010-5, for URLs and file names (symbols never hold a hyphen)."""
        return symbol_to_slug(self.symbol)

    @property
    def file_name(self) -> str:
        return f"{self.slug}.pdf"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def file_name_for(self, language: str) -> str:
        """IC-2010-5.pdf for the original (as before translations), IC-2010-5-fr.pdf else."""
        if language == self.original_language:
            return self.file_name
        return f"{self.slug}-{language}.pdf"


class NoteTranslation(models.Model):
    """The note in a language other than its original: same symbol, own wording and status.

    The original's wording and status stay on DiscussionNote, so a note without
    translations is exactly what it was; the place, date, meeting and symbol are
    shared by every language version.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_TRANSLATION = "in_translation", _("In translation")
        PUBLISHED = "published", _("Published")

    note = models.ForeignKey(
        DiscussionNote,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("discussion note"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    series_title = models.CharField(
        _("series title"), max_length=255, help_text=_("The series title in this language.")
    )
    place = models.CharField(
        _("place of issue"),
        max_length=100,
        blank=True,
        help_text=_("In this language (Genève, Ginebra); empty: as in the original."),
    )
    title = models.CharField(_("title"), max_length=255)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    body = models.TextField(_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = acting_user_field(_("updated by"))

    class Meta:
        ordering = ["note", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["note", "language"], name="one_translation_per_note_language"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="published", published_at__isnull=False)
                    | (~Q(status="published") & Q(published_at__isnull=True))
                ),
                name="note_translation_published_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.note.symbol} ({self.language})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def symbol_to_slug(symbol: str) -> str:
    return symbol.replace("/", "-")


def slug_to_symbol(slug: str) -> str:
    return slug.replace("-", "/")


def rendered_file_path(instance: "RenderedDocument", filename: str) -> str:
    # One folder per render: versions never overwrite each other.
    return f"documents/{instance.pk}/{filename}"


class RenderedDocument(models.Model):
    """One PDF produced from fixed content: a note, a meeting's list of participants or
    sheet of badges, or a visa support letter."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Discussion note")
        PARTICIPANT_LIST = "participant_list", _("List of participants")
        BADGE_SHEET = "badge_sheet", _("Badges")
        VISA_LETTER = "visa_letter", _("Visa support letter")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.ForeignKey(
        DiscussionNote,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renders",
        verbose_name=_("discussion note"),
    )
    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participant_lists",
        verbose_name=_("meeting"),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language version of the note this PDF prints."),
    )
    visa_request = models.ForeignKey(
        "participants.VisaRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letter_renders",
        verbose_name=_("visa support request"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    content = models.TextField(_("content (HTML)"))
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=100)
    file = models.FileField(_("file"), upload_to=rendered_file_path, max_length=255, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    duration = models.DurationField(_("time taken"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = acting_user_field(_("requested by"))
    sent_at = models.DateTimeField(
        _("sent to the workers at"),
        null=True,
        blank=True,
        help_text=_("Empty while the broker could not be reached; the sweep sends it again."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Lists of participants are public once published; notes follow the note."),
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="note",
                        note__isnull=False,
                        meeting__isnull=True,
                        visa_request__isnull=True,
                    )
                    | Q(
                        kind__in=["participant_list", "badge_sheet"],
                        meeting__isnull=False,
                        note__isnull=True,
                        visa_request__isnull=True,
                    )
                    | Q(
                        kind="visa_letter",
                        visa_request__isnull=False,
                        note__isnull=True,
                        meeting__isnull=True,
                    )
                ),
                name="rendered_document_has_one_subject",
            ),
            models.CheckConstraint(
                condition=~Q(status="done")
                | (~Q(file="") & ~Q(sha256="") & Q(size__isnull=False, page_count__isnull=False)),
                name="rendered_document_done_has_file",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(kind="participant_list", status="done"),
                name="rendered_document_only_finished_lists_published",
            ),
            # The same content is rendered once: asking again reuses the record.
            models.UniqueConstraint(
                fields=["note", "content_sha256"],
                condition=Q(kind="note"),
                name="one_render_per_note_content",
            ),
            models.UniqueConstraint(
                fields=["meeting", "content_sha256"],
                condition=Q(kind="participant_list"),
                name="one_render_per_participant_list_content",
            ),
            models.UniqueConstraint(
                fields=["meeting", "content_sha256"],
                condition=Q(kind="badge_sheet"),
                name="one_render_per_badge_sheet_content",
            ),
            models.UniqueConstraint(
                fields=["visa_request", "content_sha256"],
                condition=Q(kind="visa_letter"),
                name="one_render_per_visa_letter_content",
            ),
        ]
        # The latest finished render of a note (selectors.LATEST_FIRST).
        indexes = [
            models.Index(fields=["note", "status", "-requested_at"]),
            models.Index(
                fields=["note", "language", "status", "-requested_at"],
                name="reports_ren_note_language_idx",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_stale(self) -> bool:
        """Queued and never handed to the workers, or handed to them too long ago."""
        if self.status != self.Status.QUEUED:
            return False
        if self.sent_at is None:
            return True
        return self.sent_at < timezone.now() - datetime.timedelta(
            seconds=settings.RENDER_STALE_AFTER_SECONDS
        )

    def get_download_url(self):
        return reverse("reports:download", args=[self.pk, self.file_name])


class VisaLetter(models.Model):
    """The record of a visa support letter issued: who approved it, when, which PDF.

    The PDF holds passport details, so it goes when the request's passport details are
    erased (`visa_letter_files_erase`); this row stays, with the PDF's SHA-256, as the
    record of what was issued.
    """

    visa_request = models.OneToOneField(
        "participants.VisaRequest",
        on_delete=models.PROTECT,
        related_name="letter",
        verbose_name=_("visa support request"),
    )
    document = models.OneToOneField(
        RenderedDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visa_letter",
        verbose_name=_("PDF"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = acting_user_field(_("approved by"))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        blank=True,
        help_text=_("The issued PDF's checksum, kept when the PDF itself is deleted."),
    )
    file_erased_at = models.DateTimeField(_("PDF deleted at"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("visa support letter")
        verbose_name_plural = _("visa support letters")
        constraints = [
            models.CheckConstraint(
                condition=Q(file_erased_at__isnull=True) | Q(document__isnull=True),
                name="erased_visa_letter_keeps_no_pdf",
            ),
        ]

    def __str__(self):
        return f"{self.visa_request} ({self.issued_at:%Y-%m-%d})"

    @property
    def checksum(self) -> str:
        """The PDF's SHA-256: the stored render's while it exists, then the kept copy."""
        if self.document is not None and self.document.sha256:
            return self.document.sha256
        return self.sha256
