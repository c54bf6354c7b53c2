"""The worker's side of a render: turn a queued document into a stored PDF.

Safe to run twice or after a crash; the Celery task (reports.tasks) calls it, and
so does `render_document` for operators without a broker.
"""

import datetime
import hashlib
import logging
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import RenderedDocument
from .pdf import html_to_pdf

logger = logging.getLogger(__name__)


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
