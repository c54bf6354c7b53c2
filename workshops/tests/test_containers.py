"""Uploads are opened and their structure checked: what passes as a PDF or Word file by
its first bytes but is built otherwise, or carries something that runs, is refused."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from workshops.conftest import docx_bytes
from workshops.models import MeetingDocument
from workshops.tests.factories import PDF_BYTES, MeetingFactory
from workshops.uploads import document_format_check

WORD_PARTS = {
    "[Content_Types].xml": b"<Types/>",
    "_rels/.rels": b"<Relationships/>",
    "word/document.xml": b"<document/>",
}


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refusal(upload, name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        document_format_check(upload(name, content))
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        (
            {**WORD_PARTS, "word/embeddings/setup.exe": b"MZ\x90\x00rest"},
            "it contains a program or script (word/embeddings/setup.exe).",
        ),
        (
            {**WORD_PARTS, "word/media/image1.png": b"MZ\x90\x00 a program named like an image"},
            "it contains a program or script (word/media/image1.png).",
        ),
        (
            {**WORD_PARTS, "word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"},
            "it contains macros (word/vbaProject.bin); save it as a document without macros.",
        ),
        (
            {**WORD_PARTS, "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0package"},
            "it contains an embedded object (word/embeddings/oleObject1.bin); save it without "
            "it, or as PDF.",
        ),
        (
            {"word/document.xml": b"<document/>", "word/setup.exe": b"MZ"},
            "a .docx document has a part [Content_Types].xml, and this file has none.",
        ),
        (
            {**WORD_PARTS, "../../etc/cron.d/job": b"* * * * * root id"},
            "it names a part outside the document (../../etc/cron.d/job).",
        ),
    ],
)
def test_a_zip_with_word_parts_is_opened_and_what_it_hides_is_refused(upload, parts, reason):
    assert (
        _refusal(upload, "minutes.docx", zip_bytes(parts))
        == f"“minutes.docx” was refused: {reason}"
    )


def test_a_zip_bomb_passed_as_a_document_is_refused(upload, settings):
    settings.MEETING_DOCUMENT_MAX_UNPACKED_MB = 1
    parts = {**WORD_PARTS, "word/media/big.png": b"\0" * (2 * 1024 * 1024)}

    assert _refusal(upload, "big.docx", zip_bytes(parts)) == (
        "“big.docx” was refused: it unpacks to more than 1 MB."
    )


def test_a_pdf_html_polyglot_is_refused(upload):
    polyglot = PDF_BYTES.replace(
        b"\n", b"\n<html><body><script>alert(document.cookie)</script></body></html>\n", 1
    )
    assert polyglot.startswith(b"%PDF-")

    assert _refusal(upload, "paper.pdf", polyglot) == (
        "“paper.pdf” was refused: it holds HTML at its start, which a browser could open as a "
        "web page."
    )


def test_a_file_that_starts_like_a_pdf_but_does_not_open_is_refused(upload):
    message = _refusal(upload, "paper.pdf", b"%PDF-1.7\n" + b"not a pdf body " * 50)

    assert message.startswith("“paper.pdf” was refused: it does not open as a PDF (")


def _pdf(build) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "build",
    [
        lambda writer: writer.add_open_action(JavaScript("app.alert('hello');")),
        lambda writer: writer.add_attachment("setup.exe", b"MZ\x90\x00"),
    ],
    ids=["javascript", "attachment"],
)
def test_a_pdf_with_javascript_or_an_embedded_file_is_refused(upload, build):
    message = _refusal(upload, "paper.pdf", _pdf(build))

    assert message == (
        "“paper.pdf” was refused: it contains JavaScript or embedded files; save it again as a "
        "plain PDF."
    )


def test_sound_documents_still_pass(upload):
    assert document_format_check(upload("paper.pdf", PDF_BYTES)).extension == ".pdf"
    assert document_format_check(upload("minutes.docx", docx_bytes())).extension == ".docx"


@pytest.mark.django_db
def test_the_upload_form_says_what_was_refused_and_stores_nothing(
    client, secretariat_user, upload, media_root
):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    parts = {**WORD_PARTS, "word/embeddings/setup.exe": b"MZ\x90\x00rest"}

    response = client.post(
        f"/meetings/{meeting.pk}/documents/new/",
        {
            "kind": "background_paper",
            "title": "Minutes",
            "language": "en",
            "visibility": "public",
            "file": upload("minutes.docx", zip_bytes(parts)),
        },
    )

    assert response.status_code == 200
    assert "was refused: it contains a program or script (word/embeddings/setup.exe)." in (
        response.content.decode()
    )
    assert MeetingDocument.objects.count() == 0
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_a_pdf_that_runs_an_action_when_opened_is_refused(upload):
    def open_action(writer):
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )

    assert _refusal(upload, "paper.pdf", _pdf(open_action)) == (
        "“paper.pdf” was refused: it runs an action when opened; save it again as a plain PDF."
    )
