import datetime

import pytest
from django.db import IntegrityError, transaction

from workshops.models import DialogueYear
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(start_date=datetime.date(2010, 3, 10), end_date=datetime.date(2010, 3, 9))


def test_one_day_meeting_is_accepted():
    meeting = MeetingFactory(
        start_date=datetime.date(2010, 2, 18), end_date=datetime.date(2010, 2, 18)
    )

    assert meeting.pk is not None


def test_only_one_dialogue_year_is_current():
    DialogueYearFactory(year=2010, is_current=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        DialogueYearFactory(year=2011, is_current=True)


def test_several_years_may_be_not_current():
    DialogueYearFactory(year=2010, is_current=True)
    DialogueYearFactory(year=2011, is_current=False)
    DialogueYearFactory(year=2012, is_current=False)

    assert DialogueYear.objects.filter(is_current=False).count() == 2
