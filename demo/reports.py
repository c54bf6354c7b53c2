"""IDM 2010 demo data for the reports app: the discussion note IC/2010/5, published.

Its body is kept in texts/IC-2010-5.md (copied from the real note);
paragraph 2's figures and paragraphs 9 to 13 are computed blocks.
"""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reports.models import DiscussionNote, RenderedDocument, symbol_to_slug
from reports.rendering import rendered_document_render_now
from reports.selectors import note_get
from reports.services import note_create, note_publish, rendered_document_request_for_note

BODY_FILE = Path(__file__).resolve().parent / "texts" / "IC-2010-5.md"
SYMBOL = "IC/2010/5"
# The informal consultations of 27 April 2010, for which the note was written.
MEETING_START = datetime.date(2010, 4, 27)


def load(*, consultation_meeting) -> DiscussionNote:
    """IC/2010/5, for the informal consultations of 27 April 2010."""
    try:
        return note_get(slug=symbol_to_slug(SYMBOL))
    except DiscussionNote.DoesNotExist:
        pass
    note = note_create(
        by=None,
        symbol=SYMBOL,
        meeting=consultation_meeting,
        issue_date=datetime.date(2010, 4, 16),
        place="Geneva",
        original_language="en",
        title="International Dialogue on Migration 2010",
        subtitle="Migration and social change",
        body=BODY_FILE.read_text(encoding="utf-8"),
    )
    return note_publish(
        note=note,
        by=None,
        now=datetime.datetime(2010, 4, 16, 9, 0, tzinfo=ZoneInfo("Europe/Zurich")),
    )


def render(*, note: DiscussionNote) -> RenderedDocument:
    """Renders the note's PDF in this process, now; unchanged content reuses it."""
    document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
    return rendered_document_render_now(rendered_document=document)
