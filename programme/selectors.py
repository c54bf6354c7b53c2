"""Reads of the programme app: agendas with their people, and speaker suggestions."""

from django.db.models import Prefetch, Q, QuerySet

from workshops.models import Meeting

from .models import Agenda, Session, SessionPerson, SpeakerSuggestion


def _session_queryset() -> QuerySet[Session]:
    return Session.objects.prefetch_related(
        Prefetch(
            "session_people",
            queryset=SessionPerson.objects.select_related(
                "registration__participant",
                "registration__member_state",
                "registration__organization",
            ),
        )
    )


def agenda_get(*, meeting: Meeting) -> Agenda | None:
    """A meeting's agenda with its sessions and their people, in a fixed number of queries."""
    return (
        Agenda.objects.filter(meeting=meeting)
        .select_related("meeting__dialogue_year")
        .prefetch_related(Prefetch("sessions", queryset=_session_queryset()))
        .first()
    )


def speaker_suggestion_list_for_state(*, member_state) -> QuerySet[SpeakerSuggestion]:
    """A state's own suggestions, newest first: what its focal point follows."""
    return SpeakerSuggestion.objects.filter(member_state=member_state).select_related(
        "meeting", "member_state"
    )


def speaker_suggestion_list(
    *, meeting: Meeting | None = None, status: str = ""
) -> QuerySet[SpeakerSuggestion]:
    """Every state's suggestions for the secretariat's review."""
    suggestions = SpeakerSuggestion.objects.select_related(
        "meeting", "member_state", "submitted_by", "reviewed_by"
    )
    filters = Q()
    if meeting is not None:
        filters &= Q(meeting=meeting)
    if status:
        filters &= Q(status=status)
    return suggestions.filter(filters)


def speaker_suggestion_get(*, pk: int) -> SpeakerSuggestion:
    return SpeakerSuggestion.objects.select_related("meeting", "member_state").get(pk=pk)


def session_get(*, pk: int) -> Session:
    return (
        Session.objects.select_related("agenda__meeting__dialogue_year")
        .prefetch_related("session_people")
        .get(pk=pk)
    )
