import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.models import Category, Registration
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    RegistrationFactory,
)
from programme.models import Agenda, Session, SessionPerson
from programme.services import agenda_publish, agenda_unpublish, session_create, session_delete
from programme.tests.factories import AgendaFactory, SessionFactory, SessionPersonFactory
from workshops.tests.factories import MeetingDocumentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date, clock: str) -> datetime.datetime:
    hour, minute = map(int, clock.split(":"))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def session_post(**overrides):
    data = {
        "day": "2010-03-09",
        "starts": "10:30",
        "ends": "13:00",
        "title": "Session I: Transnationalism",
        "note": "Questions for discussion.",
        "chairs": [],
        "moderators": [],
        "speakers": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def meeting():
    return MeetingFactory(start_date=datetime.date(2010, 3, 9), end_date=datetime.date(2010, 3, 10))


def test_staff_adds_a_session_with_a_moderator_and_speakers(client, secretariat_user, meeting):
    ghana = RegistrationFactory(meeting=meeting, member_state=MemberStateFactory(country="GH"))
    ilo = RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(name="International Labour Organization", acronym="ILO"),
    )
    moderator = RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/agenda/sessions/new/",
        session_post(moderators=[moderator.pk], speakers=[ghana.pk, ilo.pk]),
    )

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/agenda/#session-{session.pk}"
    assert session.agenda.meeting == meeting
    assert session.agenda.status == Agenda.Status.DRAFT
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M") == "2010-03-09 10:30"
    assert timezone.localtime(session.ends_at).strftime("%H:%M") == "13:00"
    assert session.note == "Questions for discussion."
    assert {(p.registration_id, p.role) for p in session.session_people.all()} == {
        (moderator.pk, "moderator"),
        (ghana.pk, "speaker"),
        (ilo.pk, "speaker"),
    }


def test_agenda_shows_speakers_with_member_state_or_organization(client, secretariat_user, meeting):
    session = SessionFactory(agenda=AgendaFactory(meeting=meeting), title="Opening")
    SessionPersonFactory(
        session=session,
        registration=RegistrationFactory(
            meeting=meeting,
            participant__first_name="Kwame",
            participant__last_name="Mensah",
            member_state=MemberStateFactory(country="GH"),
        ),
    )
    SessionPersonFactory(
        session=session,
        role=SessionPerson.Role.CHAIR,
        registration=RegistrationFactory(
            meeting=meeting,
            participant__first_name="Mei",
            participant__last_name="Chen",
            category=Category.ACADEMIA,
            organization=OrganizationFactory(name="University of Oxford", kind="academia"),
        ),
    )
    agenda_publish(meeting=meeting, by=secretariat_user)

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Opening" in page
    assert "Kwame Mensah" in page
    assert "(Ghana)" in page
    assert "Mei Chen" in page
    assert "(University of Oxford)" in page
    assert "Day 1 – Tuesday 9 March 2010" in page
    assert "10:00–11:30" in page


def test_speaker_must_be_a_participant_of_this_meeting(client, secretariat_user, meeting):
    elsewhere = RegistrationFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/agenda/sessions/new/", session_post(speakers=[elsewhere.pk])
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Session.objects.count() == 0


def test_service_refuses_a_speaker_from_another_meeting_or_withdrawn(meeting):
    elsewhere = RegistrationFactory()
    withdrawn = RegistrationFactory(meeting=meeting, status=Registration.Status.WITHDRAWN)

    with pytest.raises(ValidationError) as refused:
        session_create(
            meeting=meeting,
            by=None,
            title="S",
            starts_at=at(meeting.start_date, "10:00"),
            ends_at=at(meeting.start_date, "11:00"),
            speakers=[elsewhere, withdrawn],
        )

    assert len(refused.value.messages) == 2
    assert all("is not a participant of this meeting" in m for m in refused.value.messages)
    assert Session.objects.count() == 0


def test_withdrawn_participants_are_not_offered(client, secretariat_user, meeting):
    RegistrationFactory(
        meeting=meeting, participant__last_name="Withdrawnson", status=Registration.Status.WITHDRAWN
    )
    RegistrationFactory(meeting=meeting, participant__last_name="Presentson")
    client.force_login(secretariat_user)

    page = client.get(f"/meetings/{meeting.pk}/agenda/sessions/new/").content.decode()

    assert "Presentson" in page
    assert "Withdrawnson" not in page


def test_one_person_has_one_role_in_a_session(client, secretariat_user, meeting):
    person = RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/agenda/sessions/new/",
        session_post(moderators=[person.pk], speakers=[person.pk]),
    )

    assert response.status_code == 200
    assert "is already among the moderators of this session" in response.content.decode()
    assert Session.objects.count() == 0


def test_database_keeps_one_role_per_person_per_session(meeting):
    person = SessionPersonFactory(session__agenda__meeting=meeting)

    with pytest.raises(IntegrityError), transaction.atomic():
        SessionPerson.objects.create(
            session=person.session, registration=person.registration, role="chair"
        )


