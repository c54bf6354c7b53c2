import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from .models import DiscussionNote, NoteTranslation, RenderedDocument, VisaLetter, slug_to_symbol

# "The latest" render, everywhere: the one asked for last (asking again for
# content rendered before makes that render the latest; see services._request).
LATEST_FIRST = ("-requested_at", "-pk")

DOWNLOAD_FIELDS = (
    "pk",
    "kind",
    "status",
    "note",
    "language",
    "file",
    "file_name",
    "sha256",
    "published_at",
)


def _renders_without_content() -> QuerySet[RenderedDocument]:
    # The stored HTML is large and only the renderer needs it.
    return RenderedDocument.objects.defer("content")


def note_list_for_library(*, include_drafts: bool) -> QuerySet[DiscussionNote]:
    """Notes by dialogue year (newest first) and meeting, each with its finished PDFs
    (finished_renders, newest first): for the public, only those of published versions."""
    finished = _renders_without_content().filter(status=RenderedDocument.Status.DONE)
    if not include_drafts:
        finished = finished.filter(
            Q(language=F("note__original_language"))
            | Exists(
                NoteTranslation.objects.filter(
                    note=OuterRef("note"),
                    language=OuterRef("language"),
                    status=NoteTranslation.Status.PUBLISHED,
                )
            )
        )
    notes = DiscussionNote.objects.select_related("meeting__dialogue_year").prefetch_related(
        Prefetch("renders", queryset=finished.order_by(*LATEST_FIRST), to_attr="finished_renders")
    )
    if not include_drafts:
        notes = notes.filter(status=DiscussionNote.Status.PUBLISHED)
    return notes.order_by(
        "-meeting__dialogue_year__year", "meeting__start_date", "meeting__pk", "symbol"
    )


def note_get(*, slug: str) -> DiscussionNote:
    """With its translations (the language versions read them without a query each)."""
    return (
        DiscussionNote.objects.select_related("meeting__dialogue_year", "updated_by")
        .prefetch_related("translations")
        .get(symbol=slug_to_symbol(slug))
    )


def note_chain(*, note: DiscussionNote, include_drafts: bool) -> list[DiscussionNote]:
    """The original of `note`'s chain and its revisions, corrigenda and addenda (unordered:
    chains.chain_members orders them), only the published ones unless include_drafts."""
    base_pk = note.base_id or note.pk
    chain = DiscussionNote.objects.filter(Q(pk=base_pk) | Q(base_id=base_pk)).only(
        "pk", "symbol", "title", "status", "base_id", "issue_date"
    )
    if not include_drafts:
        chain = chain.filter(status=DiscussionNote.Status.PUBLISHED)
    return list(chain)


def note_translation_is_published(*, note_id: int, language: str) -> bool:
    return NoteTranslation.objects.filter(
        note_id=note_id, language=language, status=NoteTranslation.Status.PUBLISHED
    ).exists()


def rendered_document_list_for_note(*, note: DiscussionNote) -> QuerySet[RenderedDocument]:
    return (
        _renders_without_content()
        .filter(note=note)
        .select_related("requested_by")
        .order_by(*LATEST_FIRST)
    )


def rendered_document_latest_finished(
    *, note: DiscussionNote, language: str | None = None
) -> RenderedDocument | None:
    """The newest PDF of one language version (the original if language is None)."""
    return (
        _renders_without_content()
        .filter(
            note=note,
            language=language or note.original_language,
            status=RenderedDocument.Status.DONE,
        )
        .select_related("note")
        .order_by(*LATEST_FIRST)
        .first()
    )


def rendered_document_get(*, pk: int) -> RenderedDocument:
    return _renders_without_content().select_related("note").get(pk=pk)


def rendered_document_get_for_download(*, pk: int) -> RenderedDocument:
    """Only what a download needs, in one small query: repeat downloads do nothing else."""
    return (
        RenderedDocument.objects.select_related("note")
        .only(*DOWNLOAD_FIELDS, "note__status", "note__original_language")
        .get(pk=pk)
    )


def note_list_for_meeting(*, meeting, include_drafts: bool) -> QuerySet[DiscussionNote]:
    notes = DiscussionNote.objects.filter(meeting=meeting).order_by("symbol")
    if not include_drafts:
        notes = notes.filter(status=DiscussionNote.Status.PUBLISHED)
    return notes


def participant_list_latest(*, meeting, published_only: bool) -> RenderedDocument | None:
    lists = _renders_without_content().filter(
        meeting=meeting, kind=RenderedDocument.Kind.PARTICIPANT_LIST
    )
    if published_only:
        return lists.filter(published_at__isnull=False).order_by("-published_at").first()
    return lists.order_by(*LATEST_FIRST).first()


def meeting_choices():
    """Meetings an author can name in markers, newest year first (shown on the editing page)."""
    from workshops.selectors import dialogue_year_current, meeting_list

    year = dialogue_year_current()
    return meeting_list(dialogue_year=year) if year else []


def rendered_document_list_stale() -> QuerySet[RenderedDocument]:
    """Queued renders never handed to the workers, or handed to them too long ago."""
    handed_before = timezone.now() - datetime.timedelta(seconds=settings.RENDER_STALE_AFTER_SECONDS)
    return (
        _renders_without_content()
        .filter(status=RenderedDocument.Status.QUEUED)
        .filter(Q(sent_at__isnull=True) | Q(sent_at__lt=handed_before))
        .order_by("requested_at", "pk")
    )


def visa_letter_list(*, meeting) -> QuerySet[VisaLetter]:
    """The letters issued for a meeting's requests, newest first: the record of what was sent."""
    return (
        VisaLetter.objects.filter(visa_request__registration__meeting=meeting)
        .select_related("visa_request__registration__participant", "issued_by")
        .select_related("document")
        .defer("document__content")
        .order_by("-issued_at", "-pk")
    )


def visa_letter_get_for_download(*, pk: int) -> VisaLetter:
    return VisaLetter.objects.select_related("document").defer("document__content").get(pk=pk)


def badge_sheet_list(*, meeting, limit: int = 10) -> list[RenderedDocument]:
    return list(
        _renders_without_content()
        .filter(meeting=meeting, kind=RenderedDocument.Kind.BADGE_SHEET)
        .select_related("requested_by")
        .order_by(*LATEST_FIRST)[:limit]
    )
