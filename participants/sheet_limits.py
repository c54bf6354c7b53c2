"""How big a participants file may be, and the checks that refuse a bigger one cheaply.

A few kilobytes of XLSX can declare a sheet of 17 billion cells, hold 30 million
empty rows or put one cell in column XFD of every row; spreadsheet libraries
then build every row in memory. So an XLSX file is looked through first, as a
stream of XML tags, counting what it holds, and refused at the first thing beyond
these limits; only a file within them is read into rows. A CSV file is read
line by line with the same limits.
"""

import zipfile
from xml.parsers import expat

from django.utils.translation import gettext as _
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
)
from openpyxl.utils.exceptions import CellCoordinatesException

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000  # rows of people, the header not counted
# Empty rows below the last one are common (formatting); this many are looked through.
MAX_TRAILING_ROWS = 1_000
MAX_COLUMNS = 50  # the template has 10
MAX_CELLS = 300_000  # cells, filled or formatted: 20,000 rows of the template's 10 columns fit
MAX_LINE_CHARS = 20_000  # a CSV line; a full row of the template is about 1,300
# What the parts of an XLSX file may unpack to (their sizes are declared in the ZIP and
# zipfile stops at them), in all, and for the shared strings read into memory at once.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 16 * 1024 * 1024


class SpreadsheetError(Exception):
    """The file cannot be read as a participants spreadsheet at all."""


def max_sheet_rows() -> int:
    """The last row looked at: the header, MAX_ROWS rows, then empty ones."""
    return 1 + MAX_ROWS + MAX_TRAILING_ROWS


def too_many_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(max)d rows; import at most %(max)d at a time.")
        % {"max": MAX_ROWS}
    )


def too_many_empty_rows() -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "The sheet goes on beyond row %(max)d with empty rows; delete the rows below "
            "your last participant and save the file again."
        )
        % {"max": max_sheet_rows()}
    )


def too_wide(row: int, column: int) -> SpreadsheetError:
    return SpreadsheetError(
        _(
            "Row %(row)d reaches column %(column)d; at most %(max)d columns are read. Delete "
            "the columns after the last one you use (formatted empty cells count too)."
        )
        % {"row": row, "column": column, "max": MAX_COLUMNS}
    )


def too_many_cells() -> SpreadsheetError:
    return SpreadsheetError(
        _("The file has more than %(max)d cells; import it in smaller parts.") % {"max": MAX_CELLS}
    )


def damaged_xlsx() -> SpreadsheetError:
    return SpreadsheetError(_("The XLSX file cannot be read; is it damaged?"))


def xlsx_check_sizes(archive: zipfile.ZipFile) -> None:
    """Refuses an XLSX file whose parts would unpack to too much."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    shared = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if unpacked > MAX_UNPACKED_BYTES or shared > MAX_SHARED_STRINGS_BYTES:
        raise SpreadsheetError(
            _(
                "The XLSX file unpacks to more than %(max)d MB; save only the participants "
                "sheet, as values, and upload it again."
            )
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _position(reference: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as "B7"."""
    try:
        letters, row = coordinate_from_string(reference)
        return row, column_index_from_string(letters)
    except CellCoordinatesException as exc:
        raise ValueError(reference) from exc


def _check_dimension(reference: str) -> None:
    """Refuses a sheet that declares more rows or columns than are read."""
    last = reference.rpartition(":")[2]
    try:
        rows, columns = _position(last)
    except ValueError:
        return  # a malformed declaration: the rows themselves are checked
    if rows > max_sheet_rows() or columns > MAX_COLUMNS:
        raise SpreadsheetError(
            _(
                "The sheet says it spans %(range)s, more than the %(rows)d rows and "
                "%(columns)d columns a participants file may have. Copy the participants "
                "into a new sheet and upload that."
            )
            % {"range": reference, "rows": max_sheet_rows(), "columns": MAX_COLUMNS}
        )


class _SheetScan:
    """Counts a worksheet's rows and cells as expat reports their start tags; builds
    nothing, so a sheet of any size is looked through in constant memory."""

    def __init__(self):
        self.row = self.column = self.cells = self.filled_rows = 0
        self.last_filled_row = 0
        self.cell = ""

    def start(self, name: str, attributes: dict) -> None:
        tag = name.rpartition(":")[2]  # the same with or without a namespace prefix
        if tag == "c":
            self.start_cell(attributes.get("r"))
        elif tag == "row":
            reference = attributes.get("r", "")
            self.row = int(reference) if reference.isdigit() else self.row + 1
            self.column = 0
            if self.row > max_sheet_rows():
                raise too_many_rows() if self.filled_rows > 1 + MAX_ROWS else too_many_empty_rows()
        elif tag == "f":
            raise SpreadsheetError(
                _(
                    "Cell %(cell)s holds a formula; a participants file takes plain values. "
                    "Copy the sheet, paste it as values only, and upload it again."
                )
                % {"cell": self.cell}
            )
        elif tag == "dimension":
            _check_dimension(attributes.get("ref", ""))

    def start_cell(self, reference: str | None) -> None:
        self.column = _position(reference)[1] if reference else self.column + 1
        if self.column > MAX_COLUMNS:
            raise too_wide(self.row, self.column)
        self.cell = reference or f"{get_column_letter(self.column)}{self.row}"
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise too_many_cells()
        if self.last_filled_row != self.row:
            self.filled_rows += 1
            self.last_filled_row = self.row


def xlsx_scan_sheet(source) -> None:
    """Looks through a worksheet's XML (a binary file object) as a stream and refuses it
    at the first thing beyond the limits: a declared size, a row too far down, a cell
    too far right, too many cells, or a formula."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = _SheetScan().start
    try:
        parser.ParseFile(source)
    except (expat.ExpatError, ValueError) as exc:
        raise damaged_xlsx() from exc