def test_session_must_end_after_it_starts(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/agenda/sessions/new/", session_post(starts="13:00", ends="10:30")
    )

    assert "A session must end after it starts." in response.content.decode()
    assert Session.objects.count() == 0


def test_database_refuses_a_session_ending_before_it_starts(meeting):
    agenda = AgendaFactory(meeting=meeting)

    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            agenda=agenda,
            title="Backwards",
            starts_at=at(meeting.start_date, "11:00"),
            ends_at=at(meeting.start_date, "10:00"),
        )


def test_session_day_is_one_of_the_meeting_days(client, secretariat_user, meeting):
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/{meeting.pk}/agenda/sessions/new/", session_post(day="2010-03-11")
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    with pytest.raises(ValidationError, match="outside the meeting"):
        session_create(
            meeting=meeting,
            by=None,
            title="Late",
            starts_at=at(datetime.date(2010, 3, 11), "10:00"),
            ends_at=at(datetime.date(2010, 3, 11), "11:00"),
        )


def test_staff_edits_a_session_and_its_speakers(client, secretariat_user, meeting):
    first = RegistrationFactory(meeting=meeting)
    second = RegistrationFactory(meeting=meeting)
    session = SessionPersonFactory(session__agenda__meeting=meeting, registration=first).session
    client.force_login(secretariat_user)

    form_page = client.get(f"/meetings/sessions/{session.pk}/edit/").content.decode()
    client.post(
        f"/meetings/sessions/{session.pk}/edit/",
        session_post(day="2010-03-10", title="Renamed", speakers=[second.pk]),
    )

    session.refresh_from_db()
    assert f'value="{first.pk}" selected' in form_page
    assert session.title == "Renamed"
    assert timezone.localdate(session.starts_at) == datetime.date(2010, 3, 10)
    assert [p.registration_id for p in session.session_people.all()] == [second.pk]


def test_publishing_needs_a_session(client, secretariat_user, meeting):
    AgendaFactory(meeting=meeting)
    client.force_login(secretariat_user)

    response = client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"publish": "1"}, follow=True)

    assert "Add at least one session before publishing the agenda." in response.content.decode()
    assert Agenda.objects.get().status == Agenda.Status.DRAFT


def test_staff_publishes_and_unpublishes_the_agenda(client, secretariat_user, meeting):
    SessionFactory(agenda__meeting=meeting)
    client.force_login(secretariat_user)

    client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"publish": "1"})
    published = Agenda.objects.get()
    client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"publish": "0"})
    unpublished = Agenda.objects.get()

    assert published.status == Agenda.Status.PUBLISHED
    assert published.published_at is not None
    assert published.updated_by == secretariat_user
    assert unpublished.status == Agenda.Status.DRAFT
    assert unpublished.published_at is None


def test_last_session_of_a_published_agenda_cannot_be_removed(meeting):
    session = SessionFactory(agenda__meeting=meeting)
    agenda_publish(meeting=meeting, by=None)

    with pytest.raises(ValidationError, match="keeps at least one session"):
        session_delete(session=session, by=None)

    assert Session.objects.count() == 1


def test_staff_removes_a_session(client, secretariat_user, meeting):
    session = SessionFactory(agenda__meeting=meeting)
    client.force_login(secretariat_user)

    response = client.post(f"/meetings/sessions/{session.pk}/delete/")

    assert response["Location"] == f"/meetings/{meeting.pk}/agenda/"
    assert Session.objects.count() == 0


def test_draft_agenda_is_seen_by_the_secretariat_only(
    client, secretariat_user, focal_point, meeting
):
    SessionFactory(agenda__meeting=meeting, title="Secret draft session")
    page_url = meeting.get_absolute_url()
    print_url = f"/meetings/{meeting.pk}/agenda/print/"

    anonymous_page = client.get(page_url).content.decode()
    anonymous_print = client.get(print_url)
    client.force_login(focal_point)
    focal_page = client.get(page_url).content.decode()
    focal_print = client.get(print_url)
    client.force_login(secretariat_user)
    staff_page = client.get(page_url).content.decode()
    staff_print = client.get(print_url)

    assert "Secret draft session" not in anonymous_page
    assert "Secret draft session" not in focal_page
    assert "Secret draft session" in staff_page
    assert "Draft: only the Secretariat sees it" in staff_page
    assert anonymous_print.status_code == 302
    assert anonymous_print["Location"].startswith("/accounts/login/")
    assert focal_print.status_code == 403
    assert staff_print.status_code == 200
    assert "Draft agenda" in staff_print.content.decode()


