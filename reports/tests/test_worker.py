"""Real Celery worker processes, the PostgreSQL test database and Redis, as in production.

Skipped, with the reason, on the embedded run (no broker). CI's PostgreSQL run
sets CELERY_BROKER_URL.
"""

import io

import pypdf
import pytest

from reports.conftest import wait_for
from reports.models import RenderedDocument
from reports.tests.factories import DiscussionNoteFactory, long_body

pytestmark = pytest.mark.django_db(transaction=True)


def _status(client, pk):
    return client.get(f"/documents/renders/{pk}/status/").json()


def test_worker_renders_the_pdf_asked_for_on_the_note_page_and_it_downloads(
    celery_worker_factory, client, secretariat_user
):
    celery_worker_factory()
    note = DiscussionNoteFactory(symbol="IC/2010/7")
    client.force_login(secretariat_user)

    response = client.post(f"/documents/{note.slug}/generate/")

    assert response.status_code == 302
    document = RenderedDocument.objects.get(note=note)
    page = client.get(response.url).content.decode()
    assert f'data-render-status-url="/documents/renders/{document.pk}/status/"' in page
    state = wait_for(
        lambda: (s := _status(client, document.pk))["finished"] and s,
        timeout=60,
        message="the worker did not finish the render",
    )
    assert state["status"] == "done", state["error"]
    assert state["download_url"] == f"/documents/files/{document.pk}/IC-2010-7.pdf"

    download = client.get(state["download_url"])

    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="IC-2010-7.pdf"' in download["Content-Disposition"]
    data = b"".join(download.streaming_content)
    document.refresh_from_db()
    assert download["ETag"] == f'"{document.sha256}"'
    assert len(data) == document.size
    assert "A second paragraph." in pypdf.PdfReader(io.BytesIO(data)).pages[1].extract_text()
    assert document.attempts == 1


def test_render_killed_with_its_worker_completes_once_another_worker_runs(
    celery_worker_factory, client, secretariat_user
):
    first = celery_worker_factory()
    note = DiscussionNoteFactory(body=long_body(300))
    note_before = note.__class__.objects.values().get(pk=note.pk)
    client.force_login(secretariat_user)
    client.post(f"/documents/{note.slug}/generate/")
    document = RenderedDocument.objects.get(note=note)

    wait_for(
        lambda: _status(client, document.pk)["status"] == "running",
        timeout=60,
        message="the first worker never started the render",
    )
    first.kill()

    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.RUNNING
    assert document.file.name == ""
    assert note.__class__.objects.values().get(pk=note.pk) == note_before

    # The message was never acknowledged: the broker hands it to the next worker
    # once its visibility timeout (short here) has passed.
    celery_worker_factory(CELERY_VISIBILITY_TIMEOUT="2")
    state = wait_for(
        lambda: (s := _status(client, document.pk))["finished"] and s,
        timeout=120,
        message="the second worker did not complete the render",
    )

    assert state["status"] == "done", state["error"]
    document.refresh_from_db()
    assert document.attempts == 2
    assert document.page_count > 30
    assert client.get(state["download_url"]).status_code == 200
    assert note.__class__.objects.values().get(pk=note.pk) == note_before
