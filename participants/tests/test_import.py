import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from participants import sheet_limits, spreadsheets
from participants.importing import (
    ImportProblem,
    participant_import_apply,
    participant_import_preview,
    participant_import_store,
)
from participants.models import (
    Organization,
    Participant,
    ParticipantImport,
    Registration,
    RegistrationChange,
)
from participants.spreadsheets import HEADERS, SpreadsheetError, csv_bytes, read_table
from participants.tests.factories import (
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
    import_table,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    ["Ms.", "Ana", "Silva", "ana.silva@example.org", "Counsellor", "Government", "GH", "", "", ""],
    ["Mr.", "Kofi", "Mensah", "kofi@example.org", "", "government", "Ghana", "", "Head", ""],
    ["Dr.", "Mei", "Chen", "", "Researcher", "Academia", "", "New Institute", "", "Confirmed"],
    [
        "",
        "Omar",
        "Farah",
        "omar@example.org",
        "",
        "International organization",
        "",
        "UNHCR",
        "",
        "",
    ],
]


@pytest.fixture
def meeting(ghana):
    OrganizationFactory(name="UNHCR", kind="international_organization")
    return MeetingFactory()


def table(rows, headers=HEADERS):
    return [list(headers), *rows]


def run(meeting, rows, commit=True, **kwargs):
    if commit:
        return import_table(meeting=meeting, table=table(rows, **kwargs))
    return participant_import_preview(meeting=meeting, table=table(rows, **kwargs))


def snapshot():
    return (
        list(Participant.objects.order_by("pk").values()),
        list(Registration.objects.order_by("pk").values()),
        list(Organization.objects.order_by("pk").values()),
        RegistrationChange.objects.count(),
    )


def test_import_creates_people_registrations_and_organizations(meeting, ghana):
    preview = run(meeting, GOOD_ROWS)

    assert preview.written
    assert preview.problems == []
    assert (preview.rows, preview.people_to_create, preview.registrations_to_create) == (4, 4, 4)
    assert preview.organizations_to_create == 1
    kofi = Registration.objects.get(participant__email="kofi@example.org")
    assert (kofi.member_state, kofi.role, kofi.status) == (
        ghana,
        "head_of_delegation",
        "registered",
    )
    chen = Registration.objects.get(participant__last_name="Chen")
    assert (chen.category, chen.organization.name, chen.status) == (
        "academia",
        "New Institute",
        "confirmed",
    )
    assert chen.role == "observer"  # the default for non-government participants
    new_institute = Organization.objects.get(name="New Institute")
    assert (new_institute.kind, new_institute.acronym, new_institute.country) == (
        "academia",
        "",
        "",
    )
    assert RegistrationChange.objects.filter(action="imported").count() == 4


def test_preview_writes_nothing(meeting):
    before = snapshot()

    preview = run(meeting, GOOD_ROWS, commit=False)

    assert preview.people_to_create == 4
    assert not preview.written
    assert snapshot() == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(meeting):
    run(meeting, GOOD_ROWS)
    before = snapshot()

    again = run(meeting, GOOD_ROWS)

    assert not again.written
    assert again.unchanged == 4
    assert again.changes == 0
    assert snapshot() == before


def test_a_file_with_bad_rows_writes_nothing_at_all(meeting):
    rows = [
        *GOOD_ROWS,
        ["", "", "Nameless", "x@example.org", "", "Government", "GH", "", "", ""],
        ["", "Bad", "Email", "not-an-email", "", "Government", "GH", "", "", ""],
        ["", "No", "Country", "nc@example.org", "", "Government", "", "", "", ""],
        ["", "Wrong", "Country", "wc@example.org", "", "Government", "Atlantis", "", "", ""],
        ["", "Wrong", "Category", "wcat@example.org", "", "Diplomat", "", "", "", ""],
        ["", "No", "Org", "norg@example.org", "", "NGO", "", "", "", ""],
        ["", "Bad", "Role", "role@example.org", "", "Other", "", "", "Chair", ""],
        ["", "Dup", "Licate", "ANA.SILVA@example.org", "", "Government", "GH", "", "", ""],
    ]
    before = snapshot()

    preview = run(meeting, rows)

    assert not preview.written
    assert snapshot() == before
    assert [(p.row, p.column) for p in preview.problems] == [
        (6, "First name"),
        (7, "Email"),
        (8, "Country"),
        (9, "Country"),
        (10, "Category"),
        (11, "Organization"),
        (12, "Role"),
        (13, "Email"),
    ]
    messages = {p.row: p.message for p in preview.problems}
    assert messages[9] == "“Atlantis” is not a member or observer state in the register."
    assert messages[13] == "Same person as row 2."
    assert messages[10].startswith("“Diplomat” is not a category. Use one of: Government,")


