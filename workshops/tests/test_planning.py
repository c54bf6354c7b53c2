import datetime

import pytest
from django.db import IntegrityError, transaction

from common.history import HistoryIsAppendOnly
from workshops.models import DialogueYear, Meeting, MeetingStatusChange
from workshops.services import meeting_create, meeting_update
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db

MEETING_POST = {
    "kind": "workshop",
    "title": "Societies and identities",
    "start_date": "2010-07-19",
    "end_date": "2010-07-20",
    "venue": "Geneva",
    "status": "confirmed",
    "funding_gap": "",
    "description": "",
}


@pytest.mark.parametrize(
    "url",
    ["/meetings/years/new/", "/meetings/years/2010/edit/", "/meetings/years/2010/meetings/new/"],
)
def test_planning_pages_send_anonymous_to_login_and_refuse_focal_points(
    client, focal_point, secretariat_user, url
):
    DialogueYearFactory(year=2010)

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert as_focal_point.status_code == 403
    assert as_staff.status_code == 200


def test_meeting_edit_page_is_for_the_secretariat_only(client, focal_point, secretariat_user):
    url = f"/meetings/{MeetingFactory().pk}/edit/"

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    assert (anonymous.status_code, as_focal_point.status_code, as_staff.status_code) == (
        302,
        403,
        200,
    )


def test_secretariat_creates_a_year_that_becomes_the_only_current_one(client, secretariat_user):
    DialogueYearFactory(year=2010, is_current=True)
    client.force_login(secretariat_user)

    response = client.post(
        "/meetings/years/new/",
        {"year": "2011", "overarching_theme": "Migration and human security", "is_current": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/meetings/years/2011/"
    assert list(DialogueYear.objects.filter(is_current=True).values_list("year", flat=True)) == [
        2011
    ]
    assert DialogueYear.objects.get(year=2011).overarching_theme == "Migration and human security"


def test_a_year_cannot_be_created_twice(client, secretariat_user):
    DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)

    response = client.post("/meetings/years/new/", {"year": "2010"})

    assert response.status_code == 200
    assert "Dialogue year with this Year already exists." in response.content.decode()
    assert DialogueYear.objects.count() == 1


def test_secretariat_edits_the_theme_of_a_year(client, secretariat_user):
    DialogueYearFactory(year=2010, overarching_theme="Old")
    client.force_login(secretariat_user)

    client.post(
        "/meetings/years/2010/edit/",
        {"year": "2010", "overarching_theme": "Migration and social change", "is_current": "on"},
    )

    assert DialogueYear.objects.get(year=2010).overarching_theme == "Migration and social change"


def test_secretariat_adds_a_meeting_subject_to_funding_with_its_gap(client, secretariat_user):
    DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)

    response = client.post(
        "/meetings/years/2010/meetings/new/",
        {**MEETING_POST, "status": "subject_to_funding", "funding_gap": "USD 80,000 for travel"},
    )

    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.status == Meeting.Status.SUBJECT_TO_FUNDING
    assert meeting.funding_gap == "USD 80,000 for travel"
    assert meeting.updated_by == secretariat_user
    history = list(meeting.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert history == [("", "subject_to_funding", secretariat_user.pk)]


def test_a_meeting_subject_to_funding_says_what_is_missing(client, secretariat_user):
    DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)

    response = client.post(
        "/meetings/years/2010/meetings/new/", {**MEETING_POST, "status": "subject_to_funding"}
    )

    assert response.status_code == 200
    assert "Say what funding is missing" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_a_meeting_cannot_end_before_it_starts_and_the_form_says_so(client, secretariat_user):
    DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)

    response = client.post(
        "/meetings/years/2010/meetings/new/", {**MEETING_POST, "end_date": "2010-07-18"}
    )

    assert response.status_code == 200
    assert "A meeting ends on or after the day it starts." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_same_meeting_twice_in_a_year_gets_a_message_not_an_error(client, secretariat_user):
    year = DialogueYearFactory(year=2010)
    MeetingFactory(
        dialogue_year=year,
        title="Societies and identities",
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
    )
    client.force_login(secretariat_user)

    response = client.post("/meetings/years/2010/meetings/new/", MEETING_POST)

    assert response.status_code == 200
    assert "already has a meeting with this title on this date" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_status_changes_are_recorded_with_who_and_when(client, secretariat_user):
    year = DialogueYearFactory(year=2010)
    meeting = meeting_create(
        dialogue_year=year,
        by=None,
        title="July workshop",
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
        funding_gap="Interpretation",
    )
    client.force_login(secretariat_user)

    client.post(
        f"/meetings/{meeting.pk}/edit/",
        {**MEETING_POST, "title": "July workshop", "status": "confirmed"},
    )
    client.post(f"/meetings/{meeting.pk}/edit/", {**MEETING_POST, "title": "July workshop"})

    meeting.refresh_from_db()
    changes = list(meeting.status_changes.all())
    assert [(c.from_status, c.to_status) for c in changes] == [
        ("", "subject_to_funding"),
        ("subject_to_funding", "confirmed"),
    ]
    assert changes[1].changed_by == secretariat_user
    assert changes[1].changed_at >= changes[0].changed_at
    # The gap closes with the funding: nothing is missing from a confirmed meeting.
    assert meeting.funding_gap == ""


def test_status_history_is_append_only():
    meeting = meeting_create(
        dialogue_year=DialogueYearFactory(),
        by=None,
        title="T",
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 9),
    )
    change = MeetingStatusChange.objects.get(meeting=meeting)
    change.to_status = Meeting.Status.HELD

    with pytest.raises(HistoryIsAppendOnly):
        change.save()


