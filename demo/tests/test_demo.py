import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from accounts.roles import focal_point_state, is_secretariat
from demo import workshops as demo
from participants.models import MemberState, Organization, Participant, Registration
from programme.models import Agenda, Session, SessionPerson, SpeakerSuggestion
from workshops.models import (
    DialogueYear,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    MeetingStatusChange,
)
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db

ORGANIZATION_CATEGORIES_BUT_IO = ["ngo", "private_sector", "academia", "media"]


def table_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            DialogueYear,
            Meeting,
            MemberState,
            Organization,
            Participant,
            Registration,
            User,
            Agenda,
            Session,
            SessionPerson,
            MeetingDocument,
            MeetingDocumentVersion,
            MeetingStatusChange,
            SpeakerSuggestion,
        )
    }


@pytest.fixture
def loaded(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_idm2010", stdout=io.StringIO())


def test_demo_year_becomes_the_current_one():
    DialogueYearFactory(year=2011, is_current=True)

    demo.load()

    current = list(DialogueYear.objects.filter(is_current=True).values_list("year", flat=True))
    assert current == [2010]


def test_loading_twice_keeps_the_same_data(loaded):
    before = table_counts()

    call_command("load_idm2010", stdout=io.StringIO())

    assert table_counts() == before
    # The 225 of the March 2010 workshop, and the 40 of the live part's held meeting.
    assert before["Registration"] == 225 + 40
    assert before["MeetingDocumentVersion"] == 1
    assert before["SpeakerSuggestion"] == 1


def test_dialogue_year_2010_and_its_meetings(loaded):
    year = DialogueYear.objects.get(year=2010)
    meetings = {m.start_date: m for m in year.meetings.all()}

    assert year.overarching_theme == "Migration and social change"
    # The live part's year, dated from today, is the current one.
    assert not year.is_current
    assert sorted(meetings) == [
        datetime.date(2010, 2, 18),
        datetime.date(2010, 3, 9),
        datetime.date(2010, 4, 27),
        datetime.date(2010, 7, 19),
    ]
    assert meetings[datetime.date(2010, 2, 18)].status == Meeting.Status.HELD
    assert meetings[datetime.date(2010, 3, 9)].status == Meeting.Status.HELD
    assert meetings[datetime.date(2010, 7, 19)].status == Meeting.Status.SUBJECT_TO_FUNDING
    assert meetings[datetime.date(2010, 7, 19)].title == (
        "Societies and identities: the multifaceted impact of migration"
    )


def test_march_workshop_figures_match_paragraph_2_of_ic_2010_5(loaded):
    march = Meeting.objects.get(start_date=datetime.date(2010, 3, 9))
    registrations = Registration.objects.filter(meeting=march)
    government = registrations.filter(category="government")

    assert march.title == "Migration and transnationalism: Opportunities and challenges"
    assert march.end_date == datetime.date(2010, 3, 10)
    assert registrations.count() == 225
    assert registrations.filter(status=Registration.Status.ATTENDED).count() == 225
    assert government.count() == 154
    assert 71 <= government.values("member_state").distinct().count() <= 79
    assert registrations.filter(category="international_organization").count() == 35
    assert registrations.filter(category__in=ORGANIZATION_CATEGORIES_BUT_IO).count() == 26
    assert registrations.filter(category="other").count() == 10


def test_government_delegates_come_from_member_states_not_observers(loaded):
    statuses = set(
        Registration.objects.filter(category="government").values_list(
            "member_state__status", flat=True
        )
    )

    assert statuses == {MemberState.Status.MEMBER}


def test_register_holds_members_and_observers(loaded):
    assert MemberState.objects.filter(status=MemberState.Status.MEMBER).count() == 133
    assert MemberState.objects.filter(status=MemberState.Status.OBSERVER).count() == 16


def test_demo_accounts_have_their_roles(loaded):
    secretariat = User.objects.get(username="secretariat")
    focal_point = User.objects.get(username="focal.ghana")

    assert is_secretariat(secretariat)
    assert secretariat.check_password("idm-demo-secretariat")
    assert focal_point_state(focal_point).name == "Ghana"
    assert not is_secretariat(focal_point)


def test_command_prints_the_demo_accounts(db, capsys):
    call_command("load_idm2010")

    output = capsys.readouterr().out
    assert "secretariat / idm-demo-secretariat" in output
    assert "focal.ghana / idm-demo-focal-point" in output
    assert "IDMPORTALDEMOSECRETGENEVAMIGRATE" in output  # their TOTP secret


def test_march_workshop_has_a_published_two_day_agenda_with_its_own_participants(loaded):
    march = Meeting.objects.get(start_date=datetime.date(2010, 3, 9))
    agenda = march.agenda
    sessions = list(agenda.sessions.all())
    people = SessionPerson.objects.filter(session__agenda=agenda).select_related("registration")

    assert agenda.status == Agenda.Status.PUBLISHED
    assert {timezone.localdate(s.starts_at) for s in sessions} == {
        datetime.date(2010, 3, 9),
        datetime.date(2010, 3, 10),
    }
    assert len(sessions) == 6
    assert people.filter(role="speaker").count() == 12
    assert {p.registration.meeting_id for p in people} == {march.pk}
    speakers = Registration.objects.filter(
        pk__in=people.filter(role="speaker").values("registration")
    )
    assert set(speakers.values_list("role", flat=True)) == {"speaker"}


def test_march_workshop_has_a_public_pdf_background_paper(loaded):
    march = Meeting.objects.get(start_date=datetime.date(2010, 3, 9))
    paper = MeetingDocument.objects.get(meeting=march)
    version = paper.current_version

    assert paper.kind == MeetingDocument.Kind.BACKGROUND_PAPER
    assert paper.visibility == MeetingDocument.Visibility.PUBLIC
    with version.file.open("rb") as stored:
        reader = PdfReader(stored)
        text = reader.pages[0].extract_text()
    assert "Migration and transnationalism" in text
    assert version.content_type == "application/pdf"


def test_july_workshop_has_a_draft_agenda_a_funding_gap_and_ghanas_suggestion(loaded):
    july = Meeting.objects.get(start_date=datetime.date(2010, 7, 19))
    suggestion = SpeakerSuggestion.objects.get()

    assert july.agenda.status == Agenda.Status.DRAFT
    assert july.agenda.sessions.count() == 5
    assert july.funding_gap != ""
    assert suggestion.meeting == july
    assert suggestion.member_state.name == "Ghana"
    assert suggestion.submitted_by.username == "focal.ghana"
    assert suggestion.status == SpeakerSuggestion.Status.SUBMITTED
    assert list(july.status_changes.values_list("from_status", "to_status")) == [
        ("", "subject_to_funding")
    ]
