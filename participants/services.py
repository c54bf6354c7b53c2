"""Writes of the participants app: registrations, their history, delegation proposals.

Every change of a registration records who made it and when in its history
(`RegistrationChange`); nothing here deletes a registration.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from .badges import BadgeTokenInvalid, badge_token_read
from .matching import AMBIGUOUS, name_key, organization_keys
from .models import (
    Category,
    DelegationProposal,
    MemberState,
    Organization,
    Participant,
    Registration,
    RegistrationChange,
)
from .notices import delegation_proposal_notice_send, registration_notice_send
from .proposal_checks import proposal_check
from .waiting_list import place_freed, settings_lock

# The registration fields a change may touch, as stored (ids for foreign keys).
REGISTRATION_FIELDS = ("category", "member_state_id", "organization_id", "role", "status")
PERSON_FIELDS = ("honorific", "first_name", "last_name", "email", "job_title")


@dataclass(frozen=True)
class PersonDetails:
    first_name: str
    last_name: str
    email: str = ""
    honorific: str = ""
    job_title: str = ""


class AlreadyRegistered(ValidationError):
    """The person already has a registration for the meeting; it is attached."""

    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(
            _("%(name)s is already registered for this meeting.")
            % {"name": registration.participant.full_name},
            code="already_registered",
        )


def organization_get_or_create(*, name: str, kind: str, acronym: str = "") -> Organization:
    """An organization of the register written this way (its name, acronym, or both as
    displayed, case and accents ignored, as imports find them), else a new one."""
    name = " ".join(name.split())
    found = organization_keys(Organization.objects.values_list("pk", "name", "acronym")).get(
        name_key(name)
    )
    if found is AMBIGUOUS:
        raise ValidationError(
            {
                "new_organization": _(
                    "“%(value)s” is the acronym of several organizations; write the full name."
                )
                % {"value": name}
            }
        )
    if found is not None:
        return Organization.objects.get(pk=found)
    return Organization.objects.create(name=name, kind=kind, acronym=acronym.strip())


def member_state_get_or_create(*, country: str, status: str) -> MemberState:
    """A state of the register by its ISO 3166 code, named as django-countries names it.

    An existing state keeps its status: becoming a member is a decision recorded elsewhere.
    """
    state, _created = MemberState.objects.get_or_create(
        country=country, defaults={"name": countries.name(country), "status": status}
    )
    return state


def _affiliated_organization(
    organization: Organization | None, new_organization: str, category: str
) -> Organization | None:
    """The organization picked, or the one named by `new_organization` (created if new)."""
    if new_organization.strip() and category != Category.GOVERNMENT:
        return organization_get_or_create(name=new_organization, kind=category)
    return organization


def _record(registration, action, changes, by) -> RegistrationChange:
    return RegistrationChange.objects.create(
        registration=registration, action=action, changes=changes, changed_by=by
    )


def _person_create_or_refresh(person: PersonDetails, participant: Participant | None):
    """The chosen person, with a newer honorific/job title if one was typed; else a new one."""
    if participant is None:
        if person.email and Participant.objects.filter(email__iexact=person.email).exists():
            raise ValidationError(
                {"email": _("A person with this email is already in the register.")}
            )
        return Participant.objects.create(
            **{field: getattr(person, field) for field in PERSON_FIELDS}
        )
    refreshed = [
        field
        for field in ("honorific", "job_title")
        if getattr(person, field) and getattr(person, field) != getattr(participant, field)
    ]
    for field in refreshed:
        setattr(participant, field, getattr(person, field))
    if refreshed:
        participant.save(update_fields=[*refreshed, "updated_at"])
    return participant


@transaction.atomic
def registration_create(
    *,
    meeting,
    person: PersonDetails,
    participant: Participant | None,
    category: str,
    member_state: MemberState | None,
    organization: Organization | None,
    role: str,
    status: str = Registration.Status.REGISTERED,
    new_organization: str = "",
    by=None,
) -> Registration:
    """Registers a person (an existing one, or a new one) for a meeting.

    `new_organization`, a name, stands for `organization`: the organization of the
    register with that name, else a new one, created only if the registration is.
    Raises AlreadyRegistered when that person is registered for the meeting already.
    """
    if participant is not None:
        existing = (
            Registration.objects.select_related("participant")
            .filter(meeting=meeting, participant=participant)
            .first()
        )
        if existing is not None:
            raise AlreadyRegistered(existing)
    participant = _person_create_or_refresh(person, participant)
    organization = _affiliated_organization(organization, new_organization, category)
    registration = Registration(
        meeting=meeting,
        participant=participant,
        category=category,
        member_state=member_state if category == Category.GOVERNMENT else None,
        organization=organization if category != Category.GOVERNMENT else None,
        role=role,
        status=status,
        created_by=by,
        updated_by=by,
    )
    registration.full_clean(exclude=["meeting", "participant"], validate_unique=False)
    registration.save()
    change = _record(
        registration,
        RegistrationChange.Action.CREATED,
        {field: [None, getattr(registration, field)] for field in REGISTRATION_FIELDS},
        by,
    )
    registration_notice_send(registration=registration, event=str(change.pk))
    return registration


@transaction.atomic
def registration_update(
    *,
    registration: Registration,
    person: PersonDetails,
    category: str,
    member_state: MemberState | None,
    organization: Organization | None,
    role: str,
    status: str,
    new_organization: str = "",
    by=None,
) -> Registration:
    """Edits a registration and its person; records the fields that changed.

    `new_organization` is as for `registration_create`: created only if the edit is saved.
    """
    # The places first, then the row: the order every writer of places locks in.
    places = (
        settings_lock(meeting_id=registration.meeting_id)
        if status not in Registration.PLACE_STATUSES
        else None
    )
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    old_status = registration.status
    participant = Participant.objects.select_for_update().get(pk=registration.participant_id)
    # Rolled back with the rest if the edit is refused below.
    organization = _affiliated_organization(organization, new_organization, category)
    wanted = {
        "category": category,
        "member_state_id": member_state.pk if member_state and category == "government" else None,
        "organization_id": (
            organization.pk if organization and category != Category.GOVERNMENT else None
        ),
        "role": role,
        "status": status,
    }
    changes = {
        field: [getattr(registration, field), value]
        for field, value in wanted.items()
        if getattr(registration, field) != value
    }
    person_changes = {
        field: [getattr(participant, field), getattr(person, field)]
        for field in PERSON_FIELDS
        if getattr(participant, field) != getattr(person, field)
    }
    if person_changes:
        if (
            "email" in person_changes
            and person.email
            and Participant.objects.filter(email__iexact=person.email)
            .exclude(pk=participant.pk)
            .exists()
        ):
            raise ValidationError({"email": _("Another person in the register has this email.")})
        for field, (_old, new) in person_changes.items():
            setattr(participant, field, new)
        participant.save(update_fields=[*person_changes, "updated_at"])
    if changes:
        for field, (_old, new) in changes.items():
            setattr(registration, field, new)
        registration.updated_by = by
        registration.full_clean(exclude=["meeting", "participant"], validate_unique=False)
        registration.save(update_fields=[*changes, "updated_by", "updated_at"])
    all_changes = {**changes, **{f"participant.{k}": v for k, v in person_changes.items()}}
    if all_changes:
        action = (
            RegistrationChange.Action.STATUS_CHANGED
            if set(all_changes) == {"status"}
            else RegistrationChange.Action.UPDATED
        )
        change = _record(registration, action, all_changes, by)
        if "status" in changes:
            registration_notice_send(registration=registration, event=str(change.pk))
            place_freed(settings=places, old=old_status, new=status, by=by)
    return registration


STATUS_ACTIONS = {
    Registration.Status.ATTENDED: RegistrationChange.Action.CHECKED_IN,
    Registration.Status.WITHDRAWN: RegistrationChange.Action.WITHDRAWN,
}


@transaction.atomic
def registration_status_set(*, registration: Registration, status: str, by=None) -> bool:
    """Sets a registration's status; returns False if it already had it (nothing recorded).

    The row is locked first, so two check-in desks marking the same person
    record one check-in, not two.
    """
    if status not in Registration.Status.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    # The places first, then the row: the order every writer of places locks in.
    places = (
        settings_lock(meeting_id=registration.meeting_id)
        if status not in Registration.PLACE_STATUSES
        else None
    )
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == status:
        return False
    old = locked.status
    locked.status = status
    locked.updated_by = by
    locked.save(update_fields=["status", "updated_by", "updated_at"])
    registration.status = status
    action = STATUS_ACTIONS.get(status, RegistrationChange.Action.STATUS_CHANGED)
    change = _record(locked, action, {"status": [old, status]}, by)
    registration_notice_send(registration=locked, event=str(change.pk))
    place_freed(settings=places, old=old, new=status, by=by)
    return True


@transaction.atomic
def registration_role_set(*, registration: Registration, role: str, by=None) -> bool:
    """Sets a registration's role (as an agenda gives it); returns False if unchanged."""
    if role not in Registration.Role.values:
        raise ValidationError(_("Unknown role: %(role)s.") % {"role": role})
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.role == role:
        return False
    old = locked.role
    locked.role = role
    locked.updated_by = by
    locked.save(update_fields=["role", "updated_by", "updated_at"])
    registration.role = role
    _record(locked, RegistrationChange.Action.UPDATED, {"role": [old, role]}, by)
    return True


