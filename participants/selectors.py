from django.db.models import QuerySet

from .models import MemberState, Registration


def registration_count(*, meeting) -> int:
    return Registration.objects.filter(meeting=meeting).count()


def member_state_list() -> QuerySet[MemberState]:
    return MemberState.objects.all()


def registration_list_for_agenda(*, meeting) -> QuerySet[Registration]:
    """Who may chair, moderate or speak at a meeting: its registrations, less the withdrawn,
    with what an agenda shows of them (name, member state or organization)."""
    return (
        Registration.objects.filter(meeting=meeting)
        .exclude(status=Registration.Status.WITHDRAWN)
        .select_related("participant", "member_state", "organization")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )
