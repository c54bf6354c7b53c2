"""The live part of the demo: dated from the day it is loaded, beside IDM 2010."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from demo import live
from participants.models import MemberState, Registration
from themes.models import Consultation, Vote
from workshops.models import DialogueYear, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_idm2010", stdout=io.StringIO())
    return {
        "upcoming": Meeting.objects.get(title=live.UPCOMING_TITLE),
        "held": Meeting.objects.get(title=live.HELD_TITLE),
    }


def test_the_upcoming_workshop_is_three_weeks_ahead_in_the_current_year(demo):
    upcoming = demo["upcoming"]
    day = timezone.localdate() + datetime.timedelta(days=live.UPCOMING_IN_DAYS)

    assert (upcoming.start_date, upcoming.status) == (day, Meeting.Status.CONFIRMED)
    assert upcoming.dialogue_year == DialogueYear.objects.get(is_current=True)
    assert upcoming.dialogue_year.year == day.year


def test_last_months_meeting_was_held_with_its_attendance(demo):
    held = demo["held"]
    attended = Registration.objects.filter(meeting=held, status=Registration.Status.ATTENDED)

    assert held.start_date == timezone.localdate() - datetime.timedelta(days=live.HELD_DAYS_AGO)
    assert held.status == Meeting.Status.HELD
    assert attended.count() == sum(count for _category, count in live.HELD_ATTENDANCE) == 40


def test_home_page_and_calendar_feed_show_the_upcoming_workshop(client, demo):
    home = client.get("/").content.decode()
    feed = Calendar.from_ical(client.get(reverse("workshops:calendar_feed")).content)

    assert live.UPCOMING_TITLE in home
    assert live.LIVE_YEAR_THEME in home
    assert [str(event["summary"]) for event in feed.walk("VEVENT")] == [live.UPCOMING_TITLE]


def test_the_demo_focal_point_may_suggest_a_speaker_for_the_upcoming_workshop(client, demo):
    client.force_login(User.objects.get(username="focal.ghana"))

    page = client.get(demo["upcoming"].get_absolute_url()).content.decode()
    delegations = client.get(reverse("participants:delegation_index")).content.decode()

    assert reverse("programme:suggestion_create", args=[demo["upcoming"].pk, "speaker"]) in page
    assert live.UPCOMING_TITLE in delegations


def test_loading_the_demo_again_changes_nothing(demo):
    before = (Meeting.objects.count(), Registration.objects.count(), DialogueYear.objects.count())

    call_command("load_idm2010", stdout=io.StringIO())

    after = (Meeting.objects.count(), Registration.objects.count(), DialogueYear.objects.count())
    assert after == before


def test_a_consultation_on_next_years_theme_is_open_with_a_few_votes(client, demo):
    consultation = Consultation.objects.get(
        target_year__year=demo["upcoming"].dialogue_year.year + 1
    )
    client.force_login(User.objects.get(username="focal.ghana"))

    page = client.get(reverse("themes:consultation_detail", args=[consultation.pk]))

    assert consultation.is_open()
    assert consultation.proposals.count() == len(live.LIVE_PROPOSALS)
    assert sorted(
        Vote.objects.filter(consultation=consultation).values_list(
            "member_state__country", flat=True
        )
    ) == sorted(
        MemberState.objects.filter(status=MemberState.Status.MEMBER)
        .exclude(country="GH")
        .values_list("country", flat=True)[: live.LIVE_VOTERS]
    )
    assert not Vote.objects.filter(consultation=consultation, member_state__country="GH").exists()
    assert page.status_code == 200
    assert live.LIVE_PROPOSALS[0][0] in page.content.decode()
