import dataclasses
import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext

from participants.electorate import member_states_eligible_at
from participants.models import MemberState

from .models import Consultation, ConsultationChange, Proposal, ThemeSuggestion, Vote, VoteEvent


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
    """States that voted, out of those that were members when voting opened.

    Before the opening: out of the member states of today.
    """
    at = min(consultation.opens_at, timezone.now())
    counts = member_states_eligible_at(at=at).aggregate(
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


def theme_suggestion_list(
    *, consultation: Consultation, member_state: MemberState | None = None
) -> QuerySet[ThemeSuggestion]:
    """A consultation's suggestions: all of them, or one state's."""
    suggestions = ThemeSuggestion.objects.filter(consultation=consultation).select_related(
        "member_state", "submitted_by", "proposal"
    )
    if member_state is not None:
        suggestions = suggestions.filter(member_state=member_state)
    return suggestions.order_by("-submitted_at", "-pk")


def theme_suggestion_get(*, pk: int) -> ThemeSuggestion:
    return ThemeSuggestion.objects.select_related("consultation", "member_state").get(pk=pk)


def theme_suggestion_consultation_id(*, suggestion_pk: int) -> int:
    return ThemeSuggestion.objects.values_list("consultation_id", flat=True).get(pk=suggestion_pk)


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    label: str
    old: str
    new: str


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    change: ConsultationChange
    proposal: str
    lines: list[HistoryLine]


def _shown(name: str, value) -> str:
    """A value of the consultation history as a reader reads it, in their language."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if name == "target_year":
        return f"IDM {value}"
    if name in ("opens_at", "closes_at"):
        moment = datetime.datetime.fromisoformat(value)
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return str(value)


def _label(name: str) -> str:
    for model in (Consultation, Proposal):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name


def consultation_history(*, consultation: Consultation) -> list[HistoryEntry]:
    """Every change of the consultation and its ballot, oldest first, with labels and values."""
    entries = []
    changes = ConsultationChange.objects.filter(consultation=consultation).select_related(
        "changed_by"
    )
    for change in changes.order_by("changed_at", "pk"):
        values = dict(change.changes)
        proposal = values.pop("proposal", "")
        lines = [
            HistoryLine(_label(name), _shown(name, old), _shown(name, new))
            for name, (old, new) in values.items()
        ]
        entries.append(HistoryEntry(change=change, proposal=proposal, lines=lines))
    return entries
