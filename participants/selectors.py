from django.db.models import QuerySet

from .models import MemberState, Registration


def registration_count(*, meeting) -> int:
    return Registration.objects.filter(meeting=meeting).count()


def member_state_list() -> QuerySet[MemberState]:
    return MemberState.objects.all()
