import datetime
import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfWriter

from workshops.models import (
    Agenda,
    DialogueYear,
    Meeting,
    MeetingDocument,
    MeetingDocumentVersion,
    Session,
    SessionPerson,
    Suggestion,
)


def pdf_bytes(pages: int = 1) -> bytes:
    """A small real PDF (blank A4 pages)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()


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


class MeetingDocumentFactory(factory.django.DjangoModelFactory):
    """A document with one stored PDF version."""

    class Meta:
        model = MeetingDocument
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    kind = MeetingDocument.Kind.BACKGROUND_PAPER
    title = factory.Sequence(lambda n: f"Document {n}")
    visibility = MeetingDocument.Visibility.PUBLIC

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if create and extracted is not False:
            version = MeetingDocumentVersion(
                document=self,
                number=1,
                original_name="paper.pdf",
                content_type="application/pdf",
                size=len(PDF_BYTES),
            )
            version.file.save("paper.pdf", ContentFile(PDF_BYTES), save=False)
            version.save()


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    meeting = factory.SubFactory(MeetingFactory)
    member_state = factory.SubFactory("participants.tests.factories.MemberStateFactory")
    kind = Suggestion.Kind.SPEAKER
    speaker_name = "Dr. Kofi Boateng"
    speaker_function = "Director of Diaspora Affairs"
    speaker_organization = "Ministry of Foreign Affairs"
    speaker_reason = "Led the national diaspora policy."
