"""A dialogue year's texts in a workbook with a column per language, for translators.

The export has a sheet per kind of text (the year, its meetings, their agenda
sessions, the consultations held in the year or choosing its theme, and their
proposals). Each row is one object: its `id`, a few columns that say what it is
(read only), then `<field> (en)`, `<field> (fr)`, `<field> (es)` for each text.
The headers and sheet names are English whatever the user's language, so that a
file exported in French imports again.

Reading a filled-in file back checks every cell before anything is saved and
gives one message per wrong cell ("Meetings, cell D4: …"). Only the French and
Spanish columns are imported: the English one is the original, changed on the
portal's pages, and must still read as it does there, so that a translation of a
text changed since the export is not taken for a translation of the new one.
"""

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from common.spreadsheet_cells import spreadsheet_text_unmarked
from common.translated import LANGUAGES, ORIGINAL, localized
from participants import sheet_limits
from participants.sheet_limits import SpreadsheetError
from participants.spreadsheets import XLSX_CONTENT_TYPE, XLSX_ERRORS, xlsx_text_row
from themes.models import Consultation, Proposal
from workshops.models import DialogueYear, Meeting

from .models import Session

__all__ = ["XLSX_CONTENT_TYPE", "SpreadsheetError"]

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    name: str  # English, as the header cells
    kind: str  # the key of the objects in a change
    model: type
    fields: tuple[str, ...]
    rows: Callable[[DialogueYear], Iterable]
    context: tuple[tuple[str, Callable], ...] = ()

    def headers(self) -> list[str]:
        texts = [f"{name} ({language})" for name in self.fields for language in LANGUAGES]
        return ["id", *(header for header, _value in self.context), *texts]


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def _consultations(year: DialogueYear):
    # The 2010 consultation chose the theme of 2011: it belongs to both years' texts.
    return Consultation.objects.filter(Q(target_year=year) | Q(opens_at__year=year.year)).order_by(
        "opens_at", "pk"
    )


SHEETS = (
    Sheet(
        "Dialogue year",
        "dialogue_year",
        DialogueYear,
        ("overarching_theme", "description"),
        lambda year: DialogueYear.objects.filter(pk=year.pk),
        (("year", lambda year: year.year),),
    ),
    Sheet(
        "Meetings",
        "meeting",
        Meeting,
        ("title", "venue", "description"),
        lambda year: Meeting.objects.filter(dialogue_year=year).order_by("start_date", "pk"),
        (("start date", lambda meeting: meeting.start_date.isoformat()),),
    ),
    Sheet(
        "Sessions",
        "session",
        Session,
        ("title", "note"),
        lambda year: (
            Session.objects.filter(agenda__meeting__dialogue_year=year)
            .select_related("agenda__meeting")
            .order_by("starts_at", "pk")
        ),
        (
            ("meeting", lambda session: session.agenda.meeting.title_en),
            ("starts at", lambda session: _when(session.starts_at)),
        ),
    ),
    Sheet(
        "Consultations",
        "consultation",
        Consultation,
        ("title", "introduction"),
        _consultations,
        (("opens at", lambda consultation: _when(consultation.opens_at)),),
    ),
    Sheet(
        "Proposals",
        "proposal",
        Proposal,
        ("title", "summary", "full_text"),
        lambda year: (
            Proposal.objects.filter(consultation__in=_consultations(year))
            .select_related("consultation")
            .order_by("consultation__opens_at", "consultation_id", "position")
        ),
        (
            ("consultation", lambda proposal: proposal.consultation.title_en),
            ("position", lambda proposal: proposal.position),
        ),
    ),
)


