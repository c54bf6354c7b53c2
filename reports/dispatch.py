"""Handing renders to the workers, and sending again those the broker never took.

The web process sends a render after its transaction commits; a broker that is
away leaves it queued (sent_at empty) and the user is told so. The sweep (Celery
beat runs `resend_stale_renders_task`; cron can run `manage.py
resend_stale_renders`) sends stale queued renders again.
"""

import logging
import threading

from celery import shared_task
from django.conf import settings
from django.db import connections
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from .models import RenderedDocument
from .selectors import rendered_document_list_stale
from .tasks import render_document_task

logger = logging.getLogger(__name__)

# What sending raises while the broker is away (kombu wraps the driver's errors).
BROKER_ERRORS = (KombuOperationalError, OSError)


def rendered_document_send(document: RenderedDocument) -> bool:
    """Hands the render to the workers; False, logged, with the render left queued, if the
    broker cannot be reached: the sweep sends it again later.

    Without a broker (the embedded default) the task runs in this process, in a
    thread of its own after the response (RENDER_IN_BACKGROUND_THREAD), so that
    the page answers at once and its progress panel follows the render.
    """
    if render_document_task.app.conf.task_always_eager and settings.RENDER_IN_BACKGROUND_THREAD:
        # The row is the only hand-off (the task takes its id), as with a worker.
        threading.Thread(
            target=_render_in_thread,
            args=(document.pk,),
            name=f"render-document-{document.pk}",
            daemon=True,
        ).start()
        return True
    try:
        render_document_task.apply_async(args=[document.pk])
    except BROKER_ERRORS as exc:
        if render_document_task.app.conf.task_always_eager:
            raise  # no broker involved: the render itself raised, in this process
        logger.warning("Render %s stays queued: the broker is unreachable (%s).", document.pk, exc)
        RenderedDocument.objects.filter(pk=document.pk).update(sent_at=None)
        document.sent_at = None
        return False
    document.sent_at = timezone.now()
    RenderedDocument.objects.filter(pk=document.pk).update(sent_at=document.sent_at)
    return True


def _render_in_thread(pk: int) -> None:
    try:
        render_document_task.delay(pk)
    except Exception:
        # Eager tasks propagate their errors; a failed render is already recorded on its row.
        logger.exception("Render %s failed in the background thread.", pk)
    finally:
        connections.close_all()


def rendered_document_resend_stale() -> int:
    """Sends every stale queued render to the workers again; the number sent.

    Safe to run twice or from two hosts at once: each render is claimed by a
    conditional update before it is sent, and rendering it twice is harmless.
    Stops at the first render the broker refuses (the next sweep goes on).
    """
    sent = 0
    for document in rendered_document_list_stale():
        claimed = RenderedDocument.objects.filter(
            pk=document.pk, status=RenderedDocument.Status.QUEUED, sent_at=document.sent_at
        ).update(sent_at=timezone.now())
        if not claimed:
            continue  # sent meanwhile, by another sweep or a "Try again"
        if not rendered_document_send(document):
            break
        sent += 1
    return sent


# Celery beat runs it (CELERY_BEAT_SCHEDULE); workers import this module through
# CELERY_IMPORTS, since autodiscovery reads only tasks.py.
@shared_task
def resend_stale_renders_task() -> int:
    return rendered_document_resend_stale()
