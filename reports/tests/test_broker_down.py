"""The broker goes down: asking for a PDF never errors, the render waits, a sweep sends it.

The broker is pointed at a closed port of 127.0.0.1, with a publish retry
policy short enough to fail at once. The last test brings a real broker and
worker back (PostgreSQL + Redis run) and lets the sweep finish the render.
"""

import contextlib
import socket

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from idm_portal.celery import app as celery_app
from participants.tests.factories import RegistrationFactory
from reports.conftest import wait_for
from reports.models import RenderedDocument
from reports.tests.factories import DiscussionNoteFactory

WAITING = "The PDF workers cannot be reached right now."


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _use_broker(url: str) -> None:
    celery_app.conf.broker_url = celery_app.conf.broker_write_url = url
    # Connections are pooled per broker: forget the pooled ones.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_publish_retry_policy)
    conf.task_always_eager = False
    conf.task_publish_retry_policy = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1}
    _use_broker(f"redis://127.0.0.1:{_closed_port()}/0")
    yield
    conf.task_always_eager, conf.task_publish_retry_policy = saved[1], saved[2]
    _use_broker(saved[0])


def _secretariat_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _ask_for_a_note_and_a_list(client, on_commit=None):
    """on_commit: pytest-django's capture, inside a test transaction (else commits are real)."""
    note = DiscussionNoteFactory(symbol="IC/2010/8")
    meeting = RegistrationFactory().meeting
    with on_commit(execute=True) if on_commit else contextlib.nullcontext([]) as sends:
        asked = [
            client.post(f"/documents/{note.slug}/generate/", follow=True),
            client.post(f"/documents/meetings/{meeting.pk}/participants/", follow=True),
        ]
    if on_commit:
        assert len(sends) == 2  # each asked the broker once, after its commit
    renders = [
        RenderedDocument.objects.get(note=note),
        RenderedDocument.objects.get(meeting=meeting),
    ]
    return asked, renders


@pytest.mark.django_db
def test_with_the_broker_down_a_note_pdf_and_a_list_wait_with_a_message(
    broker_down, secretariat_user, django_capture_on_commit_callbacks
):
    client = _secretariat_client(secretariat_user)

    asked, renders = _ask_for_a_note_and_a_list(client, django_capture_on_commit_callbacks)

    for response in asked:
        assert response.status_code == 200
        assert WAITING in response.content.decode()
    for render in renders:
        assert (render.status, render.sent_at, render.is_stale) == ("queued", None, True)
        status = client.get(f"/documents/renders/{render.pk}/status/").json()
        assert (status["status"], status["stale"]) == ("queued", True)


@pytest.mark.django_db
def test_try_again_on_a_render_that_waits_for_the_broker(
    broker_down, secretariat_user, django_capture_on_commit_callbacks
):
    client = _secretariat_client(secretariat_user)
    _, (note_render, _list) = _ask_for_a_note_and_a_list(client, django_capture_on_commit_callbacks)

    page = client.get(note_render.note.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True) as sends:
        retried = client.post(f"/documents/renders/{note_render.pk}/retry/", follow=True)

    assert len(sends) == 1

    assert "Queued for a long time" in page
    assert f'action="/documents/renders/{note_render.pk}/retry/" class="d-inline"' in page
    assert retried.status_code == 200
    assert WAITING in retried.content.decode()
    note_render.refresh_from_db()
    assert (note_render.status, note_render.sent_at) == ("queued", None)


@pytest.mark.django_db
def test_the_sweep_says_what_waits_while_the_broker_stays_down(
    broker_down, secretariat_user, django_capture_on_commit_callbacks
):
    _, renders = _ask_for_a_note_and_a_list(
        _secretariat_client(secretariat_user), django_capture_on_commit_callbacks
    )

    with pytest.raises(CommandError, match="2 queued render"):
        call_command("resend_stale_renders")

    assert [r.status for r in RenderedDocument.objects.all()] == ["queued", "queued"]
    assert RenderedDocument.objects.filter(sent_at__isnull=False).count() == 0


@pytest.mark.django_db(transaction=True)
def test_once_the_broker_is_back_the_sweep_completes_the_renders(
    celery_worker_factory, broker_down, secretariat_user, django_settings_broker_url
):
    _, renders = _ask_for_a_note_and_a_list(_secretariat_client(secretariat_user))
    assert all(r.sent_at is None for r in renders)

    _use_broker(django_settings_broker_url)
    celery_worker_factory()
    call_command("resend_stale_renders")
    call_command("resend_stale_renders")  # a second sweep sends nothing twice

    for render in renders:
        wait_for(
            lambda render=render: RenderedDocument.objects.get(pk=render.pk).status == "done",
            timeout=90,
            message=f"the sweep did not get {render} rendered",
        )
        render.refresh_from_db()
        assert render.attempts == 1
        assert render.sent_at is not None
