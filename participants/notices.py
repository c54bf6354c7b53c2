"""The e-mails the participants app sends, through the notifications outbox.

A registration's person hears of it at their own address; a delegation
proposal's decision goes to the proposing state's focal points. Nothing is
sent for a meeting already held or cancelled (its records are history), and
no message names anyone but the recipient and the person it is about.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.messages import (
    Email,
    absolute_url,
    date_span,
    focal_point_recipients,
    recipient_for_address,
)
from notifications.models import Kind
from notifications.services import notification_send

from .models import DelegationProposal, Registration, VisaRequest

REGISTRATION_KINDS = {
    Registration.Status.REGISTERED: Kind.REGISTRATION_RECEIVED,
    Registration.Status.CONFIRMED: Kind.REGISTRATION_CONFIRMED,
    Registration.Status.WITHDRAWN: Kind.REGISTRATION_WITHDRAWN,
}


def _meeting_line(meeting) -> str:
    where = f", {meeting.venue}" if meeting.venue else ""
    return f"{meeting.title} ({date_span(meeting.start_date, meeting.end_date)}{where})"


def registration_notice_send(*, registration: Registration, event: str) -> None:
    """Tells the person their registration was received, confirmed or withdrawn.

    `event` names the change (a history entry's id), so that a change is mailed once.
    """
    kind = REGISTRATION_KINDS.get(registration.status)
    participant = registration.participant
    meeting = registration.meeting
    if kind is None or not participant.email or not meeting.is_open:
        return

    def compose(recipient) -> Email:
        meeting_line = _meeting_line(meeting)
        if kind == Kind.REGISTRATION_RECEIVED:
            subject = _("Registration received: %(meeting)s") % {"meeting": meeting.title}
            text = _(
                "Your registration for %(meeting)s has been received. The secretariat "
                "will confirm it."
            ) % {"meeting": meeting_line}
        elif kind == Kind.REGISTRATION_CONFIRMED:
            subject = _("Registration confirmed: %(meeting)s") % {"meeting": meeting.title}
            text = _("Your registration for %(meeting)s is confirmed.") % {"meeting": meeting_line}
        else:
            subject = _("Registration withdrawn: %(meeting)s") % {"meeting": meeting.title}
            text = _(
                "Your registration for %(meeting)s has been withdrawn. If this is a "
                "mistake, please contact the secretariat."
            ) % {"meeting": meeting_line}
        return Email(
            subject=subject,
            paragraphs=(text,),
            action_url=absolute_url(meeting.get_absolute_url()),
            action_label=_("The meeting's page"),
        )

    notification_send(
        kind=kind,
        recipients=[recipient_for_address(participant.email, name=participant.full_name)],
        compose=compose,
        key=f"registration:{registration.pk}:{event}",
    )


def delegation_proposal_notice_send(*, proposal: DelegationProposal) -> None:
    """Tells the proposing state's focal points that the secretariat decided."""
    meeting = proposal.meeting

    def compose(recipient) -> Email:
        values = {"person": proposal.full_name, "meeting": _meeting_line(meeting)}
        if proposal.state == DelegationProposal.State.APPROVED:
            subject = _("Delegation proposal approved: %(person)s") % values
            paragraphs = (
                _(
                    "The secretariat approved your proposal: %(person)s is registered for "
                    "%(meeting)s."
                )
                % values,
            )
        else:
            subject = _("Delegation proposal declined: %(person)s") % values
            paragraphs = (
                _("The secretariat declined your proposal of %(person)s for %(meeting)s.") % values,
                _("Reason: %(reason)s") % {"reason": proposal.reason},
            )
        return Email(
            subject=subject,
            paragraphs=paragraphs,
            action_url=absolute_url(reverse("participants:delegation", args=[meeting.pk])),
            action_label=_("Your delegation"),
        )

    notification_send(
        kind=Kind.DELEGATION_PROPOSAL_DECIDED,
        recipients=focal_point_recipients(member_state_ids=[proposal.member_state_id]),
        compose=compose,
        key=f"delegation-proposal:{proposal.pk}",
    )


def credentials_notice_send(*, credentials, event: str) -> None:
    """Tells the state's focal points that their delegation's credentials were verified,
    or that the secretariat asks for a new document (with the reason).

    `event` names the history entry, so that a decision is mailed once.
    """
    meeting = credentials.meeting
    if not meeting.is_open:
        return
    new_requested = credentials.status == credentials.Status.NEW_REQUESTED

    def compose(recipient) -> Email:
        values = {
            "meeting": _meeting_line(meeting),
            "state": credentials.member_state.display_name,
        }
        if new_requested:
            subject = _("New credentials requested: %(meeting)s") % {"meeting": meeting.title}
            paragraphs = (
                _(
                    "The secretariat asks for a new note verbale or credentials letter for "
                    "the delegation of %(state)s to %(meeting)s."
                )
                % values,
                _("Reason: %(reason)s") % {"reason": credentials.reason},
            )
        else:
            subject = _("Credentials verified: %(meeting)s") % {"meeting": meeting.title}
            paragraphs = (
                _(
                    "The secretariat verified the credentials of the delegation of %(state)s "
                    "to %(meeting)s."
                )
                % values,
            )
        return Email(
            subject=subject,
            paragraphs=paragraphs,
            action_url=absolute_url(reverse("participants:delegation", args=[meeting.pk])),
            action_label=_("Your delegation"),
        )

    notification_send(
        kind=Kind.CREDENTIALS_REVIEWED,
        recipients=focal_point_recipients(member_state_ids=[credentials.member_state_id]),
        compose=compose,
        key=f"credentials:{credentials.pk}:{event}",
    )


def visa_request_declined_notice_send(*, visa_request: VisaRequest) -> None:
    """Tells the person the secretariat declined their visa support request, and why.

    (An approval is told by the reports app, with the link to the letter it renders.)
    """
    participant = visa_request.registration.participant
    meeting = visa_request.registration.meeting
    if not participant.email:
        return

    def compose(recipient) -> Email:
        return Email(
            subject=_("Visa support letter declined: %(meeting)s") % {"meeting": meeting.title},
            paragraphs=(
                _(
                    "The secretariat cannot issue a visa support letter for your participation "
                    "in %(meeting)s."
                )
                % {"meeting": _meeting_line(meeting)},
                _("Reason: %(reason)s") % {"reason": visa_request.reason},
            ),
            action_url=absolute_url(meeting.get_absolute_url()),
            action_label=_("The meeting's page"),
        )

    notification_send(
        kind=Kind.VISA_LETTER,
        recipients=[recipient_for_address(participant.email, name=participant.full_name)],
        compose=compose,
        key=f"visa-request:{visa_request.pk}:declined",
    )
