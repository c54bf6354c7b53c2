"""What the register says about a proposed delegate, for the secretariat to decide on.

A focal point proposes a name and an email. The email may already belong to a
person of the register, under another name, or last registered for another
state or an organization: the proposal must not capture that person. Each
difference is shown on the proposal's review, and the approval service refuses
to register the person until the secretariat resolves it explicitly
(`delegation_proposal_approve(..., register_person_as_is=True)`), which
registers the person as the register has them, never with the proposal's values.
"""

from dataclasses import dataclass, field

from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from .matching import name_key
from .models import Category, DelegationProposal, Participant, Registration


@dataclass
class ProposalCheck:
    proposal: DelegationProposal
    person: Participant | None = None  # the person of the register with the email
    registered_here: Registration | None = None  # their registration for the meeting
    last_registration: Registration | None = None  # their latest, at any meeting
    other_proposals: list[DelegationProposal] = field(default_factory=list)

    @property
    def name_differs(self) -> bool:
        return self.person is not None and (
            name_key(self.person.first_name),
            name_key(self.person.last_name),
        ) != (name_key(self.proposal.first_name), name_key(self.proposal.last_name))

    @property
    def affiliation_differs(self) -> bool:
        last = self.last_registration
        return last is not None and not (
            last.category == Category.GOVERNMENT
            and last.member_state_id == self.proposal.member_state_id
        )

    @property
    def mismatch(self) -> bool:
        """The proposal does not describe the person of the register with its email."""
        return self.name_differs or self.affiliation_differs

    def messages(self) -> list[str]:
        found = []
        if self.name_differs:
            found.append(
                _("The register has this email for %(name)s, not for %(proposed)s.")
                % {
                    "name": self.person.full_name,
                    "proposed": f"{self.proposal.first_name} {self.proposal.last_name}",
                }
            )
        if self.affiliation_differs:
            last = self.last_registration
            found.append(
                _(
                    "The latest registration of %(name)s (%(meeting)s) is as %(affiliation)s, "
                    "not for %(state)s."
                )
                % {
                    "name": self.person.full_name,
                    "meeting": last.meeting.title,
                    "affiliation": affiliation_label(last),
                    "state": self.proposal.member_state.name,
                }
            )
        if self.registered_here is not None:
            found.append(
                _("%(name)s is already registered for this meeting, as %(affiliation)s.")
                % {
                    "name": self.person.full_name,
                    "affiliation": affiliation_label(self.registered_here),
                }
            )
        if self.other_proposals:
            found.append(
                _("Also proposed for this meeting by: %(states)s.")
                % {"states": ", ".join(p.member_state.name for p in self.other_proposals)}
            )
        return found


def affiliation_label(registration: Registration) -> str:
    if registration.member_state_id:
        return _("delegate of %(state)s") % {"state": registration.member_state.name}
    if registration.organization_id:
        return registration.organization.name
    return registration.get_category_display()


def proposal_checks(proposals) -> dict[int, ProposalCheck]:
    """proposal id → what the register says about it, in three queries for any number."""
    proposals = list(proposals)
    checks = {proposal.pk: ProposalCheck(proposal) for proposal in proposals}
    emails = {proposal.email.lower() for proposal in proposals}
    if not emails:
        return checks
    people = {
        person.email_lower: person
        for person in Participant.objects.annotate(email_lower=Lower("email")).filter(
            email_lower__in=emails
        )
    }
    registrations = (
        Registration.objects.filter(participant__in=people.values())
        .select_related("meeting", "member_state", "organization")
        .order_by("-meeting__start_date", "-id")
    )
    latest: dict[int, Registration] = {}
    by_meeting: dict[tuple[int, int], Registration] = {}
    for registration in registrations:
        latest.setdefault(registration.participant_id, registration)
        by_meeting[(registration.participant_id, registration.meeting_id)] = registration
    pending = (
        DelegationProposal.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails, state=DelegationProposal.State.PENDING)
        .select_related("member_state")
        .order_by("member_state__name")
    )
    pending_by_email: dict[tuple[str, int], list[DelegationProposal]] = {}
    for other in pending:
        pending_by_email.setdefault((other.email_lower, other.meeting_id), []).append(other)
    for proposal in proposals:
        check = checks[proposal.pk]
        email = proposal.email.lower()
        check.other_proposals = [
            other
            for other in pending_by_email.get((email, proposal.meeting_id), [])
            if other.pk != proposal.pk and other.member_state_id != proposal.member_state_id
        ]
        check.person = people.get(email)
        if check.person is not None:
            check.last_registration = latest.get(check.person.pk)
            check.registered_here = by_meeting.get((check.person.pk, proposal.meeting_id))
    return checks


def proposal_check(proposal: DelegationProposal) -> ProposalCheck:
    return proposal_checks([proposal])[proposal.pk]
