"""Celery tasks of the notifications app: thin, they take an id and call one service."""

import logging

from celery import shared_task

from .delivery import message_deliver
from .jobs import due_jobs_run
from .models import OutboxMessage

logger = logging.getLogger(__name__)


@shared_task
def deliver_message_task(message_id: int) -> None:
    message = message_deliver(message_id=message_id)
    # A failure left it queued for later: a worker waits for it (backoff); without
    # a broker send_due_notifications picks it up once it is due.
    if message is not None and message.status == OutboxMessage.Status.QUEUED:
        if deliver_message_task.app.conf.task_always_eager:
            return
        countdown = max(0, (message.next_attempt_at - message.last_attempt_at).total_seconds())
        deliver_message_task.apply_async((message_id,), countdown=countdown)


@shared_task
def send_due_notifications_task() -> None:
    """Celery beat runs this (CELERY_BEAT_SCHEDULE): reminders due, retries due."""
    for name, count in due_jobs_run().items():
        if count:
            logger.info("%s: %s", name, count)
