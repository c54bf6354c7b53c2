from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When

from common.history_display import describe_changes

from .models import (
    Category,
    CredentialsChange,
    CredentialsDocument,
    DelegationCredentials,
    DelegationProposal,
    MemberState,
    Organization,
    Participant,
    ParticipantImport,
    Registration,
    RegistrationChange,
)


def registration_count(*, meeting) -> int:
    """The meeting's registrations, less those not (yet) participants: an unconfirmed
    address, awaiting approval, on the waiting list or declined."""
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status__in=Registration.NOT_PARTICIPANT_STATUSES)
        .count()
    )


def participant_matches(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organization: Organization | None = None,
    member_state: MemberState | None = None,
) -> list[Participant]:
    """People of the register who are probably this person: same email, or same
    name and the same organization (or state) on an earlier registration."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email__iexact=email)
    affiliation = None
    if organization is not None:
        affiliation = Q(registrations__organization=organization)
    elif member_state is not None:
        affiliation = Q(registrations__member_state=member_state)
    if affiliation is not None and first_name and last_name:
        match |= Q(first_name__iexact=first_name, last_name__iexact=last_name) & affiliation
    return list(Participant.objects.filter(match).distinct().order_by("last_name", "id")[:10])


def registration_list_for_agenda(*, meeting) -> QuerySet[Registration]:
    """Who may chair, moderate or speak at a meeting: its participants, less the withdrawn."""
    return registration_list(meeting=meeting).exclude(
        status__in=[Registration.Status.WITHDRAWN, *Registration.NOT_PARTICIPANT_STATUSES]
    )


def registration_list(*, meeting) -> QuerySet[Registration]:
    """A meeting's registrations with everything a list row shows, in one query."""
    return (
        Registration.objects.filter(meeting=meeting)
        .select_related("participant", "member_state", "organization")
        .order_by("participant__last_name", "participant__first_name", "id")
    )


def registration_get(*, pk: int) -> Registration:
    return Registration.objects.select_related(
        "meeting",
        "participant",
        "member_state",
        "organization",
        "created_by",
        "updated_by",
        "self_registration",
    ).get(pk=pk)


def registration_history(*, registration) -> list[RegistrationChange]:
    """The registration's history, each entry with `field_changes` to show (labels, names)."""
    entries = list(
        RegistrationChange.objects.filter(registration=registration).select_related("changed_by")
    )
    described = describe_changes(Registration, (entry.changes for entry in entries))
    for entry, field_changes in zip(entries, described, strict=True):
        entry.field_changes = field_changes
    return entries


