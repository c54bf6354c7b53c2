import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import focal_point_state
from workshops.models import Meeting

from ..models import SpeakerSuggestion
from ..notices import speaker_suggestion_notice_send

if TYPE_CHECKING:
    from accounts.models import User

SPEAKER_FIELDS = ("speaker_name", "speaker_function", "speaker_organization", "speaker_reason")
CASE_STUDY_FIELDS = ("case_title", "case_place", "case_summary")

# Where a review may take a suggestion; "used" is where it ends.
REVIEW_TRANSITIONS = {
    SpeakerSuggestion.Status.SUBMITTED: {
        SpeakerSuggestion.Status.ACCEPTED,
        SpeakerSuggestion.Status.DECLINED,
    },
    SpeakerSuggestion.Status.ACCEPTED: {
        SpeakerSuggestion.Status.USED,
        SpeakerSuggestion.Status.DECLINED,
    },
    SpeakerSuggestion.Status.DECLINED: {SpeakerSuggestion.Status.ACCEPTED},
    SpeakerSuggestion.Status.USED: set(),
}


@transaction.atomic
def speaker_suggestion_submit(
    *,
    meeting: Meeting,
    member_state,
    by: "User | None",
    kind: str,
    now: datetime.datetime | None = None,
    **fields: str,
) -> SpeakerSuggestion:
    """A focal point's suggestion of a speaker or a case study for an upcoming meeting.

    `now` is the moment of submission (the demo records one made in 2010).
    """
    now = now or timezone.now()
    if not meeting.accepts_suggestions(today=timezone.localdate(now)):
        raise ValidationError(
            _("Suggestions are taken for upcoming meetings only; this one is not upcoming.")
        )
    allowed = SPEAKER_FIELDS if kind == SpeakerSuggestion.Kind.SPEAKER else CASE_STUDY_FIELDS
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Fields {sorted(unknown)} do not belong to a {kind} suggestion")
    suggestion = SpeakerSuggestion(
        meeting=meeting,
        member_state=member_state,
        submitted_by=by,
        submitted_at=now,
        kind=kind,
        **{name: value.strip() for name, value in fields.items()},
    )
    suggestion.full_clean()
    suggestion.save()
    return suggestion


@transaction.atomic
def speaker_suggestion_review(
    *, suggestion: SpeakerSuggestion, by: "User | None", status: str, note: str = ""
) -> SpeakerSuggestion:
    """Accepts, declines or marks as used, with a note the suggesting state reads."""
    current = (
        SpeakerSuggestion.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=suggestion.pk)
    )
    if status not in SpeakerSuggestion.Status.values:
        raise ValidationError(_("Choose accept, decline or mark as used."))
    if status not in REVIEW_TRANSITIONS[current]:
        raise ValidationError(
            _("A suggestion that is “%(current)s” cannot become “%(status)s”.")
            % {
                "current": SpeakerSuggestion.Status(current).label,
                "status": SpeakerSuggestion.Status(status).label,
            }
        )
    suggestion.status = status
    suggestion.review_note = note.strip()
    suggestion.reviewed_at = timezone.now()
    suggestion.reviewed_by = by
    suggestion.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    speaker_suggestion_notice_send(suggestion=suggestion)
    return suggestion


def speaker_suggestion_withdrawal_check(*, suggestion: SpeakerSuggestion, by: "User") -> None:
    """Raises ValidationError unless `by` may withdraw it: their state's, not yet reviewed."""
    state = focal_point_state(by)
    if state is None or state.pk != suggestion.member_state_id:
        raise ValidationError(_("Only a focal point of the suggesting state can withdraw it."))
    if suggestion.status != SpeakerSuggestion.Status.SUBMITTED:
        raise ValidationError(
            _("The Administration has reviewed this suggestion: it can no longer be withdrawn.")
        )


@transaction.atomic
def speaker_suggestion_withdraw(*, suggestion_id: int, by: "User") -> SpeakerSuggestion:
    """Takes back a suggestion sent by mistake; nobody has acted on it, so it is deleted.

    Raises SpeakerSuggestion.DoesNotExist for an unknown one. The row lock orders it
    with a simultaneous review: whichever comes second sees the other's result.
    """
    suggestion = SpeakerSuggestion.objects.select_for_update().get(pk=suggestion_id)
    speaker_suggestion_withdrawal_check(suggestion=suggestion, by=by)
    suggestion.delete()
    return suggestion
