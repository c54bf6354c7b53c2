"""The IDM 2010 demo speaks French and Spanish: the year, its meetings, their
agendas, the consultation and its proposals."""

import io

import pytest
from django.core.management import call_command

from programme.models import Session
from themes.models import Consultation, Proposal
from workshops.models import DialogueYear, Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_idm2010", stdout=io.StringIO())


def test_every_text_of_2010_has_a_french_and_a_spanish_version(demo):
    year = DialogueYear.objects.get(year=2010)
    meetings = Meeting.objects.filter(dialogue_year=year)
    sessions = Session.objects.filter(agenda__meeting__dialogue_year=year)
    consultation = Consultation.objects.get(target_year__year=2011, title_en__startswith="Over")
    proposals = Proposal.objects.filter(consultation=consultation)

    assert (year.overarching_theme_fr, year.overarching_theme_es) == (
        "Migration et changement social",
        "Migración y cambio social",
    )
    for item in [*meetings, *sessions, consultation, *proposals]:
        assert item.title_fr, item.title_en
        assert item.title_es, item.title_en
    assert [p.title_fr for p in proposals.order_by("position")] == [
        "L'avenir des migrations : renforcer les capacités face au changement",
        "Migration et sécurité humaine",
    ]
    assert {m.venue_es for m in meetings} == {"Ginebra"}


def test_a_french_reader_sees_the_2010_year_in_french(client, demo):
    page = client.get("/meetings/years/2010/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    spanish = client.get("/meetings/years/2010/", HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Migration et changement social" in page
    assert "Migration et transnationalisme : opportunités et défis" in page
    assert "Migración y transnacionalismo: oportunidades y desafíos" in spanish