@transaction.atomic
def registration_check_in(*, registration: Registration, by=None) -> bool:
    """Marks a person as arrived; returns False if they were checked in already.

    A withdrawn person, or one not yet a participant (address unconfirmed, awaiting
    approval, waiting, declined), is not checked in: ValidationError. The row is locked
    first, so a withdrawal at the same moment is seen.
    """
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=registration.pk)
    )
    if locked.status == Registration.Status.WITHDRAWN:
        raise ValidationError(
            _("%(name)s has withdrawn.") % {"name": locked.participant.full_name},
            code="withdrawn",
        )
    if locked.status in Registration.NOT_PARTICIPANT_STATUSES:
        raise ValidationError(
            _("%(name)s is not a participant of this meeting (%(status)s).")
            % {"name": locked.participant.full_name, "status": locked.get_status_display()},
            code="not_a_participant",
        )
    return registration_status_set(
        registration=registration, status=Registration.Status.ATTENDED, by=by
    )


@dataclass(frozen=True)
class BadgeScan:
    """What the desk says of a scanned badge: `outcome` is one of SCAN_OUTCOMES."""

    outcome: str
    registration: Registration | None = None
    # The badge's own meeting, when it is another one.
    other_meeting: object = None


SCAN_OUTCOMES = ("checked_in", "already", "withdrawn", "other_meeting", "unknown")


