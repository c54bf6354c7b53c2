"""A language version rendered by a real Celery worker process (PostgreSQL and Redis runs).

Skipped, with the reason, on the embedded run (no broker).
"""

import io

import pypdf
import pytest

from reports.conftest import wait_for
from reports.models import RenderedDocument
from reports.tests.factories import PublishedTranslationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_renders_the_french_version_asked_for_on_the_note_page(
    celery_worker_factory, client, secretariat_user
):
    celery_worker_factory()
    version = PublishedTranslationFactory(language="fr", note__symbol="IC/2010/8")
    client.force_login(secretariat_user)

    response = client.post("/documents/IC-2010-8/fr/generate/")

    assert response.status_code == 302
    document = RenderedDocument.objects.get(note=version.note)
    state = wait_for(
        lambda: (
            (s := client.get(f"/documents/renders/{document.pk}/status/").json())["finished"] and s
        ),
        timeout=60,
        message="the worker did not finish the render",
    )
    assert state["status"] == "done", state["error"]
    download = client.get("/documents/IC-2010-8/fr/pdf/")
    data = b"".join(download.streaming_content)
    reader = pypdf.PdfReader(io.BytesIO(data))

    assert 'filename="IC-2010-8-fr.pdf"' in download["Content-Disposition"]
    assert "Original : anglais" in " ".join(reader.pages[0].extract_text().split())
    assert "Un deuxième paragraphe." in reader.pages[1].extract_text()
    assert reader.trailer["/Root"]["/Lang"] == "fr"
