"""Celery tasks of the reports app: thin, they take an id and call one service."""

import logging

from celery import shared_task
from django.utils.translation import gettext as _

from .services import (
    TRANSIENT_ERRORS,
    rendered_document_fail,
    rendered_document_render,
    rendered_document_resend_stale,
)

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


def retry_delay(retries: int) -> int:
    """Seconds before the next try: 5, 10, 20, 40, 80 — the store gets time to come back."""
    return 5 * 2**retries


# Acknowledged late and requeued if the worker dies: CELERY_TASK_ACKS_LATE and
# CELERY_TASK_REJECT_ON_WORKER_LOST in settings, for every task.
@shared_task(bind=True, max_retries=MAX_RETRIES)
def render_document_task(self, rendered_document_id: int) -> None:
    try:
        rendered_document_render(rendered_document_id=rendered_document_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            rendered_document_fail(
                rendered_document_id=rendered_document_id,
                error=_("The database or the file store stayed unavailable (%(error)s).")
                % {"error": exc},
            )
            return
        logger.warning("Render %s: %s; retrying.", rendered_document_id, exc)
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc


# Celery beat runs it (CELERY_BEAT_SCHEDULE); cron can run `manage.py resend_stale_renders`.
@shared_task
def resend_stale_renders_task() -> int:
    return rendered_document_resend_stale()
