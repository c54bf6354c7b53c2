"""The HTML a document is printed from: a note with its computed blocks filled in,
or a meeting's list of participants. The same HTML feeds the preview and the PDF,
and its hash decides whether a PDF can be reused.
"""

import hashlib
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from participants.models import Category
from participants.selectors import (
    registration_list_for_publication,
    registration_unlisted_count_for_publication,
)

from .markers import Expansion, MarkerContext, expand_markers, long_date, meeting_dates
from .markup import body_to_html
from .models import DiscussionNote
from .note_limits import body_limit_problems
from .pdf import PIPELINE_VERSION
from .versions import LANGUAGE_NAMES_IN_TEXT, NoteVersion, note_version


@dataclass(frozen=True)
class DocumentContent:
    html: str
    file_name: str
    problems: list[str] = field(default_factory=list)
    language: str = settings.LANGUAGE_CODE
    fallbacks: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(f"{PIPELINE_VERSION}\n{self.html}".encode()).hexdigest()


def _expand_note_markers(version: NoteVersion, *, preview: bool = False):
    """The body with its markers filled in; a body past the bounds is not expanded at all."""
    too_much = body_limit_problems(version.body)
    if too_much:
        return Expansion(text="", problems=too_much)
    note = version.note
    expansion = expand_markers(
        version.body,
        context=MarkerContext(
            issue_date=note.issue_date,
            dialogue_year=note.meeting.dialogue_year,
            language=version.language,
            preview=preview,
        ),
    )
    # Computed blocks (a consultation's proposals) count too: the converter sees them.
    expansion.problems += body_limit_problems(expansion.text)
    return expansion


def _body_html(expansion: Expansion) -> str:
    if expansion.problems and not expansion.text:
        # Past the bounds: the preview says why instead of converting it.
        return "".join(
            f"<p><strong>[{escape(problem)}]</strong></p>" for problem in expansion.problems
        )
    return body_to_html(expansion.text)


def _version(note: DiscussionNote, language: str | None) -> NoteVersion:
    version = note_version(note, language)
    if version is None:
        raise ValueError(f"{note.symbol} has no version in {language}.")
    return version


def note_problems(note: DiscussionNote, language: str | None = None) -> list[str]:
    """The problems with the version's markers, as note_content reports them, without the HTML."""
    return version_problems(_version(note, language))


def version_problems(version: NoteVersion) -> list[str]:
    return version_check(version).problems


def version_check(version: NoteVersion) -> Expansion:
    """The version's markers filled in, with their problems and fallbacks, without the HTML."""
    with translation.override(version.language):
        return _expand_note_markers(version)


def note_content(
    note: DiscussionNote, language: str | None = None, *, preview: bool = False
) -> DocumentContent:
    """A language version of the note as it prints (the original if language is None),
    with live computed blocks in that language. The preview marks computed texts that
    fall back to the original; the PDF is printed without those marks."""
    version = _version(note, language)
    with translation.override(version.language):
        expansion = _expand_note_markers(version, preview=preview)
        title = " – ".join(part for part in (version.title, version.subtitle) if part)
        html = render_to_string(
            "reports/print/note.html",
            {
                "note": note,
                "version": version,
                "document_title": f"{note.symbol}: {title}",
                "original_language": LANGUAGE_NAMES_IN_TEXT[note.original_language],
                "meeting_dates": meeting_dates(note.meeting),
                "issue_date": long_date(note.issue_date),
                "body_html": _body_html(expansion),
                "page_label": _("Page"),
            },
        )
    return DocumentContent(
        html=html,
        file_name=version.file_name,
        problems=expansion.problems,
        language=version.language,
        fallbacks=expansion.fallbacks,
    )


@dataclass
class _Section:
    heading: str
    registrations: list


@dataclass
class _Group:
    heading: str
    sections: list[_Section]


def participant_list_content(meeting) -> DocumentContent:
    """Grouped by category; governments by member state in alphabetical order."""
    with translation.override(settings.LANGUAGE_CODE):
        return _participant_list_content(meeting)


def _participant_list_content(meeting) -> DocumentContent:
    groups = []
    registrations = registration_list_for_publication(meeting=meeting)
    for category, rows in groupby(registrations, key=lambda r: r.category):
        rows = list(rows)
        if category == Category.GOVERNMENT:
            sections = [
                _Section(heading=state.display_name, registrations=list(members))
                for state, members in groupby(rows, key=lambda r: r.member_state)
            ]
        elif category == Category.OTHER:
            sections = [_Section(heading="", registrations=rows)]
        else:
            sections = [
                _Section(heading=str(organization), registrations=list(members))
                for organization, members in groupby(rows, key=lambda r: r.organization)
            ]
        groups.append(_Group(heading=Category(category).label, sections=sections))
    html = render_to_string(
        "reports/print/participant_list.html",
        {
            "meeting": meeting,
            "groups": groups,
            "unlisted_count": registration_unlisted_count_for_publication(meeting=meeting),
            "language": settings.LANGUAGE_CODE,
            "document_title": _("List of participants: %(title)s") % {"title": meeting.title},
            "meeting_dates": meeting_dates(meeting),
            "page_label": _("Page"),
        },
    )
    file_name = f"List-of-participants-{meeting.start_date:%Y-%m-%d}.pdf"
    return DocumentContent(html=html, file_name=file_name, language=settings.LANGUAGE_CODE)
