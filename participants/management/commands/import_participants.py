from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from participants.importing import (
    ImportPreview,
    participant_import_apply,
    participant_import_preview,
    participant_import_store,
)
from participants.sheet_limits import MAX_FILE_BYTES
from participants.spreadsheets import SpreadsheetError, read_table
from workshops.selectors import meeting_get


def preview_lines(preview: ImportPreview) -> list[str]:
    """The preview as the web page shows it, as lines of text."""
    counts = [
        (_("Rows"), preview.rows),
        (_("New people in the register"), preview.people_to_create),
        (_("People whose details change"), preview.people_to_update),
        (_("New registrations"), preview.registrations_to_create),
        (_("Registrations that change"), preview.registrations_to_update),
        (_("New organizations"), preview.organizations_to_create),
        (_("Rows already in the register, unchanged"), preview.unchanged),
    ]
    lines = [f"{label}: {count}" for label, count in counts]
    lines += [
        _("New organization: %(name)s") % {"name": name} for name in preview.new_organizations
    ]
    for problem in preview.problems:
        where = _("row %(row)d") % {"row": problem.row} if problem.row else _("the file")
        if problem.column:
            where = _("%(where)s, column %(column)s") % {"where": where, "column": problem.column}
        lines.append(
            _("Problem at %(where)s: %(message)s") % {"where": where, "message": problem.message}
        )
    return lines


class Command(BaseCommand):
    help = (
        "Imports a participants spreadsheet (CSV or XLSX, the columns of the template) into "
        "a meeting, all rows or none. MEETING is the meeting's id, as in its page's address "
        "/meetings/ID/."
    )

    def add_arguments(self, parser):
        parser.add_argument("meeting", type=int, help="the meeting's id")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="print the preview and write nothing"
        )
        parser.add_argument(
            "--user", help="username recorded as the author of the changes (default: none)"
        )

    def handle(self, *args, meeting, file, dry_run, user, **options):
        try:
            meeting = meeting_get(pk=meeting)
        except ObjectDoesNotExist as exc:
            raise CommandError(_("There is no meeting with id %(id)d.") % {"id": meeting}) from exc
        author = None
        if user:
            try:
                author = get_user_model().objects.get(username=user)
            except ObjectDoesNotExist as exc:
                raise CommandError(_("There is no user named %(name)s.") % {"name": user}) from exc
        try:
            # The same limit as for an upload, checked before the file is read.
            if file.stat().st_size > MAX_FILE_BYTES:
                raise SpreadsheetError(
                    _("The file is larger than %(max)d MB.")
                    % {"max": MAX_FILE_BYTES // (1024 * 1024)}
                )
            table = read_table(file.read_bytes())
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s.") % {"file": file, "error": exc.strerror}
            ) from exc
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc
        if dry_run:
            preview = participant_import_preview(meeting=meeting, table=table)
        else:
            # Stored first, as an upload is: every import is on record with who and when.
            stored = participant_import_store(
                meeting=meeting, file_name=file.name, table=table, by=author
            )
            preview = participant_import_apply(pk=stored.pk, meeting=meeting, by=author).preview
        self.stdout.write(f"{meeting} ← {file.name}")
        for line in preview_lines(preview):
            self.stdout.write(line)
        if not preview.ok:
            raise CommandError(
                _(
                    "%(count)d problem(s): nothing was written. "
                    "Fix the file and run the command again."
                )
                % {"count": len(preview.problems)}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))
        elif preview.written:
            self.stdout.write(self.style.SUCCESS(_("The file is imported.")))
        else:
            self.stdout.write(_("Nothing to change: the register already has all of it."))