def test_editing_without_changing_the_status_adds_no_history():
    meeting = meeting_create(
        dialogue_year=DialogueYearFactory(),
        by=None,
        title="T",
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 9),
    )

    meeting_update(meeting=meeting, by=None, venue="Geneva")

    assert meeting.status_changes.count() == 1


def test_database_refuses_a_funding_gap_on_a_confirmed_meeting():
    meeting = MeetingFactory(status=Meeting.Status.CONFIRMED)

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(funding_gap="Travel")


def test_staff_sees_history_and_funding_gap_focal_point_sees_the_gap_public_neither(
    client, secretariat_user, focal_point
):
    meeting = meeting_create(
        dialogue_year=DialogueYearFactory(),
        by=secretariat_user,
        title="July",
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
        funding_gap="Interpretation into Spanish",
    )
    url = meeting.get_absolute_url()

    anonymous = client.get(url).content.decode()
    client.force_login(focal_point)
    as_focal_point = client.get(url).content.decode()
    client.force_login(secretariat_user)
    as_staff = client.get(url).content.decode()

    assert "Interpretation into Spanish" not in anonymous
    assert "Interpretation into Spanish" in as_focal_point
    assert "Interpretation into Spanish" in as_staff
    assert 'data-testid="status-change"' in as_staff
    assert "status-change" not in as_focal_point


def test_year_page_lists_past_and_upcoming_meetings(client):
    year = DialogueYearFactory(year=2010)
    today = datetime.date.today()
    MeetingFactory(
        dialogue_year=year,
        title="Long ago",
        start_date=today - datetime.timedelta(days=30),
        end_date=today - datetime.timedelta(days=29),
    )
    MeetingFactory(
        dialogue_year=year,
        title="Next month",
        start_date=today + datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=31),
    )

    page = client.get("/meetings/years/2010/").content.decode()

    upcoming, past = page.split("Upcoming meetings")[1].split("Past meetings")
    assert "Next month" in upcoming
    assert "Long ago" not in upcoming
    assert "Long ago" in past
    assert "Next month" not in past


def test_unknown_year_is_404(client):
    assert client.get("/meetings/years/1999/").status_code == 404


def test_a_status_changed_in_the_admin_is_recorded_too(client, secretariat_user):
    secretariat_user.is_superuser = True
    secretariat_user.save(update_fields=["is_superuser"])
    year = DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)
    form = {
        "dialogue_year": year.pk,
        **MEETING_POST,
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }

    client.post("/admin/workshops/meeting/add/", form)
    meeting = Meeting.objects.get()
    client.post(f"/admin/workshops/meeting/{meeting.pk}/change/", {**form, "status": "held"})

    assert list(meeting.status_changes.values_list("from_status", "to_status", "changed_by")) == [
        ("", "confirmed", secretariat_user.pk),
        ("confirmed", "held", secretariat_user.pk),
    ]


def test_a_dialogue_year_changed_in_the_admin_is_saved(client, secretariat_user):
    first = DialogueYearFactory(year=2010)
    second = DialogueYearFactory(year=2011, is_current=False)
    client.force_login(secretariat_user)
    form = {
        "dialogue_year": first.pk,
        **MEETING_POST,
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }

    added = client.post("/admin/workshops/meeting/add/", form)
    meeting = Meeting.objects.get()
    changed = client.post(
        f"/admin/workshops/meeting/{meeting.pk}/change/",
        # A meeting falls within its year: it moves to 2011 with dates in 2011.
        {**form, "dialogue_year": second.pk, "start_date": "2011-07-19", "end_date": "2011-07-20"},
    )

    meeting.refresh_from_db()
    assert (added.status_code, changed.status_code) == (302, 302)
    assert meeting.dialogue_year == second
    assert meeting.updated_by == secretariat_user
    assert meeting.status_changes.count() == 1


YEAR_ADMIN_POST = {
    "overarching_theme": "",
    "description": "",
    "meetings-TOTAL_FORMS": "0",
    "meetings-INITIAL_FORMS": "0",
}


def test_a_year_made_current_in_the_admin_steps_the_previous_one_down(client, secretariat_user):
    first = DialogueYearFactory(year=2010, is_current=True)
    client.force_login(secretariat_user)

    added = client.post(
        "/admin/workshops/dialogueyear/add/", {**YEAR_ADMIN_POST, "year": 2011, "is_current": "on"}
    )
    after_add = list(DialogueYear.objects.filter(is_current=True).values_list("year", flat=True))
    changed = client.post(
        f"/admin/workshops/dialogueyear/{first.pk}/change/",
        {**YEAR_ADMIN_POST, "year": 2010, "is_current": "on"},
    )
    after_change = list(DialogueYear.objects.filter(is_current=True).values_list("year", flat=True))

    assert (added.status_code, changed.status_code) == (302, 302)
    assert after_add == [2011]
    assert after_change == [2010]


def test_meetings_are_only_listed_on_the_admin_year_page(client, secretariat_user):
    meeting = MeetingFactory(title="July workshop", venue="Geneva")
    client.force_login(secretariat_user)
    url = f"/admin/workshops/dialogueyear/{meeting.dialogue_year.pk}/change/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            **YEAR_ADMIN_POST,
            "year": 2010,
            "is_current": "on",
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "1",
            "meetings-0-id": meeting.pk,
            "meetings-0-dialogue_year": meeting.dialogue_year.pk,
            "meetings-0-venue": "Nairobi",
            "meetings-0-DELETE": "on",
        },
    )

    meeting.refresh_from_db()
    assert "July workshop" in page
    assert f"/admin/workshops/meeting/{meeting.pk}/change/" in page
    assert 'name="meetings-0-title"' not in page
    assert 'name="meetings-0-DELETE"' not in page
    assert 'name="meetings-MAX_NUM_FORMS" value="0"' in page
    assert response.status_code == 302
    assert meeting.venue == "Geneva"
