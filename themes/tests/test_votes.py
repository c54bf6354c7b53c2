"""The vote rules, through the service: one vote per state, the window, changes, history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from accounts.tests.factories import SecretariatUserFactory
from themes.models import Vote, VoteEvent
from themes.services import VoteResult, vote_cast
from themes.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def history(consultation):
    return [
        (e.member_state.name, e.user.username, e.from_proposal_id, e.to_proposal_id)
        for e in VoteEvent.objects.filter(consultation=consultation).order_by("at", "pk")
    ]


def test_first_vote_is_recorded_with_who_and_when(ballot, ghana_focal_point):
    consultation, first, _second = ballot

    outcome = vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    vote = Vote.objects.get()
    assert outcome.result is VoteResult.CAST
    assert (vote.member_state.name, vote.proposal, vote.cast_by) == (
        "Ghana",
        first,
        ghana_focal_point,
    )
    assert abs(vote.cast_at - timezone.now()) < datetime.timedelta(seconds=5)
    assert history(consultation) == [("Ghana", ghana_focal_point.username, None, first.pk)]


def test_a_state_changes_its_vote_and_the_history_keeps_both(
    ballot, ghana_focal_point, second_ghana_focal_point
):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    outcome = vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=second_ghana_focal_point,
        seen_proposal_id=first.pk,
    )

    vote = Vote.objects.get()
    assert outcome.result is VoteResult.CHANGED
    assert (vote.proposal, vote.cast_by) == (second, second_ghana_focal_point)
    assert history(consultation) == [
        ("Ghana", ghana_focal_point.username, None, first.pk),
        ("Ghana", second_ghana_focal_point.username, first.pk, second.pk),
    ]


def test_voting_again_for_the_same_proposal_changes_nothing(ballot, ghana_focal_point):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    outcome = vote_cast(
        consultation_id=consultation.pk,
        proposal_id=first.pk,
        by=ghana_focal_point,
        seen_proposal_id=first.pk,
    )

    assert outcome.result is VoteResult.UNCHANGED
    assert Vote.objects.count() == 1
    assert VoteEvent.objects.count() == 1


def test_a_double_submit_of_a_first_vote_records_it_once(ballot, ghana_focal_point):
    consultation, first, _second = ballot
    cast = vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    # The same form, posted again: it still says the state had not voted.
    again = vote_cast(
        consultation_id=consultation.pk,
        proposal_id=first.pk,
        by=ghana_focal_point,
        seen_proposal_id=None,
    )

    assert (cast.result, again.result) == (VoteResult.CAST, VoteResult.UNCHANGED)
    assert again.vote.pk == cast.vote.pk
    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [first.pk]
    assert history(consultation) == [("Ghana", ghana_focal_point.username, None, first.pk)]


def test_a_stale_form_choosing_what_a_colleague_recorded_is_unchanged(
    ballot, ghana_focal_point, second_ghana_focal_point
):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=ghana_focal_point,
        seen_proposal_id=first.pk,
    )

    # The colleague's form still shows the first vote; they choose the second too.
    outcome = vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=second_ghana_focal_point,
        seen_proposal_id=first.pk,
    )

    assert outcome.result is VoteResult.UNCHANGED
    assert (outcome.vote.proposal_id, outcome.vote.cast_by) == (second.pk, ghana_focal_point)
    assert VoteEvent.objects.count() == 2


def test_a_stale_form_does_not_overwrite_the_vote_a_colleague_recorded(
    ballot, ghana_focal_point, second_ghana_focal_point
):
    consultation, first, second = ballot
    # Both opened the ballot while the state had not voted; the first submits.
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    outcome = vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=second_ghana_focal_point,
        seen_proposal_id=None,
    )

    assert outcome.result is VoteResult.CONFLICT
    assert (outcome.vote.proposal_id, outcome.vote.cast_by) == (first.pk, ghana_focal_point)
    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [first.pk]
    assert VoteEvent.objects.count() == 1


def test_states_vote_separately(ballot, ghana_focal_point, kenya_focal_point):
    consultation, first, second = ballot

    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    vote_cast(consultation_id=consultation.pk, proposal_id=second.pk, by=kenya_focal_point)

    assert sorted(Vote.objects.values_list("member_state__name", "proposal_id")) == [
        ("Ghana", first.pk),
        ("Kenya", second.pk),
    ]


@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days", "message"),
    [
        (1, 2, "Voting opens on"),
        (-2, -1, "Voting closed on"),
    ],
)
def test_a_vote_outside_the_window_is_refused(
    ghana_focal_point, opens_in_days, closes_in_days, message
):
    now = timezone.now()
    consultation = ConsultationFactory(
        opens_at=now + datetime.timedelta(days=opens_in_days),
        closes_at=now + datetime.timedelta(days=closes_in_days),
    )
    proposal = ProposalFactory(consultation=consultation)

    with pytest.raises(ValidationError) as refused:
        vote_cast(consultation_id=consultation.pk, proposal_id=proposal.pk, by=ghana_focal_point)

    assert message in refused.value.messages[0]
    assert "Your vote was not recorded." in refused.value.messages[0]
    assert not Vote.objects.exists()
    assert not VoteEvent.objects.exists()


def test_the_window_is_read_from_the_database_at_write_time(ballot, ghana_focal_point):
    consultation, first, _second = ballot
    stale_copy = type(consultation).objects.get(pk=consultation.pk)  # what a form saw: open
    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert stale_copy.is_open()
    with pytest.raises(ValidationError, match="Voting closed on"):
        vote_cast(consultation_id=stale_copy.pk, proposal_id=first.pk, by=ghana_focal_point)
    assert not Vote.objects.exists()


def test_no_change_when_the_consultation_forbids_it(ghana_focal_point):
    consultation = ConsultationFactory(allow_vote_change=False)
    first = ProposalFactory(consultation=consultation)
    second = ProposalFactory(consultation=consultation)
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    with pytest.raises(ValidationError, match="allows no change"):
        vote_cast(
            consultation_id=consultation.pk,
            proposal_id=second.pk,
            by=ghana_focal_point,
            seen_proposal_id=first.pk,
        )

    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [first.pk]
    assert VoteEvent.objects.count() == 1


def test_observer_states_do_not_vote(ballot, observer_focal_point):
    consultation, first, _second = ballot

    with pytest.raises(ValidationError, match="Only member states vote"):
        vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=observer_focal_point)

    assert not Vote.objects.exists()


def test_users_without_a_state_do_not_vote(ballot):
    consultation, first, _second = ballot

    with pytest.raises(ValidationError, match="Only member states vote"):
        vote_cast(
            consultation_id=consultation.pk, proposal_id=first.pk, by=SecretariatUserFactory()
        )


def test_a_proposal_of_another_consultation_is_refused(ballot, ghana_focal_point):
    consultation, _first, _second = ballot
    elsewhere = ProposalFactory()

    with pytest.raises(ValidationError, match="Choose one of the proposals on the ballot."):
        vote_cast(consultation_id=consultation.pk, proposal_id=elsewhere.pk, by=ghana_focal_point)

    assert not Vote.objects.exists()


def test_the_database_refuses_a_second_vote_of_a_state(ballot, ghana_focal_point):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)

    with pytest.raises(IntegrityError):
        Vote.objects.create(
            consultation=consultation,
            member_state=ghana_focal_point.member_state,
            proposal=second,
            cast_by=ghana_focal_point,
        )
