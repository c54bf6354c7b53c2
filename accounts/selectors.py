"""Reads of accounts used by the management pages."""

from django.db.models import Q, QuerySet

from .models import AccountEvent, Invitation, User
from .roles import SECRETARIAT_GROUP


def focal_point_list(*, member_state) -> QuerySet[User]:
    return User.objects.filter(member_state=member_state).order_by(
        "-is_active", "last_name", "first_name"
    )


def invitation_pending_list(*, member_state=None, role=Invitation.Role.FOCAL_POINT):
    invitations = Invitation.objects.filter(status=Invitation.Status.PENDING, role=role)
    if member_state is not None:
        invitations = invitations.filter(member_state=member_state)
    return invitations.select_related("created_by").order_by("last_name", "first_name")


def account_event_list(*, member_state=None, secretariat=False) -> QuerySet[AccountEvent]:
    """One state's history, or the secretariat staff's."""
    events = AccountEvent.objects.select_related("by", "user", "invitation")
    if secretariat:
        return events.filter(
            Q(invitation__role=Invitation.Role.SECRETARIAT)
            | Q(user__groups__name=SECRETARIAT_GROUP, member_state__isnull=True)
        ).distinct()
    return events.filter(member_state=member_state)


def secretariat_staff_list() -> QuerySet[User]:
    return (
        User.objects.filter(Q(groups__name=SECRETARIAT_GROUP) | Q(is_superuser=True))
        .distinct()
        .order_by("-is_active", "last_name", "first_name")
    )
