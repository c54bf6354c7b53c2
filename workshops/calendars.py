"""iCalendar (RFC 5545): the feed of upcoming meetings, and the calendar exports start from."""

import datetime
from collections.abc import Callable, Iterable

from icalendar import Calendar, Event

from .models import Meeting

PRODUCT_ID = "-//International Dialogue on Migration//IDM Portal//EN"


def calendar_new(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def meetings_calendar(
    meetings: Iterable[Meeting], *, name: str, host: str, url_for: Callable[[Meeting], str]
) -> bytes:
    """One all-day event per meeting; the end date of iCalendar is exclusive."""
    calendar = calendar_new(name)
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", meeting.updated_at)
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start_date)
        event.add("dtend", meeting.end_date + datetime.timedelta(days=1))
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("description", f"{meeting.get_status_display()}. {meeting.dialogue_year}")
        event.add("url", url_for(meeting))
        # Meetings "subject to funding" or "proposed" are not certain yet.
        confirmed = meeting.status in (Meeting.Status.CONFIRMED, Meeting.Status.HELD)
        event.add("status", "CONFIRMED" if confirmed else "TENTATIVE")
        calendar.add_component(event)
    return calendar.to_ical()
