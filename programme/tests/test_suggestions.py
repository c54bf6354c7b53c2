import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participants.tests.factories import FocalPointFactory, MemberStateFactory
from programme.models import SpeakerSuggestion
from programme.services import speaker_suggestion_review, speaker_suggestion_submit
from programme.tests.factories import SpeakerSuggestionFactory
from workshops.models import Meeting
from workshops.selectors import meeting_list_open_for_suggestions
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

SPEAKER = {
    "speaker_name": "Dr. Kofi Boateng",
    "speaker_function": "Director of Diaspora Affairs",
    "speaker_organization": "Ministry of Foreign Affairs",
    "speaker_reason": "Led the national diaspora policy and can speak to its results.",
}
CASE_STUDY = {
    "case_title": "Hometown associations",
    "case_place": "West Africa",
    "case_summary": "How diaspora associations fund schools and clinics.",
}


def upcoming_meeting(**kwargs) -> Meeting:
    start = timezone.localdate() + datetime.timedelta(days=60)
    return MeetingFactory(
        start_date=start,
        end_date=start + datetime.timedelta(days=1),
        status=kwargs.pop("status", Meeting.Status.SUBJECT_TO_FUNDING),
        **kwargs,
    )


@pytest.fixture
def ghana_focal_point():
    return FocalPointFactory(member_state=MemberStateFactory(country="GH"))


def test_focal_point_suggests_a_speaker_for_an_upcoming_meeting(client, ghana_focal_point):
    meeting = upcoming_meeting()
    client.force_login(ghana_focal_point)

    response = client.post(f"/meetings/{meeting.pk}/suggest/speaker/", SPEAKER)

    suggestion = SpeakerSuggestion.objects.get()
    assert response["Location"] == "/meetings/suggestions/"
    assert suggestion.kind == SpeakerSuggestion.Kind.SPEAKER
    assert suggestion.meeting == meeting
    assert suggestion.member_state.name == "Ghana"
    assert suggestion.submitted_by == ghana_focal_point
    assert suggestion.status == SpeakerSuggestion.Status.SUBMITTED
    assert {name: getattr(suggestion, name) for name in SPEAKER} == SPEAKER


def test_focal_point_suggests_a_case_study(client, ghana_focal_point):
    meeting = upcoming_meeting()
    client.force_login(ghana_focal_point)

    client.post(f"/meetings/{meeting.pk}/suggest/case-study/", CASE_STUDY)

    suggestion = SpeakerSuggestion.objects.get()
    assert suggestion.kind == SpeakerSuggestion.Kind.CASE_STUDY
    assert {name: getattr(suggestion, name) for name in CASE_STUDY} == CASE_STUDY
    assert suggestion.speaker_name == ""


@pytest.mark.parametrize("missing", list(SPEAKER))
def test_every_speaker_field_is_needed(client, ghana_focal_point, missing):
    meeting = upcoming_meeting()
    client.force_login(ghana_focal_point)

    response = client.post(f"/meetings/{meeting.pk}/suggest/speaker/", {**SPEAKER, missing: "  "})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert SpeakerSuggestion.objects.count() == 0


@pytest.mark.parametrize(
    ("days", "status"),
    [
        (-10, Meeting.Status.HELD),
        (-10, Meeting.Status.CONFIRMED),
        (0, Meeting.Status.CONFIRMED),
        (30, Meeting.Status.CANCELLED),
        (30, Meeting.Status.HELD),
    ],
)
def test_no_suggestions_for_meetings_that_are_not_upcoming(client, ghana_focal_point, days, status):
    start = timezone.localdate() + datetime.timedelta(days=days)
    meeting = MeetingFactory(start_date=start, end_date=start, status=status)
    client.force_login(ghana_focal_point)

    form_page = client.get(f"/meetings/{meeting.pk}/suggest/speaker/").content.decode()
    response = client.post(f"/meetings/{meeting.pk}/suggest/speaker/", SPEAKER)

    assert "this one is not upcoming" in form_page
    assert "this one is not upcoming" in response.content.decode()
    assert SpeakerSuggestion.objects.count() == 0
    meeting_page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Suggest a speaker" not in meeting_page


