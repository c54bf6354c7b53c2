"""Demo accounts: one secretariat user and one focal point, enrolled in two-factor
authentication with one published TOTP secret (README, "Demo accounts")."""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from accounts.models import User
from accounts.services import focal_point_create, secretariat_user_create
from participants.models import MemberState

SECRETARIAT_USERNAME = "secretariat"
SECRETARIAT_PASSWORD = "idm-demo-secretariat"
FOCAL_POINT_USERNAME = "focal.ghana"
FOCAL_POINT_PASSWORD = "idm-demo-focal-point"
FOCAL_POINT_STATE = "GH"
# Base32, as authenticator apps take it. Public on purpose: demo data only.
DEMO_TOTP_SECRET = "IDMPORTALDEMOSECRETGENEVAMIGRATE"


def _enrol(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def load() -> list[tuple[str, str, str]]:
    """Creates the demo accounts if missing; returns (username, password, role) rows."""
    if not User.objects.filter(username=SECRETARIAT_USERNAME).exists():
        secretariat_user_create(
            username=SECRETARIAT_USERNAME,
            password=SECRETARIAT_PASSWORD,
            first_name="Demo",
            last_name="Secretariat",
        )
    state = MemberState.objects.get(country=FOCAL_POINT_STATE)
    if not User.objects.filter(username=FOCAL_POINT_USERNAME).exists():
        focal_point_create(
            username=FOCAL_POINT_USERNAME,
            password=FOCAL_POINT_PASSWORD,
            member_state=state,
            first_name="Demo",
            last_name="Focal Point",
        )
    for username in (SECRETARIAT_USERNAME, FOCAL_POINT_USERNAME):
        _enrol(User.objects.get(username=username))
    return [
        (SECRETARIAT_USERNAME, SECRETARIAT_PASSWORD, "Secretariat"),
        (FOCAL_POINT_USERNAME, FOCAL_POINT_PASSWORD, f"Focal point of {state.name}"),
    ]
