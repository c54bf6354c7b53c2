"""The check-in desk reads a badge's token (camera or hand scanner) and undoes mistakes."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from participants.badges import badge_token
from participants.models import RegistrationChange
from participants.tests.factories import OrganizationFactory, RegistrationFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(title="Migration and health")


@pytest.fixture
def desk(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def scan(client, meeting, token):
    response = client.post(
        reverse("participants:check_in_scan", args=[meeting.pk]), {"token": token}, follow=True
    )
    assert response.redirect_chain == [(reverse("participants:check_in", args=[meeting.pk]), 302)]
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def ama(meeting, **kwargs):
    return RegistrationFactory(
        meeting=meeting,
        member_state__name="Ghana",
        member_state__country="GH",
        participant__first_name="Ama",
        participant__last_name="Mensah",
        status="confirmed",
        **kwargs,
    )


def test_a_badge_checks_its_person_in_and_says_who_they_are(desk, meeting, secretariat_user):
    registration = ama(meeting)

    said = scan(desk, meeting, badge_token(registration=registration))

    assert said == [("success", "Ama Mensah is checked in: Government, Ghana.")]
    registration.refresh_from_db()
    assert registration.status == "attended"
    (change,) = RegistrationChange.objects.filter(registration=registration)
    assert (change.action, change.changes, change.changed_by) == (
        "checked_in",
        {"status": ["confirmed", "attended"]},
        secretariat_user,
    )


def test_an_organizations_badge_names_the_organization(desk, meeting):
    registration = RegistrationFactory(
        meeting=meeting,
        category="ngo",
        organization=OrganizationFactory(name="Caritas", kind="ngo"),
        participant__first_name="Paul",
        participant__last_name="Dubois",
    )

    said = scan(desk, meeting, f"  {badge_token(registration=registration)}\n")

    assert said == [
        ("success", "Paul Dubois is checked in: Non-governmental organization, Caritas.")
    ]


def test_a_second_scan_says_the_person_is_already_in(desk, meeting):
    registration = ama(meeting)
    token = badge_token(registration=registration)
    scan(desk, meeting, token)

    said = scan(desk, meeting, token)

    assert said == [("info", "Ama Mensah was already checked in.")]
    assert RegistrationChange.objects.filter(registration=registration).count() == 1


def test_a_withdrawn_persons_badge_is_refused(desk, meeting):
    registration = ama(meeting)
    registration.status = "withdrawn"
    registration.save()

    said = scan(desk, meeting, badge_token(registration=registration))

    assert said == [("error", "Ama Mensah has withdrawn from this meeting: not checked in.")]
    registration.refresh_from_db()
    assert registration.status == "withdrawn"
    assert not RegistrationChange.objects.filter(registration=registration).exists()


def test_another_meetings_badge_names_that_meeting(desk, meeting):
    elsewhere = ama(MeetingFactory(title="Diasporas"))

    said = scan(desk, meeting, badge_token(registration=elsewhere))

    assert said == [
        (
            "error",
            "This badge is for another meeting: Diasporas. Ama Mensah is not checked in here.",
        )
    ]
    elsewhere.refresh_from_db()
    assert elsewhere.status == "confirmed"


@pytest.mark.parametrize(
    "token",
    [
        "not a badge",
        "https://example.org/",
        # Signed with another key, or naming a registration that does not exist.
        signing.dumps([1, 2], key="another-secret", salt="participants.badge"),
        "forged",
    ],
)
def test_an_unknown_or_forged_code_checks_nobody_in(desk, meeting, token):
    registration = ama(meeting)
    if token == "forged":
        real = badge_token(registration=registration)
        token = real[:-2] + ("AA" if not real.endswith("AA") else "BB")

    said = scan(desk, meeting, token)

    assert said == [
        (
            "error",
            "This code is no badge of the portal, or it was altered: nobody is checked in. "
            "Find the person by name.",
        )
    ]
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_a_valid_signature_of_a_missing_registration_is_unknown(desk, meeting):
    registration = ama(meeting)
    token = signing.dumps([meeting.pk, registration.pk + 1000], salt="participants.badge")

    (said,) = scan(desk, meeting, token)

    assert said[0] == "error"
    assert said[1].startswith("This code is no badge")


def test_an_empty_scan_asks_for_a_badge(desk, meeting):
    assert scan(desk, meeting, "  ") == [("warning", "Scan a badge, or type its code.")]


def test_scanning_takes_only_a_post_with_its_csrf_token(meeting, secretariat_user):
    registration = ama(meeting)
    url = reverse("participants:check_in_scan", args=[meeting.pk])
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(secretariat_user)

    assert guarded.get(url, {"token": badge_token(registration=registration)}).status_code == 405
    refused = guarded.post(url, {"token": badge_token(registration=registration)})

    assert refused.status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_the_desk_page_offers_the_badge_field_and_the_camera_script(desk, meeting):
    page = desk.get(reverse("participants:check_in", args=[meeting.pk])).content.decode()

    assert 'name="token"' in page
    assert 'action="{}"'.format(reverse("participants:check_in_scan", args=[meeting.pk])) in page
    assert "vendor/qr-scanner/qr-scanner.min.js" in page
    assert "participants/check-in-scanner.js" in page


def test_undo_puts_the_person_back_to_confirmed_and_records_it(desk, meeting, secretariat_user):
    registration = ama(meeting)
    scan(desk, meeting, badge_token(registration=registration))
    found = desk.get(reverse("participants:check_in", args=[meeting.pk]), {"q": "mensah"})
    undo_url = reverse("participants:check_in_undo", args=[registration.pk])
    assert f'action="{undo_url}"' in found.content.decode()

    response = desk.post(undo_url, {"q": "mensah"})
    again = desk.post(undo_url, follow=True)

    assert response["Location"] == (
        reverse("participants:check_in", args=[meeting.pk]) + "?q=mensah"
    )
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert [
        (c.action, c.changes, c.changed_by)
        for c in RegistrationChange.objects.filter(registration=registration)
    ] == [
        ("checked_in", {"status": ["confirmed", "attended"]}, secretariat_user),
        ("check_in_undone", {"status": ["attended", "confirmed"]}, secretariat_user),
    ]
    assert "Ama Mensah was not checked in." in again.content.decode()
    history = desk.get(reverse("participants:registration_update", args=[registration.pk]))
    assert "Check-in undone" in history.content.decode()
    # The undone person's badge checks them in again.
    assert scan(desk, meeting, badge_token(registration=registration))[0][0] == "success"


def test_undo_takes_only_a_post_with_its_csrf_token(meeting, secretariat_user):
    registration = ama(
        meeting,
    )
    registration.status = "attended"
    registration.save()
    url = reverse("participants:check_in_undo", args=[registration.pk])
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(secretariat_user)

    assert guarded.get(url).status_code == 405
    assert guarded.post(url).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "attended"


def test_focal_points_cannot_scan_or_undo(client, meeting, ghana_focal_point):
    registration = ama(meeting)
    client.force_login(ghana_focal_point)

    scanned = client.post(
        reverse("participants:check_in_scan", args=[meeting.pk]),
        {"token": badge_token(registration=registration)},
    )
    undone = client.post(reverse("participants:check_in_undo", args=[registration.pk]))

    assert (scanned.status_code, undone.status_code) == (403, 403)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
