"""iCalendar (RFC 5545) exports: the feed of upcoming meetings and a meeting's agenda."""

import datetime
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Agenda, Meeting
from .people import person_with_affiliation

PRODUCT_ID = "-//International Dialogue on Migration//IDM Portal//EN"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _names(session) -> str:
    lines = []
    for label, people in (
        (_("Chairs"), session.chairs),
        (_("Moderators"), session.moderators),
        (_("Speakers"), session.speakers),
    ):
        if people:
            lines.append(
                f"{label}: " + "; ".join(person_with_affiliation(p.registration) for p in people)
            )
    return "\n".join(lines)


def meetings_calendar(
    meetings: Iterable[Meeting], *, name: str, host: str, url_for: Callable[[Meeting], str]
) -> bytes:
    """One all-day event per meeting; the end date of iCalendar is exclusive."""
    calendar = _calendar(name)
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


def agenda_calendar(agenda: Agenda, *, host: str, url: str) -> bytes:
    """One event per session, times in UTC (every calendar program converts them)."""
    meeting = agenda.meeting
    calendar = _calendar(meeting.title)
    for session in agenda.sessions.all():
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", agenda.updated_at)
        event.add("summary", session.title)
        event.add("dtstart", session.starts_at.astimezone(datetime.UTC))
        event.add("dtend", session.ends_at.astimezone(datetime.UTC))
        if meeting.venue:
            event.add("location", meeting.venue)
        description = "\n\n".join(part for part in (_names(session), session.note) if part)
        if description:
            event.add("description", description)
        event.add("url", url)
        calendar.add_component(event)
    return calendar.to_ical()
