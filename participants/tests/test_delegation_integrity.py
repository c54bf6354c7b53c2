"""A focal point can neither probe the register nor capture its people with a proposal."""

import pytest
from django.urls import reverse

from participants.models import DelegationProposal, Organization, Registration
from participants.tests.factories import (
    DelegationProposalFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "honorific": "Mr.",
    "first_name": "Made",
    "last_name": "Up",
    "job_title": "Ambassador",
    "role": "head_of_delegation",
}


@pytest.fixture
def meeting():
    return MeetingFactory(status="confirmed")


@pytest.fixture
def ghana_delegate(ghana):
    """Ghana's delegate, in the register since an earlier meeting."""
    earlier = MeetingFactory(start_date="2009-03-01", end_date="2009-03-02")
    return RegistrationFactory(
        meeting=earlier,
        member_state=ghana,
        participant__honorific="Ms.",
        participant__first_name="Akosua",
        participant__last_name="Boateng",
        participant__email="akosua.boateng@mfa.gov.gh",
        participant__job_title="Counsellor",
    ).participant


def test_the_answer_is_the_same_whatever_the_register_knows_of_the_email(
    client, meeting, ghana, kenya, ghana_focal_point
):
    RegistrationFactory(
        meeting=meeting, member_state=kenya, participant__email="kenyan@example.org"
    )
    RegistrationFactory(
        meeting=meeting,
        category="international_organization",
        organization=Organization.objects.create(name="UNHCR", kind="international_organization"),
        participant__email="staff@unhcr.example",
    )
    DelegationProposalFactory(meeting=meeting, member_state=kenya, email="proposed@example.org")
    client.force_login(ghana_focal_point)
    url = reverse("participants:delegation", args=[meeting.pk])

    answers = [
        client.post(url, {**PROPOSAL, "email": email}, follow=True)
        for email in (
            "kenyan@example.org",
            "staff@unhcr.example",
            "proposed@example.org",
            "nobody@example.org",
        )
    ]

    assert {(a.redirect_chain[0], a.status_code) for a in answers} == {((url, 302), 200)}
    assert {tuple(str(m) for m in a.context["messages"]) for a in answers} == {
        ("Your proposal is sent; the secretariat will approve or decline it.",)
    }
    assert DelegationProposal.objects.filter(member_state=ghana).count() == 4


def approve(client, proposal, decision="approve"):
    return client.post(
        reverse("participants:proposal_decision", args=[proposal.pk]),
        {"decision": decision},
        follow=True,
    )


def register_details(person):
    person.refresh_from_db()
    return (person.honorific, person.first_name, person.last_name, person.job_title)


def test_another_states_person_is_not_captured_by_approving_a_proposal(
    client, meeting, kenya, ghana_delegate, secretariat_user
):
    proposal = DelegationProposalFactory(
        meeting=meeting, member_state=kenya, email="Akosua.Boateng@mfa.gov.gh", **PROPOSAL
    )
    client.force_login(secretariat_user)

    review = client.get(reverse("participants:proposal_list")).content.decode()
    refused = approve(client, proposal)

    assert "The register has this email for Ms. Akosua Boateng, not for Made Up." in review
    assert "is as delegate of Ghana, not for Kenya." in review
    assert "The register has this email for Ms. Akosua Boateng" in refused.content.decode()
    assert not Registration.objects.filter(meeting=meeting).exists()
    proposal.refresh_from_db()
    assert proposal.state == "pending"
    assert register_details(ghana_delegate) == ("Ms.", "Akosua", "Boateng", "Counsellor")


def test_the_secretariat_may_register_the_person_as_the_register_has_them(
    client, meeting, kenya, ghana_delegate, secretariat_user
):
    proposal = DelegationProposalFactory(
        meeting=meeting, member_state=kenya, email=ghana_delegate.email, **PROPOSAL
    )
    client.force_login(secretariat_user)

    response = approve(client, proposal, decision="register_person_as_is")

    registration = Registration.objects.get(meeting=meeting)
    assert (registration.participant, registration.member_state) == (ghana_delegate, kenya)
    assert register_details(ghana_delegate) == ("Ms.", "Akosua", "Boateng", "Counsellor")
    assert "Ms. Akosua Boateng is registered in the delegation of Kenya." in (
        response.content.decode()
    )


def test_a_matching_proposal_registers_the_person_without_changing_their_details(
    client, meeting, ghana, ghana_delegate, secretariat_user
):
    proposal = DelegationProposalFactory(
        meeting=meeting,
        member_state=ghana,
        email=ghana_delegate.email,
        honorific="Dr.",
        first_name="AKOSUA",
        last_name="Boatèng",
        job_title="Minister",
    )
    client.force_login(secretariat_user)

    review = client.get(reverse("participants:proposal_list")).content.decode()
    approve(client, proposal)

    assert 'data-testid="proposal-mismatch"' not in review
    assert Registration.objects.get(meeting=meeting).participant == ghana_delegate
    assert register_details(ghana_delegate) == ("Ms.", "Akosua", "Boateng", "Counsellor")


def test_the_review_shows_a_person_already_registered_and_other_states_proposals(
    client, meeting, ghana, kenya, ghana_delegate, secretariat_user
):
    RegistrationFactory(meeting=meeting, member_state=ghana, participant=ghana_delegate)
    DelegationProposalFactory(meeting=meeting, member_state=kenya, email=ghana_delegate.email)
    proposal = DelegationProposalFactory(
        meeting=meeting,
        member_state=ghana,
        email=ghana_delegate.email,
        first_name="Akosua",
        last_name="Boateng",
    )
    client.force_login(secretariat_user)

    review = client.get(reverse("participants:proposal_list")).content.decode()
    refused = approve(client, proposal)

    assert "Ms. Akosua Boateng is already registered for this meeting, as delegate of Ghana." in (
        review
    )
    assert "Also proposed for this meeting by: Kenya." in review
    assert "already registered for this meeting. Decline the proposal" in refused.content.decode()
    assert Registration.objects.filter(meeting=meeting).count() == 1


def test_a_new_email_makes_a_new_person_of_the_proposal(client, meeting, ghana, secretariat_user):
    proposal = DelegationProposalFactory(
        meeting=meeting, member_state=ghana, email="new@example.org", **PROPOSAL
    )
    client.force_login(secretariat_user)

    approve(client, proposal)

    person = Registration.objects.get(meeting=meeting).participant
    assert (person.email, *register_details(person)) == (
        "new@example.org",
        "Mr.",
        "Made",
        "Up",
        "Ambassador",
    )


def test_focal_points_cannot_register_a_person_as_is(client, meeting, ghana, ghana_focal_point):
    proposal = DelegationProposalFactory(meeting=meeting, member_state=ghana)
    client.force_login(ghana_focal_point)

    response = client.post(
        reverse("participants:proposal_decision", args=[proposal.pk]),
        {"decision": "register_person_as_is"},
    )

    assert response.status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_review_page_runs_the_same_queries_for_any_number_of_proposals(
    client, meeting, ghana, secretariat_user, django_assert_num_queries, count
):
    for _ in range(count):
        person = ParticipantFactory()
        RegistrationFactory(member_state=ghana, participant=person)
        DelegationProposalFactory(meeting=meeting, member_state=ghana, email=person.email)
    client.force_login(secretariat_user)

    # session, user, groups (header), pending, decided, then people, registrations, proposals
    with django_assert_num_queries(8):
        response = client.get(reverse("participants:proposal_list"))

    assert response.content.decode().count('data-testid="register-person"') == count
