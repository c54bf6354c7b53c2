"""IDM 2010 demo data for the reports app: the discussion note IC/2010/5, published,
with its French and Spanish versions.

Its English body is kept in texts/IC-2010-5.md (copied from the real note), the
versions in texts/IC-2010-5.fr.md and .es.md (the demo's own translations, not
the organization's); paragraph 2's figures and paragraphs 9 to 13 are computed
blocks, printed in each version's language.
"""

import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reports.models import DiscussionNote, NoteTranslation, RenderedDocument, symbol_to_slug
from reports.rendering import rendered_document_render_now
from reports.selectors import note_get
from reports.services import (
    note_create,
    note_publish,
    note_translation_save,
    rendered_document_request_for_note,
)
from reports.versions import note_versions

TEXTS = Path(__file__).resolve().parent / "texts"
BODY_FILE = TEXTS / "IC-2010-5.md"
SYMBOL = "IC/2010/5"
# The informal consultations of 27 April 2010, for which the note was written.
MEETING_START = datetime.date(2010, 4, 27)
PUBLISHED_AT = datetime.datetime(2010, 4, 16, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))

TRANSLATIONS = {
    "fr": {
        "series_title": "Consultations informelles sur le dialogue international sur la migration",
        "place": "Genève",
        "title": "Dialogue international sur la migration 2010",
        "subtitle": "Migration et changement social",
    },
    "es": {
        "series_title": "Consultas informales sobre el diálogo internacional sobre la migración",
        "place": "Ginebra",
        "title": "Diálogo Internacional sobre la Migración 2010",
        "subtitle": "Migración y cambio social",
    },
}


def load(*, consultation_meeting) -> DiscussionNote:
    """IC/2010/5, for the informal consultations of 27 April 2010, in its three languages."""
    try:
        note = note_get(slug=symbol_to_slug(SYMBOL))
    except DiscussionNote.DoesNotExist:
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
        note = note_publish(note=note, by=None, now=PUBLISHED_AT)
    _load_translations(note)
    return note_get(slug=note.slug)


def _load_translations(note: DiscussionNote) -> None:
    # A demo loaded before the versions existed gets them; present ones are kept.
    existing = set(note.translations.values_list("language", flat=True))
    for language, fields in TRANSLATIONS.items():
        if language in existing:
            continue
        note_translation_save(
            note=note,
            language=language,
            by=None,
            now=PUBLISHED_AT,
            body=(TEXTS / f"IC-2010-5.{language}.md").read_text(encoding="utf-8"),
            status=NoteTranslation.Status.PUBLISHED,
            **fields,
        )


def render(*, note: DiscussionNote) -> list[RenderedDocument]:
    """Renders each language version's PDF in this process, now; unchanged content reuses it."""
    documents = []
    for version in note_versions(note):
        document = rendered_document_request_for_note(
            note=note, by=None, enqueue=False, language=version.language
        )
        documents.append(rendered_document_render_now(rendered_document=document))
    return documents
