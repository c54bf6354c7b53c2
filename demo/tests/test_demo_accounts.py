import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt

from accounts.models import User
from accounts.tests.factories import totp_code
from demo import accounts as demo
from participants.tests.factories import MemberStateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    MemberStateFactory(country="GH", name="Ghana")
    return demo.load()


@pytest.mark.parametrize(
    ("username", "password"),
    [
        (demo.SECRETARIAT_USERNAME, demo.SECRETARIAT_PASSWORD),
        (demo.FOCAL_POINT_USERNAME, demo.FOCAL_POINT_PASSWORD),
    ],
)
def test_demo_accounts_sign_in_with_the_published_totp_secret(client, loaded, username, password):
    client.post("/accounts/login/", {"login": username, "password": password})
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(demo.DEMO_TOTP_SECRET)}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(User.objects.get(username=username).pk)
    assert client.get("/").status_code == 200  # enrolled: no detour to enrolment


def test_loading_twice_enrols_once(loaded):
    demo.load()

    kinds = Authenticator.objects.filter(user__username=demo.FOCAL_POINT_USERNAME)
    assert sorted(kinds.values_list("type", flat=True)) == ["recovery_codes", "totp"]


def test_the_secret_is_stored_encrypted(loaded):
    app = Authenticator.objects.get(user__username=demo.FOCAL_POINT_USERNAME, type="totp")

    assert demo.DEMO_TOTP_SECRET not in str(app.data)
    assert decrypt(app.data["secret"]) == demo.DEMO_TOTP_SECRET
