"""A meeting's agenda as iCalendar (RFC 5545): one event per session."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Event

from workshops.calendars import calendar_new

from .models import Agenda
from .people import person_with_affiliation


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


def agenda_calendar(agenda: Agenda, *, host: str, url: str) -> bytes:
    """One event per session, times in UTC (every calendar program converts them)."""
    meeting = agenda.meeting
    calendar = calendar_new(meeting.title)
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
