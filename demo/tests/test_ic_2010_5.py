"""IC/2010/5 reproduced: the demo note rendered through the real task, read back from the PDF."""

import io

import pypdf
import pytest
from django.core.management import call_command

from demo.tests import reference_text
from participants.models import Registration
from reports.models import DiscussionNote, RenderedDocument
from reports.services import rendered_document_request_for_note
from reports.tasks import render_document_task

pytestmark = pytest.mark.django_db

HEADER_BLOCK = (
    "IOM International Organization for Migration "
    "OIM Organisation Internationale pour les Migrations "
    "OIM Organización Internacional para las Migraciones "
    "INFORMAL CONSULTATIONS ON INTERNATIONAL DIALOGUE ON MIGRATION "
    "IC/2010/5 Original: English Geneva, 16 April 2010 "
    "INTERNATIONAL DIALOGUE ON MIGRATION 2010 Migration and social change 27 April 2010"
)


@pytest.fixture
def demo():
    call_command("load_idm2010", stdout=io.StringIO())
    return DiscussionNote.objects.get(symbol="IC/2010/5")


def render_through_task(note) -> RenderedDocument:
    document = rendered_document_request_for_note(note=note, by=None, enqueue=False)
    render_document_task.apply(args=[document.pk]).get()
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error
    return document


def test_ic_2010_5_pdf_reads_like_the_real_note(demo):
    document = render_through_task(demo)
    with document.file.open("rb") as pdf:
        rendered = reference_text.pdf_text(pdf.read(), symbol="IC/2010/5")
    real = reference_text.reference()

    assert rendered.paragraph_numbers() == list(range(1, 15))
    assert real.paragraph_numbers() == list(range(1, 15))
    for number, text in real.paragraphs().items():
        # Each paragraph starts as the real one does (its first ten words).
        assert rendered.paragraphs()[number].split()[:10] == text.split()[:10], number
    assert rendered.footnotes == real.footnotes
    assert len(rendered.footnotes) == 2
    assert " ".join(rendered.flow.split()).startswith(HEADER_BLOCK)
    assert reference_text.similarity(rendered, real) >= 0.97


def test_paragraph_2_figures_come_from_registrations(demo):
    before = render_through_task(demo)
    withdrawn = Registration.objects.filter(
        meeting__start_date="2010-03-09", status=Registration.Status.ATTENDED
    ).first()
    withdrawn.status = Registration.Status.NO_SHOW
    withdrawn.save(update_fields=["status"])

    after = render_through_task(demo)

    assert after.pk != before.pk
    with after.file.open("rb") as pdf:
        paragraph_2 = reference_text.pdf_text(pdf.read(), symbol="IC/2010/5").paragraphs()[2]
    assert "This workshop was attended by 224 participants." in paragraph_2


def test_ic_2010_5_pdf_is_tagged_pdf_a_on_a4_with_embedded_fonts_and_metadata(demo):
    document = render_through_task(demo)
    with document.file.open("rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))

    assert document.page_count == len(reader.pages) == 4
    assert reader.metadata.title == (
        "IC/2010/5: International Dialogue on Migration 2010 – Migration and social change"
    )
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert "/StructTreeRoot" in catalog  # tagged
    assert bool(catalog["/MarkInfo"]["/Marked"])
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3" pdfaid:conformance="A"' in xmp  # PDF/A-3a
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]  # A4
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded
