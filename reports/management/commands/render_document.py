from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.models import DiscussionNote, RenderedDocument, symbol_to_slug
from reports.rendering import rendered_document_render_now
from reports.selectors import note_get
from reports.services import rendered_document_request_for_note
from reports.versions import note_version


class Command(BaseCommand):
    help = (
        "Renders a discussion note to PDF in this process (no worker needed) and writes it "
        "to a file. Unchanged content reuses the stored PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="the note's symbol, e.g. IC/2010/5")
        parser.add_argument("--output", required=True, type=Path, help="the PDF file to write")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="the language version to print (default: the original)",
        )

    def handle(self, *args, symbol, output, language=None, **options):
        try:
            note = note_get(slug=symbol_to_slug(symbol))
        except DiscussionNote.DoesNotExist as exc:
            raise CommandError(f"There is no discussion note {symbol}.") from exc
        if note_version(note, language) is None:
            raise CommandError(f"{symbol} has no version in {language} yet.")
        try:
            document = rendered_document_request_for_note(
                note=note, by=None, enqueue=False, language=language
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        document = rendered_document_render_now(rendered_document=document)
        if document.status != RenderedDocument.Status.DONE:
            raise CommandError(document.error or f"The render ended {document.status}.")
        with document.file.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(
            f"{output}: {document.page_count} pages, {document.size} bytes, "
            f"SHA-256 {document.sha256}"
        )
