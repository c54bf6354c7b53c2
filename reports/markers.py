"""Computed blocks: markers in a note's body that the portal fills in at render time.

    [[attendance meeting=2010-03-09]]     the attendance statement of a meeting (inline)
    [[upcoming-meetings year=2010]]       the meetings of a dialogue year after the date of issue
    [[proposals year=2011]]               the proposals of the consultation on a year's theme

A meeting is named by its start date or its number; `after=YYYY-MM-DD`
changes the date upcoming meetings start after. Block markers (upcoming
meetings, proposals) stand alone on their line. Expansion happens on the
Markdown text, before it is parsed, so a computed paragraph is numbered
like any other and a footnote written after a marker stays attached.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.translated import has_translation
from participants.statistics import attendance_figures, attendance_statement, meeting_subject
from themes.selectors import consultation_for_year, proposal_list
from workshops.models import DialogueYear, Meeting
from workshops.selectors import (
    dialogue_year_get,
    meeting_get,
    meeting_list,
    meeting_list_upcoming,
)

from .markup import escape_markdown

MARKER = re.compile(r"\[\[\s*(?P<name>[a-z-]+)(?P<args>(?:\s+[a-z]+=[^\s\]]+)*)\s*\]\]")
BLOCK_MARKERS = {"upcoming-meetings", "proposals"}
# ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
NUMBER = re.compile(r"[0-9]{1,9}")


class MarkerError(Exception):
    """A marker that cannot be filled in; the message is shown to the author."""


@dataclass
class Expansion:
    text: str
    problems: list[str] = field(default_factory=list)
    # Computed texts printed in their original language, lacking this one's (see fallback).
    fallbacks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MarkerContext:
    issue_date: datetime.date
    dialogue_year: DialogueYear
    # The language the blocks are written in; None: the active one.
    language: str | None = None
    # A preview marks the texts that fall back to the original; the PDF does not.
    preview: bool = False
    fallbacks: list[str] = field(default_factory=list)

    @property
    def text_language(self) -> str:
        return self.language or translation.get_language()


def fallback(context: MarkerContext, instance, fields: tuple[str, ...], shown: str) -> str:
    """Nothing if `instance` has its own text in the context's language; else records
    the fallback and gives the preview's visible marker (nothing in the PDF)."""
    language = context.text_language
    if all(has_translation(instance, name, language) for name in fields):
        return ""
    context.fallbacks.append(
        _("“%(text)s” has no version in this language yet: the original is printed.")
        % {"text": shown}
    )
    if not context.preview:
        return ""
    return " **[" + escape_markdown(_("not translated: original text")) + "]**"


def expand_markers(text: str, *, context: MarkerContext) -> Expansion:
    """Replaces every marker by its live content; unknown or broken ones are reported."""
    problems: list[str] = []

    def replace(match: re.Match) -> str:
        name = match["name"]
        try:
            handler = HANDLERS.get(name)
            if handler is None:
                raise MarkerError(
                    _("Unknown marker %(marker)s. The markers are: %(names)s.")
                    % {"marker": match[0], "names": ", ".join(sorted(HANDLERS))}
                )
            if name in BLOCK_MARKERS and not _stands_alone(text, match):
                raise MarkerError(
                    _("The marker %(marker)s must stand alone on its line.") % {"marker": match[0]}
                )
            return handler(_arguments(match), context)
        except MarkerError as problem:
            problems.append(str(problem))
            return f"**[{escape_markdown(str(problem))}]**"

    expanded = MARKER.sub(replace, text)
    return Expansion(text=expanded, problems=problems, fallbacks=list(context.fallbacks))


def _stands_alone(text: str, match: re.Match) -> bool:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return line.strip() == match[0]


def _arguments(match: re.Match) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in match["args"].split())


