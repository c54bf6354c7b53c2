import datetime

import factory

from reports.models import DiscussionNote, NoteTranslation
from workshops.tests.factories import MeetingFactory


class DiscussionNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscussionNote

    symbol = factory.Sequence(lambda n: f"IC/2010/{n + 100}")
    issue_date = datetime.date(2010, 4, 16)
    meeting = factory.SubFactory(MeetingFactory)
    title = "International Dialogue on Migration 2010"
    subtitle = "Migration and social change"
    body = "A first paragraph.\n\n## A heading\n\nA second paragraph.[^1]\n\n[^1]: A footnote."


class PublishedNoteFactory(DiscussionNoteFactory):
    status = DiscussionNote.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2010, 4, 16, 9, 0, tzinfo=datetime.UTC)
    )


def long_body(paragraphs: int) -> str:
    """A body long enough to keep a worker busy for seconds."""
    text = "\n\n".join(
        f"Paragraph {i}, written to keep a worker busy.[^n{i}] " + "Words that fill a line. " * 20
        for i in range(paragraphs)
    )
    return text + "\n\n" + "\n".join(f"[^n{i}]: Footnote {i}." for i in range(paragraphs))


class NoteTranslationFactory(factory.django.DjangoModelFactory):
    """A French version, in translation unless told otherwise."""

    class Meta:
        model = NoteTranslation

    note = factory.SubFactory(PublishedNoteFactory)
    language = "fr"
    series_title = "Consultations informelles sur le dialogue international sur la migration"
    place = "Genève"
    title = "Dialogue international sur la migration 2010"
    subtitle = "Migration et changement social"
    body = "Un premier paragraphe.\n\n## Un titre\n\nUn deuxième paragraphe.[^1]\n\n[^1]: Une note."
    status = NoteTranslation.Status.IN_TRANSLATION


class PublishedTranslationFactory(NoteTranslationFactory):
    status = NoteTranslation.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2010, 4, 20, 9, 0, tzinfo=datetime.UTC)
    )
