"""Texts entered per language: shown in the reader's language, English when missing,
written the same whatever the secretariat's interface language."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone, translation
from icalendar import Calendar

from programme.tests.factories import AgendaFactory, SessionFactory
from themes.tests.factories import ConsultationFactory, ProposalFactory
from workshops.models import DialogueYear, Meeting
from workshops.services import meeting_create
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Migration et transnationalisme : opportunités et défis"


@pytest.fixture
def meeting():
    # This year's, today: the home page shows it among the meetings to come.
    today = timezone.localdate()
    year = DialogueYearFactory(year=today.year, overarching_theme="Migration and social change")
    year.overarching_theme_fr = "Migration et changement social"
    year.save()
    meeting = MeetingFactory(
        dialogue_year=year,
        title="Migration and transnationalism: Opportunities and challenges",
        venue="Geneva",
        start_date=today,
        end_date=today,
    )
    meeting.title_fr = FRENCH_TITLE
    meeting.venue_fr = "Genève"
    meeting.save()
    return meeting


def _page(client, url, language) -> str:
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_a_french_reader_sees_the_french_texts_everywhere(client, meeting):
    year_page = f"/meetings/years/{meeting.dialogue_year.year}/"
    for url in ("/", year_page, meeting.get_absolute_url()):
        page = _page(client, url, "fr")

        assert "Migration et transnationalisme : opportunités et défis" in page, url
        assert "Migration et changement social" in page, url
        assert "Opportunities and challenges" not in page, url


def test_a_missing_spanish_text_falls_back_to_the_english_original(client, meeting):
    page = _page(client, meeting.get_absolute_url(), "es")

    assert "Migration and transnationalism: Opportunities and challenges" in page
    assert "Migration and social change" in page
    assert "Geneva" in page


def test_the_plain_field_reads_the_active_language_and_keeps_the_original(meeting):
    meeting.refresh_from_db()
    with translation.override("fr"):
        assert meeting.title == FRENCH_TITLE
    with translation.override("es"):
        assert meeting.title == meeting.title_en
    # The plain column and the unique constraint's key stay the English original.
    assert Meeting.objects.values_list("title_en", "title_es").get() == (
        "Migration and transnationalism: Opportunities and challenges",
        None,
    )


def test_agenda_sessions_and_calendars_speak_the_language_asked_for(client, meeting):
    agenda = AgendaFactory(meeting=meeting, status="published", published_at=timezone.now())
    session = SessionFactory(agenda=agenda, title="Opening session")
    session.title_fr = "Séance d'ouverture"
    session.save()

    page = _page(client, meeting.get_absolute_url(), "fr")
    agenda_ics = client.get(f"/meetings/{meeting.pk}/agenda.ics?language=fr").content
    feed = client.get("/meetings/calendar.ics?language=fr").content
    english_feed = client.get("/meetings/calendar.ics?language=xx").content

    assert "Séance d&#x27;ouverture" in page
    summaries = [str(e["summary"]) for e in Calendar.from_ical(agenda_ics).walk("VEVENT")]
    assert summaries == ["Séance d'ouverture"]
    [event] = Calendar.from_ical(feed).walk("VEVENT")
    assert (str(event["summary"]), str(event["location"])) == (FRENCH_TITLE, "Genève")
    [event] = Calendar.from_ical(english_feed).walk("VEVENT")
    assert str(event["summary"]) == meeting.title_en


def test_a_consultation_and_its_proposals_in_french(client, secretariat_user):
    consultation = ConsultationFactory(title="Overarching theme of IDM 2011")
    consultation.title_fr = "Thème général du DIM 2011"
    consultation.save()
    proposal = ProposalFactory(consultation=consultation, title="Migration and human security")
    proposal.title_fr = "Migration et sécurité humaine"
    proposal.save()
    client.force_login(secretariat_user)

    page = _page(client, f"/themes/{consultation.pk}/", "fr")

    assert "Thème général du DIM 2011" in page
    assert "Migration et sécurité humaine" in page


def test_the_secretariat_enters_a_meeting_in_three_languages_from_a_french_interface(
    client, secretariat_user
):
    DialogueYearFactory(year=2010)
    client.force_login(secretariat_user)
    form = _page(client, "/meetings/years/2010/meetings/new/", "fr")
    response = client.post(
        "/meetings/years/2010/meetings/new/",
        {
            "kind": "workshop",
            "title": "Migration and health",
            "title_fr": "Migration et santé",
            "title_es": "",
            "start_date": "2010-10-04",
            "end_date": "2010-10-05",
            "venue": "Geneva",
            "venue_fr": "Genève",
            "status": "proposed",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 302
    assert "<legend>Titre</legend>" in form
    assert "Titre (Anglais)" in form
    assert "Titre (Français)" in form
    assert "Titre (Espagnol)" in form
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title, title_en, title_fr, title_es, venue, venue_fr FROM workshops_meeting"
        )
        stored = cursor.fetchall()
    assert stored == [
        ("Migration and health", "Migration and health", "Migration et santé", None)
        + ("Geneva", "Genève")
    ]


def test_editing_in_french_shows_and_keeps_the_english_original(client, secretariat_user, meeting):
    client.force_login(secretariat_user)
    url = f"/meetings/{meeting.pk}/edit/"
    form = _page(client, url, "fr")
    response = client.post(
        url,
        {
            "kind": "workshop",
            "title": meeting.title_en,
            "title_fr": FRENCH_TITLE,
            "title_es": "Migración y transnacionalismo",
            "start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(),
            "venue": "Geneva",
            "venue_fr": "",
            "status": "confirmed",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 302
    assert f'value="{meeting.title_en}"' in form
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.title_es, meeting.venue_en, meeting.venue_fr) == (
        "Migration and transnationalism: Opportunities and challenges",
        "Migración y transnacionalismo",
        "Geneva",
        None,
    )


def test_the_english_title_stays_the_key_of_a_meeting(meeting):
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        meeting_create(
            dialogue_year=meeting.dialogue_year,
            by=None,
            title=meeting.title_en,
            title_fr="Une autre réunion",
            start_date=meeting.start_date,
            end_date=meeting.end_date,
        )

    assert "already has a meeting with this title on this date" in str(refused.value)


def test_the_admin_in_french_keeps_the_english_original(client, admin_user, meeting):
    client.force_login(admin_user)
    url = f"/admin/workshops/meeting/{meeting.pk}/change/"
    page = _page(client, url, "fr")
    form = {
        "dialogue_year": meeting.dialogue_year_id,
        "kind": "workshop",
        "title": meeting.title_en,
        "title_fr": "Titre corrigé",
        "title_es": "",
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "venue": "Geneva",
        "venue_fr": "Genève",
        "venue_es": "",
        "status": "confirmed",
        "funding_gap": "",
        "description": "",
        "description_fr": "",
        "description_es": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
    }

    response = client.post(url, form, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302
    assert f'value="{meeting.title_en}"' in page
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.title_fr) == (
        "Migration and transnationalism: Opportunities and challenges",
        "Titre corrigé",
    )


def test_a_declared_result_gives_the_year_its_theme_in_every_language(secretariat_user):
    from themes.services import consultation_result_declare

    consultation = ConsultationFactory(
        opens_at=timezone.now() - datetime.timedelta(days=9),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    proposal = ProposalFactory(consultation=consultation, title="Migration and human security")
    proposal.title_fr, proposal.title_es = "Migration et sécurité humaine", ""
    proposal.save()
    ProposalFactory(consultation=consultation)

    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )

    year = DialogueYear.objects.get(pk=consultation.target_year_id)
    assert (year.overarching_theme_en, year.overarching_theme_fr, year.overarching_theme_es) == (
        "Migration and human security",
        "Migration et sécurité humaine",
        None,
    )


def test_a_session_corrected_in_the_french_admin_keeps_its_english_title(
    client, admin_user, meeting
):
    session = SessionFactory(agenda=AgendaFactory(meeting=meeting), title="Opening session")
    client.force_login(admin_user)
    url = f"/admin/programme/session/{session.pk}/change/"

    response = client.post(
        url,
        {
            "title": "Opening session",
            "title_fr": "Séance d'ouverture",
            "title_es": "",
            "note": "",
            "note_fr": "",
            "note_es": "",
            "session_people-TOTAL_FORMS": "0",
            "session_people-INITIAL_FORMS": "0",
        },
        HTTP_ACCEPT_LANGUAGE="fr",
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title_en, session.title_fr, session.title_es) == (
        "Opening session",
        "Séance d'ouverture",
        None,
    )
