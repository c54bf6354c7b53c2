"""Participants spreadsheets: the columns, reading CSV/XLSX into text rows, writing them.

The column headers, and the category, role and status names in the cells,
are the English ones whatever the user's language, so that a file exported
in French can be imported again.
"""

import codecs
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from common.spreadsheet_cells import spreadsheet_text

from . import sheet_limits as limits
from .sheet_limits import SpreadsheetError  # noqa: F401  (raised by read_table)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: str


COLUMNS = (
    Column("honorific", "Honorific", False, gettext_lazy("Mr., Ms., Dr., H.E. …")),
    Column("first_name", "First name", True, gettext_lazy("Required.")),
    Column("last_name", "Last name", True, gettext_lazy("Required.")),
    Column(
        "email",
        "Email",
        False,
        gettext_lazy("Recommended: a person with the same email is the same person."),
    ),
    Column("job_title", "Job title", False, ""),
    Column(
        "category",
        "Category",
        True,
        gettext_lazy(
            "Government, International organization, Non-governmental organization, "
            "Private sector, Academia, Media or Other."
        ),
    ),
    Column(
        "country",
        "Country",
        False,
        gettext_lazy(
            "Government delegates only: the member or observer state represented, "
            "as ISO code (GH) or English name (Ghana)."
        ),
    ),
    Column(
        "organization",
        "Organization",
        False,
        gettext_lazy(
            "Required for international organizations, NGOs, the private sector, academia "
            "and the media; a new name adds the organization to the register."
        ),
    ),
    Column(
        "role",
        "Role",
        False,
        gettext_lazy(
            "Head of delegation, Delegate, Speaker, Moderator or Observer. Empty: Delegate "
            "for government delegates, Observer for others, or unchanged."
        ),
    ),
    Column(
        "status",
        "Status",
        False,
        gettext_lazy(
            "Registered, Confirmed, Attended, No-show or Withdrawn. Empty: Registered, "
            "or unchanged."
        ),
    ),
)
HEADERS = [column.header for column in COLUMNS]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Other spellings of the headers that people type; compared in lower case.
HEADER_ALIASES = {
    "title": "honorific",
    "given name": "first_name",
    "first names": "first_name",
    "family name": "last_name",
    "surname": "last_name",
    "e-mail": "email",
    "email address": "email",
    "position": "job_title",
    "function": "job_title",
    "member state": "country",
    "state": "country",
    "organisation": "organization",
}
# Characters no CSV file holds; random or binary bytes are full of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def header_key(header: str) -> str | None:
    """The column a header names ("First name", "first_name", "Surname"…), or None."""
    normal = " ".join(str(header).replace("_", " ").split()).lower()
    for column in COLUMNS:
        if normal == column.header.lower():
            return column.key
    return HEADER_ALIASES.get(normal)


