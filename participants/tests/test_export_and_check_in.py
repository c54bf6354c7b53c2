import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from participants.models import RegistrationChange
from participants.spreadsheets import HEADERS, read_table
from participants.tests.factories import OrganizationFactory, RegistrationFactory, import_table
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(ghana):
    meeting = MeetingFactory()
    RegistrationFactory(
        meeting=meeting,
        member_state=ghana,
        participant__honorific="Ms.",
        participant__first_name="Ama",
        participant__last_name="Mensah",
        participant__email="ama@example.org",
        role="head_of_delegation",
        status="attended",
    )
    RegistrationFactory(
        meeting=meeting,
        category="media",
        organization=OrganizationFactory(name="Radio Geneva", kind="media"),
        participant__first_name="Paul",
        participant__last_name="Dubois",
        participant__email="paul@example.org",
    )
    return meeting


def test_csv_export_follows_the_filters_and_the_template_columns(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("participants:registration_export", args=[meeting.pk, "csv"])

    everyone = read_table(client.get(url).content)
    media = read_table(client.get(url, {"category": "media"}).content)

    assert everyone == [
        HEADERS,
        [
            "",
            "Paul",
            "Dubois",
            "paul@example.org",
            "",
            "Media",
            "",
            "Radio Geneva",
            "Delegate",
            "Registered",
        ],
        [
            "Ms.",
            "Ama",
            "Mensah",
            "ama@example.org",
            "",
            "Government",
            "Ghana",
            "",
            "Head of delegation",
            "Attended",
        ],
    ]
    assert [row[2] for row in media[1:]] == ["Dubois"]


def test_xlsx_export_opens_in_a_spreadsheet(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("participants:registration_export", args=[meeting.pk, "xlsx"]))

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 3
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_an_export_imported_back_changes_nothing(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    exported = client.get(reverse("participants:registration_export", args=[meeting.pk, "csv"]))

    preview = import_table(meeting=meeting, table=read_table(exported.content))

    assert preview.problems == []
    assert (preview.unchanged, preview.changes, preview.written) == (2, 0, False)


def test_check_in_finds_by_name_and_marks_attended_in_one_click(client, meeting, secretariat_user):
    client.force_login(secretariat_user)
    url = reverse("participants:check_in", args=[meeting.pk])

    found = client.get(url, {"q": "dubo"})
    (registration,) = found.context["results"]
    checked = client.post(
        reverse("participants:check_in_action", args=[registration.pk]), {"q": "dubo"}
    )
    again = client.post(
        reverse("participants:check_in_action", args=[registration.pk]), {"q": "dubo"}, follow=True
    )

    assert checked["Location"] == f"{url}?q=dubo"
    registration.refresh_from_db()
    assert registration.status == "attended"
    assert RegistrationChange.objects.filter(registration=registration).count() == 1
    assert "was already checked in" in again.content.decode()
    assert 'data-testid="attended-count">2 of 2 checked in' in again.content.decode()


def test_check_in_search_needs_every_word_and_skips_withdrawn(client, meeting, secretariat_user):
    RegistrationFactory(
        meeting=meeting, status="withdrawn", participant__last_name="Mensah", category="other"
    )
    client.force_login(secretariat_user)
    url = reverse("participants:check_in", args=[meeting.pk])

    assert [
        r.participant.first_name for r in client.get(url, {"q": "mensah"}).context["results"]
    ] == ["Ama"]
    assert client.get(url, {"q": "ama dubois"}).context["results"] == []
    assert client.get(url, {"q": "ghana"}).context["results"][0].participant.first_name == "Ama"


def test_a_withdrawn_registration_is_not_checked_in(client, meeting, secretariat_user):
    withdrawn = RegistrationFactory(
        meeting=meeting,
        status="withdrawn",
        category="other",
        participant__first_name="Kwame",
        participant__last_name="Boateng",
    )
    client.force_login(secretariat_user)

    response = client.post(
        reverse("participants:check_in_action", args=[withdrawn.pk]), follow=True
    )

    withdrawn.refresh_from_db()
    assert withdrawn.status == "withdrawn"
    assert "Kwame Boateng has withdrawn." in response.content.decode()


@pytest.mark.parametrize("rows", [1, 3])
def test_check_in_query_count_does_not_grow_with_results(
    client, secretariat_user, django_assert_num_queries, rows
):
    meeting = MeetingFactory()
    for _ in range(rows):
        RegistrationFactory(meeting=meeting, participant__last_name="Osei")
    client.force_login(secretariat_user)

    # session, user, groups, meeting, counts by status, results
    with django_assert_num_queries(6):
        response = client.get(reverse("participants:check_in", args=[meeting.pk]), {"q": "osei"})

    assert len(response.context["results"]) == rows
