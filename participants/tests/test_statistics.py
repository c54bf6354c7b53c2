import dataclasses

import pytest

from participants.models import Category, Registration
from participants.statistics import (
    AttendanceFigures,
    attendance_figures,
    attendance_statement,
    countries_phrase,
    meeting_attendance,
)
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory

PARAGRAPH_2 = (
    "This workshop was attended by 225 participants. Of these participants, 154 were "
    "government representatives from over 70 countries, 35 were from international "
    "organizations and 26 were from non-governmental organizations, the private sector, "
    "academia and the media."
)


def figures(**counts):
    zeros = {field.name: 0 for field in dataclasses.fields(AttendanceFigures)}
    return AttendanceFigures(**{**zeros, **counts})


def test_statement_reproduces_paragraph_2_of_ic_2010_5():
    march = figures(
        total=225,
        government=154,
        member_states=74,
        international_organizations=35,
        civil_society=26,
        other=10,
    )

    assert attendance_statement(march) == PARAGRAPH_2


@pytest.mark.parametrize(
    ("count", "phrase"),
    [
        (1, "1 country"),
        (3, "3 countries"),
        (19, "19 countries"),
        (70, "70 countries"),
        (74, "over 70 countries"),
        (101, "over 100 countries"),
    ],
)
def test_countries_phrase(count, phrase):
    assert countries_phrase(count) == phrase


def test_statement_without_attendance():
    assert attendance_statement(figures()) == "This workshop has no recorded attendance yet."


def test_statement_for_a_single_participant_is_singular():
    one = figures(total=1, government=1, member_states=1)

    assert attendance_statement(one, subject="This consultation") == (
        "This consultation was attended by 1 participant. Of this participant, 1 was a "
        "government representative from 1 country."
    )


def test_statement_leaves_out_empty_groups():
    mixed = figures(total=4, international_organizations=3, civil_society=1)

    assert attendance_statement(mixed) == (
        "This workshop was attended by 4 participants. Of these participants, 3 were from "
        "international organizations and 1 was from a non-governmental organization, the "
        "private sector, academia or the media."
    )


def test_statement_with_only_other_participants_states_the_total():
    assert attendance_statement(figures(total=2, other=2)) == (
        "This workshop was attended by 2 participants."
    )


@pytest.mark.django_db
def test_figures_count_attended_registrations_only(django_assert_num_queries):
    meeting = MeetingFactory()
    ghana, kenya = MemberStateFactory(country="GH"), MemberStateFactory(country="KE")
    for state in (ghana, ghana, kenya):
        RegistrationFactory(meeting=meeting, member_state=state, status="attended")
    RegistrationFactory(meeting=meeting, member_state=kenya, status=Registration.Status.NO_SHOW)
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(),
        status="attended",
    )
    RegistrationFactory(
        meeting=meeting,
        category=Category.MEDIA,
        organization=OrganizationFactory(kind="media"),
        status="attended",
    )
    RegistrationFactory(meeting=meeting, category=Category.OTHER, status="attended")
    RegistrationFactory(status="attended")  # another meeting

    with django_assert_num_queries(1):
        result = attendance_figures(meetings=[meeting])

    assert result == figures(
        total=6,
        government=3,
        member_states=2,
        international_organizations=1,
        civil_society=1,
        other=1,
    )


@pytest.mark.django_db
def test_meeting_attendance_gives_figures_statement_categories_and_chart():
    meeting = MeetingFactory(kind="workshop")
    RegistrationFactory(meeting=meeting, member_state=MemberStateFactory(), status="attended")
    RegistrationFactory(meeting=meeting, category=Category.OTHER, status="attended")
    RegistrationFactory(meeting=meeting, category=Category.OTHER, status="registered")

    attendance = meeting_attendance(meeting=meeting)

    assert attendance.figures == figures(total=2, government=1, member_states=1, other=1)
    assert attendance.statement == (
        "This workshop was attended by 2 participants. Of these participants, 1 was a "
        "government representative from 1 country."
    )
    assert [(value, count) for value, _label, count in attendance.by_category] == [
        (value, {"government": 1, "other": 1}.get(value, 0)) for value in Category.values
    ]
    assert attendance.chart.startswith("<svg")
