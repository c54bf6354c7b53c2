"""Changing a consultation: once its result is declared, its year and window stay fixed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from themes.models import Consultation
from themes.services import consultation_result_declare, consultation_update
from themes.tests.factories import ClosedConsultationFactory
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db

DECLARED = "The result is declared: the year and the voting window cannot change."


@pytest.fixture
def declared(secretariat_user):
    consultation = ClosedConsultationFactory(title="Before")
    proposal = consultation.proposals.create(position=1, title="The future of migration")
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )
    return Consultation.objects.get(pk=consultation.pk)


@pytest.mark.parametrize("name", ["target_year", "opens_at", "closes_at"])
def test_the_year_and_window_of_a_declared_result_cannot_change(declared, name):
    stored = {n: getattr(declared, n) for n in ("target_year", "opens_at", "closes_at")}
    new_value = {
        "target_year": DialogueYearFactory(year=2012, overarching_theme="", is_current=False),
        "opens_at": declared.opens_at - datetime.timedelta(days=1),
        "closes_at": declared.closes_at - datetime.timedelta(hours=1),
    }[name]

    with pytest.raises(ValidationError) as refused:
        consultation_update(consultation=declared, **{name: new_value})

    assert refused.value.messages == [DECLARED]
    declared = Consultation.objects.get(pk=declared.pk)
    assert {n: getattr(declared, n) for n in stored} == stored


def test_the_check_reads_the_stored_row_not_the_object_passed_in(declared):
    stored_closes_at = declared.closes_at
    declared.closes_at = stored_closes_at + datetime.timedelta(days=1)

    with pytest.raises(ValidationError):
        consultation_update(consultation=declared, closes_at=declared.closes_at)

    assert Consultation.objects.get(pk=declared.pk).closes_at == stored_closes_at


def test_a_declared_consultation_keeps_other_changes_and_unchanged_window(declared):
    consultation_update(
        consultation=declared,
        title="After",
        target_year=declared.target_year,
        opens_at=declared.opens_at,
        closes_at=declared.closes_at,
    )

    assert Consultation.objects.get(pk=declared.pk).title == "After"


def test_before_the_result_the_window_may_change():
    consultation = ClosedConsultationFactory()
    closes_at = consultation.closes_at + datetime.timedelta(days=2)

    consultation_update(consultation=consultation, closes_at=closes_at)

    assert Consultation.objects.get(pk=consultation.pk).closes_at == closes_at


def test_the_edit_page_of_a_declared_consultation_keeps_the_window(
    client, secretariat_user, declared
):
    window = (declared.opens_at, declared.closes_at)
    client.force_login(secretariat_user)

    page = client.get(f"/themes/{declared.pk}/edit/").content.decode()
    response = client.post(
        f"/themes/{declared.pk}/edit/",
        {
            "target_year": DialogueYearFactory(year=2012, overarching_theme="").pk,
            "title": "After",
            "opens_at": "2030-04-16T09:00",
            "closes_at": "2030-05-31T18:00",
        },
    )

    declared = Consultation.objects.get(pk=declared.pk)
    assert page.count(" disabled") == 3
    assert response.status_code == 302
    assert (declared.title, declared.target_year.year) == ("After", 2011)
    assert (declared.opens_at, declared.closes_at) == window
