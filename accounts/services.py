from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import SECRETARIAT_GROUP


def secretariat_group_get_or_create() -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    return group


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
