"""A meeting page has one Documents section: the meeting's files, notes and list together."""

import pytest

from reports.services import rendered_document_publish
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

HEADING = '<h2 class="h4">Documents</h2>'


def test_a_published_list_is_under_the_one_documents_heading_without_an_empty_message(
    client, participant_list
):
    rendered_document_publish(rendered_document=participant_list)

    page = client.get(participant_list.meeting.get_absolute_url()).content.decode()

    assert page.count(HEADING) == 1
    assert "No documents yet." not in page
    assert page.index(HEADING) < page.index('data-testid="participant-list-download"')


def test_a_meeting_without_documents_says_so_once(client):
    page = client.get(MeetingFactory().get_absolute_url()).content.decode()

    assert page.count(HEADING) == 1
    assert page.count("No documents yet.") == 1
