"""Writes of the reports app: notes, and the renders that turn them into PDFs.

A render is a stored record. Asking for a PDF builds the document's HTML now
(with live computed blocks), and either reuses the record made from the very
same HTML or creates one and enqueues the task once the transaction commits.
The task calls `rendered_document_render`, which is safe to run twice and
never touches the note.
"""

import datetime
import hashlib
import logging
import threading
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .content import DocumentContent, note_content, note_problems, participant_list_content
from .models import DiscussionNote, RenderedDocument
from .pdf import html_to_pdf

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


def note_create(*, user, **fields) -> DiscussionNote:
    note = DiscussionNote(**{name: fields[name] for name in NOTE_FIELDS if name in fields})
    note.updated_by = user
    note.full_clean()
    note.save()
    return note


def note_update(*, note: DiscussionNote, user, **fields) -> DiscussionNote:
    changed = [name for name in NOTE_FIELDS if name in fields]
    for name in changed:
        setattr(note, name, fields[name])
    note.updated_by = user
    note.full_clean()
    note.save(update_fields=[*changed, "updated_by", "updated_at"])
    return note


def note_publish(*, note: DiscussionNote, user) -> DiscussionNote:
    problems = note_problems(note)
    if problems:
        raise ValidationError(problems)
    note.status = DiscussionNote.Status.PUBLISHED
    note.published_at = timezone.now()
    note.updated_by = user
    note.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return note


def note_unpublish(*, note: DiscussionNote, user) -> DiscussionNote:
    note.status = DiscussionNote.Status.DRAFT
    note.published_at = None
    note.updated_by = user
    note.save(update_fields=["status", "published_at", "updated_by", "updated_at"])
    return note


def rendered_document_request_for_note(
    *, note: DiscussionNote, user, enqueue: bool = True
) -> RenderedDocument:
    """Raises ValidationError, with the author's problems, if a marker cannot be filled.

    With enqueue=False the caller renders it (see rendered_document_render_now).
    """
    content = note_content(note)
    if content.problems:
        raise ValidationError(content.problems)
    return _request(
        content=content, user=user, enqueue=enqueue, kind=RenderedDocument.Kind.NOTE, note=note
    )


def rendered_document_request_for_participant_list(
    *, meeting, user, enqueue: bool = True
) -> RenderedDocument:
    return _request(
        content=participant_list_content(meeting),
        user=user,
        enqueue=enqueue,
        kind=RenderedDocument.Kind.PARTICIPANT_LIST,
        meeting=meeting,
    )


def _request(*, content: DocumentContent, user, enqueue: bool, kind, **subject) -> RenderedDocument:
    with transaction.atomic():
        document, created = RenderedDocument.objects.select_for_update().get_or_create(
            kind=kind,
            content_sha256=content.sha256,
            **subject,
            defaults={
                "content": content.html,
                "file_name": content.file_name,
                "requested_by": user,
            },
        )
        if document.status == RenderedDocument.Status.FAILED:
            _requeue(document, user=user, enqueue=enqueue)
        elif created:
            if enqueue:
                _enqueue(document)
        elif document.status == RenderedDocument.Status.DONE:
            # Back to content rendered before: that PDF is the latest again.
            document.requested_at = timezone.now()
            document.requested_by = user
            document.save(update_fields=["requested_at", "requested_by"])
    return document


def rendered_document_retry(*, rendered_document: RenderedDocument, user) -> RenderedDocument:
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().get(pk=rendered_document.pk)
        if document.status != RenderedDocument.Status.FAILED:
            raise ValidationError(_("Only a failed render can be retried."))
        _requeue(document, user=user)
    return document


def _requeue(document: RenderedDocument, *, user, enqueue: bool = True) -> None:
    document.status = RenderedDocument.Status.QUEUED
    document.error = ""
    document.requested_by = user
    document.save(update_fields=["status", "error", "requested_by"])
    if enqueue:
        _enqueue(document)


def _enqueue(document: RenderedDocument) -> None:
    pk = document.pk
    transaction.on_commit(lambda: _dispatch(pk))


def _dispatch(pk: int) -> None:
    from idm_portal.celery import app

    from .tasks import render_document_task

    if app.conf.task_always_eager and settings.RENDER_IN_BACKGROUND_THREAD:
        # No broker: the task runs here, but after the response, not before it.
        # The row is the only hand-off (render_document_task takes its id), as with a worker.
        threading.Thread(
            target=_render_in_thread, args=(pk,), name=f"render-document-{pk}", daemon=True
        ).start()
    else:
        render_document_task.delay(pk)


