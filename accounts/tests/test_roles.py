import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.roles import focal_point_state, is_secretariat, sees_funding_gap
from accounts.tests.factories import UserFactory, totp_code

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_has_no_role():
    visitor = AnonymousUser()

    assert not is_secretariat(visitor)
    assert focal_point_state(visitor) is None


def test_secretariat_member_is_secretariat_and_no_focal_point(secretariat_user):
    assert is_secretariat(secretariat_user)
    assert focal_point_state(secretariat_user) is None


def test_focal_point_acts_for_exactly_their_state(focal_point):
    assert focal_point_state(focal_point) == focal_point.member_state
    assert not is_secretariat(focal_point)


def test_staff_flag_alone_does_not_make_secretariat():
    assert not is_secretariat(UserFactory(is_staff=True))


def test_header_names_the_focal_point_and_their_state(client, focal_point):
    client.force_login(focal_point)

    response = client.get("/")

    who = f"{focal_point.get_full_name()}, focal point of {focal_point.member_state.name}"
    assert who in response.content.decode()


def test_header_names_the_secretariat_user(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get("/")

    assert f"{secretariat_user.get_full_name()}, Secretariat" in response.content.decode()


def test_login_with_right_password_and_code_logs_in(client, focal_point, password):
    response = client.post(
        "/accounts/login/", {"login": focal_point.username, "password": password}
    )

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    response = client.post(
        "/accounts/2fa/authenticate/", {"code": totp_code(focal_point.totp_secret)}
    )

    assert response.status_code == 302
    assert response.url == "/"
    assert client.session["_auth_user_id"] == str(focal_point.pk)


def test_login_with_wrong_password_says_so(client, focal_point):
    response = client.post("/accounts/login/", {"login": focal_point.username, "password": "wrong"})

    assert response.status_code == 200
    assert "The username and/or password you specified are not correct." in (
        response.content.decode()
    )


def test_logout_ends_the_session(client, focal_point):
    client.force_login(focal_point)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_funding_gaps_are_for_secretariat_and_focal_points(secretariat_user, focal_point):
    assert not sees_funding_gap(AnonymousUser())
    assert not sees_funding_gap(UserFactory())
    assert sees_funding_gap(focal_point)
    assert sees_funding_gap(secretariat_user)
