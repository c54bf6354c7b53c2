import pytest
from django.urls import reverse

from participants.tests.factories import FocalPointFactory
from reports.content import note_content, note_problems
from reports.models import DiscussionNote, RenderedDocument
from reports.services import rendered_document_request_for_note
from reports.tests.factories import DiscussionNoteFactory, PublishedNoteFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(eager_tasks, django_capture_on_commit_callbacks):
    """rendered(note) → its finished PDF, made by the real task in this process."""

    def render(note):
        with django_capture_on_commit_callbacks(execute=True):
            document = rendered_document_request_for_note(note=note, by=None)
        document.refresh_from_db()
        assert document.status == RenderedDocument.Status.DONE, document.error
        return document

    return render


# --- the library ---------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_library_lists_published_notes_in_constant_queries(
    client, django_assert_num_queries, rendered, count
):
    notes = PublishedNoteFactory.create_batch(count)
    rendered(notes[0])
    DiscussionNoteFactory(symbol="IC/2010/99")  # a draft

    with django_assert_num_queries(2):  # notes with meeting and year; their finished PDFs
        page = client.get("/documents/").content.decode()

    for note in notes:
        assert note.symbol in page
    assert "IC/2010/99" not in page
    assert "Download IC-2010-" in page


def test_library_shows_drafts_to_the_secretariat_only(client, secretariat_user):
    DiscussionNoteFactory(symbol="IC/2010/98")
    focal_point = FocalPointFactory()

    assert "IC/2010/98" not in client.get("/documents/").content.decode()
    client.force_login(focal_point)
    assert "IC/2010/98" not in client.get("/documents/").content.decode()
    client.force_login(secretariat_user)
    page = client.get("/documents/").content.decode()
    assert "IC/2010/98" in page
    assert "Draft" in page


def test_library_groups_notes_by_year_and_meeting(client):
    march = MeetingFactory(title="March workshop")
    PublishedNoteFactory(symbol="IC/2010/1", meeting=march)
    PublishedNoteFactory(symbol="IC/2010/2", meeting=march)

    page = client.get("/documents/").content.decode()

    assert page.count("March workshop") == 1
    assert page.index("March workshop") < page.index("IC/2010/1") < page.index("IC/2010/2")


# --- who may see a note ----------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/documents/{slug}/", "/documents/{slug}/preview/", "/documents/{slug}/pdf/"]
)
def test_draft_note_pages_are_for_the_secretariat_only(client, secretariat_user, rendered, path):
    note = DiscussionNoteFactory()
    rendered(note)
    url = path.format(slug=note.slug)

    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert client.get(url).url.startswith("/accounts/login/")
    client.force_login(FocalPointFactory())
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    assert client.get(url).status_code == 200


def test_published_note_and_its_pdf_are_public(client, rendered):
    note = PublishedNoteFactory()
    document = rendered(note)

    assert client.get(note.get_absolute_url()).status_code == 200
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, no-cache"


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/documents/new/", "get"),
        ("/documents/{slug}/edit/", "get"),
        ("/documents/{slug}/generate/", "post"),
        ("/documents/{slug}/publish/", "post"),
    ],
)
def test_writing_is_for_the_secretariat_only(client, secretariat_user, path, method):
    note = PublishedNoteFactory()
    url = path.format(slug=note.slug)

    assert getattr(client, method)(url).status_code == 302
    client.force_login(FocalPointFactory())
    assert getattr(client, method)(url).status_code == 403
    client.force_login(secretariat_user)
    assert getattr(client, method)(url).status_code in (200, 302)


@pytest.mark.parametrize(
    "path", ["/documents/{slug}/preview/", "/documents/{slug}/preview/document/"]
)
def test_the_preview_of_a_published_note_is_for_the_secretariat_only(
    client, secretariat_user, path
):
    note = PublishedNoteFactory()
    url = path.format(slug=note.slug)

    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    client.force_login(FocalPointFactory())
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    assert client.get(url).status_code == 200


def test_unknown_note_is_404(client):
    assert client.get("/documents/IC-1999-1/").status_code == 404


# --- authoring ----------------------------------------------------------------------


def test_secretariat_creates_a_note_and_is_taken_to_the_preview(client, secretariat_user):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)
    form = client.get("/documents/new/").content.decode()
    assert "[[attendance meeting=2010-03-09]]" in form  # the markers are documented
    assert "[[proposals year=2011]]" in form

    response = client.post(
        "/documents/new/",
        {
            "symbol": "IC/2010/6",
            "series_title": "Informal consultations on international dialogue on migration",
            "original_language": "en",
            "place": "Geneva",
            "issue_date": "2010-06-01",
            "meeting": meeting.pk,
            "title": "International Dialogue on Migration 2010",
            "subtitle": "",
            "body": "One.\n\nTwo.",
            "preview": "1",
        },
    )

    assert response.status_code == 302
    assert response.url == "/documents/IC-2010-6/preview/"
    note = DiscussionNote.objects.get(symbol="IC/2010/6")
    assert note.status == DiscussionNote.Status.DRAFT
    assert note.updated_by == secretariat_user


