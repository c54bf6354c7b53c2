"""Writes of the reports app: notes, and the renders that turn them into PDFs.

A render is a stored record. Asking for a PDF builds the document's HTML now
(with live computed blocks), and either reuses the record made from the very
same HTML or creates one and enqueues the task once the transaction commits.
The task calls `reports.rendering.rendered_document_render`, which is safe to
run twice and never touches the note.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participants.selectors import BADGE_STATUSES, registration_list_for_badges
from participants.visas import visa_request_approve
from workshops.notices import document_published_notice_send

from .badges import badge_sheet_content
from .chains import next_amendment_symbol
from .content import (
    DocumentContent,
    note_content,
    note_problems,
    participant_list_content,
    version_problems,
)
from .dispatch import rendered_document_send
from .letters import visa_letter_content, visa_letter_language
from .models import (
    AMENDMENT_SUFFIX,
    AmendmentKind,
    DiscussionNote,
    NoteTranslation,
    RenderedDocument,
    VisaLetter,
)
from .note_limits import body_limit_problems
from .notices import visa_letter_notice_send
from .versions import LANGUAGE_CODES, translation_version

logger = logging.getLogger(__name__)

NOTE_FIELDS = (
    "symbol",
    "series_title",
    "original_language",
    "place",
    "issue_date",
    "meeting",
    "title",
    "subtitle",
    "body",
)


def _check_body_limits(note: DiscussionNote) -> None:
    problems = body_limit_problems(note.body)
    if problems:
        raise ValidationError({"body": problems})


def note_link_base(note: DiscussionNote) -> None:
    """The base note a suffixed symbol names (IC/2010/5 for IC/2010/5/Corr.1), if it exists;
    full_clean() then says what is wrong when it does not."""
    parts = AMENDMENT_SUFFIX.match(note.symbol or "")
    if parts is None:
        note.base = None
    elif note.base is None or note.base.symbol != parts["base"]:
        note.base = DiscussionNote.objects.filter(symbol=parts["base"]).first()


def note_create(*, by, **fields) -> DiscussionNote:
    note = DiscussionNote(**{name: fields[name] for name in NOTE_FIELDS if name in fields})
    note.updated_by = by
    note_link_base(note)
    _check_body_limits(note)
    note.full_clean()
    note.save()
    return note


TRANSLATION_FIELDS = ("series_title", "place", "title", "subtitle", "body", "status")


def note_update(*, note: DiscussionNote, by, **fields) -> DiscussionNote:
    changed = [name for name in NOTE_FIELDS if name in fields]
    if "symbol" in changed and fields["symbol"] != note.symbol and note.amendments.exists():
        raise ValidationError(
            {
                "symbol": _(
                    "%(symbol)s has revisions, corrigenda or addenda that carry its symbol: "
                    "it cannot change."
                )
                % {"symbol": note.symbol}
            }
        )
    language = fields.get("original_language", note.original_language)
    if language != note.original_language and note.translations.filter(language=language).exists():
        raise ValidationError(
            {
                "original_language": _(
                    "This note already has a version in that language: it cannot also be "
                    "the original."
                )
            }
        )
    for name in changed:
        setattr(note, name, fields[name])
    note.updated_by = by
    note_link_base(note)
    _check_body_limits(note)
    note.full_clean()
    note.save(update_fields=[*changed, "base", "updated_by", "updated_at"])
    return note


# What a new member of a chain takes from the note it amends; a revision also starts
# from the newest text (the latest revision's, else the original's).
AMENDMENT_COPIED_FIELDS = ("series_title", "original_language", "place", "meeting")


def note_amendment_create(
    *, base: DiscussionNote, kind: str, by, issue_date: datetime.date | None = None
) -> DiscussionNote:
    """A draft revision, corrigendum or addendum of `base`, under the next free symbol."""
    if kind not in AmendmentKind.values:
        raise ValidationError(_("Choose a revision, a corrigendum or an addendum."))
    if base.base_id is not None:
        raise ValidationError(
            _("Revisions, corrigenda and addenda amend the original note, %(symbol)s.")
            % {"symbol": base.base.symbol}
        )
    with transaction.atomic():
        # One new member of a chain at a time: two clicks cannot take the same number.
        base = DiscussionNote.objects.select_for_update().get(pk=base.pk)
        amendments = list(base.amendments.all())
        symbol = next_amendment_symbol(
            base=base, kind=kind, taken=[note.symbol for note in amendments]
        )
        revisions = sorted(
            (n for n in amendments if n.amendment_kind == AmendmentKind.REVISION),
            key=lambda n: n.amendment_number,
        )
        text = revisions[-1] if revisions else base
        note = DiscussionNote(
            symbol=symbol,
            base=base,
            issue_date=issue_date or timezone.localdate(),
            title=text.title,
            subtitle=text.subtitle,
            body=text.body if kind == AmendmentKind.REVISION else "",
            updated_by=by,
            **{name: getattr(base, name) for name in AMENDMENT_COPIED_FIELDS},
        )
        note.full_clean()
        note.save()
    return note


def note_publish(
    *, note: DiscussionNote, by, now: datetime.datetime | None = None
) -> DiscussionNote:
    """Makes the note and its PDFs public. `now` is the moment of publication (the demo
    publishes IC/2010/5 as it was, on 16 April 2010)."""
    problems = note_problems(note)
    if problems:
        raise ValidationError(problems)
    note.status = DiscussionNote.Status.PUBLISHED
    note.published_at = now or timezone.now()
    note.updated_by = by
    note.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    document_published_notice_send(
        meeting=note.meeting,
        title=f"{note.symbol} {note.title}",
        url=note.get_absolute_url(),
        key=f"note:{note.pk}",
    )
    return note


def note_translation_save(
    *, note: DiscussionNote, language: str, by, now: datetime.datetime | None = None, **fields
) -> NoteTranslation:
    """Writes the note's version in `language` (creating it the first time).

    Publishing it (status=published) checks its markers as publishing the note does;
    it becomes public once the note is published too. `now` dates a publication.
    """
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("The portal does not publish in that language."))
    if language == note.original_language:
        raise ValidationError(_("This is the note's original language: edit the note itself."))
    with transaction.atomic():
        translation = (
            NoteTranslation.objects.select_for_update().filter(note=note, language=language).first()
        ) or NoteTranslation(note=note, language=language)
        was_published = translation.is_published
        for name in TRANSLATION_FIELDS:
            if name in fields:
                setattr(translation, name, fields[name])
        translation.updated_by = by
        problems = body_limit_problems(translation.body)
        if problems:
            raise ValidationError({"body": problems})
        if translation.is_published and not was_published:
            translation.published_at = now or timezone.now()
        elif not translation.is_published:
            translation.published_at = None
        translation.full_clean()
        if translation.is_published:
            marker_problems = version_problems(translation_version(translation))
            if marker_problems:
                raise ValidationError(marker_problems)
        translation.save()
    return translation


def note_unpublish(*, note: DiscussionNote, by) -> DiscussionNote:
    note.status = DiscussionNote.Status.DRAFT
    note.published_at = None
    note.updated_by = by
    note.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return note


def rendered_document_request_for_note(
    *, note: DiscussionNote, by, enqueue: bool = True, language: str | None = None
) -> RenderedDocument:
    """The PDF of one language version (the original if language is None). Raises
    ValidationError, with the author's problems, if a marker cannot be filled.

    With enqueue=False the caller renders it (see rendered_document_render_now).
    """
    content = note_content(note, language)
    if content.problems:
        raise ValidationError(content.problems)
    return _request(
        content=content,
        by=by,
        enqueue=enqueue,
        kind=RenderedDocument.Kind.NOTE,
        note=note,
        language=content.language,
    )


def rendered_document_request_for_participant_list(
    *, meeting, by, enqueue: bool = True
) -> RenderedDocument:
    content = participant_list_content(meeting)
    return _request(
        content=content,
        by=by,
        enqueue=enqueue,
        kind=RenderedDocument.Kind.PARTICIPANT_LIST,
        meeting=meeting,
        language=content.language,
    )


def rendered_document_request_for_badges(
    *, meeting, by, registration=None, enqueue: bool = True
) -> RenderedDocument:
    """The badges of every confirmed participant of the meeting, or of one (a reprint)."""
    if registration is None:
        registrations = list(registration_list_for_badges(meeting=meeting))
        if not registrations:
            raise ValidationError(_("Nobody is confirmed for this meeting yet: no badge to print."))
    else:
        if registration.meeting_id != meeting.pk or registration.status not in BADGE_STATUSES:
            raise ValidationError(
                _(
                    "Only a confirmed participant of this meeting has a badge "
                    "(%(name)s is %(status)s)."
                )
                % {
                    "name": registration.participant.full_name,
                    "status": registration.get_status_display().lower(),
                }
            )
        registrations = [registration]
    return _request(
        content=badge_sheet_content(meeting, registrations, single=registration is not None),
        by=by,
        enqueue=enqueue,
        kind=RenderedDocument.Kind.BADGE_SHEET,
        meeting=meeting,
    )


@transaction.atomic
def visa_letter_issue(*, visa_request, by, enqueue: bool = True) -> VisaLetter:
    """Approves the request, renders its letter and sends the person the private link.

    ValidationError (nothing recorded) if the request cannot be approved.
    """
    approved = visa_request_approve(visa_request=visa_request, by=by)
    language = visa_letter_language(approved)
    document = _request(
        content=visa_letter_content(approved, language=language),
        by=by,
        enqueue=enqueue,
        kind=RenderedDocument.Kind.VISA_LETTER,
        visa_request=approved,
    )
    letter = VisaLetter.objects.create(
        visa_request=approved,
        document=document,
        language=language,
        issued_at=approved.decided_at,
        issued_by=by,
    )
    visa_letter_notice_send(letter=letter)
    return letter


def _request(*, content: DocumentContent, by, enqueue: bool, kind, **subject) -> RenderedDocument:
    with transaction.atomic():
        document, created = RenderedDocument.objects.select_for_update().get_or_create(
            kind=kind,
            content_sha256=content.sha256,
            **subject,
            defaults={
                "content": content.html,
                "file_name": content.file_name,
                "requested_by": by,
            },
        )
        if document.status == RenderedDocument.Status.FAILED:
            _requeue(document, by=by, enqueue=enqueue)
        elif created:
            if enqueue:
                _enqueue(document)
        elif document.status == RenderedDocument.Status.DONE:
            # Back to content rendered before: that PDF is the latest again.
            document.requested_at = timezone.now()
            document.requested_by = by
            document.save(update_fields=["requested_at", "requested_by"])
    return document


def rendered_document_retry(*, rendered_document: RenderedDocument, by) -> RenderedDocument:
    """Tries a failed render again, or sends again one queued too long (see is_stale)."""
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().get(pk=rendered_document.pk)
        if document.status == RenderedDocument.Status.FAILED:
            _requeue(document, by=by)
        elif document.is_stale:
            document.requested_by = by
            document.save(update_fields=["requested_by"])
            _enqueue(document)
        else:
            raise ValidationError(
                _("Only a failed render, or one queued for too long, can be tried again.")
            )
    return document


def _requeue(document: RenderedDocument, *, by, enqueue: bool = True) -> None:
    document.status = RenderedDocument.Status.QUEUED
    document.error = ""
    document.requested_by = by
    document.sent_at = None
    document.save(update_fields=["status", "error", "requested_by", "sent_at"])
    if enqueue:
        _enqueue(document)


def _enqueue(document: RenderedDocument) -> None:
    # After the commit, so that the worker finds the row; the caller's object learns
    # whether the broker took it (document.sent_at), to tell the user.
    transaction.on_commit(lambda: rendered_document_send(document))


def rendered_document_publish(*, rendered_document: RenderedDocument) -> RenderedDocument:
    """Makes a finished list of participants public (notes follow their note's status)."""
    document = rendered_document
    if document.kind != RenderedDocument.Kind.PARTICIPANT_LIST:
        raise ValidationError(_("A note's PDF is public when the note is published."))
    if document.status != RenderedDocument.Status.DONE:
        raise ValidationError(_("Only a finished PDF can be published."))
    document.published_at = timezone.now()
    document.save(update_fields=["published_at"])
    document_published_notice_send(
        meeting=document.meeting,
        title=gettext_lazy("List of participants"),
        url=document.get_download_url(),
        key=f"participant-list:{document.pk}",
    )
    return document


def visa_letter_files_erase(now: datetime.datetime | None = None) -> int:
    """Deletes the stored letters (PDF and HTML) of requests whose passport details were
    erased; each letter's record stays, with its SHA-256. The number of letters deleted.

    A scheduled job (notifications.jobs): the participants app erases passport details
    and cannot call this app above it, so this side catches up. Safe to run twice.
    """
    now = now or timezone.now()
    erased = 0
    pending = RenderedDocument.objects.filter(
        kind=RenderedDocument.Kind.VISA_LETTER, visa_request__erased_at__isnull=False
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            document = RenderedDocument.objects.select_for_update().filter(pk=pk).first()
            if document is None:
                continue
            letter = VisaLetter.objects.select_for_update().filter(document=document).first()
            if letter is not None:
                letter.sha256 = letter.sha256 or document.sha256
                letter.document = None
                letter.file_erased_at = now
                letter.save(update_fields=["sha256", "document", "file_erased_at"])
            name = document.file.name
            document.delete()
            if name:
                transaction.on_commit(lambda name=name: default_storage.delete(name))
        erased += 1
    return erased
