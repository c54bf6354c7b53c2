"""Strange input is refused in one place (idm_portal.middleware) with 400 and words."""

import io

import pytest
from django.test import Client

from participants.tests.factories import RegistrationFactory
from reports.tests.factories import PublishedNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_a_nul_in_a_public_note_address_is_refused_with_a_message(client):
    PublishedNoteFactory(symbol="IC/2010/5")

    response = client.get("/documents/IC-2010-5%00/pdf/")

    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert client.get("/documents/IC-2010-5/").status_code == 200


def test_a_nul_in_a_search_is_refused_with_a_message(secretariat_client):
    meeting = RegistrationFactory().meeting

    response = secretariat_client.get(f"/participants/meetings/{meeting.pk}/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()


def test_a_thousand_word_search_is_refused_with_a_message(secretariat_client, settings):
    meeting = RegistrationFactory().meeting
    words = " ".join(f"w{n}" for n in range(1000))

    response = secretariat_client.get(f"/participants/meetings/{meeting.pk}/", {"q": words})

    assert response.status_code == 400
    assert f"longer than {settings.REQUEST_QUERY_MAX_CHARS} characters" in response.content.decode()


def test_a_search_of_a_few_words_still_works(secretariat_client):
    registration = RegistrationFactory(participant__last_name="Okafor")

    response = secretariat_client.get(
        f"/participants/meetings/{registration.meeting.pk}/", {"q": "okafor"}
    )

    assert response.status_code == 200
    assert "Okafor" in response.content.decode()


def test_a_number_beyond_64_bits_in_the_query_is_refused(secretariat_client):
    response = secretariat_client.get(
        "/admin/participants/registration/add/", {"member_state": "9" * 30}
    )

    assert response.status_code == 400
    assert "larger than any the portal stores" in response.content.decode()


def test_a_nul_in_a_posted_form_is_refused(secretariat_client):
    meeting = RegistrationFactory().meeting

    response = secretariat_client.post(
        f"/participants/meetings/{meeting.pk}/check-in/", {"q": "a\x00b"}
    )

    assert response.status_code == 400


class _UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_larger_than_the_upload_limit_is_refused_before_it_is_read(settings):
    settings.MEETING_DOCUMENT_MAX_MB = 2
    settings.REQUEST_BODY_MARGIN_MB = 1
    client = Client()

    response = client.generic(
        "POST",
        "/meetings/1/documents/new/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(3 * 1024 * 1024 + 1),
        **{"wsgi.input": _UnreadableBody()},
    )

    assert response.status_code == 413
    assert "more than the portal accepts (2 MB)" in response.content.decode()
