"""The e-mails the participants app sends, through the notifications outbox.

A registration's person hears of it at their own address; a delegation
proposal's decision goes to the proposing state's focal points. Nothing is
sent for a meeting already held or cancelled (its records are history), and
no message names anyone but the recipient and the person it is about.
"""

import dataclasses

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

from .models import (
    DelegationProposal,
    Registration,
    RegistrationSettings,
    SelfRegistration,
    VisaRequest,
)

REGISTRATION_KINDS = {
    Registration.Status.REGISTERED: Kind.REGISTRATION_RECEIVED,
    Registration.Status.CONFIRMED: Kind.REGISTRATION_CONFIRMED,
    Registration.Status.WITHDRAWN: Kind.REGISTRATION_WITHDRAWN,
    Registration.Status.PENDING: Kind.REGISTRATION_PENDING,
    Registration.Status.WAITLISTED: Kind.REGISTRATION_WAITLISTED,
    Registration.Status.DECLINED: Kind.REGISTRATION_DECLINED,
}


def _meeting_line(meeting) -> str:
    where = f", {meeting.venue}" if meeting.venue else ""
    return f"{meeting.title} ({date_span(meeting.start_date, meeting.end_date)}{where})"


def _registrant(registration: Registration):
    """The person as a recipient, in the language they registered in if they used the form;
    with that form's record and the meeting's message to registrants."""
    participant = registration.participant
    recipient = recipient_for_address(participant.email, name=participant.full_name)
    own = SelfRegistration.objects.filter(registration=registration).first()
    if own is None:
        return recipient, None, ""
    message = (
        RegistrationSettings.objects.filter(meeting_id=registration.meeting_id)
        .values_list("message", flat=True)
        .first()
    )
    return dataclasses.replace(recipient, language=own.language), own, message or ""


def _status_text(registration: Registration, own, promoted: bool) -> tuple[str, list[str]]:
    meeting = registration.meeting
    values = {"meeting": meeting.title}
    line = {"meeting": _meeting_line(meeting)}
    status = registration.status
    paragraphs = []
    if promoted:
        paragraphs.append(
            _("A place has become free at %(meeting)s: you are no longer on the waiting list.")
            % line
        )
    if status == Registration.Status.REGISTERED:
        subject = _("Registration received: %(meeting)s") % values
        paragraphs.append(
            _(
                "Your registration for %(meeting)s has been received. The secretariat "
                "will confirm it."
            )
            % line
        )
    elif status == Registration.Status.CONFIRMED:
        subject = _("Registration confirmed: %(meeting)s") % values
        paragraphs.append(_("Your registration for %(meeting)s is confirmed.") % line)
    elif status == Registration.Status.PENDING:
        subject = _("Registration awaiting approval: %(meeting)s") % values
        paragraphs.append(
            _(
                "Thank you for confirming your address. Your registration for %(meeting)s "
                "now awaits the secretariat's approval; you will hear from us."
            )
            % line
        )
    elif status == Registration.Status.WAITLISTED:
        subject = _("On the waiting list: %(meeting)s") % values
        paragraphs.append(
            _(
                "Thank you for confirming your address. %(meeting)s is full: you are on "
                "its waiting list, and you will hear from us as soon as a place becomes free."
            )
            % line
        )
    elif status == Registration.Status.DECLINED:
        subject = _("Registration declined: %(meeting)s") % values
        paragraphs.append(
            _("The secretariat could not accept your registration for %(meeting)s.") % line
        )
        if own is not None and own.reason:
            paragraphs.append(_("Reason: %(reason)s") % {"reason": own.reason})
    else:
        subject = _("Registration withdrawn: %(meeting)s") % values
        paragraphs.append(
            _(
                "Your registration for %(meeting)s has been withdrawn. If this is a "
                "mistake, please contact the secretariat."
            )
            % line
        )
    return subject, paragraphs


def registration_notice_send(
    *, registration: Registration, event: str, promoted: bool = False
) -> None:
    """Tells the person where their registration stands: received, confirmed, awaiting
    approval, on the waiting list (or `promoted` from it), declined or withdrawn.

    `event` names the change (a history entry's id), so that a change is mailed once.
    """
    kind = REGISTRATION_KINDS.get(registration.status)
    participant = registration.participant
    meeting = registration.meeting
    if kind is None or not participant.email or not meeting.is_open:
        return
    recipient, own, message = _registrant(registration)

    def compose(recipient) -> Email:
        subject, paragraphs = _status_text(registration, own, promoted)
        if message:
            paragraphs.append(message)
        return Email(
            subject=subject,
            paragraphs=tuple(paragraphs),
            action_url=absolute_url(meeting.get_absolute_url()),
            action_label=_("The meeting's page"),
        )

    notification_send(
        kind=kind,
        recipients=[recipient],
        compose=compose,
        key=f"registration:{registration.pk}:{event}",
    )


def registration_address_notice_send(*, registration: Registration, link: str, event: str):
    """Sends a registrant the link that confirms their address (and so their registration)."""
    participant = registration.participant
    meeting = registration.meeting
    recipient, _own, message = _registrant(registration)

    def compose(recipient) -> Email:
        paragraphs = [
            _(
                "We received your registration for %(meeting)s. Please confirm your "
                "e-mail address with the link below: until then, your registration does "
                "not count."
            )
            % {"meeting": _meeting_line(meeting)},
            _("If you did not register, ignore this message: nothing more will be sent to you."),
        ]
        if message:
            paragraphs.append(message)
        return Email(
            subject=_("Confirm your registration: %(meeting)s") % {"meeting": meeting.title},
            paragraphs=tuple(paragraphs),
            action_url=link,
            action_label=_("Confirm my address"),
        )

    notification_send(
        kind=Kind.REGISTRATION_ADDRESS,
        recipients=[dataclasses.replace(recipient, name=participant.full_name)],
        compose=compose,
        key=f"registration-address:{registration.pk}:{event}",
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
