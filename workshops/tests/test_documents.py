import importlib
import io
from unittest import mock

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import Resolver404, resolve

from workshops.models import MeetingDocument, MeetingDocumentVersion
from workshops.services import meeting_document_create, meeting_document_version_add
from workshops.tests.factories import PDF_BYTES, MeetingDocumentFactory, MeetingFactory, pdf_bytes
from workshops.uploads import document_format_check

pytestmark = pytest.mark.django_db


def stored_files(media_root) -> list:
    return sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []


def document_post(file, **overrides):
    data = {
        "kind": "background_paper",
        "title": "Background paper",
        "language": "en",
        "visibility": "public",
        "file": file,
    }
    data.update(overrides)
    return data


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def test_staff_uploads_a_pdf_background_paper(client, secretariat_user, upload, media_root):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/documents/new/", document_post(upload("Paper 2010.PDF"))
    )

    document = MeetingDocument.objects.get()
    version = document.versions.get()
    assert response["Location"] == f"{meeting.get_absolute_url()}#documents"
    assert (document.kind, document.title, document.language, document.visibility) == (
        "background_paper",
        "Background paper",
        "en",
        "public",
    )
    assert version.number == 1
    assert version.original_name == "Paper 2010.PDF"
    assert version.content_type == "application/pdf"
    assert version.size == len(PDF_BYTES)
    assert version.uploaded_by == secretariat_user
    # Stored under a random name, not the uploaded one.
    assert version.file.name.startswith(f"meetings/{meeting.pk}/documents/")
    assert version.file.name.endswith(".pdf")
    assert "Paper" not in version.file.name
    assert [p.read_bytes() for p in stored_files(media_root)] == [PDF_BYTES]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        (
            "slides.docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "figures.xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_office_documents_are_accepted_by_content(upload, docx, name, content, content_type):
    data = {"docx": docx, "xlsx": xlsx_bytes()}[content]

    document = meeting_document_create(
        meeting=MeetingFactory(),
        by=None,
        kind="presentation",
        title="Slides",
        file=upload(name, data),
    )

    assert document.current_version.content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"plain text", "Files ending in .doc, .docx"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200, "is not a PDF or Office document"),
        ("paper.pdf", b"just some text pretending", "is not a PDF or Office document"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_files_that_are_not_documents_are_refused_and_nothing_is_stored(
    client, secretariat_user, upload, media_root, name, content, message
):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/documents/new/", document_post(upload(name, content))
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert MeetingDocument.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_word_file_named_pdf_is_refused_with_what_it_really_is(
    client, secretariat_user, upload, docx
):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/documents/new/", document_post(upload("paper.pdf", docx))
    )

    assert "is named .pdf but its content is a Word file (.docx)" in response.content.decode()
    assert MeetingDocument.objects.count() == 0


def test_size_limit_comes_from_the_settings(client, secretariat_user, upload, settings, media_root):
    settings.MEETING_DOCUMENT_MAX_MB = 1
    meeting = MeetingFactory()
    just_over = PDF_BYTES + b"\n" * (1024 * 1024 - len(PDF_BYTES) + 1)
    just_right = PDF_BYTES + b"\n" * (1024 * 1024 - len(PDF_BYTES))
    client.force_login(secretariat_user)

    refused = client.post(
        f"/meetings/{meeting.pk}/documents/new/", document_post(upload("big.pdf", just_over))
    )
    accepted = client.post(
        f"/meetings/{meeting.pk}/documents/new/", document_post(upload("ok.pdf", just_right))
    )

    assert "larger than the limit of 1 MB." in refused.content.decode()
    assert accepted.status_code == 302
    assert MeetingDocumentVersion.objects.get().size == 1024 * 1024
    assert len(stored_files(media_root)) == 1


@pytest.fixture(scope="module")
def compiled_catalogues():
    # `make` compiles them too; a bare `pytest` run must not depend on it.
    call_command(
        "compilemessages",
        locale=["fr"],
        ignore_patterns=[".venv/*", "node_modules/*"],
        verbosity=0,
    )


def test_upload_help_text_is_in_the_visitors_language_with_the_limit_of_the_settings(
    client, secretariat_user, settings, compiled_catalogues
):
    settings.MEETING_DOCUMENT_MAX_MB = 7
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    url = f"/meetings/{meeting.pk}/documents/new/"

    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "PDF, Word, Excel, PowerPoint ou OpenDocument\u00a0; 7 Mo au maximum." in french
    assert "PDF, Word, Excel, PowerPoint or OpenDocument; up to 7 MB." in english


def test_service_refuses_an_empty_file(upload):
    with pytest.raises(ValidationError, match="The file is empty."):
        meeting_document_create(
            meeting=MeetingFactory(), by=None, kind="other", title="X", file=upload("x.pdf", b"")
        )


def test_service_checks_the_file_too(upload, media_root):
    with pytest.raises(ValidationError, match="not a PDF or Office document"):
        meeting_document_create(
            meeting=MeetingFactory(), by=None, kind="other", title="X", file=upload("x.pdf", b"??")
        )

    assert MeetingDocument.objects.count() == 0
    assert stored_files(media_root) == []


def test_services_check_an_upload_once(upload):
    meeting = MeetingFactory()
    with mock.patch(
        "workshops.services.documents.document_format_check", wraps=document_format_check
    ) as check:
        document = meeting_document_create(
            meeting=meeting, by=None, kind="other", title="X", file=upload("x.pdf")
        )
        meeting_document_version_add(document=document, by=None, file=upload("y.pdf"))

    assert check.call_count == 2


