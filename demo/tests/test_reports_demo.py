import io

import pytest
from django.core.management import call_command

from reports.models import DiscussionNote, RenderedDocument

pytestmark = pytest.mark.django_db


def test_demo_loads_ic_2010_5_once_published_for_the_april_consultations():
    call_command("load_idm2010", stdout=io.StringIO())
    call_command("load_idm2010", stdout=io.StringIO())

    note = DiscussionNote.objects.get()
    assert note.symbol == "IC/2010/5"
    assert note.is_published
    assert str(note.meeting.start_date) == "2010-04-27"
    assert "[[attendance meeting=2010-03-09]]" in note.body
    assert "[[proposals year=2011]]" in note.body


@pytest.mark.django_db(transaction=True)
def test_demo_with_render_documents_offers_the_published_pdf_to_the_public(client, eager_tasks):
    call_command("load_idm2010", "--render-documents", stdout=io.StringIO())
    output = io.StringIO()
    call_command("load_idm2010", "--render-documents", stdout=output)

    response = client.get("/documents/IC-2010-5/pdf/")

    assert "IC/2010/5: PDF ready." in output.getvalue()
    assert "IC/2010/5 (fr): PDF ready." in output.getvalue()
    assert "IC/2010/5 (es): PDF ready." in output.getvalue()
    # One PDF per language version, reused by the second run.
    renders = RenderedDocument.objects.filter(note__symbol="IC/2010/5")
    assert sorted(renders.values_list("language", "file_name")) == [
        ("en", "IC-2010-5.pdf"),
        ("es", "IC-2010-5-es.pdf"),
        ("fr", "IC-2010-5-fr.pdf"),
    ]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
