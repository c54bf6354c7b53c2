import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import focal_point_state

from ..models import Meeting, Suggestion

if TYPE_CHECKING:
    from accounts.models import User

SPEAKER_FIELDS = ("speaker_name", "speaker_function", "speaker_organization", "speaker_reason")
CASE_STUDY_FIELDS = ("case_title", "case_place", "case_summary")

# Where a review may take a suggestion; "used" is where it ends.
REVIEW_TRANSITIONS = {
    Suggestion.Status.SUBMITTED: {Suggestion.Status.ACCEPTED, Suggestion.Status.DECLINED},
    Suggestion.Status.ACCEPTED: {Suggestion.Status.USED, Suggestion.Status.DECLINED},
    Suggestion.Status.DECLINED: {Suggestion.Status.ACCEPTED},
    Suggestion.Status.USED: set(),
}


def meeting_accepts_suggestions(meeting: Meeting, *, today: datetime.date) -> bool:
    """Upcoming: not held, not cancelled, and not started yet."""
    return meeting.accepts_suggestions(today=today)


@transaction.atomic
def suggestion_submit(
    *,
    meeting: Meeting,
    member_state,
    by: "User | None",
    kind: str,
    now: datetime.datetime | None = None,
    **fields: str,
) -> Suggestion:
    """A focal point's suggestion of a speaker or a case study for an upcoming meeting.

    `now` is the moment of submission (the demo records one made in 2010).
    """
    now = now or timezone.now()
    if not meeting_accepts_suggestions(meeting, today=timezone.localdate(now)):
        raise ValidationError(
            _("Suggestions are taken for upcoming meetings only; this one is not upcoming.")
        )
    allowed = SPEAKER_FIELDS if kind == Suggestion.Kind.SPEAKER else CASE_STUDY_FIELDS
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Fields {sorted(unknown)} do not belong to a {kind} suggestion")
    suggestion = Suggestion(
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
def suggestion_review(
    *, suggestion: Suggestion, by: "User | None", status: str, note: str = ""
) -> Suggestion:
    """Accepts, declines or marks as used, with a note the suggesting state reads."""
    current = (
        Suggestion.objects.select_for_update()
        .values_list("status", flat=True)
        .get(pk=suggestion.pk)
    )
    if status not in Suggestion.Status.values:
        raise ValidationError(_("Choose accept, decline or mark as used."))
    if status not in REVIEW_TRANSITIONS[current]:
        raise ValidationError(
            _("A suggestion that is “%(current)s” cannot become “%(status)s”.")
            % {
                "current": Suggestion.Status(current).label,
                "status": Suggestion.Status(status).label,
            }
        )
    suggestion.status = status
    suggestion.review_note = note.strip()
    suggestion.reviewed_at = timezone.now()
    suggestion.reviewed_by = by
    suggestion.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    return suggestion


def suggestion_withdrawal_check(*, suggestion: Suggestion, by: "User") -> None:
    """Raises ValidationError unless `by` may withdraw it: their state's, not yet reviewed."""
    state = focal_point_state(by)
    if state is None or state.pk != suggestion.member_state_id:
        raise ValidationError(_("Only a focal point of the suggesting state can withdraw it."))
    if suggestion.status != Suggestion.Status.SUBMITTED:
        raise ValidationError(
            _("The Administration has reviewed this suggestion: it can no longer be withdrawn.")
        )


@transaction.atomic
def suggestion_withdraw(*, suggestion_id: int, by: "User") -> Suggestion:
    """Takes back a suggestion sent by mistake; nobody has acted on it, so it is deleted.

    Raises Suggestion.DoesNotExist for an unknown one. The row lock orders it
    with a simultaneous review: whichever comes second sees the other's result.
    """
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
    suggestion_withdrawal_check(suggestion=suggestion, by=by)
    suggestion.delete()
    return suggestion
