import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from participants.tests.factories import MemberStateFactory, RegistrationFactory
from programme.services import agenda_publish
from programme.tests.factories import SessionFactory, SessionPersonFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar.walk("VEVENT")


def test_agenda_export_has_one_event_per_session_with_its_people(client, settings):
    settings.TIME_ZONE = "Europe/Zurich"  # the venue's time; the export says UTC
    meeting = MeetingFactory(
        start_date=datetime.date(2010, 3, 9), end_date=datetime.date(2010, 3, 10)
    )
    opening = SessionFactory(agenda__meeting=meeting, title="Opening", note="Welcome words.")
    SessionPersonFactory(
        session=opening,
        role="moderator",
        registration=RegistrationFactory(
            meeting=meeting,
            participant__honorific="Ms.",
            participant__first_name="Amina",
            participant__last_name="Mensah",
            member_state=MemberStateFactory(country="GH"),
        ),
    )
    SessionFactory(
        agenda=opening.agenda,
        title="Session I",
        starts_at=timezone.make_aware(datetime.datetime(2010, 3, 10, 15, 0)),
        ends_at=timezone.make_aware(datetime.datetime(2010, 3, 10, 18, 0)),
    )
    agenda_publish(meeting=meeting, by=None)

    response = client.get(f"/meetings/{meeting.pk}/agenda.ics")

    found = events(response)
    assert response["Content-Disposition"] == f'attachment; filename="idm-agenda-{meeting.pk}.ics"'
    assert [str(e["SUMMARY"]) for e in found] == ["Opening", "Session I"]
    first, second = found
    # 10:00 in Geneva in March is 09:00 UTC.
    assert first.decoded("DTSTART") == datetime.datetime(2010, 3, 9, 9, 0, tzinfo=datetime.UTC)
    assert first.decoded("DTEND") == datetime.datetime(2010, 3, 9, 10, 30, tzinfo=datetime.UTC)
    assert str(first["DESCRIPTION"]) == "Moderators: Ms. Amina Mensah (Ghana)\n\nWelcome words."
    assert str(first["LOCATION"]) == "Geneva"
    assert second.decoded("DTSTART") == datetime.datetime(2010, 3, 10, 14, 0, tzinfo=datetime.UTC)


def test_draft_agenda_export_is_for_the_secretariat(client, focal_point, secretariat_user):
    meeting = MeetingFactory()
    SessionFactory(agenda__meeting=meeting)
    url = f"/meetings/{meeting.pk}/agenda.ics"

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    assert anonymous.status_code == 302
    assert as_focal_point.status_code == 403
    assert len(events(as_staff)) == 1


def test_meeting_without_agenda_has_no_export(client):
    assert client.get(f"/meetings/{MeetingFactory().pk}/agenda.ics").status_code == 404
