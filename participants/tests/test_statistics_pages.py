import re

import pytest
from django.urls import reverse

from participants.charts import attendance_chart_svg
from participants.statistics import attendance_by_category, attendance_year_statement
from participants.tests.factories import OrganizationFactory, RegistrationFactory
from participants.tests.test_statistics import figures
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def text(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">(.*?)</', html, re.S)
    return " ".join(match.group(1).split())


def panel(html: str) -> str:
    """The participants panel of a meeting page (other apps' panels may show names)."""
    return re.search(r'data-testid="participants-panel">(.*?)</section>', html, re.S).group(1)


def test_year_statistics_add_up_the_meetings(client, secretariat_user):
    year = DialogueYearFactory()
    first, second = MeetingFactory(dialogue_year=year), MeetingFactory(dialogue_year=year)
    RegistrationFactory(meeting=first, status="attended")
    RegistrationFactory(meeting=second, status="attended")
    RegistrationFactory(meeting=second, status="no_show")
    client.force_login(secretariat_user)

    response = client.get(reverse("participants:year_statistics"))

    assert response.context["figures"].total == 2
    assert [row.total for _meeting, row in response.context["rows"]] == [1, 1]
    assert text(response.content.decode(), "attendance-statement").startswith(
        "The meetings of IDM 2010 were attended by 2 participants in all."
    )


def test_year_statement_is_singular_for_one_participant():
    one = figures(total=1, government=1, member_states=1)

    assert attendance_year_statement(one, year=2011) == (
        "The meetings of IDM 2011 were attended by 1 participant in all. Of this participant, "
        "1 was a government representative from 1 country."
    )


def test_figures_by_category_cover_every_category():
    meeting = MeetingFactory()
    RegistrationFactory(meeting=meeting, status="attended")
    RegistrationFactory(
        meeting=meeting,
        category="media",
        organization=OrganizationFactory(kind="media"),
        status="attended",
    )

    counts = {value: count for value, _label, count in attendance_by_category(meetings=[meeting])}

    assert counts == {
        "government": 1,
        "international_organization": 0,
        "ngo": 0,
        "private_sector": 0,
        "academia": 0,
        "media": 1,
        "other": 0,
    }


def test_chart_is_inline_svg_without_scripts_or_outside_links():
    svg = attendance_chart_svg([("government", "Government", 154), ("media", "Media", 3)])

    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert "href" not in svg
    assert ">154<" in svg


def test_meeting_page_shows_no_figures_before_the_meeting_is_held(client):
    meeting = MeetingFactory(status="confirmed")
    RegistrationFactory(meeting=meeting, status="attended")

    page = client.get(meeting.get_absolute_url()).content.decode()

    assert "figure-total" not in page
