import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from workshops.models import Meeting
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar.walk("VEVENT")


def test_feed_lists_meetings_not_over_and_not_cancelled_of_every_year(client):
    today = timezone.localdate()
    soon = MeetingFactory(
        title="Societies and identities",
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=11),
        venue="Geneva",
        status=Meeting.Status.SUBJECT_TO_FUNDING,
    )
    running = MeetingFactory(
        title="Running today",
        start_date=today - datetime.timedelta(days=1),
        end_date=today,
        status=Meeting.Status.CONFIRMED,
    )
    MeetingFactory(
        title="Over",
        start_date=today - datetime.timedelta(days=5),
        end_date=today - datetime.timedelta(days=4),
    )
    MeetingFactory(
        title="Cancelled",
        start_date=today + datetime.timedelta(days=20),
        end_date=today + datetime.timedelta(days=20),
        status=Meeting.Status.CANCELLED,
    )

    found = events(client.get("/meetings/calendar.ics"))

    assert [str(e["SUMMARY"]) for e in found] == ["Running today", "Societies and identities"]
    by_title = {str(e["SUMMARY"]): e for e in found}
    event = by_title["Societies and identities"]
    assert event.decoded("DTSTART") == soon.start_date
    # iCalendar's all-day end is exclusive: the day after the last day.
    assert event.decoded("DTEND") == soon.end_date + datetime.timedelta(days=1)
    assert str(event["LOCATION"]) == "Geneva"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert str(event["UID"]) == f"meeting-{soon.pk}@testserver"
    assert str(event["URL"]) == f"http://testserver/meetings/{soon.pk}/"
    assert str(by_title["Running today"]["STATUS"]) == "CONFIRMED"
    assert running.pk != soon.pk


def test_empty_feed_is_still_a_valid_calendar(client):
    response = client.get("/meetings/calendar.ics")

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar.walk("VEVENT") == []
