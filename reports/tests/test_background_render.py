"""Without a broker, a list of participants renders after the page has answered."""

import threading

import pytest
from django.db import connection

from participants.tests.factories import RegistrationFactory
from reports import rendering
from reports.models import RenderedDocument
from workshops.tests.factories import MeetingFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The render thread writes while the test reads: in a whole run, SQLite's shared
    # in-memory test database sometimes answers "table is locked" (a file database
    # or PostgreSQL does not).
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers; SQLite's shared in-memory test database refuses them",
    ),
]


@pytest.fixture
def held_render(monkeypatch):
    """Renders wait for `release` (at most 10 s), so the test sees the page before the PDF.

    `rendered` is set once the PDF is made.
    """
    release, rendered = threading.Event(), threading.Event()
    real = rendering.html_to_pdf

    def wait_then_render(html):
        release.wait(timeout=10)
        pdf = real(html)
        rendered.set()
        return pdf

    monkeypatch.setattr(rendering, "html_to_pdf", wait_then_render)
    return release, rendered


def render_threads():
    return [t for t in threading.enumerate() if t.name.startswith("render-document-")]


def test_the_page_answers_at_once_and_its_panel_follows_the_render(
    client, secretariat_user, settings, eager_tasks, held_render
):
    settings.RENDER_IN_BACKGROUND_THREAD = True
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)

    release, rendered = held_render

    response = client.post(f"/documents/meetings/{meeting.pk}/participants/")
    answered_before_the_pdf = not rendered.is_set()
    page = client.get(response.url).content.decode()
    document = RenderedDocument.objects.get(meeting=meeting)
    status_while_rendering = document.status
    release.set()
    for thread in render_threads():
        thread.join(timeout=60)
    document.refresh_from_db()

    assert answered_before_the_pdf
    assert response.status_code == 302
    assert status_while_rendering in (
        RenderedDocument.Status.QUEUED,
        RenderedDocument.Status.RUNNING,
    )
    assert f'data-render-status-url="/documents/renders/{document.pk}/status/"' in page
    assert 'data-finished="false"' in page
    assert document.status == RenderedDocument.Status.DONE
    assert client.get(f"/documents/renders/{document.pk}/status/").json()["finished"] is True
