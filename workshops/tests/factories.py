import datetime
import io

import factory
from django.core.files.base import ContentFile
from pypdf import PdfWriter

from workshops.models import DialogueYear, Meeting, MeetingDocument, MeetingDocumentVersion


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
