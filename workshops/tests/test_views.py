import datetime

import pytest

from workshops.models import Meeting
from workshops.selectors import meeting_list_upcoming
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_upcoming_meetings_start_after_the_date_and_are_not_cancelled():
    year = DialogueYearFactory()
    MeetingFactory(dialogue_year=year, title="Past", start_date=datetime.date(2010, 3, 9))
    MeetingFactory(
        dialogue_year=year,
        title="Cancelled",
        start_date=datetime.date(2010, 9, 1),
        end_date=datetime.date(2010, 9, 1),
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(
        dialogue_year=year,
        title="July",
        start_date=datetime.date(2010, 7, 19),
        end_date=datetime.date(2010, 7, 20),
    )

    upcoming = meeting_list_upcoming(dialogue_year=year, after=datetime.date(2010, 4, 16))

    assert [m.title for m in upcoming] == ["July"]
