import datetime

import factory

from workshops.models import DialogueYear, Meeting


class DialogueYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueYear
        django_get_or_create = ("year",)

    year = 2010
    overarching_theme = "Migration and social change"
    is_current = True


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    dialogue_year = factory.SubFactory(DialogueYearFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    start_date = datetime.date(2010, 3, 9)
    end_date = datetime.date(2010, 3, 10)
    venue = "Geneva"
    status = Meeting.Status.CONFIRMED
