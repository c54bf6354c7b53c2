"""Word drafts: what a .docx becomes, what is refused, and the upload → review → save steps."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from reports.docx_import import docx_check, docx_to_markdown
from reports.tests.docx_files import WordFile
from reports.tests.factories import DiscussionNoteFactory

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "draft.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def typed_draft() -> WordFile:
    word = WordFile()
    word.paragraph("INTERNATIONAL DIALOGUE ON MIGRATION 2010", style="Title")
    word.paragraph("Migration and social change", style="Subtitle")
    word.paragraph("An update on the year.", style="List Number")
    word.heading("IDM 2010: Migration and social change", level=1)
    word.paragraph(
        "The workshop took place.",
        ("footnote", "For further information, visit www.iom.int."),
        " [[attendance meeting=2010-03-09]]",
        style="List Number",
    )
    word.heading("First proposal: The future", level=2)
    word.paragraph(
        "See the ", ("i", "World Migration Report 2010 "), "and the ", ("b", "data"), "."
    )
    word.paragraph("Questions:")
    word.paragraph("Is migration an expression of vulnerability?", style="List Bullet")
    word.paragraph("How do factors play into this?", style="List Bullet")
    word.paragraph(
        "3.\tA paragraph with its number typed, * and [brackets].", ("footnote", "Second.")
    )
    word.paragraph("2010. A year that starts a paragraph.")
    return word


def test_a_typed_draft_becomes_the_bodys_markdown():
    converted = docx_to_markdown(upload(typed_draft().bytes()))

    assert converted.markdown == (
        "An update on the year.\n\n"
        "## IDM 2010: Migration and social change\n\n"
        "The workshop took place.[^1] [[attendance meeting=2010-03-09]]\n\n"
        "### First proposal: The future\n\n"
        "See the *World Migration Report 2010* and the **data**.\n\n"
        "Questions:\n\n"
        "- Is migration an expression of vulnerability?\n"
        "- How do factors play into this?\n\n"
        "A paragraph with its number typed, \\* and \\[brackets\\].[^2]\n\n"
        "2010\\. A year that starts a paragraph.\n\n"
        "[^1]: For further information, visit www.iom.int.\n"
        "[^2]: Second.\n"
    )
    assert converted.warnings == [
        "“INTERNATIONAL DIALOGUE ON MIGRATION 2010”, in Word's Title or Subtitle style, was "
        "left out: the note's title and subtitle are fields of their own.",
        "“Migration and social change”, in Word's Title or Subtitle style, was left out: the "
        "note's title and subtitle are fields of their own.",
        "Word's numbering of 2 paragraphs gives way to the note's own numbering.",
        "The number typed at the start of 1 paragraph was taken out: the note numbers its "
        "paragraphs itself.",
    ]


def test_what_a_note_cannot_hold_is_named():
    word = WordFile()
    word.paragraph("Text before the table.")
    word.table([["Country", "Participants"], ["Ghana", "3"]])
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(picture, format="PNG")
    word.document.add_picture(picture)
    paragraph = word.document.add_paragraph("A sentence with a comment.")
    word.document.add_comment(paragraph.runs, text="Check this figure.", author="Reviewer")

    converted = docx_to_markdown(upload(word.bytes()))

    assert converted.markdown == "Text before the table.\n\nA sentence with a comment.\n"
    assert converted.warnings[:3] == [
        "1 picture was left out: a note holds text only.",
        "1 table was left out: type its content as paragraphs or a list.",
        "1 comment was left out.",
    ]
    # Then mammoth's own messages (python-docx's comments name styles it does not define).
    assert converted.warnings[3:]
    assert all(w.startswith("The converter says: ") for w in converted.warnings[3:])


def test_no_break_spaces_stay_and_tabs_go():
    word = WordFile()
    word.paragraph("Note\u00a0: le\ttexte,  en français\u00a0!")

    assert docx_to_markdown(upload(word.bytes())).markdown == (
        "Note\u00a0: le texte, en français\u00a0!\n"
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_part(data: bytes, name: str, content: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    parts[name] = content
    return _zip(parts)


def _check(data: bytes, name: str = "draft.docx") -> str:
    with pytest.raises(ValidationError) as error:
        docx_check(upload(data, name))
    return " ".join(error.value.messages)


def test_only_a_sound_word_document_within_the_limit_is_taken(settings):
    good = typed_draft().bytes()

    assert _check(b"") == "The file is empty."
    assert _check(b"Plain text, named like a Word file.") == (
        "“draft.docx” is not a Word document (.docx), whatever its name says. In Word, choose "
        "Save as, then Word Document (.docx), and upload that file."
    )
    assert "is not a Word document" in _check(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")
    assert (
        _check(good, "draft.pdf") == "“draft.pdf” is a Word document: its name should end in .docx."
    )
    assert _check(good[: len(good) // 2]).startswith("“draft.docx” was refused:")
    assert "macros" in _check(_with_part(good, "word/vbaProject.bin", b"\x00macro"))
    settings.NOTE_DRAFT_MAX_MB = 0
    assert _check(good).startswith("The file is ")
    assert "larger than the limit of 0 MB" in _check(good)


def test_a_document_the_converter_cannot_read_is_refused_with_a_message():
    broken = _with_part(typed_draft().bytes(), "word/document.xml", b"<w:document><w:body>")

    docx_check(upload(broken))  # a sound archive with the parts a .docx has
    with pytest.raises(ValidationError, match="could not be read as a Word document"):
        docx_to_markdown(upload(broken))


# --- the pages ---------------------------------------------------------------------


@pytest.fixture
def note():
    return DiscussionNoteFactory(symbol="IC/2010/5", body="The body before.")


def test_upload_shows_the_converted_body_and_saves_nothing(client, secretariat_user, note):
    client.force_login(secretariat_user)

    page = client.get("/documents/IC-2010-5/import/")
    response = client.post("/documents/IC-2010-5/import/", {"file": upload(typed_draft().bytes())})

    assert page.status_code == 200
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["review_form"]
    assert form.initial["body"].startswith("An update on the year.\n\n## IDM 2010")
    assert "Word&#x27;s numbering of 2 paragraphs" in html
    assert '<p class="numbered" id="para-1"><span class="para-number">1.</span> An update' in html
    note.refresh_from_db()
    assert note.body == "The body before."


def test_confirming_saves_the_reviewed_body(client, secretariat_user, note):
    client.force_login(secretariat_user)

    response = client.post(
        "/documents/IC-2010-5/import/", {"step": "confirm", "body": "Reviewed.\n\nSecond.\n"}
    )

    assert response.status_code == 302
    assert response.url == "/documents/IC-2010-5/preview/"
    note.refresh_from_db()
    assert note.body == "Reviewed.\n\nSecond.\n"
    assert note.updated_by == secretariat_user


def test_a_refused_file_or_body_is_said_on_the_page_and_saves_nothing(
    client, secretariat_user, note, settings
):
    client.force_login(secretariat_user)

    not_word = client.post("/documents/IC-2010-5/import/", {"file": upload(b"just text")})
    settings.NOTE_BODY_MAX_CHARS = 10
    too_long = client.post(
        "/documents/IC-2010-5/import/", {"step": "confirm", "body": "A body far too long."}
    )

    assert not_word.status_code == 200
    assert "is not a Word document (.docx)" in not_word.content.decode()
    assert too_long.status_code == 200
    assert too_long.context["review_form"].errors
    note.refresh_from_db()
    assert note.body == "The body before."


def test_only_the_secretariat_imports(client, focal_point, note):
    data = {"step": "confirm", "body": "Taken over."}

    anonymous = client.post("/documents/IC-2010-5/import/", data)
    client.force_login(focal_point)
    refused = client.post("/documents/IC-2010-5/import/", data)

    assert anonymous.status_code == 302
    assert refused.status_code == 403
    note.refresh_from_db()
    assert note.body == "The body before."
