import dataclasses

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from participants.models import MemberState

from .models import Consultation, Proposal, Suggestion, Vote, VoteEvent


def consultation_for_year(*, dialogue_year) -> Consultation | None:
    """The latest consultation on the theme of the given (target) year."""
    return Consultation.objects.filter(target_year=dialogue_year).order_by("-opens_at").first()


def proposal_list(*, consultation: Consultation) -> QuerySet[Proposal]:
    return consultation.proposals.select_related("member_state").order_by("position")


def consultation_list(*, member_state: MemberState | None = None) -> QuerySet[Consultation]:
    """All consultations (the secretariat), or those a state's focal points may see.

    Focal points see a consultation once voting has opened; `state_has_voted`
    tells whether that state has voted in it.
    """
    consultations = Consultation.objects.select_related("target_year", "selected_proposal")
    if member_state is None:
        return consultations
    return consultations.filter(opens_at__lte=timezone.now()).annotate(
        state_has_voted=Exists(
            Vote.objects.filter(consultation=OuterRef("pk"), member_state=member_state)
        )
    )


def consultation_get(*, pk: int, member_state: MemberState | None = None) -> Consultation:
    """One consultation with its proposals; for a state's focal points, only once opened."""
    consultations = Consultation.objects.select_related(
        "target_year", "selected_proposal", "created_by"
    ).prefetch_related(
        Prefetch("proposals", queryset=Proposal.objects.select_related("member_state"))
    )
    if member_state is not None:
        consultations = consultations.filter(opens_at__lte=timezone.now())
    return consultations.get(pk=pk)


def vote_for_state(*, consultation: Consultation, member_state: MemberState) -> Vote | None:
    return (
        Vote.objects.select_related("proposal", "cast_by")
        .filter(consultation=consultation, member_state=member_state)
        .first()
    )


@dataclasses.dataclass(frozen=True)
class Turnout:
    voted: int
    eligible: int

    @property
    def percent(self) -> int:
        return round(100 * self.voted / self.eligible) if self.eligible else 0


def consultation_turnout(*, consultation: Consultation) -> Turnout:
    """Member states that voted, out of the member states (observers do not vote)."""
    counts = MemberState.objects.filter(status=MemberState.Status.MEMBER).aggregate(
        eligible=Count("pk", distinct=True),
        voted=Count("pk", filter=Q(theme_votes__consultation=consultation), distinct=True),
    )
    return Turnout(voted=counts["voted"], eligible=counts["eligible"])


def consultation_tally(*, consultation: Consultation) -> list[Proposal]:
    """The ballot's proposals, each with `vote_count`, most votes first."""
    return list(
        consultation.proposals.select_related("member_state")
        .annotate(vote_count=Count("votes"))
        .order_by("-vote_count", "position")
    )


def vote_list(*, consultation: Consultation) -> QuerySet[Vote]:
    return (
        Vote.objects.filter(consultation=consultation)
        .select_related("member_state", "proposal", "cast_by")
        .order_by("member_state__name")
    )


def vote_event_list(*, consultation: Consultation) -> QuerySet[VoteEvent]:
    return (
        VoteEvent.objects.filter(consultation=consultation)
        .select_related("member_state", "user", "from_proposal", "to_proposal")
        .order_by("-at", "-pk")
    )


def suggestion_list(
    *, consultation: Consultation, member_state: MemberState | None = None
) -> QuerySet[Suggestion]:
    """A consultation's suggestions: all of them, or one state's."""
    suggestions = Suggestion.objects.filter(consultation=consultation).select_related(
        "member_state", "submitted_by", "proposal"
    )
    if member_state is not None:
        suggestions = suggestions.filter(member_state=member_state)
    return suggestions.order_by("-submitted_at", "-pk")


def suggestion_get(*, pk: int) -> Suggestion:
    return Suggestion.objects.select_related("consultation", "member_state").get(pk=pk)


def suggestion_consultation_id(*, suggestion_pk: int) -> int:
    return Suggestion.objects.values_list("consultation_id", flat=True).get(pk=suggestion_pk)