def test_meeting_page_invites_focal_points_only(client, ghana_focal_point, secretariat_user):
    meeting = upcoming_meeting()

    anonymous = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(secretariat_user)
    as_staff = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(ghana_focal_point)
    as_focal_point = client.get(meeting.get_absolute_url()).content.decode()

    assert "Suggest a speaker" not in anonymous
    assert "Suggest a speaker" not in as_staff
    assert "Suggest a speaker" in as_focal_point
    assert "Suggest a case study" in as_focal_point


def test_suggesting_is_for_focal_points(client, secretariat_user, ghana_focal_point):
    url = f"/meetings/{upcoming_meeting().pk}/suggest/speaker/"

    anonymous = client.get(url)
    client.force_login(secretariat_user)
    as_staff = client.get(url)
    client.force_login(ghana_focal_point)
    as_focal_point = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert as_staff.status_code == 403
    assert as_focal_point.status_code == 200


def test_unknown_kind_of_suggestion_is_404(client, ghana_focal_point):
    client.force_login(ghana_focal_point)

    assert client.get(f"/meetings/{upcoming_meeting().pk}/suggest/keynote/").status_code == 404


def test_a_state_follows_its_own_suggestions_and_reads_the_note(client, ghana_focal_point):
    meeting = upcoming_meeting()
    ours = SpeakerSuggestionFactory(meeting=meeting, member_state=ghana_focal_point.member_state)
    SpeakerSuggestionFactory(
        meeting=meeting,
        member_state=MemberStateFactory(country="KE"),
        speaker_name="Someone from Kenya",
    )
    speaker_suggestion_review(
        suggestion=ours, by=None, status="accepted", note="Invited to Session II."
    )
    client.force_login(ghana_focal_point)

    page = client.get("/meetings/suggestions/").content.decode()

    assert "Dr. Kofi Boateng" in page
    assert "Accepted" in page
    assert "Invited to Session II." in page
    assert "Someone from Kenya" not in page


def test_state_page_is_for_focal_points(client, secretariat_user):
    anonymous = client.get("/meetings/suggestions/")
    client.force_login(secretariat_user)
    as_staff = client.get("/meetings/suggestions/")

    assert anonymous.status_code == 302
    assert as_staff.status_code == 403


def test_review_page_is_for_the_secretariat(client, focal_point, secretariat_user):
    SpeakerSuggestionFactory(speaker_name="Listed speaker")

    anonymous = client.get("/meetings/suggestions/review/")
    client.force_login(focal_point)
    as_focal_point = client.get("/meetings/suggestions/review/")
    review = client.post(
        f"/meetings/suggestions/{SpeakerSuggestion.objects.get().pk}/review/",
        {"status": "accepted"},
    )
    client.force_login(secretariat_user)
    as_staff = client.get("/meetings/suggestions/review/")

    assert anonymous.status_code == 302
    assert as_focal_point.status_code == 403
    assert review.status_code == 403
    assert SpeakerSuggestion.objects.get().status == SpeakerSuggestion.Status.SUBMITTED
    assert "Listed speaker" in as_staff.content.decode()


def test_secretariat_accepts_then_marks_as_used(client, secretariat_user):
    suggestion = SpeakerSuggestionFactory()
    client.force_login(secretariat_user)

    client.post(
        f"/meetings/suggestions/{suggestion.pk}/review/",
        {"status": "accepted", "note": "We will invite him."},
    )
    accepted = SpeakerSuggestion.objects.get()
    client.post(
        f"/meetings/suggestions/{suggestion.pk}/review/",
        {"status": "used", "note": "Spoke in Session II."},
    )
    used = SpeakerSuggestion.objects.get()

    assert accepted.status == SpeakerSuggestion.Status.ACCEPTED
    assert accepted.review_note == "We will invite him."
    assert accepted.reviewed_by == secretariat_user
    assert accepted.reviewed_at is not None
    assert used.status == SpeakerSuggestion.Status.USED
    assert used.review_note == "Spoke in Session II."


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (SpeakerSuggestion.Status.SUBMITTED, SpeakerSuggestion.Status.USED),
        (SpeakerSuggestion.Status.USED, SpeakerSuggestion.Status.DECLINED),
        (SpeakerSuggestion.Status.USED, SpeakerSuggestion.Status.ACCEPTED),
        (SpeakerSuggestion.Status.DECLINED, SpeakerSuggestion.Status.USED),
        (SpeakerSuggestion.Status.ACCEPTED, SpeakerSuggestion.Status.ACCEPTED),
    ],
)
def test_reviews_follow_the_allowed_steps(start, target):
    suggestion = SpeakerSuggestionFactory(
        status=start,
        reviewed_at=None if start == SpeakerSuggestion.Status.SUBMITTED else timezone.now(),
    )

    with pytest.raises(ValidationError, match="cannot become"):
        speaker_suggestion_review(suggestion=suggestion, by=None, status=target)

    assert SpeakerSuggestion.objects.get().status == start


