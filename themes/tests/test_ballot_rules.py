"""The ballot cannot move under the voters, and every change of a consultation is on record."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from participants.electorate import member_state_status_set
from participants.models import MemberState
from themes.models import Consultation, ConsultationChange, Vote, VoteChangeNeedsHistory
from themes.selectors import consultation_turnout
from themes.services import (
    MINIMUM_PROPOSALS,
    consultation_create,
    consultation_update,
    proposal_add,
    proposal_update,
    vote_cast,
)
from themes.tests.factories import ClosedConsultationFactory, ConsultationFactory, ProposalFactory
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db

FIXED = (
    "Voting has opened: the target year, the opening, the rules of the vote and the ballot "
    "stay as they were when it opened."
)


def _stored(consultation):
    return Consultation.objects.get(pk=consultation.pk)


def test_a_closed_consultation_does_not_reopen(secretariat_user):
    consultation = ClosedConsultationFactory()
    ProposalFactory.create_batch(2, consultation=consultation)
    closes_at = consultation.closes_at

    with pytest.raises(ValidationError) as refused:
        consultation_update(
            consultation=consultation,
            by=secretariat_user,
            closes_at=timezone.now() + datetime.timedelta(days=3),
        )

    assert "a closed consultation does not reopen" in refused.value.messages[0]
    assert _stored(consultation).closes_at == closes_at
    assert not ConsultationChange.objects.exists()


def test_an_open_vote_may_be_extended_never_shortened(ballot, secretariat_user):
    consultation = ballot[0]
    closes_at = consultation.closes_at

    with pytest.raises(ValidationError) as refused:
        consultation_update(
            consultation=consultation, closes_at=closes_at - datetime.timedelta(hours=1)
        )
    consultation_update(
        consultation=_stored(consultation),
        by=secretariat_user,
        closes_at=closes_at + datetime.timedelta(days=2),
    )

    assert "may only be moved later" in refused.value.messages[0]
    assert _stored(consultation).closes_at == closes_at + datetime.timedelta(days=2)
    entry = ConsultationChange.objects.get()
    assert (entry.action, entry.changed_by, list(entry.changes)) == (
        "updated",
        secretariat_user,
        ["closes_at"],
    )


@pytest.mark.parametrize(
    "name", ["opens_at", "allow_vote_change", "votes_public_while_open", "target_year"]
)
def test_once_voting_has_opened_its_year_opening_and_rules_are_fixed(ballot, name):
    consultation = ballot[0]
    before = getattr(consultation, name)
    new_value = {
        "opens_at": consultation.opens_at - datetime.timedelta(days=1),
        "allow_vote_change": not consultation.allow_vote_change,
        "votes_public_while_open": not consultation.votes_public_while_open,
        "target_year": DialogueYearFactory(year=2012, is_current=False),
    }[name]

    with pytest.raises(ValidationError) as refused:
        consultation_update(consultation=consultation, **{name: new_value})

    assert refused.value.messages == [FIXED]
    assert getattr(_stored(consultation), name) == before


def test_proposal_texts_are_fixed_once_voting_has_opened(ballot):
    _consultation, first, _second = ballot

    with pytest.raises(ValidationError) as refused:
        proposal_update(proposal=first, title="Renamed after the votes")

    assert refused.value.messages == [
        "Voting has opened: the ballot is fixed, its proposals can no longer change."
    ]
    first.refresh_from_db()
    assert first.title == "Future of migration"


def test_no_proposal_joins_a_ballot_once_voting_has_opened(ballot):
    consultation = ballot[0]

    with pytest.raises(ValidationError):
        proposal_add(consultation=consultation, title="Late arrival")

    assert consultation.proposals.count() == 2


def test_the_proposal_page_shows_the_services_refusal(client, secretariat_user, ballot):
    consultation = ballot[0]
    client.force_login(secretariat_user)

    page = client.post(
        f"/themes/{consultation.pk}/proposals/new/",
        {"title": "Late arrival", "summary": "Too late.", "origin": "administration"},
    ).content.decode()

    assert "Voting has opened: the ballot is fixed, its proposals can no longer change." in page
    assert consultation.proposals.count() == 2


def test_a_consultation_is_created_to_open_later_on_a_ballot_filled_first(secretariat_user):
    with pytest.raises(ValidationError) as refused:
        consultation_create(
            by=secretariat_user,
            target_year=DialogueYearFactory(year=2011, is_current=False),
            title="Opens at once",
            opens_at=timezone.now() - datetime.timedelta(minutes=1),
            closes_at=timezone.now() + datetime.timedelta(days=30),
        )

    assert refused.value.message_dict["opens_at"] == [
        f"Voting opens on a ballot of at least {MINIMUM_PROPOSALS} proposals: set the opening "
        "in the future, add the proposals, then let voting open."
    ]
    assert not Consultation.objects.exists()


def test_voting_cannot_be_opened_on_a_ballot_too_short(secretariat_user):
    consultation = ConsultationFactory(opens_at=timezone.now() + datetime.timedelta(days=1))
    ProposalFactory.create_batch(MINIMUM_PROPOSALS - 1, consultation=consultation)
    opens_at = consultation.opens_at

    with pytest.raises(ValidationError):
        consultation_update(consultation=consultation, opens_at=timezone.now())
    proposal_add(consultation=consultation, title="The second theme", by=secretariat_user)
    consultation_update(consultation=_stored(consultation), opens_at=timezone.now())

    assert _stored(consultation).opens_at != opens_at
    assert consultation.proposals.count() == MINIMUM_PROPOSALS


def test_no_vote_on_a_ballot_whose_opening_passed_too_short(ghana_focal_point):
    consultation = ConsultationFactory()
    (only,) = ProposalFactory.create_batch(MINIMUM_PROPOSALS - 1, consultation=consultation)

    with pytest.raises(ValidationError) as refused:
        vote_cast(consultation_id=consultation.pk, proposal_id=only.pk, by=ghana_focal_point)

    assert refused.value.messages == [
        "The ballot is not complete: voting has not opened. Your vote was not recorded."
    ]
    assert not Vote.objects.exists()


def test_an_observer_made_a_member_mid_vote_does_not_vote(
    client, ballot, observer_focal_point, secretariat_user
):
    consultation, first, _second = ballot
    state = observer_focal_point.member_state
    member_state_status_set(member_state=state, status="member", by=secretariat_user)
    observer_focal_point.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=observer_focal_point)
    client.force_login(observer_focal_point)
    page = client.get(f"/themes/{consultation.pk}/").content.decode()

    assert "Only states that were members when voting opened" in refused.value.messages[0]
    assert "Your state became a member after voting opened" in page
    assert 'name="proposal"' not in page
    assert not Vote.objects.exists()


def test_a_member_made_an_observer_mid_vote_keeps_its_vote(
    ballot, ghana_focal_point, secretariat_user
):
    consultation, first, _second = ballot
    member_state_status_set(
        member_state=ghana_focal_point.member_state, status="observer", by=secretariat_user
    )
    ghana_focal_point.refresh_from_db()

    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    turnout = consultation_turnout(consultation=consultation)

    assert Vote.objects.get().member_state.name == "Ghana"
    assert MemberState.objects.get(country="GH").status == "observer"
    assert (turnout.voted, turnout.eligible) == (1, 1)


def test_votes_are_not_read_per_state_while_voting_is_open(
    client, ballot, ghana_focal_point, secretariat_user
):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    client.force_login(secretariat_user)

    csv = client.get(f"/themes/{consultation.pk}/votes.csv", follow=True)
    history = client.get(f"/themes/{consultation.pk}/history/").content.decode()
    Consultation.objects.filter(pk=consultation.pk).update(votes_public_while_open=True)
    public = client.get(f"/themes/{consultation.pk}/votes.csv")

    assert csv.headers["Content-Type"].startswith("text/html")
    assert "the votes can be downloaded when voting closes" in csv.content.decode()
    assert "Ghana" not in history
    assert 'data-testid="votes-hidden"' in history
    assert public.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "Ghana" in public.content.decode()


def test_every_change_is_recorded_and_shown_beside_the_result(client, secretariat_user):
    consultation = consultation_create(
        by=secretariat_user,
        target_year=DialogueYearFactory(year=2011, is_current=False),
        title="Theme of IDM 2011",
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )
    proposal_add(consultation=consultation, title="Migration and health", by=secretariat_user)
    consultation_update(consultation=consultation, title="Overarching theme of IDM 2011")
    client.force_login(secretariat_user)

    page = " ".join(client.get(f"/themes/{consultation.pk}/manage/").content.decode().split())

    assert list(ConsultationChange.objects.values_list("action", flat=True)) == [
        "created",
        "proposal_added",
        "updated",
    ]
    assert 'data-testid="consultation-history"' in page
    assert "Proposal added</strong>: “Migration and health”" in page
    assert "Title: Theme of IDM 2011 → Overarching theme of IDM 2011" in page


def test_a_vote_changes_only_beside_its_history_entry(ballot, ghana_focal_point):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    vote = Vote.objects.get()

    with pytest.raises(VoteChangeNeedsHistory):
        Vote.objects.update(proposal=second)
    with pytest.raises(VoteChangeNeedsHistory):
        Vote.objects.all().delete()
    for attempt in (
        lambda: models.QuerySet(Vote).update(proposal=second),
        lambda: models.QuerySet(Vote).filter(pk=vote.pk)._raw_delete(connection.alias),
        lambda: connection.cursor().execute(
            "UPDATE themes_vote SET proposal_id = %s WHERE id = %s", [second.pk, vote.pk]
        ),
    ):
        with pytest.raises(DatabaseError, match="vote"), transaction.atomic():
            attempt()
    vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=ghana_focal_point,
        seen_proposal_id=first.pk,
    )

    assert Vote.objects.get().proposal == second
    assert consultation.vote_events.count() == 2


def test_the_edit_page_keeps_the_rules_of_an_open_vote_and_shows_refusals(
    client, secretariat_user, ballot
):
    consultation = ballot[0]
    client.force_login(secretariat_user)
    url = f"/themes/{consultation.pk}/edit/"
    local = timezone.localtime
    earlier = local(consultation.closes_at - datetime.timedelta(hours=2))

    form = client.get(url).context["form"]
    page = client.post(
        url,
        {
            "title": consultation.title,
            "introduction": "",
            "closes_at": earlier.strftime("%Y-%m-%dT%H:%M"),
            "opens_at": "2000-01-01T00:00",
            "allow_vote_change": "",
        },
    ).content.decode()

    disabled = {name for name, field in form.fields.items() if field.disabled}
    assert disabled == {"target_year", "opens_at", "allow_vote_change", "votes_public_while_open"}
    assert "its close may only be moved later than" in page
    stored = _stored(consultation)
    assert (stored.opens_at, stored.closes_at, stored.allow_vote_change) == (
        consultation.opens_at,
        consultation.closes_at,
        True,
    )
