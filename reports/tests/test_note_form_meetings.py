"""The note form tells same-titled meetings of different years apart."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import translation

from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_afterwards():
    """Requests in French leave French active in this thread; the next tests expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_meetings_are_grouped_by_year_newest_first_and_carry_their_dates(client, secretariat_user):
    year_2026 = DialogueYearFactory(year=2026, is_current=False)
    MeetingFactory(title="Intersessional workshop")
    MeetingFactory(
        title="Intersessional workshop",
        dialogue_year=year_2026,
        start_date=datetime.date(2026, 6, 30),
        end_date=datetime.date(2026, 7, 1),
    )
    client.force_login(secretariat_user)

    english = client.get("/documents/new/").content.decode()
    french = client.get("/documents/new/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    select = re.search(r'<select name="meeting".*?</select>', english, re.S).group(0)
    first_of_group = r'<optgroup label="([^"]+)">\s*<option value="\d+">([^<]+)</option>'
    groups = re.findall(first_of_group, select)
    assert groups == [
        ("IDM 2026", "Intersessional workshop · 30 June – 1 July 2026"),
        ("IDM 2010", "Intersessional workshop · 9–10 March 2010"),
    ]
    assert "Intersessional workshop · 9–10 mars 2010" in french
