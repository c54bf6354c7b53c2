"""The outbox against a real SMTP server: after commit, once, retried, recorded."""

import datetime
import io
from email.utils import parseaddr

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.tests.factories import UserFactory
from notifications.delivery import message_deliver, outbox_sweep
from notifications.messages import Email, Recipient, recipient_for_user
from notifications.models import Kind, OptOut, OutboxMessage
from notifications.services import (
    message_queue,
    message_resend,
    notification_send,
    notifications_muted,
)
from notifications.tests.smtp import free_port

pytestmark = pytest.mark.django_db


def queue_one(address="ana@example.org", **kwargs) -> OutboxMessage:
    return message_queue(
        kind=kwargs.pop("kind", Kind.CONSULTATION_OPEN),
        recipient=kwargs.pop("recipient", Recipient(address=address, name="Ana")),
        subject="Voting is open",
        text="Plain words.",
        html="<p>Plain words.</p>",
        **kwargs,
    )


def test_a_message_is_sent_once_the_transaction_commits(
    smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "IDM Portal <portal@example.org>"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_one()
        assert smtp_server.messages == []
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == ("sent", 1, "")
    assert message.sent_at is not None
    [received] = smtp_server.messages
    assert received.to == ["ana@example.org"]
    assert parseaddr(received.message["From"])[1] == "portal@example.org"
    assert received.subject == "Voting is open"
    assert received.text.strip() == "Plain words."
    assert received.html.strip() == "<p>Plain words.</p>"
    assert received.message["Content-Language"] == "en"


def test_a_rolled_back_action_sends_nothing(smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_one()
    # The callbacks are dropped with the transaction that registered them.
    assert len(callbacks) == 1
    assert smtp_server.messages == []


def test_delivering_twice_sends_once(smtp_server):
    message = queue_one()
    assert message_deliver(message_id=message.pk) is not None
    assert message_deliver(message_id=message.pk) is None
    assert outbox_sweep() == 0
    assert len(smtp_server.messages) == 1


def test_a_failed_delivery_is_recorded_and_retried_with_backoff(
    smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.NOTIFICATIONS_RETRY_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_one()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in message.error
    assert message.next_attempt_at == message.last_attempt_at + datetime.timedelta(minutes=1)
    assert smtp_server.messages == []

    # Not due yet: the command sends nothing, even with the server back.
    settings.EMAIL_PORT = smtp_server.port
    call_command("send_due_notifications", stdout=io.StringIO())
    assert smtp_server.messages == []

    second_try = message.next_attempt_at
    settings.EMAIL_PORT = free_port()
    assert outbox_sweep(now=second_try) == 0
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == second_try + datetime.timedelta(minutes=2)

    settings.EMAIL_PORT = smtp_server.port
    assert outbox_sweep(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error) == ("sent", 3, "")
    assert [m.to for m in smtp_server.messages] == [["ana@example.org"]]


def test_the_command_retries_a_due_message(smtp_server, settings, capsys):
    settings.EMAIL_PORT = free_port()
    settings.NOTIFICATIONS_RETRY_SECONDS = 0
    message = queue_one()
    message_deliver(message_id=message.pk)
    settings.EMAIL_PORT = smtp_server.port
    call_command("send_due_notifications")
    assert "notifications.outbox: 1" in capsys.readouterr().out
    message.refresh_from_db()
    assert message.status == "sent"
    assert len(smtp_server.messages) == 1


def test_after_the_last_attempt_the_message_fails_and_can_be_resent(
    smtp_server, settings, secretariat_user, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
    settings.NOTIFICATIONS_RETRY_SECONDS = 0
    message = queue_one()
    message_deliver(message_id=message.pk)
    message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", 2)
    assert "ConnectionRefusedError" in message.error
    assert outbox_sweep() == 0  # a failed message waits for a person

    settings.EMAIL_PORT = smtp_server.port
    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message=message, by=secretariat_user)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.resent_by) == ("sent", 3, secretariat_user)
    assert len(smtp_server.messages) == 1


def test_only_a_failed_message_is_resent(smtp_server, secretariat_user):
    message = queue_one()
    message_deliver(message_id=message.pk)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        message_resend(message=message, by=secretariat_user)
    assert len(smtp_server.messages) == 1


def test_a_message_left_sending_by_a_dead_worker_fails_and_is_not_resent(smtp_server, settings):
    message = queue_one()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, last_attempt_at=timezone.now()
    )
    later = timezone.now() + datetime.timedelta(seconds=settings.NOTIFICATIONS_SENDING_TIMEOUT + 1)
    assert outbox_sweep(now=later) == 0
    message.refresh_from_db()
    assert message.status == "failed"
    assert "Interrupted" in message.error
    assert smtp_server.messages == []


def test_one_message_per_key():
    assert queue_one(key="event:1:ana@example.org") is not None
    assert queue_one(key="event:1:ana@example.org") is None
    assert OutboxMessage.objects.count() == 1


def test_muted_and_switched_off_kinds_queue_nothing_but_account_mails_always_go():
    user = UserFactory(email="ana@example.org")
    OptOut.objects.create(user=user, kind=Kind.CONSULTATION_OPEN)
    recipient = recipient_for_user(user)
    assert queue_one(recipient=recipient) is None
    assert queue_one(recipient=recipient, kind=Kind.PASSWORD_RESET) is not None
    with notifications_muted():
        assert queue_one(recipient=recipient, kind=Kind.INVITATION) is None
    assert list(OutboxMessage.objects.values_list("kind", flat=True)) == ["password_reset"]


def test_notification_send_writes_in_each_recipients_language(smtp_server):
    french = UserFactory(email="fr@example.org", language="fr", first_name="Anne", last_name="B")
    spanish = UserFactory(email="es@example.org", language="es", first_name="Juan", last_name="C")

    def compose(recipient):
        from django.utils.translation import gettext as _

        return Email(subject=_("Outbox"), paragraphs=(_("Status"),), action_url="http://x/")

    notification_send(
        kind=Kind.CONSULTATION_OPEN,
        recipients=[recipient_for_user(french), recipient_for_user(spanish)],
        compose=compose,
        key="test",
    )
    outbox_sweep()
    [to_french] = smtp_server.to("fr@example.org")
    [to_spanish] = smtp_server.to("es@example.org")
    assert to_french.subject == "Boîte d'envoi"
    assert "Bonjour Anne B," in to_french.text
    assert to_french.message["Content-Language"] == "fr"
    assert to_spanish.subject == "Bandeja de salida"
    assert "Estimado/a Juan C:" in to_spanish.text
    assert "Juan" not in to_french.whole
    assert "Anne" not in to_spanish.whole


def test_the_embedded_default_writes_to_the_console_and_to_media(
    settings, media_root, capsys, django_capture_on_commit_callbacks, tasks_in_process
):
    settings.EMAIL_BACKEND = "notifications.backends.ConsoleAndFileEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_one()
    message.refresh_from_db()
    assert message.status == "sent"
    assert "Subject: Voting is open" in capsys.readouterr().out
    [stored] = list((media_root / "emails").iterdir())
    assert "Subject: Voting is open" in stored.read_text()


@pytest.mark.parametrize("count", [1, 3])
def test_reads_do_not_grow_with_the_recipients(count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users = UserFactory.create_batch(count)
    OptOut.objects.create(user=users[0], kind=Kind.DOCUMENT_PUBLISHED)
    with CaptureQueriesContext(connection) as queries:
        notification_send(
            kind=Kind.CONSULTATION_OPEN,
            recipients=[recipient_for_user(user) for user in users],
            compose=lambda recipient: Email(subject="Open", paragraphs=("Vote.",)),
            key="reads",
        )
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # The keys already used, and the opt-outs: once each, however many recipients.
    assert len(reads) == 2
    assert OutboxMessage.objects.count() == count


def test_with_a_broker_a_worker_schedules_the_retry_after_the_backoff(
    smtp_server, settings, monkeypatch
):
    from idm_portal.celery import app as celery_app
    from notifications.tasks import deliver_message_task

    settings.EMAIL_PORT = free_port()
    settings.NOTIFICATIONS_RETRY_SECONDS = 60
    message = queue_one()
    scheduled = []
    monkeypatch.setattr(
        deliver_message_task,
        "apply_async",
        lambda args, countdown: scheduled.append((args, countdown)),
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False  # as on a worker host
    try:
        deliver_message_task.run(message.pk)
    finally:
        celery_app.conf.task_always_eager = eager
    assert scheduled == [((message.pk,), 60.0)]
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
