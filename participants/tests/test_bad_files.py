"""Hostile or broken participants files: each is refused with a message, in little memory,
and nothing is written, whether uploaded or given to the import command."""

import io
import random
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from participants import sheet_limits
from participants.models import Organization, Participant, ParticipantImport, Registration
from participants.spreadsheets import HEADERS, SpreadsheetError, csv_bytes, read_table
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

MEMORY_LIMIT = 100 * 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
HEADER_ROW = "".join(
    f'<c r="{chr(65 + n)}1" t="inlineStr"><is><t>{header}</t></is></c>'
    for n, header in enumerate(HEADERS)
)


def xlsx_with_sheet(rows_xml, dimension="A1:J2") -> bytes:
    """A real workbook whose first sheet's XML is replaced by the header and `rows_xml`
    (an iterable of XML text, written to the ZIP as a stream)."""
    workbook = Workbook()
    workbook.active.append(HEADERS)
    original = io.BytesIO()
    workbook.save(original)
    crafted = io.BytesIO()
    with (
        zipfile.ZipFile(original) as source,
        zipfile.ZipFile(crafted, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            if member.filename != SHEET:
                target.writestr(member, source.read(member))
        with target.open(SHEET, "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + f'<dimension ref="{dimension}"/><sheetData><row r="1">{HEADER_ROW}</row>'.encode()
            )
            for chunk in rows_xml:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return crafted.getvalue()


def dimension_bomb() -> bytes:
    """1.5 KB that declare the whole sheet, with its last cell filled."""
    return xlsx_with_sheet(
        ['<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'], dimension="A1:XFD1048576"
    )


def empty_rows(dimension: str) -> bytes:
    return xlsx_with_sheet((f'<row r="{n}"/>' for n in range(2, 300_002)), dimension=dimension)


def far_row() -> bytes:
    """One cell on the sheet's last row: readers fill in the million rows before it."""
    return xlsx_with_sheet(['<row r="1048576"><c r="A1048576"><v>1</v></c></row>'])


def wide_rows(dimension: str) -> bytes:
    """20,000 rows whose last cell is in column XFD, the sheet's last."""
    return xlsx_with_sheet(
        (
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Ana</t></is></c>'
            f'<c r="XFD{n}"><v>1</v></c></row>'
            for n in range(2, 20_002)
        ),
        dimension=dimension,
    )


def many_cells() -> bytes:
    return xlsx_with_sheet(
        f'<row r="{n}">{"".join(f"<c><v>{c}</v></c>" for c in range(20))}</row>'
        for n in range(2, 20_002)
    )


def formula_cells() -> bytes:
    return xlsx_with_sheet(['<row r="2"><c r="A2" t="str"><f>1+1</f><v>2</v></c></row>'])


def formula_from_a_spreadsheet() -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADERS)
    workbook.active.append(["", '=HYPERLINK("http://x.example")', "Silva", "", "", "Other"])
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def random_bytes() -> bytes:
    return random.Random(14).randbytes(64 * 1024)


def zip_of_random_bytes() -> bytes:
    return b"PK\x03\x04" + random.Random(3).randbytes(4096)


def utf16_csv() -> bytes:
    return "\t".join(HEADERS).encode("utf-16") + "\nAna\tSilva".encode("utf-16-le")


def csv_empty_row_bomb() -> bytes:
    return ",".join(HEADERS).encode() + b"\n" * 5_000_000


def csv_wide_row() -> bytes:
    return ",".join(HEADERS).encode() + b"\n" + b"x," * 60 + b"\n"


def csv_long_line() -> bytes:
    return ",".join(HEADERS).encode() + b"\n" + b"," * 2_000_000


def csv_too_big() -> bytes:
    return csv_bytes([["", "Ana", "Silva", "", "x" * 200, "Other"]] * 50_000)


BAD_FILES = {
    "random bytes": (random_bytes, "This is not a CSV or XLSX file."),
    "damaged zip": (zip_of_random_bytes, "The XLSX file cannot be read; is it damaged?"),
    "dimension bomb": (dimension_bomb, "The sheet says it spans A1:XFD1048576"),
    "empty-row bomb": (
        lambda: empty_rows("A1:J300001"),
        "The sheet says it spans A1:J300001, more than the 21001 rows and 50 columns",
    ),
    "empty-row bomb, small dimension": (
        lambda: empty_rows("A1:J2"),
        "The sheet goes on beyond row 21001 with empty rows",
    ),
    "one far row": (far_row, "The sheet goes on beyond row 21001"),
    "wide rows": (lambda: wide_rows("A1:XFD20001"), "The sheet says it spans A1:XFD20001"),
    "wide rows, small dimension": (
        lambda: wide_rows("A1:J2"),
        "Row 2 reaches column 16384; at most 50 columns are read.",
    ),
    "too many cells": (many_cells, "The file has more than 300000 cells"),
    "formula cell": (formula_cells, "Cell A2 holds a formula"),
    "formula from a spreadsheet": (formula_from_a_spreadsheet, "Cell B2 holds a formula"),
    "utf-16 csv": (utf16_csv, "This CSV file is in UTF-16"),
    "csv empty-row bomb": (csv_empty_row_bomb, "The sheet goes on beyond row 21001"),
    "csv wide row": (csv_wide_row, "Row 2 reaches column 60; at most 50 columns are read."),
    "csv long line": (csv_long_line, "Line 2 is longer than 20000 characters"),
    "csv over 10 MB": (csv_too_big, "The file is larger than 10 MB."),
}


@pytest.fixture(params=list(BAD_FILES), scope="module")
def bad_file(request):
    build, message = BAD_FILES[request.param]
    return build(), message


def test_each_bad_file_is_refused_with_its_message_in_little_memory(bad_file):
    content, message = bad_file
    tracemalloc.start()
    try:
        with pytest.raises(SpreadsheetError) as raised:
            read_table(content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert message in str(raised.value)
    assert peak < MEMORY_LIMIT


def register():
    return (
        ParticipantImport.objects.count(),
        Participant.objects.count(),
        Registration.objects.count(),
        Organization.objects.count(),
    )


def test_each_bad_file_uploaded_is_refused_and_nothing_is_kept(client, secretariat_user, bad_file):
    content, message = bad_file
    meeting = MeetingFactory()
    client.force_login(secretariat_user)

    response = client.post(
        reverse("participants:import_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("participants.xlsx", content)},
    )

    assert response.status_code == 200
    assert message.split("“")[0] in response.content.decode().replace("&#x27;", "'")
    assert register() == (0, 0, 0, 0)


def test_each_bad_file_given_to_the_command_is_refused_and_nothing_is_written(tmp_path, bad_file):
    content, message = bad_file
    meeting = MeetingFactory()
    path = tmp_path / "participants.xlsx"
    path.write_bytes(content)

    with pytest.raises(CommandError) as raised:
        call_command("import_participants", str(meeting.pk), str(path), stdout=io.StringIO())

    assert message in str(raised.value)
    assert register() == (0, 0, 0, 0)


def test_the_command_refuses_a_file_over_the_limit_before_reading_it(tmp_path, monkeypatch):
    meeting = MeetingFactory()
    path = tmp_path / "participants.csv"
    path.write_bytes(csv_bytes([["", "Ana", "Silva", "", "", "Other"]]))
    monkeypatch.setattr(sheet_limits, "MAX_FILE_BYTES", path.stat().st_size - 1)
    monkeypatch.setattr(
        "participants.management.commands.import_participants.MAX_FILE_BYTES",
        path.stat().st_size - 1,
    )
    read = []
    monkeypatch.setattr(
        "participants.management.commands.import_participants.read_table", read.append
    )

    with pytest.raises(CommandError, match="The file is larger than 0 MB."):
        call_command("import_participants", str(meeting.pk), str(path), stdout=io.StringIO())

    assert read == []


def test_a_file_within_the_limits_with_a_false_small_dimension_is_read_whole():
    content = xlsx_with_sheet(
        [
            '<row r="2"><c r="B2" t="inlineStr"><is><t>Ana</t></is></c>'
            '<c r="C2" t="inlineStr"><is><t>Silva</t></is></c></row>',
            '<row r="40"><c r="B40" t="inlineStr"><is><t>Kofi</t></is></c></row>',
        ],
        dimension="A1:A1",
    )

    rows = read_table(content)

    assert len(rows) == 40
    assert rows[1][1:3] == ["Ana", "Silva"]
    assert rows[39][1] == "Kofi"


def test_text_among_empty_rows_below_the_last_allowed_row_is_too_many_rows():
    rows = [["", "Ana", "Silva", "", "", "Other"]] + [[]] * 20_500 + [["", "Late", "Row"]]

    with pytest.raises(SpreadsheetError, match="The file has more than 20000 rows"):
        read_table(csv_bytes(rows))