def test_cells_longer_than_the_register_keeps_are_problems_and_nothing_is_written(meeting):
    long_email = "a" * 64 + "@" + ".".join(["b" * 61] * 3) + ".info"  # 255 characters
    rows = [
        ["H" * 33, "F" * 101, "L" * 101, long_email, "J" * 256, "Academia", "", "O" * 256, "", ""],
        # The limits themselves are fine; an organization's spaces are tidied first.
        [
            "H" * 32,
            "F" * 100,
            "L" * 100,
            "",
            "J" * 255,
            "Academia",
            "",
            "O" * 127 + "   " + "O" * 127,
            "",
            "",
        ],
    ]
    before = snapshot()

    preview = run(meeting, rows)

    assert not preview.written
    assert snapshot() == before
    assert preview.organizations_to_create == 1  # the second row's, not the first's
    assert [(p.row, p.column, p.message) for p in preview.problems] == [
        (2, "Honorific", "At most 32 characters; this cell has 33."),
        (2, "First name", "At most 100 characters; this cell has 101."),
        (2, "Last name", "At most 100 characters; this cell has 101."),
        (2, "Email", "At most 254 characters; this cell has 255."),
        (2, "Job title", "At most 255 characters; this cell has 256."),
        (2, "Organization", "At most 255 characters; this cell has 256."),
    ]


def test_missing_and_unknown_columns_are_reported_on_row_1(meeting):
    preview = run(meeting, [["Ana", "x"]], headers=["First name", "Shoe size"])

    assert preview.problems == [
        ImportProblem(
            1,
            "Shoe size",
            "This column is not one of the template's: Honorific, First name, Last name, "
            "Email, Job title, Category, Country, Organization, Role, Status.",
        ),
        ImportProblem(1, "Last name", "The file has no such column; it is required."),
        ImportProblem(1, "Category", "The file has no such column; it is required."),
    ]


def test_existing_people_are_updated_by_non_empty_cells_only(meeting):
    person = ParticipantFactory(
        email="ana.silva@example.org", first_name="Ana", last_name="Silva", honorific="Dr."
    )
    rows = [
        ["", "Ana", "Silva", "Ana.Silva@example.org", "Minister", "Government", "GH", "", "", ""]
    ]

    preview = run(meeting, rows)

    assert (preview.people_to_create, preview.people_to_update) == (0, 1)
    person.refresh_from_db()
    assert (person.honorific, person.job_title) == ("Dr.", "Minister")


def test_people_without_email_are_found_by_name_and_organization(meeting):
    unhcr = Organization.objects.get(name="UNHCR")
    earlier = RegistrationFactory(
        category="international_organization",
        organization=unhcr,
        participant__first_name="Omar",
        participant__last_name="Farah",
        participant__email="",
    )
    rows = [["", "omar", "FARAH", "", "", "International organization", "", "unhcr", "", ""]]

    preview = run(meeting, rows)

    assert (preview.people_to_create, preview.registrations_to_create) == (0, 1)
    assert Registration.objects.get(meeting=meeting).participant == earlier.participant


def test_an_import_changes_a_registration_only_where_the_file_says_so(meeting):
    run(meeting, GOOD_ROWS)
    Registration.objects.filter(participant__email="kofi@example.org").update(status="attended")
    rows = [GOOD_ROWS[0], [*GOOD_ROWS[1][:8], "Delegate", ""]]

    preview = run(meeting, rows)

    kofi = Registration.objects.get(participant__email="kofi@example.org")
    assert preview.registrations_to_update == 1
    assert (kofi.role, kofi.status) == ("delegate", "attended")  # empty status: unchanged
    assert kofi.changes.last().changes == {"role": ["head_of_delegation", "delegate"]}


def test_text_with_tabs_backslashes_and_quotes_survives_the_bulk_write(meeting):
    rows = [
        ["", 'Jean "JJ"', "O'Neil\\Tab\there", "jj@example.org", "A\nB", "Other", "", "", "", ""]
    ]

    run(meeting, rows)

    person = Participant.objects.get(email="jj@example.org")
    assert (person.first_name, person.last_name, person.job_title) == (
        'Jean "JJ"',
        "O'Neil\\Tab\there",
        "A\nB",
    )