def registration_check_in_by_token(*, meeting, token: str, by=None) -> BadgeScan:
    """Checks in the person whose badge token was scanned at `meeting`'s desk.

    A forged or unknown token, another meeting's badge and a withdrawn person are
    told apart, and nothing is written for them.
    """
    try:
        read = badge_token_read(token)
    except BadgeTokenInvalid:
        return BadgeScan("unknown")
    registration = (
        Registration.objects.select_related(
            "participant", "member_state", "organization", "meeting"
        )
        .filter(pk=read.registration_id, meeting_id=read.meeting_id)
        .first()
    )
    if registration is None:
        return BadgeScan("unknown")
    if registration.meeting_id != meeting.pk:
        return BadgeScan("other_meeting", registration, other_meeting=registration.meeting)
    try:
        checked_in = registration_check_in(registration=registration, by=by)
    except ValidationError:
        return BadgeScan("withdrawn", registration)
    return BadgeScan("checked_in" if checked_in else "already", registration)


@transaction.atomic
def registration_check_in_undo(*, registration: Registration, by=None) -> bool:
    """Puts a checked-in person back to confirmed (a mistaken check-in); returns False
    if they were not checked in. Recorded in the history; nobody is e-mailed."""
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status != Registration.Status.ATTENDED:
        return False
    locked.status = Registration.Status.CONFIRMED
    locked.updated_by = by
    locked.save(update_fields=["status", "updated_by", "updated_at"])
    registration.status = locked.status
    _record(
        locked,
        RegistrationChange.Action.CHECK_IN_UNDONE,
        {"status": [Registration.Status.ATTENDED, Registration.Status.CONFIRMED]},
        by,
    )
    return True


