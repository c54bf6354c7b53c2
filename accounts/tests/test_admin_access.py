import pytest

from accounts.tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db

SECRETARIAT_CHANGELISTS = [
    "/admin/workshops/meeting/",
    "/admin/workshops/dialogueyear/",
    "/admin/participants/registration/",
    "/admin/participants/participant/",
    "/admin/participants/memberstate/",
    "/admin/participants/organization/",
    "/admin/themes/consultation/",
    "/admin/accounts/user/",
    "/admin/accounts/accountevent/",
]


@pytest.mark.parametrize("url", SECRETARIAT_CHANGELISTS)
def test_secretariat_member_who_is_no_superuser_uses_the_admin(client, url):
    client.force_login(SecretariatUserFactory())

    assert client.get(url).status_code == 200


def test_secretariat_may_add_meetings_but_not_users(client):
    client.force_login(SecretariatUserFactory())

    assert client.get("/admin/workshops/meeting/add/").status_code == 200
    assert client.get("/admin/accounts/user/add/").status_code == 403


def test_focal_point_is_kept_out_of_the_admin(client, focal_point):
    client.force_login(focal_point)

    response = client.get("/admin/workshops/meeting/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_nobody_adds_users_in_the_admin_which_points_to_the_portals_pages(client):
    client.force_login(SecretariatUserFactory(is_superuser=True))

    assert client.get("/admin/accounts/user/add/").status_code == 403
    page = client.get("/admin/accounts/user/").content.decode()
    assert 'href="/participants/focal-points/"' in page
    assert 'href="/accounts/staff/"' in page