def test_declined_suggestion_can_be_reconsidered():
    suggestion = SpeakerSuggestionFactory()
    speaker_suggestion_review(
        suggestion=suggestion, by=None, status="declined", note="Not this time."
    )

    speaker_suggestion_review(
        suggestion=suggestion, by=None, status="accepted", note="After all, yes."
    )

    assert SpeakerSuggestion.objects.get().status == SpeakerSuggestion.Status.ACCEPTED


def test_refused_review_is_explained_on_the_page(client, secretariat_user):
    suggestion = SpeakerSuggestionFactory()
    client.force_login(secretariat_user)

    response = client.post(
        f"/meetings/suggestions/{suggestion.pk}/review/", {"status": "used"}, follow=True
    )

    assert "A suggestion that is “Submitted” cannot become “Used”." in response.content.decode()


def test_service_refuses_a_speaker_without_a_name():
    with pytest.raises(ValidationError):
        speaker_suggestion_submit(
            meeting=upcoming_meeting(),
            member_state=MemberStateFactory(),
            by=None,
            kind="speaker",
            **{**SPEAKER, "speaker_name": ""},
        )

    assert SpeakerSuggestion.objects.count() == 0


def test_service_refuses_past_meetings_but_records_when_told_the_time():
    meeting = MeetingFactory(
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
        status=Meeting.Status.SUBJECT_TO_FUNDING,
    )
    state = MemberStateFactory()

    with pytest.raises(ValidationError, match="not upcoming"):
        speaker_suggestion_submit(
            meeting=meeting, member_state=state, by=None, kind="case_study", **CASE_STUDY
        )
    in_april_2010 = timezone.make_aware(datetime.datetime(2010, 4, 28, 11, 0))
    suggestion = speaker_suggestion_submit(
        meeting=meeting,
        member_state=state,
        by=None,
        kind="case_study",
        now=in_april_2010,
        **CASE_STUDY,
    )

    assert suggestion.submitted_at == in_april_2010


def test_database_refuses_a_suggestion_mixing_speaker_and_case_study():
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerSuggestionFactory(case_title="A case too")


@pytest.mark.parametrize("page", ["review", "state"])
def test_suggestion_lists_queries_do_not_grow(
    client, secretariat_user, ghana_focal_point, django_assert_num_queries, page
):
    url, user = {
        "review": ("/meetings/suggestions/review/", secretariat_user),
        "state": ("/meetings/suggestions/", ghana_focal_point),
    }[page]
    client.force_login(user)
    state = ghana_focal_point.member_state
    SpeakerSuggestionFactory(member_state=state, submitted_by=ghana_focal_point)
    with CaptureQueriesContext(connection) as for_one:
        one = client.get(url).content.decode()
    SpeakerSuggestionFactory.create_batch(
        2, member_state=state, submitted_by=FocalPointFactory(member_state=state)
    )

    with django_assert_num_queries(len(for_one.captured_queries)):
        three = client.get(url).content.decode()

    assert one.count('data-testid="suggestion"') == 1
    assert three.count('data-testid="suggestion"') == 3


def test_a_meeting_takes_suggestions_where_the_list_of_open_meetings_has_it():
    today = datetime.date(2010, 6, 1)
    meetings = [
        MeetingFactory(status=status, start_date=start, end_date=start + datetime.timedelta(1))
        for status in Meeting.Status.values
        for start in (today - datetime.timedelta(1), today, today + datetime.timedelta(1))
    ]

    listed = set(meeting_list_open_for_suggestions(today=today))
    accepting = {m for m in meetings if m.accepts_suggestions(today=today)}

    assert listed == accepting
    assert sorted((m.status, m.start_date) for m in accepting) == [
        (status, today + datetime.timedelta(1))
        for status in sorted(["confirmed", "proposed", "subject_to_funding"])
    ]