def read_table(content: bytes) -> list[list[str]]:
    """The rows of a CSV or XLSX file as text, header row first, trailing empty rows dropped.

    Refused with SpreadsheetError, before much is read, beyond the limits of
    `sheet_limits` (size, rows, columns, cells), and for anything but plain values.
    """
    if len(content) > limits.MAX_FILE_BYTES:
        raise SpreadsheetError(
            _("The file is larger than %(max)d MB.")
            % {"max": limits.MAX_FILE_BYTES // (1024 * 1024)}
        )
    if content.startswith(b"PK\x03\x04"):
        rows = _read_xlsx(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError(
            _("This is an old Excel (.xls) file; save it as .xlsx or CSV and upload it again.")
        )
    else:
        rows = _read_csv(content)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise SpreadsheetError(_("The file is empty."))
    return rows


def _limited_rows(rows: Iterator[list[str]]) -> list[list[str]]:
    """The header and at most MAX_ROWS rows, each at most MAX_COLUMNS wide, padded to the
    widest; SpreadsheetError if a later row has text or the rows go on too far.

    Rows are taken one at a time: what lies beyond the limits is never loaded.
    """
    kept: list[list[str]] = []
    width = 0
    for number, row in enumerate(rows, start=1):
        while row and not row[-1].strip():
            row.pop()
        if len(row) > limits.MAX_COLUMNS:
            raise limits.too_wide(number, len(row))
        if number > 1 + limits.MAX_ROWS:
            if row:
                raise limits.too_many_rows()
            if number > limits.max_sheet_rows():
                raise limits.too_many_empty_rows()
            continue
        kept.append(row)
        width = max(width, len(row))
    return [row + [""] * (width - len(row)) for row in kept]


def _read_csv(content: bytes) -> list[list[str]]:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SpreadsheetError(
            _(
                "This CSV file is in UTF-16 (Excel's “Unicode text”). Save it as "
                "“CSV UTF-8” and upload it again."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel's plain "CSV" on Windows is Windows-1252, not UTF-8.
        text = content.decode("cp1252", errors="replace")
    if CONTROL_CHARACTERS.search(text):
        raise SpreadsheetError(_("This is not a CSV or XLSX file."))
    first_line = text.split("\n", 1)[0]
    # Excel writes semicolons where the decimal separator is a comma.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        return _limited_rows(csv.reader(_csv_lines(text), delimiter=delimiter))
    except csv.Error as exc:
        raise SpreadsheetError(
            _("The CSV file cannot be read: %(error)s") % {"error": exc}
        ) from exc


def _csv_lines(text: str) -> Iterator[str]:
    """The file's lines, refusing one too long to be a row of participants."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.MAX_LINE_CHARS:
            raise SpreadsheetError(
                _("Line %(line)d is longer than %(max)d characters; is this a participants file?")
                % {"line": number, "max": limits.MAX_LINE_CHARS}
            )
        yield line


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# What openpyxl and zipfile raise for a damaged or truncated file: while opening it, or
# later, while the first sheet's rows are read (read-only workbooks read them lazily).
XLSX_ERRORS = (
    InvalidFileException,
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    IndexError,
    KeyError,
    NotImplementedError,  # an unsupported compression method
    OSError,
    ValueError,
    EOFError,
)


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            limits.xlsx_check_sizes(archive)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise limits.damaged_xlsx() from exc
    try:
        sheet = workbook.worksheets[0]
        # The sheet's XML is looked through first, so that openpyxl reads only a sheet
        # known to be small; the private path is what openpyxl itself opens.
        with workbook._archive.open(sheet._worksheet_path) as source:
            limits.xlsx_scan_sheet(source)
        # The size the sheet declares is not trusted: rows are as long as their cells.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        return _limited_rows([_cell_text(value) for value in row] for row in rows)
    except XLSX_ERRORS as exc:
        raise limits.damaged_xlsx() from exc
    finally:
        workbook.close()


def csv_bytes(rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows([spreadsheet_text(value) for value in row] for row in rows)
    # With a byte-order mark Excel opens UTF-8 names (Müller, Kovač) correctly.
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Iterable[list[str]], *, instructions: bool = False) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants"))
    sheet.append(xlsx_text_row(sheet, HEADERS))
    for row in rows:
        sheet.append(xlsx_text_row(sheet, row))
    if instructions:
        notes = workbook.create_sheet(_("Columns"))
        notes.append(xlsx_text_row(notes, [_("Column"), _("Required"), _("What to write")]))
        for column in COLUMNS:
            notes.append(
                xlsx_text_row(
                    notes, [column.header, _("yes") if column.required else "", str(column.help)]
                )
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_text_row(sheet, values: Iterable) -> list[WriteOnlyCell]:
    """Cells of a write-only sheet holding the values as text: never a formula or an
    error code, whatever the text; characters XLSX cannot hold are left out."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_text(value)))
        cell.data_type = "s"
        cells.append(cell)
    return cells