def test_csv_with_semicolons_and_windows_encoding_is_read():
    content = "First name;Last name;Category\r\nRené;Müller;Other\r\n".encode("cp1252")

    assert read_table(content) == [
        ["First name", "Last name", "Category"],
        ["René", "Müller", "Other"],
    ]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_files_import_like_csv(meeting):
    preview = import_table(meeting=meeting, table=read_table(xlsx(GOOD_ROWS)))

    assert preview.written
    assert Registration.objects.filter(meeting=meeting).count() == 4


def upload(client, meeting, content, name="participants.csv"):
    return client.post(
        reverse("participants:import_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_web_import_previews_then_writes_on_confirmation(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    uploaded = upload(client, meeting, csv_bytes(GOOD_ROWS))
    preview_url = uploaded["Location"]
    preview = client.get(preview_url)

    assert Registration.objects.count() == 0
    assert 'data-testid="registrations-to-create">4<' in preview.content.decode()
    confirmed = client.post(preview_url)
    assert confirmed.status_code == 302
    assert Registration.objects.filter(meeting=meeting, created_by=secretariat_user).count() == 4
    stored = ParticipantImport.objects.get()
    assert stored.applied_at is not None
    assert stored.rows == []  # the people's data now lives in the register only
    client.post(preview_url)  # a second click
    assert Registration.objects.count() == 4


def test_a_stored_file_is_applied_once_even_if_confirmed_twice(meeting, secretariat_user):
    rows = [row[:3] + [""] + row[4:] for row in GOOD_ROWS]  # nobody has an email
    stored = participant_import_store(
        meeting=meeting, file_name="participants.csv", table=table(rows), by=secretariat_user
    )

    first = participant_import_apply(pk=stored.pk, meeting=meeting, by=secretariat_user)
    before = snapshot()
    second = participant_import_apply(pk=stored.pk, meeting=meeting, by=secretariat_user)

    assert not first.already_imported
    assert (first.preview.written, first.preview.registrations_to_create) == (True, 4)
    assert second.already_imported
    assert second.preview is None
    assert snapshot() == before
    assert Registration.objects.filter(meeting=meeting, created_by=secretariat_user).count() == 4
    stored.refresh_from_db()
    assert stored.applied_at is not None
    assert stored.rows == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no row locks: it serializes writers"
)
def test_two_confirmations_at_the_same_moment_import_the_file_once(secretariat_user):
    meeting = MeetingFactory()
    rows = [["", "Mei", "Chen", "", "", "Academia", "", "New Institute", "", ""]]
    stored = participant_import_store(
        meeting=meeting, file_name="p.csv", table=table(rows), by=secretariat_user
    )
    start = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            start.wait()
            outcomes.append(
                participant_import_apply(pk=stored.pk, meeting=meeting, by=secretariat_user)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcome.already_imported for outcome in outcomes) == [False, True]
    assert Registration.objects.filter(meeting=meeting).count() == 1
    assert Participant.objects.filter(last_name="Chen").count() == 1


def test_a_stored_file_with_bad_rows_stays_unapplied(meeting, secretariat_user):
    rows = [["", "Bad", "Row", "", "", "Government", "Atlantis", "", "", ""]]
    stored = participant_import_store(
        meeting=meeting, file_name="bad.csv", table=table(rows), by=secretariat_user
    )

    outcome = participant_import_apply(pk=stored.pk, meeting=meeting, by=secretariat_user)

    assert not outcome.already_imported
    assert [(p.row, p.column) for p in outcome.preview.problems] == [(2, "Country")]
    stored.refresh_from_db()
    assert (stored.applied_at, stored.rows) == (None, table(rows))
    assert Registration.objects.count() == 0


def test_a_stored_file_is_applied_only_to_its_own_meeting(meeting, secretariat_user):
    stored = participant_import_store(
        meeting=meeting, file_name="p.csv", table=table(GOOD_ROWS), by=secretariat_user
    )

    with pytest.raises(ParticipantImport.DoesNotExist):
        participant_import_apply(pk=stored.pk, meeting=MeetingFactory(), by=secretariat_user)

    assert Registration.objects.count() == 0


def test_web_import_with_bad_rows_shows_them_and_confirming_writes_nothing(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    rows = [*GOOD_ROWS, ["", "Bad", "Row", "", "", "Government", "Atlantis", "", "", ""]]

    preview_url = upload(client, meeting, csv_bytes(rows))["Location"]
    page = client.get(preview_url).content.decode()
    confirmed = client.post(preview_url)

    assert "“Atlantis” is not a member or observer state in the register." in page
    assert "<td>6</td><td>Country</td>" in page
    assert confirmed.status_code == 200
    assert Registration.objects.count() == 0


def test_an_unreadable_file_is_refused_with_a_message(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    response = upload(client, meeting, b"\xd0\xcf\x11\xe0rest-of-an-old-xls", "old.xls")

    assert "old Excel (.xls) file" in response.content.decode()
    assert ParticipantImport.objects.count() == 0


def test_a_truncated_xlsx_file_is_refused_with_a_message(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    content = xlsx(GOOD_ROWS)

    response = upload(client, meeting, content[: len(content) // 2], "participants.xlsx")

    assert response.status_code == 200
    assert "The XLSX file cannot be read; is it damaged?" in response.content.decode()
    assert ParticipantImport.objects.count() == 0


@pytest.mark.parametrize("content", [xlsx, csv_bytes], ids=["xlsx", "csv"])
def test_a_file_with_too_many_rows_is_refused_without_reading_it_all(monkeypatch, content):
    monkeypatch.setattr(sheet_limits, "MAX_ROWS", 3)
    read = []
    real_cell_text = spreadsheets._cell_text
    monkeypatch.setattr(
        spreadsheets, "_cell_text", lambda value: read.append(value) or real_cell_text(value)
    )
    rows = [[f"First {n}", f"Last {n}", "Other"] for n in range(1, 101)]

    with pytest.raises(SpreadsheetError) as raised:
        read_table(content(rows))

    assert str(raised.value) == "The file has more than 3 rows; import at most 3 at a time."
    if content is xlsx:  # the header and rows 1 to 4 only, each as long as its cells
        assert len(read) == len(HEADERS) + 4 * 3


def test_empty_rows_after_the_last_allowed_row_are_no_reason_to_refuse(monkeypatch):
    monkeypatch.setattr(sheet_limits, "MAX_ROWS", 3)
    rows = [[f"First {n}", f"Last {n}", "Other"] for n in range(1, 4)]

    assert read_table(xlsx([*rows, *[[""]] * 50])) == [
        HEADERS,
        *(row + [""] * (len(HEADERS) - 3) for row in rows),
    ]
    with pytest.raises(SpreadsheetError):
        read_table(xlsx([*rows, [], [], ["", "Late", "Row"]]))


def test_import_template_has_the_documented_columns(client, secretariat_user):
    client.force_login(secretariat_user)

    csv_template = client.get(reverse("participants:import_template", args=["csv"]))
    xlsx_template = client.get(reverse("participants:import_template", args=["xlsx"]))

    assert read_table(csv_template.content) == [HEADERS]
    workbook = load_workbook(io.BytesIO(xlsx_template.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    assert workbook.worksheets[1]["A2"].value == "Honorific"


def test_command_dry_run_prints_the_preview_and_writes_nothing(meeting, tmp_path):
    path = tmp_path / "participants.csv"
    path.write_bytes(csv_bytes(GOOD_ROWS))
    out = io.StringIO()

    call_command("import_participants", str(meeting.pk), str(path), "--dry-run", stdout=out)

    assert "New registrations: 4" in out.getvalue()
    assert "Dry run: nothing was written." in out.getvalue()
    assert Registration.objects.count() == 0


def test_command_imports_and_reports_bad_rows(meeting, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes(GOOD_ROWS))
    bad.write_bytes(csv_bytes([["", "X", "Y", "", "", "Alien", "", "", "", ""]]))
    out = io.StringIO()

    call_command("import_participants", str(meeting.pk), str(good), stdout=out)
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_participants", str(meeting.pk), str(bad), stdout=out)

    assert "The file is imported." in out.getvalue()
    assert "Problem at row 2, column Category: “Alien” is not a category." in out.getvalue()
    assert Registration.objects.count() == 4


def test_command_refuses_an_unknown_meeting(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(csv_bytes([]))

    with pytest.raises(CommandError, match="There is no meeting with id 999999."):
        call_command("import_participants", "999999", str(path))