def registration_withdraw(*, registration: Registration, by=None) -> bool:
    return registration_status_set(
        registration=registration, status=Registration.Status.WITHDRAWN, by=by
    )


# Delegation self-service -------------------------------------------------------------


def _ensure_meeting_open(meeting) -> None:
    if not meeting.is_open:
        raise ValidationError(
            _("This meeting is %(status)s: its delegations can no longer change.")
            % {"status": meeting.get_status_display().lower()}
        )


@transaction.atomic
def delegation_proposal_create(
    *, meeting, member_state: MemberState, person: PersonDetails, role: str, by
) -> DelegationProposal:
    """A focal point proposes a person for their state's delegation to a meeting.

    The answer is the same whatever the register knows of the email: whether it
    belongs to someone of another state or organization, or is proposed by another
    state, is for the secretariat to see (`proposal_checks`), never for the focal
    point. Only what the state sees anyway is refused: a person already in its
    delegation, or its own proposal still awaiting the secretariat.
    """
    _ensure_meeting_open(meeting)
    if Registration.objects.filter(
        meeting=meeting, member_state=member_state, participant__email__iexact=person.email
    ).exists():
        raise ValidationError(
            {"email": _("A person with this email is already in your delegation.")}
        )
    if DelegationProposal.objects.filter(
        meeting=meeting,
        member_state=member_state,
        email__iexact=person.email,
        state=DelegationProposal.State.PENDING,
    ).exists():
        raise ValidationError(
            {"email": _("A proposal for this person is already awaiting the secretariat.")}
        )
    return DelegationProposal.objects.create(
        meeting=meeting,
        member_state=member_state,
        role=role,
        proposed_by=by,
        **{field: getattr(person, field) for field in PERSON_FIELDS},
    )


def _lock_pending(proposal: DelegationProposal) -> DelegationProposal:
    locked = (
        DelegationProposal.objects.select_for_update()
        .select_related("meeting", "member_state")
        .get(pk=proposal.pk)
    )
    if locked.state != DelegationProposal.State.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    return locked


class ProposalMismatch(ValidationError):
    """The proposal does not describe the person of the register with its email."""


@transaction.atomic
def delegation_proposal_approve(
    *, proposal: DelegationProposal, by, register_person_as_is: bool = False
) -> Registration:
    """Registers the proposed person as a government delegate of the proposing state.

    A new email makes a new person of the proposal's details. An email of the
    register registers that person, whose details the proposal never changes; if
    the register knows them under another name or for another state or an
    organization, ProposalMismatch is raised unless the secretariat chose
    `register_person_as_is` after reading the differences.
    """
    proposal = _lock_pending(proposal)
    check = proposal_check(proposal)
    if check.registered_here is not None:
        raise AlreadyRegistered(check.registered_here)
    if check.mismatch and not register_person_as_is:
        raise ProposalMismatch(
            [
                *check.messages(),
                _(
                    "Ask the focal point, then decline the proposal or register the person "
                    "as the register has them."
                ),
            ],
            code="proposal_mismatch",
        )
    if check.person is None:
        participant = Participant.objects.create(
            **{field: getattr(proposal, field) for field in PERSON_FIELDS}
        )
    else:
        participant = check.person
    registration = registration_create(
        meeting=proposal.meeting,
        person=PersonDetails(first_name=participant.first_name, last_name=participant.last_name),
        participant=participant,
        category=Category.GOVERNMENT,
        member_state=proposal.member_state,
        organization=None,
        role=proposal.role,
        by=by,
    )
    proposal.state = DelegationProposal.State.APPROVED
    proposal.registration = registration
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "registration", "decided_by", "decided_at"])
    delegation_proposal_notice_send(proposal=proposal)
    return registration


@transaction.atomic
def delegation_proposal_decline(
    *, proposal: DelegationProposal, reason: str, by
) -> DelegationProposal:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the proposal is declined.")})
    proposal = _lock_pending(proposal)
    proposal.state = DelegationProposal.State.DECLINED
    proposal.reason = reason.strip()
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["state", "reason", "decided_by", "decided_at"])
    delegation_proposal_notice_send(proposal=proposal)
    return proposal
