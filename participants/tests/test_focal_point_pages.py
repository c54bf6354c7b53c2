"""Who may open the focal-point and staff pages, and that no state learns of another's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.invitations import invitation_create, invitation_revoke
from accounts.models import Invitation
from accounts.tests.factories import SecretariatUserFactory
from participants.models import MemberState
from participants.tests.factories import FocalPointFactory, MemberStateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    ghana = MemberStateFactory(name="Ghana", country="GH")
    kenya = MemberStateFactory(name="Kenya", country="KE")
    qatar = MemberStateFactory(name="Qatar", country="QA", status=MemberState.Status.OBSERVER)
    secretariat = SecretariatUserFactory()
    people = {
        "ghana": FocalPointFactory(member_state=ghana, first_name="Ama", last_name="Mensah"),
        "kenya": FocalPointFactory(member_state=kenya, first_name="Wanjiru", last_name="Kamau"),
        "observer": FocalPointFactory(member_state=qatar),
        "secretariat": secretariat,
        "superuser": SecretariatUserFactory(is_superuser=True),
    }
    invitation = invitation_create(
        by=secretariat,
        role=Invitation.Role.FOCAL_POINT,
        member_state=kenya,
        email="otieno@example.org",
        first_name="Otieno",
        last_name="Odhiambo",
        language="en",
        link_for=lambda token: token,
    )
    return {"ghana": ghana, "kenya": kenya, "people": people, "invitation": invitation}


def pages(world):
    kenya, invitation = world["kenya"], world["invitation"]
    return [
        ("get", "/participants/focal-points/", {}),
        ("get", f"/participants/focal-points/{kenya.pk}/", {}),
        (
            "post",
            f"/participants/focal-points/{kenya.pk}/",
            {"first_name": "A", "last_name": "B", "email": "a.b@example.org", "language": "en"},
        ),
        ("post", f"/participants/focal-points/{kenya.pk}/invitations/{invitation.pk}/resend/", {}),
        ("post", f"/participants/focal-points/{kenya.pk}/invitations/{invitation.pk}/revoke/", {}),
        (
            "post",
            f"/participants/focal-points/{kenya.pk}/users/{world['people']['kenya'].pk}/deactivate/",
            {},
        ),
    ]


STAFF_PAGES = [("get", "/accounts/staff/", {})]

# (role, focal-point pages, staff pages): the status each role gets.
EXPECTED = [
    ("ghana", 403, 403),
    ("kenya", 403, 403),
    ("observer", 403, 403),
    ("secretariat", None, 403),
    ("superuser", None, None),
]


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    for method, url, data in pages(world) + STAFF_PAGES:
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/?next="), url
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(("role", "state_pages", "staff_pages"), EXPECTED)
def test_each_role_gets_exactly_its_pages(client, world, role, state_pages, staff_pages):
    client.force_login(world["people"][role])

    for method, url, data in pages(world):
        status = getattr(client, method)(url, data).status_code
        assert status == (state_pages or (200 if method == "get" else 302)), url
    for method, url, data in STAFF_PAGES:
        status = getattr(client, method)(url, data).status_code
        assert status == (staff_pages or 200), url


def test_focal_points_change_nothing_of_another_state(client, world):
    client.force_login(world["people"]["ghana"])

    for method, url, data in pages(world):
        if method == "post":
            getattr(client, method)(url, data)

    invitation = Invitation.objects.get(pk=world["invitation"].pk)
    assert invitation.status == Invitation.Status.PENDING
    assert world["people"]["kenya"].__class__.objects.get(pk=world["people"]["kenya"].pk).is_active
    assert not Invitation.objects.filter(email="a.b@example.org").exists()


def test_a_state_page_shows_that_state_only(client, world):
    client.force_login(world["people"]["secretariat"])

    page = client.get(f"/participants/focal-points/{world['ghana'].pk}/").content.decode()

    assert "Ama Mensah" in page
    assert "Wanjiru Kamau" not in page
    assert "otieno@example.org" not in page


def test_an_action_names_only_objects_of_the_state_in_its_address(client, world):
    client.force_login(world["people"]["secretariat"])
    ghana, invitation = world["ghana"], world["invitation"]

    wrong_state = f"/participants/focal-points/{ghana.pk}/invitations/{invitation.pk}/revoke/"
    assert client.post(wrong_state).status_code == 404
    kenyan = world["people"]["kenya"]
    wrong_user = f"/participants/focal-points/{ghana.pk}/users/{kenyan.pk}/deactivate/"
    assert client.post(wrong_user).status_code == 404
    unknown = f"/participants/focal-points/{ghana.pk}/users/{kenyan.pk}/promote/"
    assert client.post(unknown).status_code == 404
    assert Invitation.objects.get(pk=invitation.pk).status == Invitation.Status.PENDING


def test_actions_are_post_only(client, world):
    client.force_login(world["people"]["secretariat"])
    kenya, invitation = world["kenya"], world["invitation"]

    url = f"/participants/focal-points/{kenya.pk}/invitations/{invitation.pk}/revoke/"
    assert client.get(url).status_code == 405


def test_the_staff_page_lists_staff_but_no_focal_point(client, world):
    client.force_login(world["people"]["superuser"])

    page = client.get("/accounts/staff/").content.decode()

    assert world["people"]["secretariat"].username in page
    assert "Ama Mensah" not in page


def test_the_state_page_costs_the_same_queries_for_one_or_three_focal_points(client, world):
    client.force_login(world["people"]["secretariat"])
    ghana = world["ghana"]
    client.get(f"/participants/focal-points/{ghana.pk}/")  # warm the session and caches

    with CaptureQueriesContext(connection) as one:
        client.get(f"/participants/focal-points/{ghana.pk}/")
    FocalPointFactory.create_batch(2, member_state=ghana)
    with CaptureQueriesContext(connection) as three:
        client.get(f"/participants/focal-points/{ghana.pk}/")

    assert len(three) == len(one)


def test_an_unknown_or_revoked_invitation_link_says_so(client, world):
    tokens = []
    invitation = invitation_create(
        by=world["people"]["secretariat"],
        role=Invitation.Role.FOCAL_POINT,
        member_state=world["ghana"],
        email="kwame@example.org",
        first_name="Kwame",
        last_name="Boateng",
        language="en",
        link_for=tokens.append,
    )
    invitation_revoke(by=world["people"]["secretariat"], invitation=invitation)

    assert client.get("/accounts/invitation/not-a-token/").status_code == 404
    page = client.get(f"/accounts/invitation/{tokens[0]}/")
    assert page.status_code == 410
    assert "This invitation link cannot be used" in page.content.decode()


def test_a_deactivated_focal_point_is_signed_out_and_cannot_sign_in(client, world, password):
    kenyan = world["people"]["kenya"]
    focal_point_client = client.__class__()
    focal_point_client.force_login(kenyan)
    client.force_login(world["people"]["secretariat"])
    url = f"/participants/focal-points/{world['kenya'].pk}/users/{kenyan.pk}/deactivate/"

    page = client.post(url, follow=True).content.decode()

    assert "is deactivated." in page
    assert focal_point_client.get("/themes/").status_code == 302  # back to the login
    response = focal_point_client.post(
        "/accounts/login/", {"login": kenyan.username, "password": password}
    )
    assert response.url == "/accounts/inactive/"
    assert focal_point_client.get("/themes/").url.startswith("/accounts/login/")