def test_published_agenda_prints_for_everyone(client, meeting):
    SessionFactory(agenda__meeting=meeting, title="Public session")
    agenda_publish(meeting=meeting, by=None)

    response = client.get(f"/meetings/{meeting.pk}/agenda/print/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Public session" in page
    assert "programme/agenda.css" in page
    assert "data-print-button" in page
    assert "programme/print-button.js" in page


@pytest.mark.parametrize(
    "url",
    ["/meetings/{pk}/agenda/", "/meetings/{pk}/agenda/sessions/new/"],
)
def test_agenda_building_is_for_the_secretariat(
    client, focal_point, secretariat_user, meeting, url
):
    url = url.format(pk=meeting.pk)

    anonymous = client.get(url)
    client.force_login(focal_point)
    as_focal_point = client.get(url)
    publish = client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"publish": "1"})
    client.force_login(secretariat_user)
    as_staff = client.get(url)

    assert anonymous.status_code == 302
    assert as_focal_point.status_code == 403
    assert publish.status_code == 403
    assert as_staff.status_code == 200


def _meeting_with(count: int):
    meeting = MeetingFactory()
    agenda = AgendaFactory(meeting=meeting, status="published", published_at=timezone.now())
    for _ in range(count):
        session = SessionFactory(agenda=agenda)
        for role in ("chair", "moderator", "speaker"):
            for _ in range(count):
                SessionPersonFactory(
                    session=session,
                    role=role,
                    registration__category=Category.INTERNATIONAL_ORGANIZATION,
                    registration__organization=OrganizationFactory(),
                )
        MeetingDocumentFactory(meeting=meeting)
        MeetingDocumentFactory(meeting=meeting, visibility="staff")
    return meeting


@pytest.mark.parametrize("as_staff", [False, True])
def test_meeting_page_queries_do_not_grow_with_sessions_speakers_and_documents(
    client, secretariat_user, django_assert_num_queries, as_staff
):
    if as_staff:
        client.force_login(secretariat_user)
    one, three = _meeting_with(1), _meeting_with(3)
    with CaptureQueriesContext(connection) as for_one:
        response = client.get(one.get_absolute_url())
    assert response.status_code == 200

    with django_assert_num_queries(len(for_one.captured_queries)):
        page = client.get(three.get_absolute_url()).content.decode()

    assert page.count('data-testid="agenda-session"') == 3
    assert page.count('data-testid="document"') == (6 if as_staff else 3)
    assert page.count('class="agenda-person"') == 27


def test_session_form_names_people_as_the_calendar_does(client, secretariat_user):
    meeting = MeetingFactory(start_date=datetime.date(2010, 3, 9))
    delegate = RegistrationFactory(
        meeting=meeting,
        participant__honorific="Ms.",
        participant__first_name="Amina",
        participant__last_name="Mensah",
        member_state=MemberStateFactory(country="GH"),
    )
    client.force_login(secretariat_user)

    page = client.get(f"/meetings/{meeting.pk}/agenda/sessions/new/").content.decode()

    assert f'<option value="{delegate.pk}">Ms. Amina Mensah (Ghana)</option>' in page


def test_unpublishing_a_meeting_without_agenda_creates_none(client, secretariat_user):
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(f"/meetings/{meeting.pk}/agenda/publish/", {"publish": "0"})

    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/agenda/"
    assert Agenda.objects.count() == 0
    assert agenda_unpublish(meeting=meeting, by=secretariat_user) is None


def test_admin_shows_session_times_and_people_without_changing_them(client, secretariat_user):
    person = SessionPersonFactory(role=SessionPerson.Role.SPEAKER)
    session = person.session
    starts_at, ends_at = session.starts_at, session.ends_at
    client.force_login(secretariat_user)
    url = f"/admin/programme/session/{session.pk}/change/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Renamed",
            "note": "",
            "starts_at_0": "2010-03-10",
            "starts_at_1": "08:00",
            "ends_at_0": "2010-03-10",
            "ends_at_1": "09:00",
            "session_people-TOTAL_FORMS": "1",
            "session_people-INITIAL_FORMS": "1",
            "session_people-0-id": person.pk,
            "session_people-0-session": session.pk,
            "session_people-0-role": SessionPerson.Role.CHAIR,
            "session_people-0-DELETE": "on",
        },
    )

    session.refresh_from_db()
    person.refresh_from_db()
    assert 'name="starts_at_0"' not in page
    assert 'name="session_people-0-role"' not in page
    assert response.status_code == 302
    assert session.title == "Renamed"
    assert (session.starts_at, session.ends_at) == (starts_at, ends_at)
    assert person.role == SessionPerson.Role.SPEAKER
    assert client.get("/admin/programme/session/add/").status_code == 403


def test_admin_does_not_publish_agendas(client, secretariat_user):
    agenda = AgendaFactory()
    client.force_login(secretariat_user)
    url = f"/admin/programme/agenda/{agenda.pk}/change/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "meeting": agenda.meeting.pk,
            "status": Agenda.Status.PUBLISHED,
            "published_at_0": "2010-03-01",
            "published_at_1": "10:00",
        },
    )

    agenda.refresh_from_db()
    assert 'name="status"' not in page
    assert 'name="published_at_0"' not in page
    assert response.status_code == 302
    assert (agenda.status, agenda.published_at) == (Agenda.Status.DRAFT, None)
