from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .models import User
from .roles import SECRETARIAT_GROUP


# The secretariat runs the portal's own data in the admin; accounts stay view-only
# so that nobody but a superuser can grant superuser or staff rights.
def _secretariat_apps() -> list[str]:
    # Every portal app above accounts (settings.PORTAL_APPS lists them lowest first).
    apps = settings.PORTAL_APPS
    return apps[apps.index("accounts") + 1 :]


def secretariat_group_get_or_create() -> Group:
    group, created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    if created:
        secretariat_group_permissions_sync(group=group)
    return group


def secretariat_group_permissions_sync(*, group: Group) -> None:
    """Every permission of the portal's apps, and the right to view users and their history."""
    permissions = Permission.objects.filter(
        Q(content_type__app_label__in=_secretariat_apps())
        | Q(content_type__app_label="accounts", codename__in=("view_user", "view_accountevent"))
    )
    group.permissions.set(permissions)


@transaction.atomic
def secretariat_user_create(*, username: str, password: str, **fields) -> User:
    """A secretariat member: in the Secretariat group and allowed into the admin."""
    user = User.objects.create_user(username=username, password=password, is_staff=True, **fields)
    user.groups.add(secretariat_group_get_or_create())
    return user


def focal_point_create(*, username: str, password: str, member_state, **fields) -> User:
    return User.objects.create_user(
        username=username, password=password, member_state=member_state, **fields
    )