def test_service_refuses_a_new_version_and_stores_nothing(upload, media_root):
    document = MeetingDocumentFactory()
    stored_before = stored_files(media_root)

    with pytest.raises(ValidationError, match="not a PDF or Office document"):
        meeting_document_version_add(document=document, by=None, file=upload("v2.pdf", b"??"))

    assert list(document.versions.values_list("number", flat=True)) == [1]
    assert stored_files(media_root) == stored_before


def test_a_new_version_keeps_the_old_one(client, secretariat_user, upload, media_root):
    document = MeetingDocumentFactory()
    first = document.versions.get()
    second_pdf = pdf_bytes(pages=2)
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/documents/{document.pk}/versions/new/", {"file": upload("v2.pdf", second_pdf)}
    )

    versions = list(document.versions.all())
    assert response.status_code == 302
    assert [v.number for v in versions] == [2, 1]
    assert document.current_version.number == 2
    current = client.get(f"/meetings/documents/{document.pk}/download/")
    old = client.get(f"/meetings/documents/versions/{first.pk}/download/")
    assert b"".join(current.streaming_content) == second_pdf
    assert b"".join(old.streaming_content) == PDF_BYTES
    assert len(stored_files(media_root)) == 2


def test_a_refused_new_version_leaves_the_document_as_it_was(client, secretariat_user, upload):
    document = MeetingDocumentFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/documents/{document.pk}/versions/new/", {"file": upload("v2.pdf", b"nope")}
    )

    assert response.status_code == 200
    assert document.versions.count() == 1


def test_version_numbers_follow_each_other(upload):
    document = MeetingDocumentFactory()

    meeting_document_version_add(document=document, by=None, file=upload("a.pdf"))
    meeting_document_version_add(document=document, by=None, file=upload("b.pdf"))

    assert list(document.versions.values_list("number", flat=True)) == [3, 2, 1]


def test_public_document_downloads_for_everyone(client, focal_point, secretariat_user):
    document = MeetingDocumentFactory(title="Background paper: transnationalism")
    url = f"/meetings/documents/{document.pk}/download/"

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    for response in (anonymous, as_focal_point, as_staff):
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="background-paper-transnationalism.pdf"'
        )
    assert b"".join(anonymous.streaming_content) == PDF_BYTES


def test_staff_only_document_is_refused_to_others(client, focal_point, secretariat_user):
    document = MeetingDocumentFactory(visibility="staff")
    version = document.versions.get()
    urls = [
        f"/meetings/documents/{document.pk}/download/",
        f"/meetings/documents/versions/{version.pk}/download/",
    ]

    anonymous = [client.get(url) for url in urls]
    client.force_login(focal_point)
    as_focal_point = [client.get(url) for url in urls]
    client.force_login(secretariat_user)
    as_staff = [client.get(url) for url in urls]

    assert [r.status_code for r in anonymous] == [302, 302]
    assert all(r["Location"].startswith("/accounts/login/") for r in anonymous)
    assert [r.status_code for r in as_focal_point] == [403, 403]
    assert [r.status_code for r in as_staff] == [200, 200]


def test_meeting_page_lists_staff_only_documents_to_staff_only(
    client, focal_point, secretariat_user
):
    meeting = MeetingFactory()
    MeetingDocumentFactory(meeting=meeting, title="Public background paper")
    MeetingDocumentFactory(meeting=meeting, title="Internal budget", visibility="staff")

    anonymous = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(focal_point)
    as_focal_point = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(secretariat_user)
    as_staff = client.get(meeting.get_absolute_url()).content.decode()

    for page in (anonymous, as_focal_point):
        assert "Public background paper" in page
        assert "Internal budget" not in page
    assert "Public background paper" in as_staff
    assert "Internal budget" in as_staff
    assert "Secretariat only" in as_staff


def test_media_urls_are_not_offered_for_documents(client):
    document = MeetingDocumentFactory()
    page = client.get(document.meeting.get_absolute_url()).content.decode()

    assert document.versions.get().file.name not in page
    assert f"/meetings/documents/{document.pk}/download/" in page


def test_stored_files_have_no_url_of_their_own_even_in_development(settings):
    document = MeetingDocumentFactory(visibility=MeetingDocument.Visibility.STAFF)
    settings.DEBUG = True
    # The URLconf as a development server loads it (tests otherwise run with DEBUG off).
    urls = importlib.reload(importlib.import_module("idm_portal.urls"))

    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}{document.versions.get().file.name}", urlconf=urls)


def test_staff_changes_a_document_to_staff_only(client, secretariat_user, focal_point):
    document = MeetingDocumentFactory()
    client.force_login(secretariat_user)

    client.post(
        f"/meetings/documents/{document.pk}/edit/",
        {"kind": "other", "title": "Renamed", "language": "fr", "visibility": "staff"},
    )
    client.force_login(focal_point)
    refused = client.get(f"/meetings/documents/{document.pk}/download/")

    document.refresh_from_db()
    assert (document.kind, document.title, document.language, document.visibility) == (
        "other",
        "Renamed",
        "fr",
        "staff",
    )
    assert refused.status_code == 403


@pytest.mark.parametrize(
    "url", ["/meetings/{meeting}/documents/new/", "/meetings/documents/{document}/versions/new/"]
)
def test_uploading_is_for_the_secretariat(client, focal_point, secretariat_user, url):
    document = MeetingDocumentFactory()
    url = url.format(meeting=document.meeting_id, document=document.pk)

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    assert (anonymous.status_code, as_focal_point.status_code, as_staff.status_code) == (
        302,
        403,
        200,
    )
