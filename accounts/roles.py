"""Who may do what: the two roles of the portal, in one place."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied

SECRETARIAT_GROUP = "Secretariat"


def is_secretariat(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: templates and views ask several times a request.
    cached = getattr(user, "_is_secretariat", None)
    if cached is None:
        cached = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._is_secretariat = cached
    return cached


def focal_point_state(user):
    """The member state a user acts for, or None."""
    if not user.is_authenticated or user.member_state_id is None:
        return None
    return user.member_state


def sees_funding_gap(user) -> bool:
    """What funding a meeting still misses is for the secretariat and the focal points."""
    return is_secretariat(user) or focal_point_state(user) is not None


class SecretariatRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; other users get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_secretariat(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FocalPointRequiredMixin(AccessMixin):
    """Lets focal points in; sets self.member_state to the state they act for."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.member_state = focal_point_state(request.user)
        if self.member_state is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