def content_workbook(*, dialogue_year: DialogueYear) -> bytes:
    """The year's texts, a sheet per kind, every cell text (never a formula)."""
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        page = workbook.create_sheet(sheet.name)
        page.append(xlsx_text_row(page, sheet.headers()))
        for item in sheet.rows(dialogue_year):
            context = [str(value(item)) for _header, value in sheet.context]
            texts = [
                getattr(item, localized(name, language)) or ""
                for name in sheet.fields
                for language in LANGUAGES
            ]
            page.append(xlsx_text_row(page, [item.pk, *context, *texts]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass
class Change:
    """One object's new French and Spanish texts, as read from the file."""

    kind: str
    pk: int
    label: str
    values: dict[str, str]  # title_fr → text
    originals: dict[str, str] = field(default_factory=dict)  # title → English text

    def as_data(self) -> dict:
        return {
            "kind": self.kind,
            "pk": self.pk,
            "label": self.label,
            "values": self.values,
            "originals": self.originals,
        }


class ContentSheetErrors(Exception):
    """What is wrong in the file, one message per cell; nothing of it is imported."""

    def __init__(self, messages: list[str]):
        super().__init__(messages)
        self.messages = messages


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return spreadsheet_text_unmarked(str(value))


def _read_sheets(content: bytes) -> dict[str, list[list[str]]]:
    """The rows of the known sheets, as text; refuses a file too big or not a workbook."""
    if len(content) > MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(max)d MB.") % {"max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not content.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(
            _("This is not an XLSX workbook: upload the file the export gave, saved as .xlsx.")
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet_limits.xlsx_check_sizes(archive)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise sheet_limits.damaged_xlsx() from exc
    known = {sheet.name for sheet in SHEETS}
    tables = {}
    try:
        for page in workbook.worksheets:
            if page.title not in known:
                continue
            # Looked through as a stream first (size, formulas), as participants' files are.
            with workbook._archive.open(page._worksheet_path) as source:
                sheet_limits.xlsx_scan_sheet(source)
            page.reset_dimensions()
            rows = [
                [_cell_text(value) for value in row] for row in page.iter_rows(values_only=True)
            ]
            while rows and not any(cell.strip() for cell in rows[-1]):
                rows.pop()
            tables[page.title] = rows
    except XLSX_ERRORS as exc:
        raise sheet_limits.damaged_xlsx() from exc
    finally:
        workbook.close()
    if not tables:
        raise SpreadsheetError(
            _("The workbook has none of the sheets of the export (%(names)s).")
            % {"names": ", ".join(sheet.name for sheet in SHEETS)}
        )
    return tables


def content_changes_read(*, dialogue_year: DialogueYear, content: bytes) -> list[Change]:
    """The translations a filled-in export would change, every cell checked first.

    Raises SpreadsheetError for a file that is no such workbook, ContentSheetErrors
    listing every wrong cell otherwise.
    """
    tables = _read_sheets(content)
    errors: list[str] = []
    changes: list[Change] = []
    for sheet in SHEETS:
        if sheet.name in tables:
            changes += _sheet_changes(sheet, tables[sheet.name], dialogue_year, errors)
    if errors:
        raise ContentSheetErrors(errors)
    return changes


def _sheet_changes(sheet: Sheet, rows, dialogue_year, errors: list[str]) -> list[Change]:
    if not rows:
        return []
    headers = [cell.strip() for cell in rows[0]]
    wanted = {
        f"{name} ({language})": (name, language) for name in sheet.fields for language in LANGUAGES
    }
    if "id" not in headers:
        errors.append(
            _("%(sheet)s: the first row has no “id” column; keep the export's header row.")
            % {"sheet": sheet.name}
        )
        return []
    columns = {header: index for index, header in enumerate(headers) if header in wanted}
    objects = {item.pk: item for item in sheet.rows(dialogue_year)}
    seen: set[int] = set()
    changes = []
    id_column = headers.index("id")
    for number, row in enumerate(rows[1:], start=2):
        row = row + [""] * (len(headers) - len(row))
        if not any(cell.strip() for cell in row):
            continue
        where = {"sheet": sheet.name, "cell": f"{get_column_letter(id_column + 1)}{number}"}
        raw_id = row[id_column].strip()
        item = objects.get(int(raw_id)) if raw_id.isdigit() else None
        if item is None:
            errors.append(
                _(
                    "%(sheet)s, cell %(cell)s: “%(value)s” is not the id of one of this "
                    "year's rows; keep the ids of the export."
                )
                % {**where, "value": raw_id}
            )
            continue
        if item.pk in seen:
            errors.append(
                _("%(sheet)s, cell %(cell)s: the row of id %(value)s comes twice.")
                % {**where, "value": raw_id}
            )
            continue
        seen.add(item.pk)
        change = _row_change(sheet, item, row, columns, number, errors)
        if change is not None:
            changes.append(change)
    return changes


def _row_change(sheet, item, row, columns, number, errors) -> Change | None:
    values, originals = {}, {}
    for header, index in columns.items():
        name, language = header.rsplit(" (", 1)[0], header[-3:-1]
        text = row[index]
        where = {"sheet": sheet.name, "cell": f"{get_column_letter(index + 1)}{number}"}
        stored = getattr(item, localized(name, language)) or ""
        if language == ORIGINAL:
            if text.strip() != stored.strip():
                errors.append(
                    _(
                        "%(sheet)s, cell %(cell)s: the English text differs from the "
                        "portal's (“%(stored)s”). The original is changed on the portal's "
                        "pages; export the file again to translate the new text."
                    )
                    % {**where, "stored": _shortened(stored)}
                )
            originals[name] = stored
            continue
        limit = sheet.model._meta.get_field(name).max_length
        if limit and len(text) > limit:
            errors.append(
                _("%(sheet)s, cell %(cell)s: %(length)d characters; at most %(max)d fit.")
                % {**where, "length": len(text), "max": limit}
            )
            continue
        if text != stored:
            values[localized(name, language)] = text
    if not values:
        return None
    label = str(getattr(item, localized(sheet.fields[0], ORIGINAL)) or item.pk)
    return Change(sheet.kind, item.pk, label, values, originals)


def _shortened(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def sheet_for(kind: str) -> Sheet:
    return next(sheet for sheet in SHEETS if sheet.kind == kind)
