import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.credentials import credentials_upload
from participants.models import DelegationProposal, Registration
from participants.tests.factories import (
    DelegationProposalFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import PDF_BYTES, MeetingFactory

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "honorific": "Mr.",
    "first_name": "Kwame",
    "last_name": "Osei",
    "email": "kwame.osei@example.org",
    "job_title": "First Secretary",
    "role": "delegate",
}


@pytest.fixture
def meeting():
    return MeetingFactory(status="confirmed")


@pytest.fixture
def delegations(meeting, ghana, kenya):
    RegistrationFactory(meeting=meeting, member_state=ghana, participant__last_name="Mensah")
    RegistrationFactory(meeting=meeting, member_state=kenya, participant__last_name="Mwangi")


def delegation_url(meeting):
    return reverse("participants:delegation", args=[meeting.pk])


def test_delegation_pages_send_anonymous_users_to_login(client, meeting):
    for url in (reverse("participants:delegation_index"), delegation_url(meeting)):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_delegation_pages_are_for_focal_points_only(client, meeting, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get(delegation_url(meeting)).status_code == 403


def test_focal_point_sees_only_their_own_delegation(
    client, meeting, delegations, ghana_focal_point, kenya_focal_point
):
    client.force_login(ghana_focal_point)
    ghana_page = client.get(delegation_url(meeting)).content.decode()
    client.force_login(kenya_focal_point)
    kenya_page = client.get(delegation_url(meeting)).content.decode()

    assert "Mensah" in ghana_page
    assert "Mwangi" not in ghana_page
    assert "Mwangi" in kenya_page
    assert "Mensah" not in kenya_page


def test_delegation_index_counts_the_state_delegation_per_meeting(
    client, meeting, delegations, ghana_focal_point
):
    client.force_login(ghana_focal_point)

    response = client.get(reverse("participants:delegation_index"))

    assert response.context["rows"] == [(meeting, 1)]


def test_focal_point_proposes_and_secretariat_approves(
    client, meeting, ghana, ghana_focal_point, secretariat_user
):
    client.force_login(ghana_focal_point)
    client.post(delegation_url(meeting), PROPOSAL)
    proposal = DelegationProposal.objects.get()
    assert (proposal.member_state, proposal.state, proposal.proposed_by) == (
        ghana,
        "pending",
        ghana_focal_point,
    )
    assert "Awaiting the secretariat" in client.get(delegation_url(meeting)).content.decode()

    client.force_login(secretariat_user)
    client.post(
        reverse("participants:proposal_decision", args=[proposal.pk]), {"decision": "approve"}
    )

    proposal.refresh_from_db()
    registration = Registration.objects.get(meeting=meeting)
    assert (registration.category, registration.member_state) == ("government", ghana)
    assert registration.participant.email == "kwame.osei@example.org"
    assert registration.created_by == secretariat_user
    assert (proposal.state, proposal.registration, proposal.decided_by) == (
        "approved",
        registration,
        secretariat_user,
    )
    client.force_login(ghana_focal_point)
    assert "Osei" in client.get(delegation_url(meeting)).content.decode()


def test_approval_reuses_a_person_of_the_register(meeting, ghana, client, secretariat_user):
    person = ParticipantFactory(email="KWAME.OSEI@example.org", first_name="Kwame")
    proposal = DelegationProposalFactory(
        meeting=meeting,
        member_state=ghana,
        email="kwame.osei@example.org",
        first_name="Kwame",
        last_name=person.last_name,
    )
    client.force_login(secretariat_user)

    client.post(
        reverse("participants:proposal_decision", args=[proposal.pk]), {"decision": "approve"}
    )

    assert Registration.objects.get().participant == person


def test_decline_needs_a_reason_which_the_focal_point_sees(
    client, meeting, ghana, ghana_focal_point, secretariat_user
):
    proposal = DelegationProposalFactory(meeting=meeting, member_state=ghana, last_name="Osei")
    url = reverse("participants:proposal_decision", args=[proposal.pk])
    client.force_login(secretariat_user)

    without_reason = client.post(url, {"decision": "decline", "reason": " "}, follow=True)
    proposal.refresh_from_db()
    assert proposal.state == "pending"
    assert "Say why the proposal is declined." in without_reason.content.decode()

    client.post(url, {"decision": "decline", "reason": "The delegation is full."})
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reason) == ("declined", "The delegation is full.")
    client.force_login(ghana_focal_point)
    page = client.get(delegation_url(meeting)).content.decode()
    assert "The delegation is full." in page
    assert Registration.objects.count() == 0


def test_a_decided_proposal_cannot_be_decided_again(client, meeting, ghana, secretariat_user):
    proposal = DelegationProposalFactory(meeting=meeting, member_state=ghana)
    url = reverse("participants:proposal_decision", args=[proposal.pk])
    client.force_login(secretariat_user)

    client.post(url, {"decision": "approve"})
    again = client.post(url, {"decision": "decline", "reason": "No."}, follow=True)

    proposal.refresh_from_db()
    assert proposal.state == "approved"
    assert "already been decided" in again.content.decode()
    assert Registration.objects.count() == 1


def test_focal_points_cannot_decide_proposals(client, meeting, ghana, ghana_focal_point):
    proposal = DelegationProposalFactory(meeting=meeting, member_state=ghana)
    client.force_login(ghana_focal_point)

    response = client.post(
        reverse("participants:proposal_decision", args=[proposal.pk]), {"decision": "approve"}
    )

    assert response.status_code == 403
    assert Registration.objects.count() == 0


def test_proposal_list_is_for_the_secretariat(client, ghana_focal_point):
    client.force_login(ghana_focal_point)

    assert client.get(reverse("participants:proposal_list")).status_code == 403


def test_a_person_already_in_the_delegation_or_proposed_by_the_state_is_refused(
    client, meeting, ghana, ghana_focal_point
):
    RegistrationFactory(meeting=meeting, member_state=ghana, participant__email="taken@example.org")
    client.force_login(ghana_focal_point)

    registered = client.post(delegation_url(meeting), {**PROPOSAL, "email": "taken@example.org"})
    client.post(delegation_url(meeting), PROPOSAL)
    proposed_twice = client.post(delegation_url(meeting), PROPOSAL)

    assert "already in your delegation" in registered.content.decode()
    assert "already awaiting the secretariat" in proposed_twice.content.decode()
    assert DelegationProposal.objects.count() == 1


def test_held_meetings_take_no_more_proposals(client, ghana_focal_point):
    held = MeetingFactory(status="held")
    client.force_login(ghana_focal_point)

    page = client.get(delegation_url(held)).content.decode()
    client.post(delegation_url(held), PROPOSAL)

    assert "can no longer change" in page
    assert DelegationProposal.objects.count() == 0


@pytest.mark.parametrize("rows", [1, 3])
def test_delegation_page_query_count_does_not_grow(
    client, meeting, ghana, ghana_focal_point, django_assert_num_queries, rows
):
    for _ in range(rows):
        RegistrationFactory(meeting=meeting, member_state=ghana)
        DelegationProposalFactory(meeting=meeting, member_state=ghana)
        credentials_upload(
            meeting=meeting,
            member_state=ghana,
            file=SimpleUploadedFile("note.pdf", PDF_BYTES),
            by=ghana_focal_point,
        )
    client.force_login(ghana_focal_point)

    # session, user, its state, its groups (page header), meeting, delegation, proposals,
    # credentials and their uploads
    with django_assert_num_queries(9):
        client.get(delegation_url(meeting))