def registration_check_in_search(*, meeting, query: str, limit: int = 25) -> list[Registration]:
    """Registrations (not withdrawn) whose person's name or organization contains every word."""
    words = query.split()
    if not words:
        return []
    registrations = registration_list_for_agenda(meeting=meeting)
    for word in words:
        registrations = registrations.filter(
            Q(participant__first_name__icontains=word)
            | Q(participant__last_name__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(member_state__name__icontains=word)
        )
    return list(registrations[:limit])


def delegation_list(*, meeting, member_state) -> QuerySet[Registration]:
    """The registrations of one state's delegation to a meeting."""
    return registration_list(meeting=meeting).filter(
        category=Category.GOVERNMENT, member_state=member_state
    )


def delegation_proposal_list(*, meeting=None, member_state=None, state=None):
    proposals = DelegationProposal.objects.select_related(
        "meeting", "member_state", "proposed_by", "decided_by"
    )
    if meeting is not None:
        proposals = proposals.filter(meeting=meeting)
    if member_state is not None:
        proposals = proposals.filter(member_state=member_state)
    if state is not None:
        proposals = proposals.filter(state=state)
    return proposals


def delegation_proposal_list_for_state(*, meeting, member_state) -> QuerySet[DelegationProposal]:
    """A state's proposals for a meeting still to show: approved ones are registrations now."""
    return delegation_proposal_list(meeting=meeting, member_state=member_state).exclude(
        state=DelegationProposal.State.APPROVED
    )


def delegation_proposal_list_awaiting() -> QuerySet[DelegationProposal]:
    """Proposals of every meeting awaiting the secretariat, soonest meeting first."""
    return delegation_proposal_list(state=DelegationProposal.State.PENDING).order_by(
        "meeting__start_date", "proposed_at", "id"
    )


def delegation_proposal_list_decided(*, limit: int) -> QuerySet[DelegationProposal]:
    """The latest decisions on proposals, newest first."""
    return (
        delegation_proposal_list()
        .exclude(state=DelegationProposal.State.PENDING)
        .order_by("-decided_at", "-id")[:limit]
    )


def member_state_list(*, members_only: bool = False) -> QuerySet[MemberState]:
    """The register of states; members only, without the observers, if asked."""
    states = MemberState.objects.all()
    if members_only:
        states = states.filter(status=MemberState.Status.MEMBER)
    return states


def delegation_counts(*, member_state, meetings) -> dict[int, int]:
    """meeting id → size of the state's delegation, for several meetings in one query."""
    rows = (
        Registration.objects.filter(
            meeting__in=meetings, category=Category.GOVERNMENT, member_state=member_state
        )
        .values("meeting")
        .annotate(size=Count("id"))
    )
    return {row["meeting"]: row["size"] for row in rows}


def participant_import_get(*, pk: int, meeting) -> ParticipantImport:
    return ParticipantImport.objects.get(pk=pk, meeting=meeting)


def participant_import_list(*, meeting, limit: int = 10) -> list[ParticipantImport]:
    """The meeting's latest uploads, newest first, without their rows."""
    return list(
        ParticipantImport.objects.filter(meeting=meeting)
        .defer("rows")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")[:limit]
    )


def delegation_proposal_get(*, pk: int) -> DelegationProposal:
    return DelegationProposal.objects.select_related("meeting", "member_state").get(pk=pk)


def registration_list_for_publication(*, meeting) -> QuerySet[Registration]:
    """Who goes on a meeting's published list of participants, in the list's order.

    Withdrawn and no-show registrations are left out, and those not (yet)
    participants; so are the people who did not consent to be listed: they are
    counted (`registration_unlisted_count_for_publication`), never named. Order:
    category as declared in `Category`, then member state or organization by
    name, heads of delegation first, then by name.
    """
    category_order = Case(
        *(When(category=value, then=Value(index)) for index, value in enumerate(Category.values)),
        output_field=IntegerField(),
    )
    head_first = Case(
        When(role=Registration.Role.HEAD_OF_DELEGATION, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        _published(meeting)
        .filter(listed_consent=True)
        .select_related("participant", "member_state", "organization")
        .order_by(
            category_order,
            "member_state__name",
            "organization__name",
            head_first,
            "participant__last_name",
            "participant__first_name",
        )
    )


# Delegations' credentials -------------------------------------------------------------


def _with_documents(queryset):
    return queryset.prefetch_related(
        Prefetch(
            "documents",
            queryset=CredentialsDocument.objects.select_related("uploaded_by").order_by(
                "-uploaded_at", "-pk"
            ),
        )
    )


def credentials_for_delegation(*, meeting, member_state) -> DelegationCredentials | None:
    """The state's credentials for the meeting, with every upload, or None."""
    return (
        _with_documents(DelegationCredentials.objects.select_related("meeting", "member_state"))
        .filter(meeting=meeting, member_state=member_state)
        .first()
    )


def credentials_get(*, pk: int) -> DelegationCredentials:
    return DelegationCredentials.objects.select_related("meeting", "member_state").get(pk=pk)


def credentials_document_get(*, pk: int) -> CredentialsDocument:
    return CredentialsDocument.objects.select_related(
        "credentials__meeting", "credentials__member_state"
    ).get(pk=pk)


def credentials_history(*, credentials) -> QuerySet[CredentialsChange]:
    return CredentialsChange.objects.filter(credentials=credentials).select_related(
        "changed_by", "document"
    )


@dataclass
class CredentialsRow:
    member_state: MemberState
    size: int = 0
    head: Registration | None = None
    credentials: DelegationCredentials | None = None

    @property
    def status(self) -> str:
        return self.credentials.status if self.credentials else "none"


def credentials_report(*, meeting) -> list[CredentialsRow]:
    """Per state with a delegation (or credentials) at the meeting: its size, its head of
    delegation and its credentials with their history. Four queries, whatever the number
    of states."""
    rows: dict[int, CredentialsRow] = {}
    delegates = (
        Registration.objects.filter(meeting=meeting, category=Category.GOVERNMENT)
        .exclude(status=Registration.Status.WITHDRAWN)
        .select_related("participant", "member_state")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
    for registration in delegates:
        row = rows.setdefault(
            registration.member_state_id, CredentialsRow(registration.member_state)
        )
        row.size += 1
        if row.head is None and registration.role == Registration.Role.HEAD_OF_DELEGATION:
            row.head = registration
    credentials = _with_documents(
        DelegationCredentials.objects.filter(meeting=meeting).select_related("member_state")
    ).prefetch_related(
        Prefetch(
            "changes",
            queryset=CredentialsChange.objects.select_related("changed_by").order_by(
                "changed_at", "pk"
            ),
        )
    )
    for item in credentials:
        row = rows.setdefault(item.member_state_id, CredentialsRow(item.member_state))
        row.credentials = item
    return sorted(rows.values(), key=lambda row: row.member_state.name)


# Who gets a badge: people coming, not those merely registered, withdrawn or absent.
BADGE_STATUSES = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED)


def registration_list_for_badges(*, meeting) -> QuerySet[Registration]:
    """The confirmed registrations of a meeting, by name, with what a badge prints."""
    return registration_list(meeting=meeting).filter(status__in=BADGE_STATUSES)


def _published(meeting) -> QuerySet[Registration]:
    return Registration.objects.filter(meeting=meeting).exclude(
        status__in=[
            Registration.Status.WITHDRAWN,
            Registration.Status.NO_SHOW,
            *Registration.NOT_PARTICIPANT_STATUSES,
        ]
    )


def registration_unlisted_count_for_publication(*, meeting) -> int:
    """How many of a published list's participants asked not to be named in it."""
    return _published(meeting).filter(listed_consent=False).count()
