"""Values a focal point or a file can plant never run as formulas in an export."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from participants.models import Participant
from participants.spreadsheets import HEADERS, csv_bytes, read_table, xlsx_bytes
from participants.tests.factories import RegistrationFactory, import_table
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PLANTED = {
    "honorific": "@SUM(A1)",
    "first_name": '=HYPERLINK("http://evil.example","Ana")',
    "last_name": "+1+1",
    "job_title": "-2",
}


@pytest.fixture
def meeting(ghana):
    meeting = MeetingFactory()
    RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        participant__email="planted@example.org",
        **{f"participant__{name}": value for name, value in PLANTED.items()},
    )
    return meeting


def export(client, meeting, format):
    return client.get(reverse("participants:registration_export", args=[meeting.pk, format]))


def test_csv_export_writes_planted_formulas_as_text(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    rows = list(csv.reader(io.StringIO(export(client, meeting, "csv").content.decode("utf-8-sig"))))

    assert rows[1][:5] == [
        "'@SUM(A1)",
        '\'=HYPERLINK("http://evil.example","Ana")',
        "'+1+1",
        "planted@example.org",
        "'-2",
    ]


def test_xlsx_export_writes_string_cells_never_formulas(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    sheet = load_workbook(io.BytesIO(export(client, meeting, "xlsx").content)).worksheets[0]

    cells = list(sheet.iter_rows(min_row=2, max_row=2))[0]
    assert [cell.value for cell in cells[:5]] == [
        "'@SUM(A1)",
        '\'=HYPERLINK("http://evil.example","Ana")',
        "'+1+1",
        "planted@example.org",
        "'-2",
    ]
    assert {cell.data_type for cell in cells if cell.value is not None} == {"s"}


def test_xlsx_cells_are_strings_even_for_error_codes_and_control_characters():
    content = xlsx_bytes([["#N/A", "Ana\x01", "Silva"]])

    cells = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(min_row=2))[0]

    assert [(cell.value, cell.data_type) for cell in cells[:3]] == [
        ("#N/A", "s"),
        ("Ana", "s"),
        ("Silva", "s"),
    ]


@pytest.mark.parametrize("write", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_an_export_with_planted_values_imports_back_unchanged(write, meeting):
    registration = meeting.registrations.get()
    rows = [
        [
            *(PLANTED["honorific"], PLANTED["first_name"], PLANTED["last_name"]),
            *("planted@example.org", PLANTED["job_title"], "Government", "Ghana"),
            *("", "Delegate", "Registered"),
        ]
    ]

    preview = import_table(meeting=meeting, table=read_table(write(rows)))

    assert (preview.ok, preview.changes, preview.unchanged) == (True, 0, 1)
    person = Participant.objects.get(pk=registration.participant_id)
    assert {name: getattr(person, name) for name in PLANTED} == PLANTED


def test_import_keeps_a_leading_tab_in_front_of_a_formula(ghana):
    meeting = MeetingFactory()
    table = [HEADERS, ["", "\t=1+1", "Silva", "", "", "Government", "GH", "", "", ""]]

    import_table(meeting=meeting, table=table)

    assert Participant.objects.get().first_name == "\t=1+1"