def _render_in_thread(pk: int) -> None:
    from .tasks import render_document_task

    try:
        render_document_task.delay(pk)
    except Exception:
        # Eager tasks propagate their errors; a failed render is already recorded on its row.
        logger.exception("Render %s failed in the background thread.", pk)
    finally:
        connections.close_all()


def rendered_document_publish(*, rendered_document: RenderedDocument) -> RenderedDocument:
    """Makes a finished list of participants public (notes follow their note's status)."""
    document = rendered_document
    if document.kind != RenderedDocument.Kind.PARTICIPANT_LIST:
        raise ValidationError(_("A note's PDF is public when the note is published."))
    if document.status != RenderedDocument.Status.DONE:
        raise ValidationError(_("Only a finished PDF can be published."))
    document.published_at = timezone.now()
    document.save(update_fields=["published_at"])
    return document


# Errors worth trying again later: the database or the file store was away.
TRANSIENT_ERRORS = (ConnectionError, TimeoutError, OperationalError, InterfaceError)


def rendered_document_render(*, rendered_document_id: int) -> RenderedDocument | None:
    """Renders a queued document. Running it again after a crash or twice at once is safe.

    Transient errors propagate so the task can retry them; any other failure
    is recorded on the render, in words, and the note is never touched.
    """
    with transaction.atomic():
        document = (
            RenderedDocument.objects.select_for_update().filter(pk=rendered_document_id).first()
        )
        if document is None:
            logger.warning("Render %s no longer exists; nothing to do.", rendered_document_id)
            return None
        if document.status == RenderedDocument.Status.DONE:
            return document
        document.status = RenderedDocument.Status.RUNNING
        document.attempts += 1
        document.started_at = timezone.now()
        document.error = ""
        document.save(update_fields=["status", "attempts", "started_at", "error"])

    started = time.perf_counter()
    try:
        pdf = html_to_pdf(document.content)
        sha256 = hashlib.sha256(pdf.data).hexdigest()
        name = default_storage.save(
            document.file.field.generate_filename(document, document.file_name),
            ContentFile(pdf.data),
        )
    except TRANSIENT_ERRORS:
        raise
    except SoftTimeLimitExceeded:
        return rendered_document_fail(
            rendered_document_id=document.pk,
            error=_("Rendering took longer than %(seconds)s seconds and was stopped.")
            % {"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT},
        )
    except Exception as exc:  # ExternalResourceRefused among them
        logger.exception("Render %s failed", document.pk)
        return rendered_document_fail(
            rendered_document_id=document.pk,
            error=_("The PDF could not be made: %(error)s") % {"error": _describe(exc)},
        )
    return _finish(document.pk, name=name, sha256=sha256, pdf=pdf, started=started)


def _describe(exc: BaseException) -> str:
    return str(exc) or exc.__class__.__name__


def _finish(pk: int, *, name: str, sha256: str, pdf, started: float) -> RenderedDocument:
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().get(pk=pk)
        if document.status == RenderedDocument.Status.DONE:
            # Another delivery of the same task finished first; keep its file.
            if document.file.name != name:
                default_storage.delete(name)
            return document
        document.file.name = name
        document.sha256 = sha256
        document.size = len(pdf.data)
        document.page_count = pdf.page_count
        document.duration = datetime.timedelta(seconds=time.perf_counter() - started)
        document.status = RenderedDocument.Status.DONE
        document.finished_at = timezone.now()
        document.save(
            update_fields=[
                "file",
                "sha256",
                "size",
                "page_count",
                "duration",
                "status",
                "finished_at",
            ]
        )
    return document


def rendered_document_fail(*, rendered_document_id: int, error: str) -> RenderedDocument | None:
    with transaction.atomic():
        document = (
            RenderedDocument.objects.select_for_update().filter(pk=rendered_document_id).first()
        )
        if document is None or document.status == RenderedDocument.Status.DONE:
            return document
        document.status = RenderedDocument.Status.FAILED
        document.error = error
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
    return document


def rendered_document_render_now(*, rendered_document: RenderedDocument) -> RenderedDocument:
    """For operators' scripts: render in this process, without a broker."""
    if rendered_document.status == RenderedDocument.Status.DONE:
        return rendered_document
    return rendered_document_render(rendered_document_id=rendered_document.pk)
