"""Who must use a second factor, in one place, and the session flag that remembers it.

The flag is computed when a user signs in (also by the test client's force_login),
and again when an authenticator is added or removed, so that pages cost no query.
"""

from django.conf import settings

from .roles import focal_point_state, is_secretariat

ENROLMENT_REQUIRED_KEY = "accounts.mfa_enrolment_required"


def mfa_required(user) -> bool:
    """Roles named in MFA_REQUIRED_FOR must have a second factor."""
    roles = set(settings.MFA_REQUIRED_FOR)
    return ("secretariat" in roles and is_secretariat(user)) or (
        "focal_points" in roles and focal_point_state(user) is not None
    )


def mfa_enrolled(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_enrolment_required(user) -> bool:
    return user.is_authenticated and mfa_required(user) and not mfa_enrolled(user)


def session_mfa_flag_refresh(*, request, user) -> bool:
    required = mfa_enrolment_required(user)
    request.session[ENROLMENT_REQUIRED_KEY] = required
    return required
