"""Visa support letters: approved by the secretariat, rendered by the task, fetched by link."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from accounts.tests.factories import UserFactory
from notifications.jobs import due_jobs_run
from participants.models import Category, Registration, SelfRegistration, VisaRequest
from participants.tests.factories import (
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
    VisaRequestFactory,
)
from participants.visas import visa_request_decline
from reports.letters import visa_letter_private_url
from reports.models import RenderedDocument, VisaLetter
from reports.services import visa_letter_files_erase, visa_letter_issue
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visa_request():
    meeting = MeetingFactory(
        title="Migration and social change",
        venue="Palais des Nations, Geneva",
        start_date=datetime.date(2031, 3, 9),
        end_date=datetime.date(2031, 3, 10),
    )
    registration = RegistrationFactory(
        meeting=meeting,
        participant=ParticipantFactory(
            first_name="Ama", last_name="Mensah", email="ama@example.org"
        ),
        category=Category.NGO,
        organization=OrganizationFactory(name="Migrants' Rights Network"),
        status=Registration.Status.CONFIRMED,
    )
    return VisaRequestFactory(
        registration=registration,
        passport_name="MENSAH Ama Serwaa",
        passport_number="G1234567",
        nationality="GH",
    )


def _issue(visa_request, by, capture):
    with capture(execute=True):
        letter = visa_letter_issue(visa_request=visa_request, by=by)
    letter.refresh_from_db()
    letter.document.refresh_from_db()
    return letter


def _pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def test_an_approved_request_gets_its_letter_rendered_and_a_private_link_by_mail(
    visa_request, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, mailbox
):
    letter = _issue(visa_request, secretariat_user, django_capture_on_commit_callbacks)

    document = letter.document
    assert document.kind == RenderedDocument.Kind.VISA_LETTER
    assert document.status == RenderedDocument.Status.DONE, document.error
    assert document.file_name == "Visa-support-letter-mensah-ama-serwaa.pdf"
    text = _pdf_text(default_storage.open(document.file.name).read())
    assert "International Organization for Migration" in text
    assert "To whom it may concern" in text
    assert "Consular section" in text
    assert (
        "The International Organization for Migration (IOM) confirms that MENSAH Ama Serwaa, "
        "national of Ghana, holder of passport number G1234567, of Migrants' Rights Network, "
        "is registered to take part in the meeting “Migration and social change” of the "
        "International Dialogue on Migration, to be held in Palais des Nations, Geneva on "
        "9–10 March 2031."
    ) in text
    assert "Date of birth 17 May 1980" in text
    assert "Passport valid until 31 January 2031" in text
    assert "Secretariat of the International Dialogue on Migration" in text
    assert letter.issued_by == secretariat_user
    assert letter.language == "en"
    assert letter.checksum == document.sha256
    assert len(document.sha256) == 64
    visa_request.refresh_from_db()
    assert visa_request.state == VisaRequest.State.APPROVED
    assert visa_request.decided_by == secretariat_user

    [message] = mailbox
    assert message["To"] == "ama@example.org"
    assert message["Subject"] == "Your visa support letter: Migration and social change"
    body = message.get_body(("plain",)).get_content()
    assert (
        "The secretariat approved your request: your visa support letter for Migration and "
        "social change (9 March 2031 – 10 March 2031) is ready to download as a PDF."
    ) in body
    link = re.search(r"http://\S+/documents/visa-letters/\S+/", body).group(0)
    assert link.endswith(visa_letter_private_url(letter))


def test_the_private_link_gives_the_letter_to_whoever_holds_it_and_nothing_else_does(
    visa_request, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, client
):
    letter = _issue(visa_request, secretariat_user, django_capture_on_commit_callbacks)
    url = visa_letter_private_url(letter)

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Guessing: another letter's id, a token unsigned or tampered with.
    token = url.rstrip("/").rsplit("/", 1)[1]
    for guess in (
        str(letter.pk),
        f"{letter.pk}:x",
        token[:-1] + ("A" if token[-1] != "A" else "B"),
    ):
        assert client.get(reverse("reports:visa_letter_download", args=[guess])).status_code == 404
    # The stored file's own address stays the secretariat's.
    assert client.get(letter.document.get_download_url()).status_code == 302


def test_the_letter_is_written_in_the_persons_language(
    visa_request, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, mailbox
):
    UserFactory(email="ama@example.org", language="fr")

    letter = _issue(visa_request, secretariat_user, django_capture_on_commit_callbacks)

    assert letter.language == "fr"
    text = _pdf_text(default_storage.open(letter.document.file.name).read())
    assert "À qui de droit" in text
    assert "G1234567" in text
    assert "MENSAH Ama Serwaa" in text
    assert "9–10 mars 2031" in text
    # Folded as encoded words, the header keeps a leading space; the words are what count.
    subject = " ".join(str(mailbox[0]["Subject"]).split())
    assert subject == "Votre lettre d’appui pour un visa : Migration and social change"


def test_the_letter_follows_the_language_of_the_registration_form_first(
    visa_request, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, mailbox
):
    UserFactory(email="ama@example.org", language="fr")
    SelfRegistration.objects.create(
        registration=visa_request.registration, language="es", confirmed_at=timezone.now()
    )

    letter = _issue(visa_request, secretariat_user, django_capture_on_commit_callbacks)

    assert letter.language == "es"
    text = _pdf_text(default_storage.open(letter.document.file.name).read())
    assert "A quien corresponda" in text
    assert "9–10 de marzo de 2031" in text


def test_a_request_is_approved_once_and_only_for_a_confirmed_participant(
    visa_request, secretariat_user, django_capture_on_commit_callbacks
):
    Registration.objects.filter(pk=visa_request.registration_id).update(
        status=Registration.Status.WITHDRAWN
    )
    with pytest.raises(ValidationError, match="Only a confirmed participant"):
        visa_letter_issue(visa_request=visa_request, by=secretariat_user)
    assert not VisaLetter.objects.exists()
    assert not RenderedDocument.objects.exists()
    visa_request.refresh_from_db()
    assert visa_request.state == VisaRequest.State.REQUESTED

    Registration.objects.filter(pk=visa_request.registration_id).update(
        status=Registration.Status.CONFIRMED
    )
    with django_capture_on_commit_callbacks(execute=False):
        visa_letter_issue(visa_request=visa_request, by=secretariat_user, enqueue=False)
        with pytest.raises(ValidationError, match="already approved"):
            visa_letter_issue(visa_request=visa_request, by=secretariat_user)
    assert VisaLetter.objects.count() == 1


def test_a_declined_request_tells_the_person_why(
    visa_request, secretariat_user, mailbox, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        visa_request_decline(visa_request=visa_request, reason="  ", by=secretariat_user)

    with django_capture_on_commit_callbacks(execute=True):
        visa_request_decline(
            visa_request=visa_request, reason="The meeting is online only.", by=secretariat_user
        )

    visa_request.refresh_from_db()
    assert visa_request.state == VisaRequest.State.DECLINED
    [message] = mailbox
    assert message["Subject"] == "Visa support letter declined: Migration and social change"
    assert "Reason: The meeting is online only." in message.get_body(("plain",)).get_content()


def test_once_passport_details_are_erased_the_letter_file_goes_and_its_record_stays(
    visa_request, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, client
):
    letter = _issue(visa_request, secretariat_user, django_capture_on_commit_callbacks)
    url = visa_letter_private_url(letter)
    name, sha256 = letter.document.file.name, letter.document.sha256
    assert visa_letter_files_erase(timezone.now()) == 0  # not erased yet: kept

    VisaRequest.objects.filter(pk=visa_request.pk).update(
        passport_name="",
        passport_number="",
        nationality="",
        date_of_birth=None,
        passport_expiry_date=None,
        erased_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        # As beat or cron run it: among the due jobs.
        assert due_jobs_run()["reports.visa_letter_files"] == 1
    assert visa_letter_files_erase(timezone.now()) == 0

    letter.refresh_from_db()
    assert letter.document is None
    assert letter.file_erased_at is not None
    assert letter.checksum == sha256
    assert letter.issued_by == secretariat_user
    assert not default_storage.exists(name)
    assert not RenderedDocument.objects.filter(kind=RenderedDocument.Kind.VISA_LETTER).exists()
    assert client.get(url).status_code == 404


def test_the_secretariat_page_lists_requests_and_letters(
    visa_request,
    admin_client,
    admin_user,
    eager_tasks,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    meeting = visa_request.registration.meeting
    for _ in range(3):
        VisaRequestFactory(registration__meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("reports:visa_request_decision", args=[visa_request.pk]),
            {"decision": "approve"},
        )
    assert response.status_code == 302

    url = reverse("reports:visa_requests", args=[meeting.pk])
    # Session, user; the meeting; the letters; the requests (with their letters' PDFs).
    with django_assert_num_queries(5):
        response = admin_client.get(url)
    page = response.content.decode()
    assert "MENSAH Ama Serwaa" in page
    assert "G1234567" in page
    assert page.count('name="decision" value="approve"') == 3
    letter = VisaLetter.objects.get()
    assert letter.document.sha256 in page
    assert visa_letter_private_url(letter) in page


def test_only_the_secretariat_sees_passport_details(visa_request, client, focal_point):
    url = reverse("reports:visa_requests", args=[visa_request.registration.meeting_id])
    assert client.get(url).status_code == 302
    client.force_login(focal_point)
    response = client.get(url)
    assert response.status_code == 403
    assert b"G1234567" not in response.content


def test_declining_from_the_page_needs_a_reason_and_a_failed_letter_can_be_made_again(
    visa_request, admin_client, admin_user, django_capture_on_commit_callbacks
):
    meeting_page = reverse("reports:visa_requests", args=[visa_request.registration.meeting_id])
    decide = reverse("reports:visa_request_decision", args=[visa_request.pk])

    response = admin_client.post(decide, {"decision": "decline", "reason": ""}, follow=True)
    assert "Say why the request is declined." in response.content.decode()
    visa_request.refresh_from_db()
    assert visa_request.state == VisaRequest.State.REQUESTED

    other = VisaRequestFactory(registration__meeting=visa_request.registration.meeting)
    with django_capture_on_commit_callbacks(execute=False):
        letter = visa_letter_issue(visa_request=other, by=admin_user, enqueue=False)
    RenderedDocument.objects.filter(pk=letter.document_id).update(
        status=RenderedDocument.Status.FAILED, error="Broken"
    )
    with django_capture_on_commit_callbacks(execute=False):
        response = admin_client.post(reverse("reports:render_retry", args=[letter.document_id]))
    assert response.status_code == 302
    assert response["Location"] == meeting_page
    letter.document.refresh_from_db()
    assert letter.document.status == RenderedDocument.Status.QUEUED
    pending = admin_client.get(visa_letter_private_url(letter))
    assert pending.status_code == 200
    assert "Your letter is being prepared." in pending.content.decode()
