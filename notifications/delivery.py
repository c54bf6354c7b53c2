"""The worker's side of the outbox: hand a due message to the mail server, record
what happened, and sweep what is due (retries, lost tasks). Safe to run twice."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OutboxMessage

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> datetime.timedelta:
    """After the 1st failed attempt 1 minute, then 2, 4, 8... (NOTIFICATIONS_RETRY_SECONDS)."""
    return datetime.timedelta(seconds=settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** (attempts - 1))


def _send(message: OutboxMessage) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.address],
        headers={"Content-Language": message.language, "Auto-Submitted": "auto-generated"},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    email.send(fail_silently=False)


def message_deliver(*, message_id: int, now: datetime.datetime | None = None):
    """Sends a queued message that is due; returns it, or None if it was not to be sent.

    Safe to run twice or at once: the row is claimed (queued → sending) by one
    conditional UPDATE, so only one caller ever hands it to the mail server.
    """
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=OutboxMessage.Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now)
    if not claimed:
        return None
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message)
    except Exception as exc:  # any failure of the mail server or the network is recorded
        return _record_failure(message, exc, now)
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=["status", "sent_at", "error"])
    return message


def _record_failure(message: OutboxMessage, exc: Exception, now) -> OutboxMessage:
    message.error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
    else:
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = now + retry_delay(message.attempts)
    message.save(update_fields=["status", "error", "next_attempt_at"])
    logger.warning("E-mail %s to %s: %s", message.pk, message.address, message.error)
    return message


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Sends queued messages that are due (retries, lost tasks); returns how many were sent.

    A message left "sending" longer than NOTIFICATIONS_SENDING_TIMEOUT (its
    worker died) may or may not have reached the server: it is marked failed,
    never sent again without a person deciding so.
    """
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT)
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, last_attempt_at__lt=stale
    ).update(
        status=OutboxMessage.Status.FAILED,
        error=_("Interrupted while sending: it may not have arrived. Resend it if needed."),
    )
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    sent = 0
    for message_id in list(due.values_list("pk", flat=True)[:500]):
        message = message_deliver(message_id=message_id, now=now)
        if message is not None and message.status == OutboxMessage.Status.SENT:
            sent += 1
    return sent
