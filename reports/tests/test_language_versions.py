"""Language versions of a note: writing them, who sees them, their PDFs and their wording."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from common.translated import has_translation
from participants.tests.factories import FocalPointFactory, MemberStateFactory, RegistrationFactory
from reports.content import note_content
from reports.markers import MarkerContext, expand_markers, meeting_dates
from reports.models import NoteTranslation, RenderedDocument
from reports.services import (
    note_translation_save,
    note_update,
    rendered_document_request_for_note,
)
from reports.tests.factories import (
    DiscussionNoteFactory,
    NoteTranslationFactory,
    PublishedNoteFactory,
    PublishedTranslationFactory,
)
from themes.models import Proposal
from themes.tests.factories import ConsultationFactory, ProposalFactory
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(eager_tasks, django_capture_on_commit_callbacks):
    """rendered(note, language) → the finished PDF of that version, made by the real task."""

    def render(note, language=None):
        with django_capture_on_commit_callbacks(execute=True):
            document = rendered_document_request_for_note(note=note, by=None, language=language)
        document.refresh_from_db()
        assert document.status == RenderedDocument.Status.DONE, document.error
        return document

    return render


# --- writing a version ---------------------------------------------------------------


def test_the_secretariat_writes_a_version_starting_from_the_original(client, secretariat_user):
    note = PublishedNoteFactory(body="Original text.\n\n[[upcoming-meetings]]")
    client.force_login(secretariat_user)

    form = client.get(f"/documents/{note.slug}/fr/edit/").content.decode()
    response = client.post(
        f"/documents/{note.slug}/fr/edit/",
        {
            "series_title": "Consultations informelles",
            "place": "Genève",
            "title": "Dialogue 2010",
            "subtitle": "",
            "body": "Texte traduit.",
            "status": "in_translation",
            "preview": "1",
        },
    )

    assert "Original text." in form  # the body starts as the original's, markers included
    assert response.status_code == 302
    assert response.url == f"/documents/{note.slug}/fr/preview/"
    version = NoteTranslation.objects.get(note=note)
    assert (version.language, version.body, version.status) == (
        "fr",
        "Texte traduit.",
        "in_translation",
    )
    assert version.updated_by == secretariat_user
    assert version.published_at is None


def test_the_original_language_is_edited_on_the_note_itself(client, secretariat_user):
    note = PublishedNoteFactory()
    client.force_login(secretariat_user)

    response = client.get(f"/documents/{note.slug}/en/edit/")

    assert response.status_code == 302
    assert response.url == f"/documents/{note.slug}/edit/"
    with pytest.raises(ValidationError):
        note_translation_save(note=note, language="en", by=None, title="x", body="y")
    with pytest.raises(ValidationError):
        note_translation_save(note=note, language="de", by=None, title="x", body="y")


def test_publishing_a_version_with_a_broken_marker_is_refused_and_nothing_is_saved(
    client, secretariat_user
):
    note = PublishedNoteFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/documents/{note.slug}/es/edit/",
        {
            "series_title": "Consultas informales",
            "title": "Diálogo 2010",
            "body": "Texto conservado. [[attendance meeting=1999-01-01]]",
            "status": "published",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Texto conservado." in page
    assert not NoteTranslation.objects.exists()


def test_publishing_dates_the_version_and_back_to_draft_clears_it():
    note = PublishedNoteFactory()
    moment = datetime.datetime(2010, 4, 20, 9, 0, tzinfo=datetime.UTC)

    version = note_translation_save(
        note=note,
        language="fr",
        by=None,
        now=moment,
        series_title="S",
        title="T",
        body="Un.",
        status="published",
    )
    assert version.published_at == moment
    version = note_translation_save(note=note, language="fr", by=None, status="draft")
    assert version.published_at is None
    assert NoteTranslation.objects.count() == 1


def test_a_language_with_a_version_cannot_become_the_original():
    version = NoteTranslationFactory(language="fr")

    with pytest.raises(ValidationError):
        note_update(note=version.note, by=None, original_language="fr")


# --- who sees which version ------------------------------------------------------------


def test_a_version_is_public_only_when_the_note_and_the_version_are_published(
    client, rendered, secretariat_user
):
    in_translation = NoteTranslationFactory(language="fr")
    draft_note = DiscussionNoteFactory()
    of_a_draft = PublishedTranslationFactory(note=draft_note, language="es")
    published = PublishedTranslationFactory(note=in_translation.note, language="es")
    urls = {
        "in translation": rendered(in_translation.note, "fr"),
        "published, note a draft": rendered(of_a_draft.note, "es"),
        "published": rendered(published.note, "es"),
    }
    pages = {
        "in translation": f"/documents/{in_translation.note.slug}/fr/pdf/",
        "published, note a draft": f"/documents/{draft_note.slug}/es/pdf/",
        "published": f"/documents/{published.note.slug}/es/pdf/",
    }

    anonymous = {name: client.get(url).status_code for name, url in pages.items()}
    files = {name: client.get(doc.get_download_url()).status_code for name, doc in urls.items()}
    client.force_login(FocalPointFactory())
    focal_point = {name: client.get(url).status_code for name, url in pages.items()}
    client.force_login(secretariat_user)
    staff = {name: client.get(url).status_code for name, url in pages.items()}

    assert anonymous == {"in translation": 302, "published, note a draft": 302, "published": 200}
    assert files == anonymous
    assert focal_point == {"in translation": 403, "published, note a draft": 403, "published": 200}
    assert staff == {"in translation": 200, "published, note a draft": 200, "published": 200}


def test_the_note_page_offers_the_published_languages(client, rendered, secretariat_user):
    version = PublishedTranslationFactory(language="fr")
    NoteTranslationFactory(note=version.note, language="es")
    rendered(version.note)
    rendered(version.note, "fr")
    rendered(version.note, "es")

    public = client.get(version.note.get_absolute_url()).content.decode()
    client.force_login(secretariat_user)
    staff = client.get(version.note.get_absolute_url()).content.decode()

    assert f"/documents/{version.note.slug}/fr/pdf/" in public
    assert f"/documents/{version.note.slug}/en/pdf/" in public
    assert f"/documents/{version.note.slug}/es/pdf/" not in public
    assert "-es.pdf" not in public
    assert f"/documents/{version.note.slug}/es/pdf/" in staff
    assert f"/documents/{version.note.slug}/es/edit/" in staff
    assert "In translation" in staff


@pytest.mark.parametrize("count", [1, 3])
def test_the_library_links_every_published_language_in_constant_queries(
    client, rendered, django_assert_num_queries, count
):
    versions = PublishedTranslationFactory.create_batch(count, language="fr")
    for version in versions:
        NoteTranslationFactory(note=version.note, language="es")
        rendered(version.note)
        rendered(version.note, "fr")
        rendered(version.note, "es")

    with django_assert_num_queries(2):
        page = client.get("/documents/").content.decode()

    assert page.count('data-testid="library-languages"') == count
    assert page.count('hreflang="fr"') == count
    assert page.count('hreflang="en"') == count
    assert 'hreflang="es"' not in page  # in translation: not public


def test_a_visitor_gets_their_language_by_default_else_the_original(client, rendered):
    version = PublishedTranslationFactory(language="fr")
    NoteTranslationFactory(note=version.note, language="es")
    english = rendered(version.note)
    french = rendered(version.note, "fr")
    rendered(version.note, "es")
    url = f"/documents/{version.note.slug}/pdf/"

    in_french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    in_spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")  # not published: the original
    in_english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert in_french["ETag"] == f'"{french.sha256}"'
    assert 'filename="IC-2010' in in_french["Content-Disposition"]
    assert "-fr.pdf" in in_french["Content-Disposition"]
    assert in_spanish["ETag"] == f'"{english.sha256}"'
    assert in_english["ETag"] == f'"{english.sha256}"'


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/documents/{slug}/fr/edit/", "get"),
        ("/documents/{slug}/fr/preview/", "get"),
        ("/documents/{slug}/fr/preview/document/", "get"),
        ("/documents/{slug}/fr/generate/", "post"),
    ],
)
def test_editing_previewing_and_rendering_a_version_are_for_the_secretariat_only(
    client, secretariat_user, path, method
):
    version = PublishedTranslationFactory(language="fr")
    url = path.format(slug=version.note.slug)

    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(FocalPointFactory())
    assert getattr(client, method)(url).status_code == 403
    client.force_login(secretariat_user)
    assert getattr(client, method)(url).status_code in (200, 302)


def test_a_version_not_written_yet_is_404_to_the_secretariat(client, secretariat_user):
    note = PublishedNoteFactory()
    client.force_login(secretariat_user)

    assert client.get(f"/documents/{note.slug}/es/preview/").status_code == 404
    assert client.get(f"/documents/{note.slug}/es/pdf/").status_code == 404
    assert client.get(f"/documents/{note.slug}/de/pdf/").status_code == 404


# --- what a version prints -------------------------------------------------------------


def test_each_version_keeps_its_own_pdfs(rendered):
    version = PublishedTranslationFactory(language="fr")

    english = rendered(version.note)
    french = rendered(version.note, "fr")
    again = rendered(version.note, "fr")

    assert (english.language, english.file_name) == ("en", f"{version.note.slug}.pdf")
    assert (french.language, french.file_name) == ("fr", f"{version.note.slug}-fr.pdf")
    assert again.pk == french.pk  # unchanged content reuses its PDF
    assert english.sha256 != french.sha256


@pytest.mark.parametrize(
    ("language", "original", "issued"),
    [
        ("en", "Original: English", "Geneva, 16 April 2010"),
        ("fr", "Original\u00a0: anglais", "Genève, 16 avril 2010"),  # a French space
        ("es", "Original: inglés", "Ginebra, 16 de abril de 2010"),
    ],
)
def test_each_version_prints_the_original_language_in_its_own_words(language, original, issued):
    note = PublishedNoteFactory(place="Geneva")
    if language != "en":
        PublishedTranslationFactory(
            note=note, language=language, place={"fr": "Genève", "es": "Ginebra"}[language]
        )

    html = note_content(note, language).html

    assert f"{original}<br>{issued}" in html
    assert f'<html lang="{language}">' in html
    assert f'<p class="symbol-string">{note.symbol}</p>' in html


def test_meeting_dates_in_french_and_spanish():
    def meeting(start, end):
        return MeetingFactory.build(start_date=start, end_date=end)

    d = datetime.date
    expected = {
        "fr": ["9–10 mars 2010", "30 juin – 1er juillet 2010", "1er–3 mars 2010"],
        "es": ["9–10 de marzo de 2010", "30 de junio – 1 de julio de 2010", "1–3 de marzo de 2010"],
    }
    for language, texts in expected.items():
        with translation.override(language):
            assert [
                meeting_dates(meeting(d(2010, 3, 9), d(2010, 3, 10))),
                meeting_dates(meeting(d(2010, 6, 30), d(2010, 7, 1))),
                meeting_dates(meeting(d(2010, 3, 1), d(2010, 3, 3))),
            ] == texts


def test_the_attendance_marker_speaks_the_versions_language():
    meeting = MeetingFactory(start_date=datetime.date(2010, 3, 9))
    RegistrationFactory.create_batch(
        2, meeting=meeting, member_state=MemberStateFactory(), status="attended"
    )
    note = PublishedNoteFactory(meeting=meeting, body="[[attendance meeting=2010-03-09]]")
    PublishedTranslationFactory(note=note, language="es", body=note.body)

    html = note_content(note, "es").html

    assert (
        "Este taller contó con la asistencia de 2 participantes. De estos participantes, 2 eran "
        "representantes gubernamentales de 1 país." in html
    )


# --- computed texts without a translation --------------------------------------------


class Plain:
    title = "Title"


class Translated:
    title = "Title"
    title_fr = "Titre"
    title_es = ""


def test_has_translation_looks_for_the_language_field_and_treats_missing_as_none():
    assert has_translation(Plain(), "title", "en")  # the default language is the original
    assert not has_translation(Plain(), "title", "fr")
    assert has_translation(Translated(), "title", "fr")
    assert not has_translation(Translated(), "title", "es")  # empty is no translation


@pytest.fixture
def consultation_2011():
    year = DialogueYearFactory(year=2010)
    consultation = ConsultationFactory(target_year=DialogueYearFactory(year=2011, is_current=False))
    ProposalFactory(consultation=consultation, title="The future of migration", full_text="Text.")
    return year


def test_a_proposal_without_a_french_text_is_marked_in_the_preview_only(consultation_2011):
    context = {"issue_date": datetime.date(2010, 4, 16), "dialogue_year": consultation_2011}
    with translation.override("fr"):
        preview = expand_markers(
            "[[proposals year=2011]]", context=MarkerContext(**context, preview=True)
        )
        printed = expand_markers("[[proposals year=2011]]", context=MarkerContext(**context))

    # French puts a (non-breaking) space before a colon and inside guillemets.
    heading = (
        "### Première proposition : The future of migration **[non traduit : texte original]**"
    )
    assert heading.replace(" :", "\u00a0:") in preview.text
    assert "non traduit" not in printed.text
    fallback = "« The future of migration » n'a pas encore de version dans cette langue : "
    fallback += "l'original est imprimé."
    french = fallback.replace(" :", "\u00a0:").replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    assert printed.fallbacks == preview.fallbacks == [french]
    assert preview.problems == printed.problems == []


def test_a_proposal_with_its_french_text_needs_no_marker(consultation_2011):
    Proposal.objects.update(title_fr="L'avenir de la migration", full_text_fr="Texte.")
    context = MarkerContext(
        issue_date=datetime.date(2010, 4, 16), dialogue_year=consultation_2011, preview=True
    )

    with translation.override("fr"):
        expansion = expand_markers("[[proposals year=2011]]", context=context)

    assert expansion.fallbacks == []
    assert "non traduit" not in expansion.text


def test_the_preview_page_lists_the_fallbacks(client, secretariat_user, consultation_2011):
    meeting = MeetingFactory(dialogue_year=consultation_2011)
    note = PublishedNoteFactory(meeting=meeting, body="[[proposals year=2011]]")
    PublishedTranslationFactory(note=note, language="fr", body=note.body)
    client.force_login(secretariat_user)

    page = client.get(f"/documents/{note.slug}/fr/preview/").content.decode()
    frame = client.get(f"/documents/{note.slug}/fr/preview/document/").content.decode()

    assert 'data-testid="fallbacks"' in page
    assert "The future of migration" in page
    assert "non traduit" in frame
    assert "non traduit" not in note_content(note, "fr").html


def test_operators_render_a_version_from_the_command_line(tmp_path):
    version = PublishedTranslationFactory(language="es")
    output = tmp_path / "es.pdf"

    call_command(
        "render_document",
        version.note.symbol,
        "--output",
        str(output),
        "--language",
        "es",
        stdout=io.StringIO(),
    )

    assert output.read_bytes().startswith(b"%PDF-")
    assert RenderedDocument.objects.get().language == "es"
    with pytest.raises(CommandError):
        call_command(
            "render_document", version.note.symbol, "--output", str(output), "--language", "fr"
        )


def test_nobody_but_the_secretariat_learns_whether_a_symbol_exists(client):
    response = client.get("/documents/IC-1999-1/fr/edit/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_note_page_titles_the_note_in_the_readers_language(client):
    version = PublishedTranslationFactory(language="fr")
    NoteTranslationFactory(note=version.note, language="es", title="Título en traducción")

    in_french = client.get(version.note.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    in_spanish = client.get(version.note.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")

    assert (
        '<small class="text-muted" lang="fr">Dialogue international' in in_french.content.decode()
    )
    page = in_spanish.content.decode()
    assert "Título en traducción" not in page  # in translation: the original's title
    assert '<small class="text-muted" lang="en">International Dialogue' in page


def test_the_secretariat_publishes_a_version_from_its_form(client, secretariat_user):
    version = NoteTranslationFactory(language="es")
    client.force_login(secretariat_user)

    response = client.post(
        f"/documents/{version.note.slug}/es/edit/",
        {
            "series_title": version.series_title,
            "place": "Ginebra",
            "title": version.title,
            "body": "Un párrafo.",
            "status": "published",
        },
    )

    assert response.status_code == 302
    assert response.url == version.note.get_absolute_url()
    version.refresh_from_db()
    assert version.is_published
    assert version.published_at is not None
