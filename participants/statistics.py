"""Attendance figures and the sentence that states them (paragraph 2 of IC/2010/5).

The documents reuse `attendance_statement`, so a note's figures always come
from registrations, never from typed text.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, npgettext

from .charts import attendance_chart_svg
from .models import Category, Registration

CIVIL_SOCIETY = (Category.NGO, Category.PRIVATE_SECTOR, Category.ACADEMIA, Category.MEDIA)

# Honorifics that say a participant is a woman (Ms., Mme, Sra.): French agrees
# "représentantes", "participantes" when every person counted is one; anyone else,
# or an honorific left empty, keeps the generic masculine the organization writes.
FEMININE_HONORIFIC = (
    r"^\s*(ms|mrs|miss|mme|mlle|madame|mademoiselle|sra|srta|señora|señorita|dña|doña)\.?\s*$"
)
FEMININE = Q(participant__honorific__iregex=FEMININE_HONORIFIC)


@dataclass(frozen=True)
class AttendanceFigures:
    total: int
    government: int
    member_states: int
    international_organizations: int
    civil_society: int
    other: int
    # Of total and of government: those whose honorific is a woman's (FEMININE).
    total_women: int = 0
    government_women: int = 0


def _figure_aggregates() -> dict:
    government = Q(category=Category.GOVERNMENT)
    return {
        "total": Count("id"),
        "government": Count("id", filter=government),
        "member_states": Count("member_state", filter=government, distinct=True),
        "international_organizations": Count(
            "id", filter=Q(category=Category.INTERNATIONAL_ORGANIZATION)
        ),
        "civil_society": Count("id", filter=Q(category__in=CIVIL_SOCIETY)),
        "other": Count("id", filter=Q(category=Category.OTHER)),
        "total_women": Count("id", filter=FEMININE),
        "government_women": Count("id", filter=government & FEMININE),
    }


def attendance_figures(*, meetings) -> AttendanceFigures:
    """Counts attended registrations of the given meetings, in one query."""
    attended = Registration.objects.filter(
        meeting__in=meetings, status=Registration.Status.ATTENDED
    )
    return AttendanceFigures(**attended.aggregate(**_figure_aggregates()))


def attendance_figures_by_meeting(*, meetings) -> dict[int, AttendanceFigures]:
    """meeting id → its figures, for every given meeting (zeros if none), in one query."""
    rows = (
        Registration.objects.filter(meeting__in=meetings, status=Registration.Status.ATTENDED)
        .order_by()
        .values("meeting")
        .annotate(**_figure_aggregates())
    )
    zero = AttendanceFigures(0, 0, 0, 0, 0, 0)
    found = {row.pop("meeting"): AttendanceFigures(**row) for row in rows}
    return {meeting.pk: found.get(meeting.pk, zero) for meeting in meetings}


def countries_phrase(count: int) -> str:
    """74 → "over 70 countries", as a note would round it; small counts stay exact."""
    if count >= 20 and count % 10:
        return _("over %(rounded)d countries") % {"rounded": count - count % 10}
    return ngettext("%(count)d country", "%(count)d countries", count) % {"count": count}


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("%(head)s and %(last)s") % {"head": ", ".join(parts[:-1]), "last": parts[-1]}


def _agreeing(women: bool, singular: str, plural: str, count: int) -> str:
    """ngettext, in the feminine form ("feminine" context) when every person counted is a
    woman: French writes "une représentante", "ces participantes"."""
    if women:
        return npgettext("feminine", singular, plural, count)
    return ngettext(singular, plural, count)


def _all_women(figures: AttendanceFigures) -> bool:
    return figures.total > 0 and figures.total_women == figures.total


def attendance_statement(figures: AttendanceFigures, *, subject: str | None = None) -> str:
    """The attendance sentence in the style of paragraph 2 of IC/2010/5."""
    subject = subject or _("This workshop")
    if figures.total == 0:
        return _("%(subject)s has no recorded attendance yet.") % {"subject": subject}
    opening = _agreeing(
        _all_women(figures),
        "%(subject)s was attended by %(count)d participant.",
        "%(subject)s was attended by %(count)d participants.",
        figures.total,
    ) % {"subject": subject, "count": figures.total}
    return _with_breakdown(opening, figures)


def attendance_year_statement(figures: AttendanceFigures, *, year: int) -> str:
    """The same statement for all meetings of a dialogue year.

    Attendances add up meeting by meeting: a person at two workshops counts twice.
    """
    if figures.total == 0:
        return _("The meetings of IDM %(year)d have no recorded attendance yet.") % {"year": year}
    opening = ngettext(
        "The meetings of IDM %(year)d were attended by %(count)d participant in all.",
        "The meetings of IDM %(year)d were attended by %(count)d participants in all.",
        figures.total,
    ) % {"year": year, "count": figures.total}
    return _with_breakdown(opening, figures)


def _with_breakdown(opening: str, figures: AttendanceFigures) -> str:
    parts = []
    if figures.government:
        parts.append(
            _agreeing(
                figures.government_women == figures.government,
                "%(count)d was a government representative from %(countries)s",
                "%(count)d were government representatives from %(countries)s",
                figures.government,
            )
            % {"count": figures.government, "countries": countries_phrase(figures.member_states)}
        )
    if figures.international_organizations:
        parts.append(
            ngettext(
                "%(count)d was from an international organization",
                "%(count)d were from international organizations",
                figures.international_organizations,
            )
            % {"count": figures.international_organizations}
        )
    if figures.civil_society:
        parts.append(
            ngettext(
                "%(count)d was from a non-governmental organization, the private sector, "
                "academia or the media",
                "%(count)d were from non-governmental organizations, the private sector, "
                "academia and the media",
                figures.civil_society,
            )
            % {"count": figures.civil_society}
        )
    if not parts:
        return opening
    lead = _agreeing(
        _all_women(figures), "Of this participant", "Of these participants", figures.total
    )
    return f"{opening} {lead}, {_join(parts)}."


def attendance_by_category(*, meetings) -> list[tuple[str, str, int]]:
    """(category, label, attended) for every category, in the register's order; one query."""
    counts = dict(
        Registration.objects.filter(meeting__in=meetings, status=Registration.Status.ATTENDED)
        .order_by()
        .values("category")
        .annotate(count=Count("id"))
        .values_list("category", "count")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Category.choices]


def registrations_by_status(*, meetings) -> list[tuple[str, str, int]]:
    """(status, label, registrations) for every status; one query."""
    counts = dict(
        Registration.objects.filter(meeting__in=meetings)
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    return [(value, label, counts.get(value, 0)) for value, label in Registration.Status.choices]


def meeting_subject(meeting) -> str:
    """ "This workshop", "This consultation"…: the subject of a meeting's statement."""
    subjects = {
        "workshop": _("This workshop"),
        "informal_consultation": _("This consultation"),
        "council_session": _("This session"),
    }
    return subjects.get(meeting.kind, _("This meeting"))


@dataclass(frozen=True)
class MeetingAttendance:
    figures: AttendanceFigures
    statement: str
    by_category: list[tuple[str, str, int]]
    chart: str  # inline SVG


def meeting_attendance(*, meeting) -> MeetingAttendance:
    """One meeting's figures, their sentence, the attendance by category and its chart:
    the same on the public meeting page and on the meeting's statistics page."""
    figures = attendance_figures(meetings=[meeting])
    by_category = attendance_by_category(meetings=[meeting])
    return MeetingAttendance(
        figures=figures,
        statement=attendance_statement(figures, subject=meeting_subject(meeting)),
        by_category=by_category,
        chart=attendance_chart_svg(by_category),
    )