def test_bad_symbol_is_refused_in_words_and_nothing_is_saved(client, secretariat_user):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(
        "/documents/new/",
        {
            "symbol": "ic 2010 5",
            "series_title": "Series",
            "original_language": "en",
            "place": "Geneva",
            "issue_date": "2010-06-01",
            "meeting": meeting.pk,
            "title": "Title",
            "body": "Kept text.",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Write the symbol as the organization does" in page
    assert "Kept text." in page
    assert not DiscussionNote.objects.exists()


def test_preview_shows_the_print_html_and_marker_problems(client, secretariat_user):
    note = DiscussionNoteFactory(body="Intro.\n\n[[proposals year=2031]]\n\nMore.")
    client.force_login(secretariat_user)

    page = client.get(f"/documents/{note.slug}/preview/").content.decode()
    document = client.get(f"/documents/{note.slug}/preview/document/")

    assert "There is no dialogue year 2031." in page
    assert document["X-Frame-Options"] == "SAMEORIGIN"
    html = document.content.decode()
    assert '<span class="para-number">1.</span> Intro.' in html
    assert '<span class="para-number">3.</span> More.' in html


def test_the_preview_page_lists_problems_without_printing_the_note(client, secretariat_user):
    note = DiscussionNoteFactory(body="[[proposals year=2031]]\n\n[[attendance meeting=x]]")
    client.force_login(secretariat_user)

    response = client.get(f"/documents/{note.slug}/preview/")

    assert [t.name for t in response.templates if t.name.startswith("reports/print/")] == []
    assert note_problems(note) == note_content(note).problems
    assert note_problems(note) == [
        "There is no dialogue year 2031.",
        "In [[attendance]], x is not a date written as YYYY-MM-DD.",
    ]
    page = response.content.decode()
    for problem in note_problems(note):
        assert problem in page


def test_generate_refuses_a_note_with_broken_markers(client, secretariat_user):
    note = DiscussionNoteFactory(body="[[attendance meeting=1999-01-01]]")
    client.force_login(secretariat_user)

    response = client.post(f"/documents/{note.slug}/generate/", follow=True)

    assert "No meeting of IDM 2010 starts on 1999-01-01." in response.content.decode()
    assert not RenderedDocument.objects.exists()


def test_a_superscript_digit_in_a_marker_is_a_problem_in_words_not_an_error(
    client, secretariat_user
):
    note = DiscussionNoteFactory(body="[[attendance meeting=²]]")
    problem = "In [[attendance]], ² is not a date written as YYYY-MM-DD."
    client.force_login(secretariat_user)

    preview = client.get(f"/documents/{note.slug}/preview/")
    generate = client.post(f"/documents/{note.slug}/generate/", follow=True)
    publish = client.post(f"/documents/{note.slug}/publish/", {"action": "publish"}, follow=True)

    assert preview.status_code == 200
    assert problem in preview.content.decode()
    assert problem in generate.content.decode()
    assert problem in publish.content.decode()
    assert not RenderedDocument.objects.exists()
    note.refresh_from_db()
    assert note.status == DiscussionNote.Status.DRAFT


def test_publish_and_back_to_draft(client, secretariat_user):
    note = DiscussionNoteFactory()
    client.force_login(secretariat_user)

    client.post(f"/documents/{note.slug}/publish/", {"action": "publish"})
    note.refresh_from_db()
    assert note.status == DiscussionNote.Status.PUBLISHED
    assert note.published_at is not None

    client.post(f"/documents/{note.slug}/publish/", {"action": "unpublish"})
    note.refresh_from_db()
    assert note.status == DiscussionNote.Status.DRAFT
    assert note.published_at is None


# --- generating and downloading -------------------------------------------------------------


def test_generate_pdf_renders_after_commit_and_the_page_offers_the_download(
    client, secretariat_user, eager_tasks, django_capture_on_commit_callbacks
):
    note = DiscussionNoteFactory(symbol="IC/2010/5")
    client.force_login(secretariat_user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"/documents/{note.slug}/generate/")
    document = RenderedDocument.objects.get()
    assert document.status == RenderedDocument.Status.QUEUED  # nothing ran before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    status = client.get(f"/documents/renders/{document.pk}/status/").json()
    assert status["status"] == "done"
    assert status["label"] == "Ready"
    assert status["download_url"] == f"/documents/files/{document.pk}/IC-2010-5.pdf"
    page = client.get(note.get_absolute_url()).content.decode()
    assert f"/documents/files/{document.pk}/IC-2010-5.pdf" in page
    assert "reports/render-status.js" in page


def test_asking_again_for_unchanged_content_reuses_the_pdf(
    client, secretariat_user, rendered, django_capture_on_commit_callbacks
):
    note = DiscussionNoteFactory()
    first = rendered(note)
    client.force_login(secretariat_user)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/documents/{note.slug}/generate/", follow=True)

    assert callbacks == []  # no task
    assert list(RenderedDocument.objects.values_list("pk", flat=True)) == [first.pk]
    assert "Nothing changed since the last PDF" in response.content.decode()


def test_changed_content_makes_a_new_version_and_the_old_one_stays_downloadable(
    client, secretariat_user, rendered
):
    note = DiscussionNoteFactory()
    old = rendered(note)
    note.body = "A changed paragraph."
    note.save(update_fields=["body"])
    new = rendered(note)
    client.force_login(secretariat_user)

    page = client.get(note.get_absolute_url()).content.decode()

    assert new.pk != old.pk
    assert old.get_download_url() in page
    assert new.get_download_url() in page
    assert client.get(old.get_download_url()).status_code == 200
    latest = client.get(f"/documents/{note.slug}/pdf/")
    assert latest["ETag"] == f'"{new.sha256}"'


def test_going_back_to_earlier_content_makes_its_pdf_the_latest_everywhere(
    client, secretariat_user, rendered, django_capture_on_commit_callbacks
):
    note = PublishedNoteFactory(body="Content A.")
    first = rendered(note)
    note.body = "Content B."
    note.save(update_fields=["body"])
    second = rendered(note)
    note.body = "Content A."
    note.save(update_fields=["body"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = rendered_document_request_for_note(note=note, by=secretariat_user)

    assert callbacks == []  # A's PDF is reused, nothing is rendered
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.requested_by == secretariat_user
    assert first.requested_at > second.requested_at
    assert RenderedDocument.objects.count() == 2
    detail = client.get(note.get_absolute_url()).content.decode()
    assert f'<a class="btn btn-primary" href="{first.get_download_url()}">' in detail
    assert f'<a class="btn btn-primary" href="{second.get_download_url()}">' not in detail
    assert client.get(f"/documents/{note.slug}/pdf/")["ETag"] == f'"{first.sha256}"'
    library = client.get("/documents/").content.decode()
    assert f'btn-outline-primary" href="{first.get_download_url()}"' in library
    assert second.get_download_url() not in library


def test_repeat_download_with_the_etag_costs_no_query_and_no_file_read(
    client, rendered, django_assert_num_queries, monkeypatch
):
    document = rendered(PublishedNoteFactory())
    url = document.get_download_url()
    etag = client.get(url)["ETag"]

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("django.db.models.fields.files.FieldFile.open", no_reading)
    with django_assert_num_queries(0):
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag
    assert response["Cache-Control"] == "public, no-cache"


def test_conditional_download_not_seen_before_checks_the_database_once(
    client, rendered, django_assert_num_queries, monkeypatch
):
    from django.core.cache import cache

    document = rendered(PublishedNoteFactory())
    cache.clear()
    monkeypatch.setattr(
        "django.db.models.fields.files.FieldFile.open",
        lambda *a, **k: (_ for _ in ()).throw(AssertionError("the file was opened")),
    )

    with django_assert_num_queries(1):
        response = client.get(
            document.get_download_url(), HTTP_IF_NONE_MATCH=f'"{document.sha256}"'
        )

    assert response.status_code == 304


def test_a_stale_etag_gets_the_current_file(client, rendered):
    document = rendered(PublishedNoteFactory())

    response = client.get(document.get_download_url(), HTTP_IF_NONE_MATCH='"an-older-checksum"')

    assert response.status_code == 200
    assert response["ETag"] == f'"{document.sha256}"'


def test_a_draft_pdf_is_not_served_to_the_public_even_after_staff_downloaded_it(
    client, rendered, secretariat_user
):
    document = rendered(DiscussionNoteFactory())
    client.force_login(secretariat_user)
    assert client.get(document.get_download_url()).status_code == 200
    client.logout()

    assert client.get(document.get_download_url()).status_code == 302


def test_download_with_a_wrong_file_name_or_unfinished_render_is_404(client, secretariat_user):
    note = DiscussionNoteFactory()
    queued = RenderedDocument.objects.create(
        kind=RenderedDocument.Kind.NOTE, note=note, content="<p>x</p>", content_sha256="x" * 64
    )
    client.force_login(secretariat_user)

    assert client.get(f"/documents/files/{queued.pk}/{queued.file_name}").status_code == 404
    assert client.get(f"/documents/files/{queued.pk}/other.pdf").status_code == 404


def test_render_status_is_for_the_secretariat_only(client, rendered, secretariat_user):
    document = rendered(PublishedNoteFactory())
    url = reverse("reports:render_status", args=[document.pk])

    assert client.get(url).status_code == 302
    client.force_login(FocalPointFactory())
    assert client.get(url).status_code == 403
    client.force_login(secretariat_user)
    assert client.get(url).json()["status"] == "done"
