"""Focal points of one state voting at the same moment, on real concurrent connections.

Each thread has its own database connection (Django's connections are per
thread). SQLite cannot take part: the test database is a shared in-memory
database whose concurrent writers fail with "database table is locked"
instead of waiting, so the rule is proved on PostgreSQL, as CI runs it.
"""

import threading
from unittest import mock

import pytest
from django.db import connection
from django.test import Client

from participants.tests.factories import FocalPointFactory, MemberStateFactory
from themes import services
from themes.models import Vote, VoteEvent
from themes.services import VoteResult, vote_cast

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs concurrent writers; SQLite's shared in-memory test database refuses them",
    ),
]


def run_at_once(functions, timeout=30):
    """Runs each function in its own thread (and connection); returns results in order."""
    results, errors = [None] * len(functions), []

    def run(index, function):
        try:
            results[index] = function()
        except Exception as error:  # reported below, with the thread's traceback lost
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a voter never finished"
    assert errors == []
    return results


def test_two_first_votes_racing_to_the_insert_leave_one_vote(
    ballot, ghana_focal_point, second_ghana_focal_point
):
    consultation, first, second = ballot
    # Both have looked for the state's vote and found none before either inserts:
    # the unique constraint alone decides between them.
    both_found_no_vote = threading.Barrier(2, timeout=10)
    real_insert = services._vote_insert

    def insert_when_both_are_ready(*args):
        both_found_no_vote.wait()
        return real_insert(*args)

    def voter(user, proposal):
        return lambda: vote_cast(consultation_id=consultation.pk, proposal_id=proposal.pk, by=user)

    with mock.patch.object(services, "_vote_insert", insert_when_both_are_ready):
        outcomes = run_at_once(
            [voter(ghana_focal_point, first), voter(second_ghana_focal_point, second)]
        )

    vote = Vote.objects.get()
    winner = next(o for o in outcomes if o.result is VoteResult.CAST)
    loser = next(o for o in outcomes if o.result is VoteResult.CONFLICT)
    assert sorted(o.result.value for o in outcomes) == ["cast", "conflict"]
    assert loser.vote.pk == winner.vote.pk == vote.pk
    assert loser.vote.proposal_id == vote.proposal_id
    assert VoteEvent.objects.count() == 1
    assert VoteEvent.objects.get().user == vote.cast_by


def test_a_double_click_racing_to_the_insert_is_one_vote_and_not_a_conflict(
    ballot, ghana_focal_point
):
    consultation, first, _second = ballot
    both_found_no_vote = threading.Barrier(2, timeout=10)
    real_insert = services._vote_insert

    def insert_when_both_are_ready(*args):
        both_found_no_vote.wait()
        return real_insert(*args)

    def click():
        return vote_cast(
            consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point
        )

    with mock.patch.object(services, "_vote_insert", insert_when_both_are_ready):
        outcomes = run_at_once([click, click])

    assert sorted(o.result.value for o in outcomes) == ["cast", "unchanged"]
    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [first.pk]
    assert VoteEvent.objects.count() == 1


def test_two_changes_at_once_apply_one_and_report_the_other(
    ballot, ghana_focal_point, second_ghana_focal_point
):
    consultation, first, second = ballot
    third = type(first).objects.create(consultation=consultation, position=3, title="Third")
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    start = threading.Barrier(2, timeout=10)

    def changer(user, proposal):
        def change():
            start.wait()
            return vote_cast(
                consultation_id=consultation.pk,
                proposal_id=proposal.pk,
                by=user,
                seen_proposal_id=first.pk,
            )

        return change

    outcomes = run_at_once(
        [changer(ghana_focal_point, second), changer(second_ghana_focal_point, third)]
    )

    vote = Vote.objects.get()
    changed = next(o for o in outcomes if o.result is VoteResult.CHANGED)
    assert sorted(o.result.value for o in outcomes) == ["changed", "conflict"]
    assert vote.proposal_id == changed.vote.proposal_id
    assert VoteEvent.objects.count() == 2


def test_focal_points_posting_at_once_end_with_one_vote_per_state_and_no_error_page(ballot):
    consultation, first, second = ballot
    states = [MemberStateFactory() for _ in range(6)]
    # Two focal points for every state, each choosing a different proposal.
    voters = [
        (FocalPointFactory(member_state=state), proposal)
        for state in states
        for proposal in (first, second)
    ]
    clients = []
    for user, _proposal in voters:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(voters), timeout=20)
    url = f"/themes/{consultation.pk}/vote/"

    def poster(client, proposal):
        def post():
            start.wait()
            return client.post(url, {"proposal": proposal.pk, "seen_proposal": ""})

        return post

    responses = run_at_once(
        [
            poster(client, proposal)
            for client, (_user, proposal) in zip(clients, voters, strict=True)
        ]
    )

    assert [r.status_code for r in responses] == [302] * len(voters)
    assert {r.url for r in responses} == {f"/themes/{consultation.pk}/"}
    assert Vote.objects.filter(consultation=consultation).count() == len(states)
    assert VoteEvent.objects.filter(consultation=consultation).count() == len(states)
    told_they_lost = 0
    for client, (user, _proposal) in zip(clients, voters, strict=True):
        recorded = Vote.objects.select_related("proposal").get(member_state=user.member_state)
        page = client.get(f"/themes/{consultation.pk}/").content.decode()
        assert f"Your state voted for “{recorded.proposal.title}”" in page
        told_they_lost += "before your choice arrived" in page
    assert told_they_lost == len(states)  # one of the two focal points of each state
