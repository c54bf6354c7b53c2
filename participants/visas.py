"""Visa support requests: the secretariat approves or declines them.

Approving only records the decision; the letter itself is a document of the reports
app above this one, which calls `visa_request_approve` and then renders the letter.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Registration, VisaRequest
from .notices import visa_request_declined_notice_send

# A letter is for someone coming: not for a withdrawn registration or one not yet confirmed.
LETTER_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


def visa_request_list(*, meeting) -> QuerySet[VisaRequest]:
    """The meeting's requests, newest first, with what the secretariat's page shows."""
    return (
        VisaRequest.objects.filter(registration__meeting=meeting)
        .select_related(
            "registration__participant",
            "registration__organization",
            "registration__member_state",
            "decided_by",
        )
        .order_by("-requested_at", "-pk")
    )


def visa_request_get(*, pk: int) -> VisaRequest:
    return VisaRequest.objects.select_related(
        "registration__participant",
        "registration__organization",
        "registration__member_state",
        "registration__meeting",
    ).get(pk=pk)


def _lock_undecided(visa_request: VisaRequest) -> VisaRequest:
    locked = (
        VisaRequest.objects.select_for_update(of=("self",))
        .select_related("registration__participant", "registration__meeting")
        .get(pk=visa_request.pk)
    )
    if locked.state != VisaRequest.State.REQUESTED:
        raise ValidationError(
            _("This request was already %(state)s.")
            % {"state": locked.get_state_display().lower()},
            code="decided",
        )
    if locked.is_erased:
        raise ValidationError(_("The passport details of this request were erased."))
    return locked


@transaction.atomic
def visa_request_approve(*, visa_request: VisaRequest, by) -> VisaRequest:
    """Records the approval; ValidationError if decided already, erased, or the person
    is not (or no longer) confirmed, or passport details are missing."""
    locked = _lock_undecided(visa_request)
    if locked.registration.status not in LETTER_STATUSES:
        raise ValidationError(
            _("Only a confirmed participant's request can be approved (%(name)s is %(status)s).")
            % {
                "name": locked.registration.participant.full_name,
                "status": locked.registration.get_status_display().lower(),
            },
            code="not_confirmed",
        )
    if not (locked.passport_name.strip() and locked.passport_number.strip()):
        raise ValidationError(
            _("The request lacks the name as in the passport or the passport number."),
            code="incomplete",
        )
    locked.state = VisaRequest.State.APPROVED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def visa_request_decline(*, visa_request: VisaRequest, reason: str, by) -> VisaRequest:
    """Records the refusal with its reason, which the person is sent by e-mail."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is declined.")})
    locked = _lock_undecided(visa_request)
    locked.state = VisaRequest.State.DECLINED
    locked.reason = reason.strip()
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["state", "reason", "decided_by", "decided_at"])
    visa_request_declined_notice_send(visa_request=locked)
    return locked