def _date(value: str, *, marker: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise MarkerError(
            _("In %(marker)s, %(value)s is not a date written as YYYY-MM-DD.")
            % {"marker": marker, "value": value}
        ) from exc


def _meeting(arguments: dict[str, str], context: MarkerContext) -> Meeting:
    value = arguments.get("meeting")
    if not value:
        raise MarkerError(_("The attendance marker needs meeting=YYYY-MM-DD (its start date)."))
    if NUMBER.fullmatch(value):
        try:
            return meeting_get(pk=int(value))
        except Meeting.DoesNotExist as exc:
            message = _("There is no meeting number %(value)s.") % {"value": value}
            raise MarkerError(message) from exc
    start_date = _date(value, marker="[[attendance]]")
    meetings = list(meeting_list(dialogue_year=context.dialogue_year).filter(start_date=start_date))
    if not meetings:
        raise MarkerError(
            _("No meeting of IDM %(year)s starts on %(value)s.")
            % {"year": context.dialogue_year.year, "value": value}
        )
    if len(meetings) > 1:
        raise MarkerError(
            _("Several meetings start on %(value)s; name one by its number: %(choices)s.")
            % {"value": value, "choices": ", ".join(f"{m.pk} ({m.title})" for m in meetings)}
        )
    return meetings[0]


# Day and month as each language writes them in running text: "9 March", "9 de marzo",
# "1er juillet" (French writes the first of the month as an ordinal).
MONTH_JOINER = {"es": " de "}
YEAR_JOINER = {"es": " de "}


def _language() -> str:
    return (translation.get_language() or "en")[:2]


def _day(day: datetime.date) -> str:
    return "1er" if _language() == "fr" and day.day == 1 else str(day.day)


def _day_month(day: datetime.date) -> str:
    return f"{_day(day)}{MONTH_JOINER.get(_language(), ' ')}{date_format(day, 'F')}"


def _with_year(text: str, year: int) -> str:
    return f"{text}{YEAR_JOINER.get(_language(), ' ')}{year}"


def long_date(day: datetime.date) -> str:
    """16 April 2010, 16 avril 2010, 16 de abril de 2010, 1er juillet 2010."""
    return _with_year(_day_month(day), day.year)


def meeting_dates(meeting) -> str:
    """9–10 March 2010; 30 June – 1 July 2010; 18 February 2010 (in the active language)."""
    start, end = meeting.start_date, meeting.end_date
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_day(start)}–{long_date(end)}"
    if start.year == end.year:
        return _with_year(f"{_day_month(start)} – {_day_month(end)}", end.year)
    return f"{long_date(start)} – {long_date(end)}"


def _year(arguments: dict[str, str], *, default: DialogueYear | None, marker: str):
    value = arguments.get("year")
    if value is None and default is not None:
        return default
    if not value or not NUMBER.fullmatch(value):
        raise MarkerError(_("The marker %(marker)s needs year=YYYY.") % {"marker": marker})
    try:
        return dialogue_year_get(year=int(value))
    except DialogueYear.DoesNotExist as exc:
        raise MarkerError(_("There is no dialogue year %(year)s.") % {"year": value}) from exc


def attendance(arguments: dict[str, str], context: MarkerContext) -> str:
    meeting = _meeting(arguments, context)
    figures = attendance_figures(meetings=[meeting])
    return escape_markdown(attendance_statement(figures, subject=meeting_subject(meeting)))


def upcoming_meetings(arguments: dict[str, str], context: MarkerContext) -> str:
    year = _year(arguments, default=context.dialogue_year, marker="[[upcoming-meetings]]")
    after = arguments.get("after")
    after_date = _date(after, marker="[[upcoming-meetings]]") if after else context.issue_date
    meetings = list(meeting_list_upcoming(dialogue_year=year, after=after_date))
    if not meetings:
        return (
            "\n\n"
            + _("No further meetings of IDM %(year)s are scheduled.") % {"year": year.year}
            + "\n\n"
        )
    lines = []
    for meeting in meetings:
        dates = meeting_dates(meeting)
        place = f", {meeting.venue}" if meeting.venue else ""
        untranslated = fallback(context, meeting, ("title",), meeting.title)
        lines.append(
            f"- {escape_markdown(dates + place)}: *{escape_markdown(meeting.title)}*{untranslated} "
            f"({escape_markdown(str(meeting.get_status_display()).lower())})"
        )
    return "\n\n" + "\n".join(lines) + "\n\n"


def _ordinal_heading(position: int, title: str) -> str:
    ordinals = [
        _("First proposal: %(title)s"),
        _("Second proposal: %(title)s"),
        _("Third proposal: %(title)s"),
        _("Fourth proposal: %(title)s"),
        _("Fifth proposal: %(title)s"),
    ]
    if 1 <= position <= len(ordinals):
        return ordinals[position - 1] % {"title": title}
    return _("Proposal %(number)d: %(title)s") % {"number": position, "title": title}


def proposals(arguments: dict[str, str], context: MarkerContext) -> str:
    year = _year(arguments, default=None, marker="[[proposals]]")
    consultation = consultation_for_year(dialogue_year=year)
    if consultation is None:
        raise MarkerError(
            _("There is no consultation on the theme of %(year)s yet.") % {"year": year.year}
        )
    blocks = []
    for index, proposal in enumerate(proposal_list(consultation=consultation), start=1):
        heading = _ordinal_heading(index, proposal.title)
        untranslated = fallback(context, proposal, ("title", "full_text"), proposal.title)
        # The proposal's text is Markdown written by the secretariat; it is
        # sanitized with the rest of the body.
        blocks.append(
            f"### {escape_markdown(heading)}{untranslated}\n\n{proposal.full_text.strip()}"
        )
    if not blocks:
        raise MarkerError(
            _("The consultation on the theme of %(year)s has no proposals yet.")
            % {"year": year.year}
        )
    return "\n\n" + "\n\n".join(blocks) + "\n\n"


HANDLERS: dict[str, Callable[[dict[str, str], MarkerContext], str]] = {
    "attendance": attendance,
    "upcoming-meetings": upcoming_meetings,
    "proposals": proposals,
}
