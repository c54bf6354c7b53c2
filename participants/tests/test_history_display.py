"""A registration's history shows field labels and displayed values, in the reader's language."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from common.history_display import FieldChange, describe_changes
from participants.models import Registration
from participants.services import (
    PersonDetails,
    registration_create,
    registration_status_set,
    registration_update,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """Requests in French leave French active in this thread; the next tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def registration(ghana, secretariat_user):
    return registration_create(
        meeting=MeetingFactory(),
        person=PersonDetails(first_name="Ama", last_name="Mensah"),
        participant=None,
        category="government",
        member_state=ghana,
        organization=None,
        role="head_of_delegation",
        by=secretariat_user,
    )


def field_changes(client, registration, language):
    page = client.get(
        reverse("participants:registration_update", args=[registration.pk]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()
    return page.split('data-testid="history"')[1]


def test_the_history_names_fields_and_values_as_the_portal_shows_them(
    client, registration, secretariat_user, kenya
):
    registration_update(
        registration=registration,
        person=PersonDetails(first_name="Ama", last_name="Mensah", job_title="Minister"),
        category="government",
        member_state=kenya,
        organization=None,
        role="delegate",
        status="registered",
        by=secretariat_user,
    )
    registration_status_set(registration=registration, status="attended", by=secretariat_user)
    client.force_login(secretariat_user)

    english = field_changes(client, registration, "en")
    french = field_changes(client, registration, "fr")

    assert "Member state represented: — → Ghana; Role: — → Head of delegation" in english
    assert "Member state represented: Ghana → Kenya" in english
    assert "Role: Head of delegation → Delegate" in english
    assert "Job title: — → Minister" in english
    assert "Status: Registered → Attended" in english
    assert "member_state_id" not in english
    assert "head_of_delegation" not in english
    assert "participant." not in english
    assert "Organization: —" not in english  # unchanged fields are not listed
    assert "État membre représenté: — → Ghana; Rôle: — → Chef de délégation" in french
    assert "Statut: Inscrit → " in french


def test_related_objects_are_read_once_for_the_whole_history(
    django_assert_num_queries, ghana, kenya
):
    entries = [{"member_state_id": [None, ghana.pk]}, {"member_state_id": [ghana.pk, kenya.pk]}]

    with django_assert_num_queries(1), translation.override("en"):
        described = describe_changes(Registration, entries * 3)

    assert described[:2] == [
        [FieldChange("Member state represented", "—", "Ghana")],
        [FieldChange("Member state represented", "Ghana", "Kenya")],
    ]


def test_a_deleted_object_shows_its_stored_id_and_an_unknown_key_stays_as_stored():
    with translation.override("es"):
        described = describe_changes(
            Registration, [{"organization_id": [None, 999999], "colour": ["red", "blue"]}]
        )

    assert described == [
        [FieldChange("Organización", "—", "999999"), FieldChange("colour", "red", "blue")]
    ]


def test_changes_are_listed_in_the_models_field_order_whatever_the_stored_order(ghana):
    stored = {"status": [None, "registered"], "role": [None, "delegate"]}
    stored["member_state_id"] = [None, ghana.pk]

    with translation.override("en"):
        (described,) = describe_changes(Registration, [stored])

    assert [line.label for line in described] == ["Member state represented", "Role", "Status"]
