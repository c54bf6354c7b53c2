"""IC/2010/5 in French and Spanish: each version rendered to PDF/A by the real task, read back."""

import io

import pypdf
import pytest
from django.core.management import call_command

from demo.tests import reference_text
from reports.models import DiscussionNote, RenderedDocument
from reports.services import rendered_document_request_for_note

pytestmark = pytest.mark.django_db

PARAGRAPH_2 = {
    "fr": (
        "Le premier atelier d'intersession du DIM pour 2010 s'est tenu à Genève les 9 et 10 mars "
        "2010 et a eu pour thème « Migration et transnationalisme : perspectives et défis ». "
        "Cet atelier a réuni 225 participants. Parmi ces participants, 154 étaient des "
        "représentants gouvernementaux venant de plus de 70 pays, 35 venaient d'organisations "
        "internationales et 26 venaient d'organisations non gouvernementales, du secteur privé, "
        "des milieux universitaires et des médias."
    ),
    "es": (
        "El primer taller intermedio del DIM de 2010 se celebró en Ginebra los días 9 y 10 de "
        "marzo de 2010 y trató el tema “Migración y transnacionalismo: oportunidades y retos”. "
        "Este taller contó con la asistencia de 225 participantes. De estos participantes, 154 "
        "eran representantes gubernamentales de más de 70 países, 35 procedían de "
        "organizaciones internacionales y 26 procedían de organizaciones no gubernamentales, el "
        "sector privado, el mundo académico y los medios de comunicación."
    ),
}
HEADER_BLOCK = {
    "fr": (
        "CONSULTATIONS INFORMELLES SUR LE DIALOGUE INTERNATIONAL SUR LA MIGRATION "
        "IC/2010/5 Original : anglais Genève, 16 avril 2010 "
        "DIALOGUE INTERNATIONAL SUR LA MIGRATION 2010 Migration et changement social 27 avril 2010"
    ),
    "es": (
        "CONSULTAS INFORMALES SOBRE EL DIÁLOGO INTERNACIONAL SOBRE LA MIGRACIÓN "
        "IC/2010/5 Original: inglés Ginebra, 16 de abril de 2010 "
        "DIÁLOGO INTERNACIONAL SOBRE LA MIGRACIÓN 2010 Migración y cambio social "
        "27 de abril de 2010"
    ),
}
FIRST_PROPOSAL = {"fr": "Première proposition : ", "es": "Primera propuesta: "}
PAGE_LABEL = {"fr": "Page", "es": "Página"}


@pytest.fixture
def demo():
    call_command("load_idm2010", stdout=io.StringIO())
    return DiscussionNote.objects.get(symbol="IC/2010/5")


def render_through_the_worker(note, language, django_capture_on_commit_callbacks):
    """As the secretariat's "Generate PDF": the request enqueues, the task renders."""
    with django_capture_on_commit_callbacks(execute=True):
        document = rendered_document_request_for_note(note=note, by=None, language=language)
    document.refresh_from_db()
    assert document.status == RenderedDocument.Status.DONE, document.error
    return document


@pytest.mark.parametrize("language", ["fr", "es"])
def test_each_version_prints_its_own_language_with_paragraph_2_computed(
    demo, language, eager_tasks, django_capture_on_commit_callbacks
):
    document = render_through_the_worker(demo, language, django_capture_on_commit_callbacks)
    with document.file.open("rb") as pdf:
        data = pdf.read()
    text = reference_text.pdf_text(data, symbol="IC/2010/5", page_label=PAGE_LABEL[language])
    reader = pypdf.PdfReader(io.BytesIO(data))

    assert document.language == language
    assert document.file_name == f"IC-2010-5-{language}.pdf"
    assert text.paragraphs()[2] == PARAGRAPH_2[language]
    assert text.paragraph_numbers() == list(range(1, 15))
    assert len(text.footnotes) == 2
    flow = " ".join(text.flow.split())
    assert HEADER_BLOCK[language] in flow
    assert FIRST_PROPOSAL[language] in flow
    # The running header: the symbol and the page, in the version's language.
    second_page = reader.pages[1].extract_text().splitlines()
    assert second_page[-2:] == ["IC/2010/5", f"{PAGE_LABEL[language]} 2"]
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == language
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3" pdfaid:conformance="A"' in xmp  # PDF/A-3a


def test_the_original_still_says_original_english(
    demo, eager_tasks, django_capture_on_commit_callbacks
):
    document = render_through_the_worker(demo, None, django_capture_on_commit_callbacks)
    with document.file.open("rb") as pdf:
        flow = " ".join(reference_text.pdf_text(pdf.read(), symbol="IC/2010/5").flow.split())

    assert document.language == "en"
    assert "IC/2010/5 Original: English Geneva, 16 April 2010" in flow
    assert "This workshop was attended by 225 participants." in flow


def test_the_versions_are_published_with_the_note(demo):
    versions = {t.language: t for t in demo.translations.all()}

    assert sorted(versions) == ["es", "fr"]
    assert all(t.is_published for t in versions.values())
    assert versions["fr"].title == "Dialogue international sur la migration 2010"
    assert "[[attendance meeting=2010-03-09]]" in versions["es"].body
