"""How the portal adapts django-allauth: no self-signup, its mail through
accounts.emails, clearer lockout messages, and no removing a required second factor."""

import base64
import hashlib
import logging
import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .emails import account_email_send
from .mfa import mfa_required

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-in attempts: signing in is blocked for a while. "
            "If this is your account, reset your password by e-mail to unblock it at once."
        ),
    }

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        # Someone who signed in moments ago and is enrolling a first authenticator app
        # (as the portal requires right after sign-in), then reading the recovery codes
        # it came with, is not asked for the password again; later changes still are.
        if app == "allauth.mfa" and self._enrolling_right_after_sign_in():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _enrolling_right_after_sign_in(self) -> bool:
        from allauth.account import app_settings
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.mfa.models import Authenticator

        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        records = get_authentication_records(self.request, user)
        if not records or time.time() - records[0]["at"] >= app_settings.REAUTHENTICATION_TIMEOUT:
            return False
        app = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        return app is None or app.created_at.timestamp() >= records[0]["at"]

    def is_open_for_signup(self, request) -> bool:
        # Accounts come from the secretariat's invitations only.
        return False

    def send_password_reset_mail(self, user, email, context) -> None:
        account_email_send(
            kind="password_reset",
            to_user_or_address=email,
            language=user.language,
            context={"user": user, "reset_url": context["password_reset_url"]},
        )

    def send_mail(self, template_prefix, email, context) -> None:
        # Only the password reset mails anyone (sent above); with e-mail verification
        # and notifications switched off in settings, nothing else should reach here.
        logger.error("Not sent: the portal has no %s e-mail.", template_prefix)


def _fernet() -> Fernet:
    digest = hashlib.sha256(f"idm-portal-totp:{settings.TOTP_ENCRYPTION_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class MfaAdapter(DefaultMFAAdapter):
    # TOTP secrets and recovery-code seeds are stored encrypted: a copy of the
    # database alone does not let anyone compute a user's codes.
    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator) -> bool:
        from allauth.mfa.models import Authenticator

        if authenticator.type == Authenticator.Type.TOTP and mfa_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
