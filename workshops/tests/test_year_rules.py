"""A meeting falls within its dialogue year; meetings are cancelled, never deleted."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from workshops.models import DialogueYear, Meeting, MeetingStatusChange
from workshops.services import meeting_create, meeting_update
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db

OUTSIDE_2027 = "A meeting of IDM 2027 takes place in 2027: choose a date in 2027."


def test_a_2028_meeting_is_refused_in_idm_2027(secretariat_user):
    year = DialogueYearFactory(year=2027)

    with pytest.raises(ValidationError) as refused:
        meeting_create(
            dialogue_year=year,
            by=secretariat_user,
            title="Too late",
            start_date=datetime.date(2027, 12, 31),
            end_date=datetime.date(2028, 1, 2),
        )

    assert refused.value.message_dict == {"end_date": [OUTSIDE_2027]}
    assert not Meeting.objects.exists()


def test_a_meeting_is_not_moved_out_of_its_year(secretariat_user):
    meeting = MeetingFactory(
        dialogue_year=DialogueYearFactory(year=2027),
        start_date=datetime.date(2027, 3, 9),
        end_date=datetime.date(2027, 3, 10),
    )

    with pytest.raises(ValidationError):
        meeting_update(
            meeting=meeting,
            by=secretariat_user,
            start_date=datetime.date(2028, 3, 9),
            end_date=datetime.date(2028, 3, 10),
        )

    assert Meeting.objects.get().start_date == datetime.date(2027, 3, 9)


def test_the_meeting_form_shows_the_services_message(client, secretariat_user):
    DialogueYearFactory(year=2027)
    client.force_login(secretariat_user)

    page = client.post(
        "/meetings/years/2027/meetings/new/",
        {
            "kind": "workshop",
            "title": "Next year's",
            "start_date": "2028-03-09",
            "end_date": "2028-03-10",
            "venue": "Geneva",
            "status": "proposed",
        },
    ).content.decode()

    assert page.count(OUTSIDE_2027) == 2
    assert not Meeting.objects.exists()


def test_a_status_change_in_the_admin_is_in_the_history(client, secretariat_user):
    meeting = meeting_create(
        dialogue_year=DialogueYearFactory(year=2010),
        by=secretariat_user,
        title="Migration and social change",
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 10),
    )
    client.force_login(secretariat_user)

    response = client.post(
        f"/admin/workshops/meeting/{meeting.pk}/change/",
        {
            "dialogue_year": meeting.dialogue_year_id,
            "kind": "workshop",
            "title": meeting.title,
            "start_date": "2010-03-09",
            "end_date": "2010-03-10",
            "venue": "",
            "status": "cancelled",
            "funding_gap": "",
            "description": "",
            "status_changes-TOTAL_FORMS": 1,
            "status_changes-INITIAL_FORMS": 1,
            "status_changes-0-id": MeetingStatusChange.objects.get().pk,
            "status_changes-0-meeting": meeting.pk,
        },
    )

    assert response.status_code == 302
    assert list(MeetingStatusChange.objects.values_list("from_status", "to_status")) == [
        ("", "proposed"),
        ("proposed", "cancelled"),
    ]


def test_a_meeting_cannot_be_deleted_in_the_admin(client, secretariat_user, admin_client):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    as_secretariat = client.post(f"/admin/workshops/meeting/{meeting.pk}/delete/", {"post": "yes"})
    as_superuser = admin_client.post(
        f"/admin/workshops/meeting/{meeting.pk}/delete/", {"post": "yes"}
    )

    assert (as_secretariat.status_code, as_superuser.status_code) == (403, 403)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_admin_shows_the_services_refusal_instead_of_an_error(client, secretariat_user):
    meeting = MeetingFactory(dialogue_year=DialogueYearFactory(year=2010))
    DialogueYearFactory(year=2027, is_current=False)
    client.force_login(secretariat_user)
    form = {
        "dialogue_year": DialogueYear.objects.get(year=2027).pk,
        "kind": "workshop",
        "title": meeting.title,
        "start_date": "2010-03-09",
        "end_date": "2010-03-10",
        "venue": "",
        "status": "confirmed",
        "funding_gap": "",
        "description": "",
        "status_changes-TOTAL_FORMS": 0,
        "status_changes-INITIAL_FORMS": 0,
    }

    response = client.post(f"/admin/workshops/meeting/{meeting.pk}/change/", form, follow=True)

    assert response.status_code == 200
    assert OUTSIDE_2027 in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).dialogue_year.year == 2010
