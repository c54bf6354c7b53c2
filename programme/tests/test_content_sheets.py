"""A year's texts go out to translators as a workbook and come back, all or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from programme.tests.factories import AgendaFactory, SessionFactory
from themes.models import ConsultationChange
from themes.tests.factories import ClosedConsultationFactory, ProposalFactory
from workshops.models import Meeting
from workshops.tests.factories import DialogueYearFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PAGE = "/meetings/years/2010/texts/"
EXPORT = "/meetings/years/2010/texts.xlsx"


@pytest.fixture
def year_texts():
    year = DialogueYearFactory(year=2010, overarching_theme="Migration and social change")
    meeting = MeetingFactory(
        dialogue_year=year, title="Migration and transnationalism", venue="Geneva"
    )
    agenda = AgendaFactory(meeting=meeting, status="published", published_at=timezone.now())
    session = SessionFactory(agenda=agenda, title="Opening session")
    # The 2010 consultation chose the theme of 2011: it is among 2010's texts.
    consultation = ClosedConsultationFactory(
        title="Overarching theme of IDM 2011",
        opens_at=timezone.make_aware(datetime.datetime(2010, 4, 16, 9)),
        closes_at=timezone.make_aware(datetime.datetime(2010, 5, 31, 18)),
    )
    proposal = ProposalFactory(
        consultation=consultation, position=1, title="Migration and human security"
    )
    return {"meeting": meeting, "session": session, "proposal": proposal}


def _workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def _set(sheet, header: str, row: int, value: str) -> None:
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=row, column=headers.index(header) + 1, value=value)


def _upload(client, book, name="idm-2010-texts.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile(name, buffer.getvalue())
    return client.post(PAGE, {"file": file})


def test_the_export_has_a_sheet_per_kind_and_a_column_per_language(
    client, secretariat_user, year_texts
):
    client.force_login(secretariat_user)

    response = client.get(EXPORT)
    book = _workbook(response.content)

    assert response["Content-Disposition"] == 'attachment; filename="idm-2010-texts.xlsx"'
    assert book.sheetnames == ["Dialogue year", "Meetings", "Sessions", "Consultations"] + [
        "Proposals"
    ]
    meetings = [[cell.value for cell in row] for row in book["Meetings"].iter_rows()]
    assert meetings[0] == [
        "id",
        "start date",
        *("title (en)", "title (fr)", "title (es)"),
        *("venue (en)", "venue (fr)", "venue (es)"),
        *("description (en)", "description (fr)", "description (es)"),
    ]
    assert meetings[1][:6] == [
        str(year_texts["meeting"].pk),
        "2010-03-09",
        "Migration and transnationalism",
        None,
        None,
        "Geneva",
    ]
    proposals = [[cell.value for cell in row] for row in book["Proposals"].iter_rows()]
    assert proposals[1][:4] == [
        str(year_texts["proposal"].pk),
        "Overarching theme of IDM 2011",
        "1",
        "Migration and human security",
    ]


def test_round_trip_translators_fill_french_and_a_french_reader_sees_it(
    client, secretariat_user, year_texts
):
    client.force_login(secretariat_user)
    book = _workbook(client.get(EXPORT).content)
    _set(book["Dialogue year"], "overarching_theme (fr)", 2, "Migration et changement social")
    _set(book["Meetings"], "title (fr)", 2, "Migration et transnationalisme")
    _set(book["Meetings"], "venue (es)", 2, "Ginebra")
    _set(book["Sessions"], "title (fr)", 2, "Séance d'ouverture")
    _set(book["Proposals"], "title (fr)", 2, "Migration et sécurité humaine")

    preview = _upload(client, book)
    page = preview.content.decode()
    token = preview.context["token"]
    untouched = Meeting.objects.get()
    confirmed = client.post(PAGE, {"changes": token})

    assert "Migration et transnationalisme" in page
    assert "title (fr)" in page
    assert untouched.title_fr is None  # nothing is saved by the preview
    assert confirmed.status_code == 302
    meeting = year_texts["meeting"]
    french = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    spanish = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Migration et transnationalisme" in french
    assert "Migration et changement social" in french
    assert "Séance d&#x27;ouverture" in french
    assert "Ginebra" in spanish
    assert "Migration and transnationalism" in spanish  # no Spanish title: the original
    proposal = year_texts["proposal"]
    proposal.refresh_from_db()
    assert proposal.title_fr == "Migration et sécurité humaine"
    # A closed ballot takes translations; its history says so.
    change = ConsultationChange.objects.filter(action="proposal_changed").get()
    assert change.changes == {
        "proposal": "Migration and human security",
        "title_fr": ["", "Migration et sécurité humaine"],
    }


def test_a_bad_file_says_what_is_wrong_in_each_cell_and_changes_nothing(
    client, secretariat_user, year_texts
):
    client.force_login(secretariat_user)
    book = _workbook(client.get(EXPORT).content)
    meetings = book["Meetings"]
    _set(meetings, "title (fr)", 2, "Migration et transnationalisme")  # fine on its own
    _set(meetings, "venue (fr)", 2, "G" * 300)
    _set(book["Sessions"], "title (en)", 2, "Opening session, edited by the translator")
    _set(book["Proposals"], "id", 2, "99999")

    response = _upload(client, book)

    assert response.context["cell_errors"] == [
        "Meetings, cell G2: 300 characters; at most 255 fit.",
        "Sessions, cell D2: the English text differs from the portal's (“Opening session”). "
        "The original is changed on the portal's pages; export the file again to translate "
        "the new text.",
        "Proposals, cell A2: “99999” is not the id of one of this year's rows; keep the ids "
        "of the export.",
    ]
    assert "Nothing is imported: correct these cells and upload again." in (
        response.content.decode()
    )
    assert "token" not in response.context
    assert Meeting.objects.get().title_fr is None


def test_a_file_that_is_no_export_is_refused_with_a_message(client, secretariat_user, year_texts):
    client.force_login(secretariat_user)
    other = Workbook()
    other.active.title = "Participants"

    not_xlsx = client.post(PAGE, {"file": SimpleUploadedFile("notes.xlsx", b"plain text")})
    wrong_sheets = _upload(client, other)

    assert not_xlsx.context["form"].errors["file"] == [
        "This is not an XLSX workbook: upload the file the export gave, saved as .xlsx."
    ]
    assert wrong_sheets.context["form"].errors["file"] == [
        "The workbook has none of the sheets of the export (Dialogue year, Meetings, "
        "Sessions, Consultations, Proposals)."
    ]


def test_a_refusal_while_saving_undoes_the_whole_file(client, secretariat_user, year_texts):
    """Two meetings may not share a French title on the same day: the second row is
    refused by the meeting service, and the first row's translation is undone too."""
    client.force_login(secretariat_user)
    other = MeetingFactory(dialogue_year=year_texts["meeting"].dialogue_year, title="Another")
    book = _workbook(client.get(EXPORT).content)
    _set(book["Dialogue year"], "overarching_theme (fr)", 2, "Migration et changement social")
    _set(book["Meetings"], "title (fr)", 2, "Même titre")
    _set(book["Meetings"], "title (fr)", 3, "Même titre")
    token = _upload(client, book).context["token"]

    response = client.post(PAGE, {"changes": token}, follow=True)

    message = str(list(response.context["messages"])[0])
    assert message.startswith("Nothing is imported. Meetings, id ")
    assert "This year already has a meeting with this title on this date." in message
    assert list(Meeting.objects.values_list("title_fr", flat=True)) == [None, None]
    other.dialogue_year.refresh_from_db()
    assert other.dialogue_year.overarching_theme_fr is None


def test_a_forged_or_stale_preview_is_refused(client, secretariat_user, year_texts):
    client.force_login(secretariat_user)

    response = client.post(PAGE, {"changes": "forged"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "This preview has expired; upload the file again."
    ]


def test_only_the_secretariat_exports_and_imports(client, focal_point, year_texts):
    client.force_login(focal_point)

    assert client.get(EXPORT).status_code == 403
    assert client.get(PAGE).status_code == 403
