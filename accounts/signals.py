"""Keeps the session's second-factor flag and the account history up to date."""

from allauth.account.adapter import get_adapter
from allauth.account.signals import password_changed, password_reset
from allauth.core import ratelimit
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .invitations import account_event_record
from .mfa import session_mfa_flag_refresh
from .middleware import session_activity_mark
from .models import AccountEvent


@receiver(user_logged_in)
def session_start(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session_mfa_flag_refresh(request=request, user=user)
    session_activity_mark(request)


@receiver(authenticator_added)
def mfa_enrolled(sender, request, user, authenticator, **kwargs):
    if authenticator.type == authenticator.Type.TOTP:
        account_event_record(action=AccountEvent.Action.MFA_ENROLLED, user=user)
    if request is not None:
        session_mfa_flag_refresh(request=request, user=user)


@receiver(authenticator_removed)
def mfa_removed(sender, request, user, **kwargs):
    if request is not None:
        session_mfa_flag_refresh(request=request, user=user)


@receiver(password_changed)
def password_changed_record(sender, request, user, **kwargs):
    account_event_record(action=AccountEvent.Action.PASSWORD_CHANGED, user=user)


@receiver(password_reset)
def password_reset_record(sender, request, user, **kwargs):
    account_event_record(action=AccountEvent.Action.PASSWORD_RESET, user=user)
    # The real user's way out of a lockout: proving the mailbox lifts the per-account
    # blocks (allauth lifts the one keyed by e-mail; people sign in by username here).
    key = get_adapter(request)._get_login_attempts_cache_key(request, username=user.username)
    ratelimit.clear(request, action="login_failed", key=key)
    ratelimit.clear(request, action="login_failed", key=f"mfa-auth-user-{user.pk}")
