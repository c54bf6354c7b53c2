"""Writes of the notifications app: the outbox, its deliveries and each user's choices.

Any app queues a message with one call, inside its own transaction:
`message_queue` takes a written e-mail, `notification_send` writes one per
recipient in their language. Delivery starts once the transaction commits
and never raises into the action that caused it: a failure is recorded on
the message, retried with backoff, and shown in the outbox.
"""

import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .messages import Email, Recipient, email_render
from .models import MANDATORY_KINDS, OPTIONAL_KINDS, Kind, OptOut, OutboxMessage
from .tasks import deliver_message_task

logger = logging.getLogger(__name__)

_muted = contextvars.ContextVar("notifications_muted", default=False)


@contextlib.contextmanager
def notifications_muted():
    """Nothing is queued inside: for loading demo or historical data through the services."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _switched_off_user_ids(recipients: list[Recipient], kind: str) -> set[int]:
    """Which of the recipients' accounts switched this kind off (one query for them all)."""
    user_ids = [r.user.pk for r in recipients if r.user is not None]
    if kind in MANDATORY_KINDS or not user_ids:
        return set()
    return set(
        OptOut.objects.filter(kind=kind, user_id__in=user_ids).values_list("user_id", flat=True)
    )


def _wanted(recipients: list[Recipient], kind: str) -> list[Recipient]:
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind: {kind}")
    if _muted.get():
        return []
    off = _switched_off_user_ids(recipients, kind)
    return [r for r in recipients if r.address and (r.user is None or r.user.pk not in off)]


def message_queue(
    *,
    kind: str,
    recipient: Recipient,
    subject: str,
    text: str,
    html: str = "",
    key: str = "",
) -> OutboxMessage | None:
    """Queues one written e-mail; sent once the caller's transaction commits.

    Returns None, queuing nothing, if the recipient has no address, switched
    this kind off, notifications are muted, or a message with the same `key`
    exists already (so an event is mailed once to a person however often it
    is reported).
    """
    if not _wanted([recipient], kind):
        return None
    return _queue(kind, recipient, subject, text, html, key)


def account_email_queue(*, kind, address, user, language, subject, text, html) -> None:
    """The accounts app's mails (invitation, password reset), queued in the outbox."""
    message_queue(
        kind=kind,
        recipient=Recipient(address=address, language=language, user=user),
        subject=subject,
        text=text,
        html=html,
    )


def _queue(kind, recipient, subject, text, html, key) -> OutboxMessage | None:
    message = OutboxMessage(
        kind=kind,
        recipient=recipient.user,
        address=recipient.address,
        language=recipient.language,
        subject=subject,
        body_text=text,
        body_html=html,
        key=key,
    )
    try:
        # A savepoint: losing a race for the key undoes this insert only.
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if key and OutboxMessage.objects.filter(key=key).exists():
            return None
        raise
    message_enqueue(message_id=message.pk)
    return message


def notification_send(
    *,
    kind: str,
    recipients: Iterable[Recipient],
    compose: Callable[[Recipient], Email],
    key: str = "",
) -> list[OutboxMessage]:
    """Writes and queues one e-mail per recipient, each in their own language.

    `compose` is called with the recipient's language active. `key` names the
    event; each message's key adds the recipient's address to it, and a
    recipient already mailed for the event is skipped before composing.
    """
    unique = {r.address.lower(): r for r in recipients if r.address}
    keys = {address: f"{key}:{address}"[:200] if key else "" for address in unique}
    done = (
        set(OutboxMessage.objects.filter(key__in=keys.values()).values_list("key", flat=True))
        if key
        else set()
    )
    pending = [r for address, r in unique.items() if not keys[address] or keys[address] not in done]
    queued = []
    for recipient in _wanted(pending, kind):
        with translation.override(recipient.language):
            subject, text, html = email_render(compose(recipient), recipient)
        message = _queue(kind, recipient, subject, text, html, keys[recipient.address.lower()])
        if message is not None:
            queued.append(message)
    return queued


def message_enqueue(*, message_id: int) -> None:
    """Hands the message to a worker once the transaction commits.

    robust=True: a broker that is away leaves the message queued for
    `send_due_notifications` instead of failing the request that caused it.
    """
    transaction.on_commit(lambda: deliver_message_task.delay(message_id), robust=True)


def message_resend(*, message: OutboxMessage, by) -> OutboxMessage:
    """Queues a failed message again, now; the secretariat asks for it in the outbox."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if message.status != OutboxMessage.Status.FAILED:
            raise ValidationError(_("Only a failed message can be sent again."))
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = message.resent_at = timezone.now()
        message.resent_by = by
        message.save(update_fields=["status", "next_attempt_at", "resent_at", "resent_by"])
        message_enqueue(message_id=message.pk)
    return message


@transaction.atomic
def preferences_update(*, user, language: str, enabled_kinds: Iterable[str]) -> None:
    """Sets a user's language and the kinds of e-mail they receive ("My settings")."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the portal's languages.")})
    enabled = set(enabled_kinds)
    unknown = enabled - set(Kind.values)
    if unknown:
        raise ValidationError(_("Unknown kinds of e-mail: %(kinds)s.") % {"kinds": sorted(unknown)})
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    off = {kind for kind in OPTIONAL_KINDS if kind not in enabled}
    OptOut.objects.filter(user=user).exclude(kind__in=off).delete()
    existing = set(OptOut.objects.filter(user=user).values_list("kind", flat=True))
    OptOut.objects.bulk_create([OptOut(user=user, kind=kind) for kind in off - existing])
