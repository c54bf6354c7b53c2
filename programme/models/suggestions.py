from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field
from workshops.models import Meeting


class SpeakerSuggestion(models.Model):
    """A member state's suggestion of a speaker or a case study for an upcoming meeting."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        CASE_STUDY = "case_study", _("Case study")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        USED = "used", _("Used")

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="speaker_suggestions",
        verbose_name=_("meeting"),
    )
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        related_name="speaker_suggestions",
        verbose_name=_("member state"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    speaker_name = models.CharField(_("name"), max_length=255, blank=True)
    speaker_function = models.CharField(_("function"), max_length=255, blank=True)
    speaker_organization = models.CharField(_("organization"), max_length=255, blank=True)
    speaker_reason = models.TextField(_("why this speaker"), blank=True)
    case_title = models.CharField(_("title"), max_length=255, blank=True)
    case_place = models.CharField(_("country or region"), max_length=255, blank=True)
    case_summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    review_note = models.TextField(
        _("note to the member state"),
        blank=True,
        help_text=_("The suggesting state sees this note."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    submitted_by = acting_user_field(_("submitted by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = acting_user_field(_("reviewed by"))

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        db_table = "workshops_suggestion"
        verbose_name = _("speaker or case-study suggestion")
        verbose_name_plural = _("speaker and case-study suggestions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="speaker")
                    & ~Q(speaker_name="")
                    & ~Q(speaker_reason="")
                    & Q(case_title="", case_place="", case_summary="")
                )
                | (
                    Q(kind="case_study")
                    & ~Q(case_title="")
                    & ~Q(case_summary="")
                    & Q(
                        speaker_name="",
                        speaker_function="",
                        speaker_organization="",
                        speaker_reason="",
                    )
                ),
                name="suggestion_fields_match_its_kind",
                violation_error_message=_(
                    "A speaker has a name and a reason; a case study has a title and a summary."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="submitted") | Q(reviewed_at__isnull=False),
                name="reviewed_suggestion_has_a_review_time",
            ),
        ]
        indexes = [models.Index(fields=["member_state", "-submitted_at"])]

    def __str__(self):
        return self.headline

    @property
    def headline(self) -> str:
        return self.speaker_name if self.kind == self.Kind.SPEAKER else self.case_title
