"""ETags and 304s: only for files the requester may see; "If-None-Match: *" answered right."""

import pytest

from reports.models import RenderedDocument
from reports.services import rendered_document_request_for_note
from reports.tests.factories import DiscussionNoteFactory, PublishedNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(eager_tasks, django_capture_on_commit_callbacks):
    """rendered(note) → its finished PDF, made by the real task in this process."""

    def render(note):
        with django_capture_on_commit_callbacks(execute=True):
            document = rendered_document_request_for_note(note=note, by=None)
        document.refresh_from_db()
        assert document.status == RenderedDocument.Status.DONE, document.error
        return document

    return render


def test_a_star_never_gets_a_304_for_an_unpublished_file_staff_downloaded(
    client,
    rendered,
    secretariat_user,
):
    document = rendered(DiscussionNoteFactory())
    client.force_login(secretariat_user)
    assert client.get(document.get_download_url()).status_code == 200
    client.logout()

    response = client.get(document.get_download_url(), HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 302  # to the login page, as without the header
    assert "ETag" not in response
    assert document.sha256 not in str(response.headers)


def test_an_unpublished_file_is_private_and_stored_nowhere(client, rendered, secretariat_user):
    document = rendered(DiscussionNoteFactory())
    client.force_login(secretariat_user)

    response = client.get(document.get_download_url())

    assert response["Cache-Control"] == "private, no-store"


def test_the_secretariat_star_gets_a_304_for_a_file_it_may_see(client, rendered, secretariat_user):
    document = rendered(DiscussionNoteFactory())
    client.force_login(secretariat_user)

    response = client.get(document.get_download_url(), HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 304
    assert response["ETag"] == f'"{document.sha256}"'


def test_a_star_for_a_published_file_is_answered_after_the_access_check(
    client,
    rendered,
    django_assert_num_queries,
):
    document = rendered(PublishedNoteFactory())
    etag = client.get(document.get_download_url())["ETag"]

    with django_assert_num_queries(1):
        star = client.get(document.get_download_url(), HTTP_IF_NONE_MATCH="*")
    with django_assert_num_queries(0):
        exact = client.get(document.get_download_url(), HTTP_IF_NONE_MATCH=f'"other", {etag}')

    assert (star.status_code, exact.status_code) == (304, 304)
    assert star["Cache-Control"] == exact["Cache-Control"] == "public, no-cache"
