import datetime

import factory
from django.utils import timezone

from programme.models import Agenda, Session, SessionPerson, SpeakerSuggestion
from workshops.tests.factories import MeetingFactory


class AgendaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agenda
        django_get_or_create = ("meeting",)

    meeting = factory.SubFactory(MeetingFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    """A session on the first day of its meeting, 10:00–11:30 in the portal's time zone."""

    class Meta:
        model = Session

    agenda = factory.SubFactory(AgendaFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(
        lambda o: timezone.make_aware(
            datetime.datetime.combine(o.agenda.meeting.start_date, datetime.time(10, 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=90))


class SessionPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionPerson

    session = factory.SubFactory(SessionFactory)
    registration = factory.SubFactory(
        "participants.tests.factories.RegistrationFactory",
        meeting=factory.SelfAttribute("..session.agenda.meeting"),
    )
    role = SessionPerson.Role.SPEAKER


class SpeakerSuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSuggestion

    meeting = factory.SubFactory(MeetingFactory)
    member_state = factory.SubFactory("participants.tests.factories.MemberStateFactory")
    kind = SpeakerSuggestion.Kind.SPEAKER
    speaker_name = "Dr. Kofi Boateng"
    speaker_function = "Director of Diaspora Affairs"
    speaker_organization = "Ministry of Foreign Affairs"
    speaker_reason = "Led the national diaspora policy."
