"""Badge sheets: eight badges to a page, each QR code a signed token of its registration."""

import shutil
import subprocess

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from participants.badges import BadgeToken, badge_token_read
from participants.models import Category, Registration
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from reports.models import RenderedDocument
from reports.services import rendered_document_request_for_badges
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _render(capture, **kwargs) -> RenderedDocument:
    with capture(execute=True):
        document = rendered_document_request_for_badges(by=None, **kwargs)
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error
    return document


def _decoded_qr_codes(pdf_path, tmp_path) -> list[str]:
    """Every QR code on every page, as the desk's camera would read the printed sheet."""
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(pdf_path), str(tmp_path / "page")], check=True
    )
    texts = []
    for page in sorted(tmp_path.glob("page-*.png")):
        texts += [result.text for result in zxingcpp.read_barcodes(Image.open(page))]
    return texts


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (make test)")
def test_a_meeting_sheet_has_a_badge_per_confirmed_person_whose_qr_code_names_them(
    eager_tasks, django_capture_on_commit_callbacks, tmp_path
):
    meeting = MeetingFactory(title="Migration and social change")
    ghana = MemberStateFactory(country="GH", name="Ghana")
    confirmed = [
        RegistrationFactory(
            meeting=meeting,
            member_state=ghana,
            status=Registration.Status.CONFIRMED,
            participant=ParticipantFactory(first_name=f"Kofi{n}", last_name=f"Annan{n:02d}"),
        )
        for n in range(8)
    ]
    confirmed.append(
        RegistrationFactory(
            meeting=meeting,
            category=Category.NGO,
            organization=OrganizationFactory(name="Migrants' Rights Network"),
            status=Registration.Status.ATTENDED,
            participant=ParticipantFactory(first_name="Ama", last_name="Zeta"),
        )
    )
    for status in (Registration.Status.REGISTERED, Registration.Status.WITHDRAWN):
        RegistrationFactory(meeting=meeting, status=status)
    RegistrationFactory(status=Registration.Status.CONFIRMED)  # another meeting's

    document = _render(django_capture_on_commit_callbacks, meeting=meeting)

    assert document.kind == RenderedDocument.Kind.BADGE_SHEET
    assert document.page_count == 2  # eight to a page, and the ninth
    assert document.file_name == f"Badges-{meeting.start_date:%Y-%m-%d}.pdf"
    pdf_path = tmp_path / "badges.pdf"
    pdf_path.write_bytes(default_storage.open(document.file.name).read())
    tokens = [badge_token_read(text) for text in _decoded_qr_codes(pdf_path, tmp_path)]
    assert sorted(tokens, key=lambda token: token.registration_id) == [
        BadgeToken(meeting_id=meeting.pk, registration_id=registration.pk)
        for registration in sorted(confirmed, key=lambda registration: registration.pk)
    ]
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pdf_path).pages]
    assert "GOVERNMENT" in pages[0]
    assert "Kofi0 ANNAN00" in pages[0]
    assert "Ghana" in pages[0]
    assert "NON-GOVERNMENTAL ORGANIZATION" in pages[1]
    assert "Ama ZETA" in pages[1]
    assert "Migrants' Rights Network" in pages[1]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (make test)")
def test_one_badge_prints_alone_through_the_same_pipeline(
    eager_tasks, django_capture_on_commit_callbacks, tmp_path
):
    registration = RegistrationFactory(
        status=Registration.Status.CONFIRMED,
        participant=ParticipantFactory(first_name="Ama", last_name="Mensah"),
    )

    document = _render(
        django_capture_on_commit_callbacks,
        meeting=registration.meeting,
        registration=registration,
    )

    assert document.file_name == "Badge-ama-mensah.pdf"
    assert document.page_count == 1
    pdf_path = tmp_path / "badge.pdf"
    pdf_path.write_bytes(default_storage.open(document.file.name).read())
    [text] = _decoded_qr_codes(pdf_path, tmp_path)
    assert badge_token_read(text).registration_id == registration.pk


def test_nobody_unconfirmed_gets_a_badge():
    registration = RegistrationFactory(status=Registration.Status.REGISTERED)

    with pytest.raises(ValidationError, match="Nobody is confirmed"):
        rendered_document_request_for_badges(meeting=registration.meeting, by=None)
    with pytest.raises(ValidationError, match="Only a confirmed participant"):
        rendered_document_request_for_badges(
            meeting=registration.meeting, registration=registration, by=None
        )
    other = RegistrationFactory(status=Registration.Status.CONFIRMED)
    with pytest.raises(ValidationError, match="Only a confirmed participant"):
        rendered_document_request_for_badges(
            meeting=registration.meeting, registration=other, by=None
        )
    assert not RenderedDocument.objects.exists()


def test_the_badges_page_lists_the_confirmed_in_few_queries(
    admin_client, django_assert_num_queries
):
    meeting = MeetingFactory()
    RegistrationFactory.create_batch(5, meeting=meeting, status=Registration.Status.CONFIRMED)
    url = reverse("reports:badges", args=[meeting.pk])

    # Session, user; the meeting; the registrations; the sheets made.
    with django_assert_num_queries(5):
        response = admin_client.get(url)

    assert response.content.decode().count('action="/documents/registrations/') == 5


def test_the_badge_sheet_is_the_secretariats(client, focal_point, eager_tasks):
    registration = RegistrationFactory(status=Registration.Status.CONFIRMED)
    url = reverse("reports:badge_sheet_generate", args=[registration.meeting_id])
    assert client.post(url).status_code == 302
    client.force_login(focal_point)
    assert client.post(url).status_code == 403
    assert not RenderedDocument.objects.exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (make test)")
def test_the_desk_checks_in_whoever_the_printed_sheet_names(
    client, secretariat_user, eager_tasks, django_capture_on_commit_callbacks, tmp_path
):
    meeting = MeetingFactory()
    people = [
        RegistrationFactory(meeting=meeting, status=Registration.Status.CONFIRMED) for _ in range(3)
    ]
    document = _render(django_capture_on_commit_callbacks, meeting=meeting)
    pdf_path = tmp_path / "badges.pdf"
    pdf_path.write_bytes(default_storage.open(document.file.name).read())
    client.force_login(secretariat_user)

    for text in _decoded_qr_codes(pdf_path, tmp_path):
        client.post(reverse("participants:check_in_scan", args=[meeting.pk]), {"token": text})

    assert (
        sorted(
            Registration.objects.filter(pk__in=[p.pk for p in people]).values_list(
                "status", flat=True
            )
        )
        == [Registration.Status.ATTENDED] * 3
    )
