"""Demo accounts: one secretariat user and one focal point."""

from accounts.models import User
from accounts.services import focal_point_create, secretariat_user_create
from participants.models import MemberState

SECRETARIAT_USERNAME = "secretariat"
SECRETARIAT_PASSWORD = "idm-demo-secretariat"
FOCAL_POINT_USERNAME = "focal.ghana"
FOCAL_POINT_PASSWORD = "idm-demo-focal-point"
FOCAL_POINT_STATE = "GH"


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
    return [
        (SECRETARIAT_USERNAME, SECRETARIAT_PASSWORD, "Secretariat"),
        (FOCAL_POINT_USERNAME, FOCAL_POINT_PASSWORD, f"Focal point of {state.name}"),
    ]
