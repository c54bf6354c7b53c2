"""The admin goes through the services and keeps the ballot as the portal keeps it."""

import datetime

import pytest
from django.utils import timezone

from themes.models import Consultation, ConsultationChange, Proposal, VoteEvent
from themes.services import consultation_result_declare, vote_cast
from themes.tests.factories import (
    ClosedConsultationFactory,
    ConsultationFactory,
    ProposalFactory,
)
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/themes/"


def inline_management(consultation):
    proposals = list(consultation.proposals.all())
    data = {
        "proposals-TOTAL_FORMS": len(proposals),
        "proposals-INITIAL_FORMS": len(proposals),
        "proposals-MIN_NUM_FORMS": 0,
        "proposals-MAX_NUM_FORMS": 1000,
    }
    for index, proposal in enumerate(proposals):
        data[f"proposals-{index}-id"] = proposal.pk
        data[f"proposals-{index}-consultation"] = consultation.pk
    changes = list(consultation.changes.all())
    data.update(
        {
            "changes-TOTAL_FORMS": len(changes),
            "changes-INITIAL_FORMS": len(changes),
            "changes-MIN_NUM_FORMS": 0,
            "changes-MAX_NUM_FORMS": 1000,
        }
    )
    for index, change in enumerate(changes):
        data[f"changes-{index}-id"] = change.pk
        data[f"changes-{index}-consultation"] = consultation.pk
    return data


@pytest.fixture
def staff(client, secretariat_user):
    assert (secretariat_user.is_staff, secretariat_user.is_superuser) == (True, False)
    client.force_login(secretariat_user)
    return client


def test_a_consultation_added_in_the_admin_is_created_by_the_service(staff, secretariat_user):
    year = DialogueYearFactory(year=2011, overarching_theme="", is_current=False)

    response = staff.post(
        f"{BASE}consultation/add/",
        {
            "target_year": year.pk,
            "title": "Theme of IDM 2011",
            "introduction": "",
            "opens_at_0": "2030-04-16",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2030-05-31",
            "closes_at_1": "18:00:00",
            "allow_vote_change": "on",
            "proposals-TOTAL_FORMS": 0,
            "proposals-INITIAL_FORMS": 0,
            "changes-TOTAL_FORMS": 0,
            "changes-INITIAL_FORMS": 0,
        },
    )

    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert (consultation.title, consultation.created_by) == ("Theme of IDM 2011", secretariat_user)


def test_the_admin_keeps_the_window_of_a_declared_result(staff, secretariat_user):
    consultation = ClosedConsultationFactory(title="Before")
    proposal = ProposalFactory(consultation=consultation, position=1)
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )
    consultation.refresh_from_db()
    window = (consultation.target_year_id, consultation.opens_at, consultation.closes_at)

    response = staff.post(
        f"{BASE}consultation/{consultation.pk}/change/",
        {
            "target_year": DialogueYearFactory(year=2012, overarching_theme="").pk,
            "title": "After",
            "introduction": "",
            "opens_at_0": "2030-04-16",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2030-05-31",
            "closes_at_1": "18:00:00",
            **inline_management(consultation),
        },
    )

    consultation.refresh_from_db()
    assert response.status_code == 302
    assert consultation.title == "After"
    assert (consultation.target_year_id, consultation.opens_at, consultation.closes_at) == window


def test_proposals_are_not_added_in_the_admin(staff, ballot):
    consultation = ballot[0]

    add = staff.get(f"{BASE}proposal/add/")
    change_page = staff.get(f"{BASE}consultation/{consultation.pk}/change/")
    (inline, _history) = change_page.context["inline_admin_formsets"]

    assert add.status_code == 403
    assert inline.has_add_permission is False
    assert 'name="proposals-0-title"' not in change_page.content.decode()
    assert (inline.formset.max_num, inline.formset.total_form_count()) == (0, 2)
    assert Proposal.objects.count() == 2


def test_the_proposals_of_a_ballot_not_yet_open_are_corrected_through_the_service(
    staff, secretariat_user
):
    consultation = ConsultationFactory(opens_at=timezone.now() + datetime.timedelta(days=1))
    proposal = ProposalFactory(
        consultation=consultation, position=1, title="Tpyo", summary="", full_text=""
    )

    page = staff.get(f"{BASE}proposal/{proposal.pk}/change/").content.decode()
    response = staff.post(
        f"{BASE}proposal/{proposal.pk}/change/",
        {"title": "Typo", "summary": "", "full_text": "", "origin": "administration"},
    )

    assert 'name="_save"' in page
    assert response.status_code == 302
    assert Proposal.objects.get().title == "Typo"
    entry = ConsultationChange.objects.get(consultation=consultation)
    assert (entry.action, entry.changes, entry.changed_by) == (
        "proposal_changed",
        {"proposal": "Tpyo", "title": ["Tpyo", "Typo"]},
        secretariat_user,
    )


@pytest.mark.parametrize("factory", [ConsultationFactory, ClosedConsultationFactory])
def test_the_proposals_of_an_opened_ballot_cannot_change_in_the_admin(staff, factory):
    consultation = factory()
    proposal = ProposalFactory(consultation=consultation, position=1, title="As voted on")
    ProposalFactory(consultation=consultation, position=2)
    url = f"{BASE}proposal/{proposal.pk}/"

    page = staff.get(f"{url}change/")
    change = staff.post(f"{url}change/", {"title": "Rewritten", "position": 1})
    delete = staff.post(f"{url}delete/", {"post": "yes"})
    consultation_page = staff.get(f"{BASE}consultation/{consultation.pk}/change/")

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (change.status_code, delete.status_code) == (403, 403)
    assert 'name="proposals-0-title"' not in consultation_page.content.decode()
    assert 'name="proposals-0-DELETE"' not in consultation_page.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).title == "As voted on"


def test_a_secretariat_member_who_is_not_superuser_reads_the_vote_history(
    staff, ballot, ghana_focal_point
):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    index = staff.get("/admin/").content.decode()
    listing = staff.get(f"{BASE}voteevent/")
    detail = staff.get(f"{BASE}voteevent/{VoteEvent.objects.get().pk}/change/")

    assert f"{BASE}voteevent/" in index
    assert listing.status_code == detail.status_code == 200
    assert "Ghana" in listing.content.decode()
