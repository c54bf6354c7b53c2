import io

import pypdf
import pytest
from django.core.management import CommandError, call_command

from participants.tests.factories import FocalPointFactory
from reports.models import RenderedDocument
from reports.tests.factories import DiscussionNoteFactory, PublishedNoteFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_render_document_writes_the_pdf_and_reuses_it_when_nothing_changed(tmp_path):
    note = DiscussionNoteFactory(symbol="IC/2010/5")
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"

    call_command("render_document", "IC/2010/5", "--output", str(first), stdout=io.StringIO())
    call_command("render_document", "IC/2010/5", "--output", str(second), stdout=io.StringIO())

    assert first.read_bytes() == second.read_bytes()
    assert len(pypdf.PdfReader(first).pages) == 2
    document = RenderedDocument.objects.get(note=note)
    assert document.attempts == 1


def test_render_document_explains_what_is_wrong(tmp_path):
    DiscussionNoteFactory(symbol="IC/2010/6", body="[[proposals year=2099]]")

    with pytest.raises(CommandError, match="There is no dialogue year 2099."):
        call_command("render_document", "IC/2010/6", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="There is no discussion note IC/2010/9."):
        call_command("render_document", "IC/2010/9", "--output", str(tmp_path / "x.pdf"))


def test_meeting_page_lists_published_notes_to_everyone_and_drafts_to_the_secretariat(
    client, secretariat_user
):
    meeting = MeetingFactory()
    PublishedNoteFactory(meeting=meeting, symbol="IC/2010/4")
    DiscussionNoteFactory(meeting=meeting, symbol="IC/2010/8")

    for user in (None, FocalPointFactory()):
        if user:
            client.force_login(user)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "IC/2010/4" in page
        assert "IC/2010/8" not in page
        assert "Generate the list of participants" not in page

    client.force_login(secretariat_user)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "IC/2010/8" in page
    assert "Generate the list of participants" in page


def test_meeting_without_documents_shows_no_panel_to_the_public(client):
    meeting = MeetingFactory()

    assert (
        'data-testid="meeting-documents"'
        not in client.get(meeting.get_absolute_url()).content.decode()
    )
