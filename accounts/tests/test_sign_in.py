"""The sign-in rules: second factor required by role, idle sessions, sign-out by POST."""

import time

import pytest
from allauth.mfa.models import Authenticator

from accounts.middleware import LAST_ACTIVITY_KEY
from accounts.tests.factories import (
    SecretariatUserFactory,
    UserFactory,
    totp_code,
)

pytestmark = pytest.mark.django_db

ENROLMENT = "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", ["focal_point", "secretariat"])
def test_a_role_that_requires_a_second_factor_is_sent_to_enrol_first(
    client, role, password, focal_point_factory
):
    factory = focal_point_factory if role == "focal_point" else SecretariatUserFactory
    user = factory(totp=False)
    client.post("/accounts/login/", {"login": user.username, "password": password})

    for url in ("/", "/themes/", "/participants/focal-points/", "/accounts/password/change/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, ENROLMENT), url
    page = client.get(ENROLMENT)
    assert page.status_code == 200
    assert "Your role requires two-factor authentication." in page.content.decode()


def test_the_way_out_stays_open_while_enrolment_is_due(client, focal_point_factory):
    client.force_login(focal_point_factory(totp=False))

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_users_without_a_required_role_are_not_asked_to_enrol(client):
    client.force_login(UserFactory())

    assert client.get("/").status_code == 200


def test_an_operator_may_relax_the_rule(client, settings, focal_point_factory):
    settings.MFA_REQUIRED_FOR = ["secretariat"]
    client.force_login(focal_point_factory(totp=False))

    assert client.get("/").status_code == 200


def test_a_required_authenticator_app_cannot_be_removed(client, password, focal_point_factory):
    user = focal_point_factory()
    client.post("/accounts/login/", {"login": user.username, "password": password})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    client.post("/accounts/reauthenticate/", {"password": password})

    page = client.post("/accounts/2fa/totp/deactivate/")

    assert "You cannot deactivate two-factor authentication." in page.content.decode()
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_a_session_ends_after_the_idle_time(client, settings, focal_point_factory):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 30
    client.force_login(focal_point_factory())
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/themes/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/themes/"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "You were signed out after 30 minutes without activity." in page


def test_activity_keeps_the_session_without_writing_it_on_every_page(client, focal_point_factory):
    client.force_login(focal_point_factory())
    recent = int(time.time()) - 29 * 60
    session = client.session
    session[LAST_ACTIVITY_KEY] = recent
    session.save()

    assert client.get("/").status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] > recent  # moved on: the session lives on
    seen = client.session[LAST_ACTIVITY_KEY]
    assert client.get("/").status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] == seen  # within a minute: not rewritten


def test_the_idle_time_is_also_the_session_cookie_age(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_TIMEOUT_MINUTES * 60


def test_sign_out_by_get_only_asks_to_confirm(client, focal_point_factory):
    client.force_login(focal_point_factory())

    page = client.get("/accounts/logout/")

    assert page.status_code == 200
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/accounts/password_change/", "/accounts/password/change/"),
        ("/accounts/password_reset/", "/accounts/password/reset/"),
        ("/admin/login/?next=/admin/", "/accounts/login/?next=/admin/"),
    ],
)
def test_familiar_addresses_lead_to_the_portals_pages(client, url, target):
    response = client.get(url)

    assert (response.status_code, response.url) == (302, target)


def test_password_change_asks_for_the_current_password(client, password, focal_point_factory):
    user = focal_point_factory()
    client.force_login(user)

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": password,
            "password1": "a-brand-new-passphrase-7",
            "password2": "a-brand-new-passphrase-7",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase-7")
    assert user.account_events.get().action == "password_changed"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_sign_in_pages_speak_the_visitors_language(client, language):
    expected = {"fr": "Mot de passe oublié ?", "es": "¿Olvidó su contraseña?"}[language]

    page = client.get("/accounts/login/", headers={"accept-language": language})

    assert expected in page.content.decode()


def test_self_signup_and_address_changes_are_not_offered(client, focal_point_factory):
    client.force_login(focal_point_factory())

    assert client.get("/accounts/email/").status_code == 404
    client.logout()
    assert "Sign Up Closed" in client.get("/accounts/signup/").content.decode()


def test_signing_in_from_a_page_returns_to_it(client, password, focal_point_factory):
    user = focal_point_factory()
    form = client.get("/accounts/login/?next=/themes/").content.decode()
    assert 'name="next" value="/themes/"' in form

    client.post(
        "/accounts/login/?next=/themes/",
        {"login": user.username, "password": password, "next": "/themes/"},
    )
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})

    assert response.url == "/themes/"


@pytest.mark.parametrize(
    "url", ["/accounts/password/change/", "/accounts/2fa/", "/accounts/staff/"]
)
def test_account_pages_send_anonymous_visitors_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
