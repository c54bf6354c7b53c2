import pytest
from django.conf import settings

from reports.tests.factories import DiscussionNoteFactory, PublishedNoteFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def renderer(request):
    """A real worker process when a broker is configured; otherwise tasks run inline."""
    if settings.CELERY_BROKER_URL:
        request.getfixturevalue("celery_worker_factory")()


def test_staff_edits_previews_generates_and_downloads_a_note(
    live_server, page, log_in, secretariat_user, renderer
):
    note = DiscussionNoteFactory(symbol="IC/2010/8", body="The first paragraph.")
    PublishedNoteFactory(symbol="IC/2010/4")
    log_in(page, secretariat_user)

    page.get_by_role("link", name="Documents").click()
    page.get_by_role("link", name="IC/2010/8").click()
    page.get_by_role("link", name="Edit", exact=True).click()
    page.get_by_label("Body").fill(
        "The first paragraph.\n\nA second one, added today.[^1]\n\n[^1]: A note."
    )
    page.get_by_role("button", name="Save and preview").click()

    preview = page.frame_locator("[data-testid=preview-frame]")
    assert preview.locator("#para-2").inner_text() == "2. A second one, added today.1"
    page.get_by_role("button", name="Generate PDF", exact=True).click()

    page.wait_for_url(f"{live_server.url}{note.get_absolute_url()}")
    page.evaluate("window.stillTheSamePage = true")
    status = page.get_by_test_id("render-status")
    assert status.locator("[data-role=label]").inner_text() in {"Queued", "Rendering", "Ready"}
    download_link = status.get_by_role("link", name="Download IC-2010-8.pdf")
    download_link.wait_for(state="visible", timeout=60_000)
    assert status.locator("[data-role=label]").inner_text() == "Ready"
    assert page.evaluate("window.stillTheSamePage") is True  # no reload was needed

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "IC-2010-8.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_public_library_shows_only_published_notes(live_server, page):
    PublishedNoteFactory(symbol="IC/2010/4", title="A published note")
    DiscussionNoteFactory(symbol="IC/2010/8", title="A draft note")

    page.goto(f"{live_server.url}/documents/")

    notes = page.get_by_test_id("library-note")
    assert notes.count() == 1
    assert "IC/2010/4" in notes.first.inner_text()
    assert "IC/2010/8" not in page.content()
    assert page.goto(f"{live_server.url}/documents/IC-2010-8/").url.startswith(
        f"{live_server.url}/accounts/login/"
    )
