"""IC/2010/5 typed into Word the usual way, uploaded, and printed: the real note again.

The Word file is made here from the text of the real note: its title block in Word's
Title and Subtitle styles, section headings in Heading 1, the proposals' headings in
Heading 2, the fourteen paragraphs in Word's List Number style (or plain, or with
their numbers typed), the report's title in italics and two real Word footnotes.
Paragraph 2's figures are typed as the author reads them in the real note.
"""

import io
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from demo.tests import reference_text
from reports.docx_import import docx_to_markdown
from reports.models import DiscussionNote, RenderedDocument
from reports.services import rendered_document_request_for_note
from reports.tasks import render_document_task
from reports.tests.docx_files import WordFile

SUPERSCRIPTS = {"¹": 1, "²": 2}
PARAGRAPH = re.compile(r"^(\d+)\. (.*)$")
FOOTNOTE = re.compile(r"^([¹²]) (.*)$")


@dataclass
class Typed:
    headings: dict[int, tuple[str, int]] = field(default_factory=dict)  # before paragraph n
    paragraphs: list[str] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)


def real_note_as_typed() -> Typed:
    """The real note's body, paragraph by paragraph, as an author would retype it."""
    text = reference_text.REFERENCE_PATH.read_text(encoding="utf-8")
    body = text[text.index("1. This discussion note") :]
    typed, after_footnote = Typed(), False
    for line in (line.strip() for line in body.splitlines()):
        if not line:
            continue
        if match := PARAGRAPH.match(line):
            typed.paragraphs.append(match[2])
            after_footnote = False
        elif match := FOOTNOTE.match(line):
            typed.footnotes[SUPERSCRIPTS[match[1]]] = match[2]
            after_footnote = True
        elif after_footnote and line[0].islower():
            # The paragraph a page's footnotes interrupted goes on.
            typed.paragraphs[-1] += " " + line
        else:
            level = 2 if line.startswith(("First proposal", "Second proposal")) else 1
            typed.headings[len(typed.paragraphs)] = (line, level)
    return typed


def _runs(paragraph: str, footnotes: dict[int, str]) -> list:
    """Text with its *italics* and footnote calls (¹) as WordFile runs."""
    runs = []
    for piece in re.split(r"(\*[^*]+\*|[¹²])", paragraph):
        if piece in SUPERSCRIPTS:
            runs.append(("footnote", footnotes[SUPERSCRIPTS[piece]]))
        elif piece.startswith("*"):
            runs.append(("i", piece.strip("*")))
        elif piece:
            runs.append(piece)
    return runs


def word_file(numbering: str) -> bytes:
    """numbering: "list" (Word's List Number style), "plain", or "typed" ("1.<tab>")."""
    typed = real_note_as_typed()
    word = WordFile()
    word.paragraph("INTERNATIONAL DIALOGUE ON MIGRATION 2010", style="Title")
    word.paragraph("Migration and social change", style="Subtitle")
    for number, paragraph in enumerate(typed.paragraphs, start=1):
        if number - 1 in typed.headings:
            heading, level = typed.headings[number - 1]
            word.heading(heading, level=level)
        runs = _runs(paragraph, typed.footnotes)
        if numbering == "typed":
            runs.insert(0, f"{number}.\t")
        word.paragraph(*runs, style="List Number" if numbering == "list" else None)
    return word.bytes()


def test_the_helper_types_the_real_note_as_it_is():
    typed = real_note_as_typed()

    assert len(typed.paragraphs) == 14
    assert sorted(typed.footnotes) == [1, 2]
    assert typed.headings == {
        1: ("IDM 2010: Migration and social change", 1),
        7: ("IDM 2011: Proposed themes", 1),
        8: ("First proposal: The future of migration: Building capacities for change", 2),
        10: ("Second proposal: Migration and human security", 2),
    }
    assert typed.paragraphs[9].endswith(
        "at the local, national, regional and international levels."
    )


def test_numbered_plain_and_typed_paragraphs_become_the_same_body():
    bodies = {
        numbering: docx_to_markdown(SimpleUploadedFile("IC-2010-5.docx", word_file(numbering)))
        for numbering in ("list", "plain", "typed")
    }

    assert bodies["list"].markdown == bodies["plain"].markdown == bodies["typed"].markdown
    markdown = bodies["list"].markdown
    assert markdown.count("\n## ") == 2
    assert markdown.count("\n### ") == 2
    assert re.findall(r"\[\^\d\]:", markdown) == ["[^1]:", "[^2]:"]
    assert "*World Migration Report 2010 – The Future of Migration: Building Capacities" in markdown
    assert "Word's numbering of 14 paragraphs" in " ".join(bodies["list"].warnings)
    assert "typed at the start of 14 paragraphs" in " ".join(bodies["typed"].warnings)


@pytest.mark.django_db
def test_ic_2010_5_from_word_prints_as_the_real_note(client, secretariat_user):
    call_command("load_idm2010", stdout=io.StringIO())
    note = DiscussionNote.objects.get(symbol="IC/2010/5")
    client.force_login(secretariat_user)
    upload = SimpleUploadedFile("IC-2010-5.docx", word_file("list"))

    review = client.post("/documents/IC-2010-5/import/", {"file": upload})
    body = review.context["review_form"].initial["body"]
    saved = client.post("/documents/IC-2010-5/import/", {"step": "confirm", "body": body})

    assert saved.status_code == 302
    note.refresh_from_db()
    assert note.body == body
    assert "[[" not in note.body  # paragraph 2 is the author's typed text, not a marker
    document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
    render_document_task.apply(args=[document.pk]).get()
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error
    with document.file.open("rb") as pdf:
        printed = reference_text.pdf_text(pdf.read(), symbol="IC/2010/5")
    real = reference_text.reference()

    assert printed.paragraph_numbers() == list(range(1, 15))
    assert printed.paragraphs() == real.paragraphs()
    assert printed.footnotes == real.footnotes
    assert len(printed.footnotes) == 2
    assert printed.words == real.words
