"""The admin changes registrations and states through the services; nothing is deleted there."""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, transaction

from accounts.roles import SECRETARIAT_GROUP
from participants.electorate import member_state_status_set
from participants.models import MemberState, MemberStateStatusChange, Registration
from participants.services import PersonDetails, registration_create
from participants.tests.factories import MemberStateFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration(secretariat_user):
    return registration_create(
        meeting=MeetingFactory(),
        person=PersonDetails(first_name="Ama", last_name="Mensah"),
        participant=None,
        category="government",
        member_state=MemberStateFactory(country="GH", name="Ghana"),
        organization=None,
        role="delegate",
        by=secretariat_user,
    )


def test_a_status_change_in_the_admin_is_in_the_registrations_history(
    client, secretariat_user, registration
):
    client.force_login(secretariat_user)

    response = client.post(
        f"/admin/participants/registration/{registration.pk}/change/",
        {
            "category": "government",
            "member_state": registration.member_state_id,
            "organization": "",
            "role": "delegate",
            "status": "confirmed",
        },
    )

    assert response.status_code == 302
    entry = registration.changes.order_by("pk").last()
    assert (entry.action, entry.changes, entry.changed_by) == (
        "status_changed",
        {"status": ["registered", "confirmed"]},
        secretariat_user,
    )


def test_registrations_cannot_be_deleted_by_anyone(
    client, admin_client, secretariat_user, registration
):
    client.force_login(secretariat_user)
    url = f"/admin/participants/registration/{registration.pk}/delete/"

    responses = [client.post(url, {"post": "yes"}), admin_client.post(url, {"post": "yes"})]

    assert [r.status_code for r in responses] == [403, 403]
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_the_secretariat_group_holds_no_permission_to_delete_or_rewrite_history(
    secretariat_user,
):
    codenames = set(
        Permission.objects.filter(group__name=SECRETARIAT_GROUP).values_list("codename", flat=True)
    )

    withheld = {"delete_registration", "delete_meeting", "delete_vote", "change_vote"}
    withheld |= {"change_registrationchange", "delete_meetingstatuschange"}
    withheld |= {"delete_voteevent", "change_consultationchange"}
    assert codenames & withheld == set()
    assert {"change_registration", "view_registrationchange"} <= codenames


def test_a_states_status_changed_in_the_admin_is_recorded(client, secretariat_user):
    state = MemberStateFactory(country="QA", name="Qatar", status="observer")
    client.force_login(secretariat_user)

    response = client.post(
        f"/admin/participants/memberstate/{state.pk}/change/",
        {
            "country": "QA",
            "name": "Qatar",
            "status": "member",
            "status_changes-TOTAL_FORMS": 0,
            "status_changes-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302
    assert MemberState.objects.get(pk=state.pk).status == "member"
    entry = MemberStateStatusChange.objects.get()
    assert (entry.from_status, entry.to_status, entry.changed_by) == (
        "observer",
        "member",
        secretariat_user,
    )


def test_a_states_status_does_not_change_without_its_history_entry(secretariat_user):
    state = MemberStateFactory(country="QA", name="Qatar", status="observer")

    with pytest.raises(DatabaseError, match="status history"), transaction.atomic():
        MemberState.objects.filter(pk=state.pk).update(status="member")
    member_state_status_set(member_state=state, status="member", by=secretariat_user)

    assert MemberState.objects.get(pk=state.pk).status == "member"
    assert MemberStateStatusChange.objects.count() == 1
