import uuid
from pathlib import PurePosixPath

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field

from .years import Meeting


class DocumentLanguage(models.TextChoices):
    """The organization's three official languages."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class MeetingDocument(models.Model):
    """A document of a meeting; its file lives in its versions, the newest being current."""

    class Kind(models.TextChoices):
        BACKGROUND_PAPER = "background_paper", _("Background paper")
        PRESENTATION = "presentation", _("Presentation")
        FINAL_AGENDA = "final_agenda", _("Final agenda")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        STAFF = "staff", _("Secretariat only")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="documents", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=DocumentLanguage.choices,
        default=DocumentLanguage.ENGLISH,
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.STAFF
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = acting_user_field(_("created by"))

    class Meta:
        ordering = ["kind", "title", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def current_version(self) -> "MeetingDocumentVersion | None":
        # versions are ordered newest first; a prefetched list is read without a query.
        versions = list(self.versions.all())
        return versions[0] if versions else None


def document_version_path(instance: "MeetingDocumentVersion", filename: str) -> str:
    # A random name: the original name may carry personal data or clash with another file.
    suffix = PurePosixPath(filename).suffix.lower()
    return f"meetings/{instance.document.meeting_id}/documents/{uuid.uuid4().hex}{suffix}"


class MeetingDocumentVersion(models.Model):
    """One uploaded file of a document; a new upload adds a version and keeps the old ones."""

    document = models.ForeignKey(
        MeetingDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=document_version_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=128)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = acting_user_field(_("uploaded by"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="one_document_version_per_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="version_numbers_start_at_1"),
        ]

    def __str__(self):
        return f"{self.document} (v{self.number})"

    @property
    def extension(self) -> str:
        return PurePosixPath(self.file.name).suffix.lower()
