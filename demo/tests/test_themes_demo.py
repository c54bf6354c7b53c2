import io

import pytest
from django.core.management import call_command

from themes.models import Consultation, Proposal, ThemeSuggestion, Vote, VoteEvent
from themes.selectors import (
    consultation_for_year,
    consultation_tally,
    consultation_turnout,
    proposal_list,
)
from workshops.models import DialogueYear

pytestmark = pytest.mark.django_db


def test_demo_consultation_on_the_2011_theme_has_the_two_proposals_of_ic_2010_5():
    call_command("load_idm2010", stdout=io.StringIO())
    call_command("load_idm2010", stdout=io.StringIO())

    consultation = consultation_for_year(dialogue_year=DialogueYear.objects.get(year=2011))
    proposals = list(proposal_list(consultation=consultation))

    # Loading twice adds nothing (the live part has a consultation of its own).
    assert Consultation.objects.filter(target_year__year=2011).count() == 1
    assert Proposal.objects.filter(consultation=consultation).count() == 2
    assert [p.title for p in proposals] == [
        "The future of migration: Building capacities for change",
        "Migration and human security",
    ]
    assert proposals[0].full_text.count("\n\n") == 1  # paragraphs 9 and 10
    assert proposals[1].full_text.count("\n\n") == 2  # paragraphs 11 to 13
    assert proposals[1].full_text.startswith("One of the key challenges")


def test_demo_has_votes_of_member_states_and_one_pending_suggestion():
    call_command("load_idm2010", stdout=io.StringIO())
    call_command("load_idm2010", stdout=io.StringIO())

    consultation = Consultation.objects.get(target_year__year=2011)
    tally = {p.title: p.vote_count for p in consultation_tally(consultation=consultation)}
    ghana_vote = Vote.objects.get(consultation=consultation, member_state__country="GH")

    assert not consultation.is_open()
    assert consultation.is_closed()
    assert consultation.selected_proposal is None
    assert tally == {
        "The future of migration: Building capacities for change": 6,
        "Migration and human security": 4,
    }
    assert set(Vote.objects.values_list("member_state__status", flat=True)) == {"member"}
    # Ten first votes and Mexico's change.
    assert VoteEvent.objects.filter(consultation=consultation).count() == 11
    assert ghana_vote.cast_by.username == "focal.ghana"
    assert [
        (s.member_state.name, s.status)
        for s in ThemeSuggestion.objects.filter(consultation=consultation)
    ] == [("Ghana", "pending")]
    assert consultation_turnout(consultation=consultation).voted == 10
