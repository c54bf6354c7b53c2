"""The home page and the meeting page, assembled from every app."""

import datetime
import re

import pytest
from django.utils import timezone

from participants.tests.factories import RegistrationFactory
from workshops.models import Meeting
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_home_shows_current_year_its_meetings_and_their_status(client):
    year = DialogueYearFactory(year=2010, overarching_theme="Migration and social change")
    DialogueYearFactory(year=2011, overarching_theme="", is_current=False)
    # Still to come: a meeting whose days are over no longer shows its planning status.
    soon = timezone.localdate() + datetime.timedelta(days=30)
    MeetingFactory(
        dialogue_year=year,
        title="Societies and identities",
        status=Meeting.Status.SUBJECT_TO_FUNDING,
        start_date=soon,
        end_date=soon,
    )

    page = client.get("/").content.decode()

    assert "International Dialogue on Migration 2010" in page
    assert "Migration and social change" in page
    assert "Societies and identities" in page
    assert "Subject to the availability of funding" in page


def test_home_without_any_year_says_so(client):
    page = client.get("/").content.decode()

    assert "No dialogue year has been set up yet." in page


def test_meeting_page_shows_dates_venue_status_and_description(client):
    meeting = MeetingFactory(
        start_date=datetime.date(2010, 3, 9),
        end_date=datetime.date(2010, 3, 10),
        venue="Geneva",
        status=Meeting.Status.HELD,
        description="Workshop on transnationalism.",
    )

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "9 March 2010 – 10 March 2010" in page
    assert "Geneva" in page
    assert "Held" in page
    assert "Workshop on transnationalism." in page


def test_meeting_page_shows_registration_count_to_secretariat_only(
    client, secretariat_user, focal_point
):
    meeting = MeetingFactory()
    RegistrationFactory.create_batch(3, meeting=meeting)
    url = meeting.get_absolute_url()

    anonymous_page = client.get(url).content.decode()
    client.force_login(focal_point)
    focal_point_page = client.get(url).content.decode()
    client.force_login(secretariat_user)
    secretariat_page = client.get(url).content.decode()

    assert 'data-testid="registration-count">3<' in secretariat_page
    assert "registration-count" not in anonymous_page
    assert "registration-count" not in focal_point_page


def test_unknown_meeting_is_404(client):
    assert client.get("/meetings/999999/").status_code == 404


@pytest.mark.parametrize("url", ["/", "/meetings/years/2010/"])
def test_funding_gap_is_shown_to_focal_points_and_staff_not_to_the_public(
    client, focal_point, secretariat_user, url
):
    MeetingFactory(
        dialogue_year=DialogueYearFactory(year=2010, is_current=True),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
        funding_gap="Interpretation into Spanish",
    )

    anonymous = client.get(url).content.decode()
    client.force_login(focal_point)
    as_focal_point = client.get(url).content.decode()
    client.force_login(secretariat_user)
    as_staff = client.get(url).content.decode()

    gap = "Funding still missing: Interpretation into Spanish"
    assert "Interpretation into Spanish" not in anonymous
    assert 'data-testid="funding-gap"' not in anonymous
    assert gap in as_focal_point
    assert gap in as_staff


def test_a_confirmed_meeting_whose_days_are_over_says_it_took_place(client, secretariat_user):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    meeting = MeetingFactory(
        dialogue_year=DialogueYearFactory(is_current=True),
        status=Meeting.Status.CONFIRMED,
        start_date=yesterday - datetime.timedelta(days=1),
        end_date=yesterday,
    )

    home = client.get("/").content.decode()
    page = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(secretariat_user)
    staff_page = client.get(meeting.get_absolute_url()).content.decode()

    for html in (home, page):
        assert re.findall(r'data-testid="meeting-status">([^<]*)<', html) == ["Took place"]
    assert 'data-testid="mark-held"' not in page
    assert 'data-testid="mark-held"' in staff_page


def test_a_confirmed_meeting_still_running_is_confirmed(client):
    today = timezone.localdate()
    meeting = MeetingFactory(status=Meeting.Status.CONFIRMED, start_date=today, end_date=today)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert re.findall(r'data-testid="meeting-status">([^<]*)<', page) == ["Confirmed"]
