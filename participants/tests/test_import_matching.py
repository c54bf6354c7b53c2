"""Organizations are found however a file writes them; a second import adds nobody again."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from participants.importing import participant_import_preview
from participants.models import Organization, Participant, Registration
from participants.spreadsheets import HEADERS, csv_bytes
from participants.tests.factories import OrganizationFactory, import_table
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(ghana):
    OrganizationFactory(
        name="Organisation for Economic Co-operation and Development", acronym="OECD"
    )
    OrganizationFactory(name="International Labour Organization", acronym="ILO")
    OrganizationFactory(name="Organisation internationale de la Francophonie", acronym="OIF")
    return MeetingFactory()


def row(first, last, category, organization="", email="", country=""):
    return ["", first, last, email, "", category, country, organization, "", ""]


def run(meeting, rows, commit=True):
    if commit:
        return import_table(meeting=meeting, table=[HEADERS, *rows])
    return participant_import_preview(meeting=meeting, table=[HEADERS, *rows])


@pytest.mark.parametrize(
    "written",
    [
        "Organisation for Economic Co-operation and Development (OECD)",
        "organisation for economic co-operation and development",
        "OECD",
        "oecd",
        "ORGANISATION FOR ECONOMIC CO-OPERATION AND DEVELOPMENT",
    ],
)
def test_an_organization_is_found_by_name_acronym_or_as_displayed(meeting, written):
    preview = run(meeting, [row("Ana", "Silva", "International organization", written)])

    assert (preview.ok, preview.organizations_to_create, preview.new_organizations) == (
        True,
        0,
        [],
    )
    assert Registration.objects.get().organization.acronym == "OECD"
    assert Organization.objects.count() == 3


def test_accents_do_not_make_a_new_organization(meeting):
    preview = run(
        meeting,
        [
            row(
                "Ana",
                "Silva",
                "International organization",
                "Organisation Internationale de la Francophonié",
            )
        ],
    )

    assert preview.organizations_to_create == 0
    assert Registration.objects.get().organization.acronym == "OIF"


def test_an_acronym_of_two_organizations_is_a_problem(meeting):
    OrganizationFactory(name="Islamic Lending Office", acronym="ilo")

    preview = run(meeting, [row("Ana", "Silva", "International organization", "ILO")])

    assert [p.message for p in preview.problems] == [
        "“ILO” is the acronym of several organizations; write the full name."
    ]
    assert not Registration.objects.exists()


def test_the_preview_names_the_new_organizations_once(meeting):
    rows = [
        row("Ana", "Silva", "Academia", "Université de Genève"),
        row("Kofi", "Mensah", "Academia", "universite de geneve"),
        row("Mei", "Chen", "Non-governmental organization", "Caritas"),
        row("Omar", "Farah", "International organization", "ILO"),
    ]

    preview = run(meeting, rows, commit=False)

    assert preview.organizations_to_create == 2
    assert preview.new_organizations == ["Caritas", "Université de Genève"]


def test_the_preview_page_and_the_command_list_the_new_organizations(
    client, meeting, secretariat_user, tmp_path
):
    content = csv_bytes([row("Ana", "Silva", "Academia", "Université de Genève")])
    client.force_login(secretariat_user)
    preview_page = client.post(
        reverse("participants:import_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("p.csv", content)},
        follow=True,
    ).content.decode()
    path = tmp_path / "p.csv"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_participants", str(meeting.pk), str(path), "--dry-run", stdout=out)

    assert "<li>Université de Genève</li>" in preview_page
    assert "New organization: Université de Genève" in out.getvalue()


def test_a_person_with_neither_email_nor_affiliation_is_not_added_twice(meeting):
    rows = [
        row("Jean", "Dupont", "Other"),
        row("Ana", "Silva", "Academia", "Université de Genève"),
        row("Kofi", "Mensah", "Government", country="GH"),
        row("Mei", "Chen", "Media", "Radio Geneva", email="mei@example.org"),
    ]

    first = run(meeting, rows)
    second = run(meeting, rows)

    assert (first.people_to_create, first.registrations_to_create) == (4, 4)
    assert (second.changes, second.unchanged, second.written) == (0, 4, False)
    assert Participant.objects.count() == 4
    assert Registration.objects.count() == 4


def test_a_namesake_without_affiliation_at_another_meeting_is_another_person(meeting):
    run(MeetingFactory(), [row("Jean", "Dupont", "Other")])

    preview = run(meeting, [row("Jean", "Dupont", "Other")])

    assert preview.people_to_create == 1
    assert Participant.objects.filter(last_name="Dupont").count() == 2
