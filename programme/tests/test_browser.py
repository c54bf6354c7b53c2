import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from participants.tests.factories import (
    FocalPointFactory,
    MemberStateFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from programme.models import Agenda, SpeakerSuggestion
from workshops.models import Meeting
from workshops.tests.factories import PDF_BYTES, MeetingDocumentFactory, MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_logs_in_and_opens_the_march_workshop(live_server, page, log_in):
    call_command("load_idm2010", stdout=io.StringIO())
    log_in(page, User.objects.get(username="secretariat"), password="idm-demo-secretariat")

    # The home page shows the live year; IDM 2010 is one of the years.
    page.goto(f"{live_server.url}/meetings/years/2010/")
    page.get_by_role("link", name="Migration and transnationalism").first.click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Migration and transnationalism: Opportunities and challenges"
    )
    dates = page.get_by_role("definition").filter(has_text="9 March 2010 – 10 March 2010")
    assert dates.is_visible()
    assert page.get_by_test_id("registration-count").inner_text() == "225"
    assert "Demo Secretariat, Secretariat" in page.get_by_test_id("who").inner_text()
    assert page.get_by_test_id("agenda-session").count() == 6


def test_agenda_is_built_published_read_and_a_speaker_is_suggested(
    live_server, browser, page, log_in, secretariat_user, media_root
):
    start = timezone.localdate() + datetime.timedelta(days=30)
    meeting = MeetingFactory(
        title="Societies and identities",
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
    )
    ghana = MemberStateFactory(country="GH")
    RegistrationFactory(
        meeting=meeting,
        participant=ParticipantFactory(honorific="Ms.", first_name="Amina", last_name="Mensah"),
        member_state=ghana,
    )
    RegistrationFactory(meeting=meeting, participant__last_name="Zyx")
    MeetingDocumentFactory(meeting=meeting, title="Background paper: Societies and identities")
    meeting_url = f"{live_server.url}{meeting.get_absolute_url()}"

    # The secretariat adds a session with a speaker and publishes the agenda.
    log_in(page, secretariat_user)
    page.goto(meeting_url)
    page.get_by_role("link", name="Build the agenda").click()
    page.get_by_role("link", name="Add a session").click()
    page.get_by_label("Day").select_option(start.isoformat())
    page.get_by_label("Starts").fill("10:30")
    page.get_by_label("Ends").fill("13:00")
    page.get_by_label("Title (English)").fill("Session I: Integration in societies of destination")
    page.get_by_label("Speakers").select_option(label="Ms. Amina Mensah (Ghana)")
    page.get_by_label("Note (English)").fill(
        "Case studies from countries of origin and destination."
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish the agenda").click()
    assert page.get_by_test_id("agenda-status").inner_text() == "Published"
    assert Agenda.objects.get(meeting=meeting).status == Agenda.Status.PUBLISHED

    # An anonymous visitor reads the agenda and downloads the background paper.
    visitor = browser.new_context()
    anonymous = visitor.new_page()
    anonymous.goto(meeting_url)
    session = anonymous.get_by_test_id("agenda-session")
    assert session.count() == 1
    assert "Session I: Integration in societies of destination" in session.inner_text()
    assert "10:30–13:00" in session.inner_text()
    assert "Ms. Amina Mensah (Ghana)" in session.inner_text()
    assert "Case studies from countries of origin" in session.inner_text()
    with anonymous.expect_download() as download_info:
        anonymous.get_by_role("link", name="Background paper: Societies and identities").click()
    download = download_info.value
    assert download.suggested_filename == "background-paper-societies-and-identities.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == PDF_BYTES
    visitor.close()

    # Ghana's focal point suggests a speaker and follows it.
    focal_point = FocalPointFactory(member_state=ghana)
    focal_context = browser.new_context()
    focal_page = focal_context.new_page()
    log_in(focal_page, focal_point)
    focal_page.goto(meeting_url)
    focal_page.get_by_role("link", name="Suggest a speaker").click()
    focal_page.get_by_label("Name").fill("Dr. Kofi Boateng")
    focal_page.get_by_label("Function").fill("Director of Diaspora Affairs")
    focal_page.get_by_label("Organization").fill("Ministry of Foreign Affairs")
    focal_page.get_by_label("Why this speaker").fill("Led the national diaspora policy.")
    focal_page.get_by_role("button", name="Send the suggestion").click()
    focal_page.wait_for_url(f"{live_server.url}/meetings/suggestions/")
    mine = focal_page.get_by_test_id("suggestion")
    assert "Speaker: Dr. Kofi Boateng" in mine.inner_text()
    assert mine.get_by_test_id("suggestion-status").inner_text() == "Submitted"
    focal_context.close()

    suggestion = SpeakerSuggestion.objects.get()
    assert (suggestion.member_state, suggestion.submitted_by) == (ghana, focal_point)
