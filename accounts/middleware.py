"""Sign-in rules applied to every request: idle sessions end, and the roles that must
use a second factor are sent to enrol it before anything else."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .mfa import ENROLMENT_REQUIRED_KEY, session_mfa_flag_refresh

LAST_ACTIVITY_KEY = "accounts.last_activity"
# The session is written at most this often to move its expiry on: a page view
# costs no database write, and the real idle limit is kept by the timestamp.
ACTIVITY_WRITE_SECONDS = 60

# Pages a user who must enrol may still open: enrolment itself and the way out.
ENROLMENT_OPEN_URL_NAMES = {
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_generate_recovery_codes",
    "account_reauthenticate",
    "account_logout",
    "logout",
    "set_language",
}


def session_activity_mark(request) -> None:
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= ACTIVITY_WRITE_SECONDS:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class MfaEnrolmentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._must_enrol(request):
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None
            if url_name not in ENROLMENT_OPEN_URL_NAMES:
                messages.warning(
                    request,
                    _(
                        "Your role requires two-factor authentication. Set up an "
                        "authenticator app to continue."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        required = request.session.get(ENROLMENT_REQUIRED_KEY)
        if required is None:  # a session from before this rule
            required = session_mfa_flag_refresh(request=request, user=request.user)
        return required
