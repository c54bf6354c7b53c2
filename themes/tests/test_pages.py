"""The consultation through its pages: voting, suggesting, reviewing, declaring, exporting."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from themes.models import Consultation, Proposal, ThemeSuggestion, Vote
from themes.services import consultation_result_declare, vote_cast
from themes.tests.factories import (
    ClosedConsultationFactory,
    ConsultationFactory,
    ThemeSuggestionFactory,
)
from workshops.models import DialogueYear
from workshops.tests.factories import DialogueYearFactory

pytestmark = pytest.mark.django_db


def follow(client, response):
    return client.get(response.url).content.decode()


# --- focal points -------------------------------------------------------------------


def test_a_focal_point_votes_then_changes_the_vote(client, ballot, ghana_focal_point):
    consultation, first, second = ballot
    client.force_login(ghana_focal_point)
    url = f"/themes/{consultation.pk}/vote/"

    cast = follow(client, client.post(url, {"proposal": first.pk, "seen_proposal": ""}))
    changed = follow(client, client.post(url, {"proposal": second.pk, "seen_proposal": first.pk}))

    assert "Your state&#x27;s vote for “Future of migration” is recorded." in cast
    assert "Your state&#x27;s vote is now for “Human security”." in changed
    assert "Your state voted for “Human security” (cast by Ama Mensah" in changed
    assert list(Vote.objects.values_list("proposal_id", flat=True)) == [second.pk]


def test_the_ballot_shows_every_proposal_in_full(client, ballot, ghana_focal_point):
    consultation = ballot[0]
    client.force_login(ghana_focal_point)

    page = client.get(f"/themes/{consultation.pk}/").content.decode()

    assert page.count("<p>First paragraph.</p>\n<p>Second <em>paragraph</em>.</p>") == 2
    assert "Proposed by the Administration" in page
    assert 'name="proposal"' in page
    assert "Cast my state&#x27;s vote" in page


def test_a_vote_on_a_form_loaded_while_open_is_refused_after_the_close(
    client, ballot, ghana_focal_point
):
    consultation, first, _second = ballot
    client.force_login(ghana_focal_point)
    form_page = client.get(f"/themes/{consultation.pk}/").content.decode()
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    response = client.post(f"/themes/{consultation.pk}/vote/", {"proposal": first.pk})

    assert "Cast my state&#x27;s vote" in form_page
    assert response.status_code == 302
    page = follow(client, response)
    assert "Voting closed on" in page
    assert "Your vote was not recorded." in page
    assert "Cast my state&#x27;s vote" not in page
    assert not Vote.objects.exists()


def test_a_vote_without_a_choice_is_refused_with_a_message(client, ballot, ghana_focal_point):
    consultation = ballot[0]
    client.force_login(ghana_focal_point)

    page = follow(client, client.post(f"/themes/{consultation.pk}/vote/", {"proposal": "x"}))

    assert "Choose one of the proposals." in page
    assert not Vote.objects.exists()


def test_a_vote_in_an_unknown_consultation_is_404(client, ghana_focal_point):
    client.force_login(ghana_focal_point)

    assert client.post("/themes/999999/vote/", {"proposal": 1}).status_code == 404


def test_an_observer_reads_and_suggests_but_gets_no_ballot(client, ballot, observer_focal_point):
    consultation, first, _second = ballot
    client.force_login(observer_focal_point)

    page = client.get(f"/themes/{consultation.pk}/").content.decode()
    refused = follow(
        client, client.post(f"/themes/{consultation.pk}/vote/", {"proposal": first.pk})
    )

    assert "only member states vote" in page
    assert 'name="proposal"' not in page
    assert "Suggest another theme" in page
    assert "Only member states vote." in refused
    assert not Vote.objects.exists()


def test_no_ballot_form_when_changes_are_not_allowed_and_the_state_has_voted(
    client, ghana_focal_point
):
    consultation = ConsultationFactory(allow_vote_change=False)
    proposal = consultation.proposals.create(position=1, title="The first")
    consultation.proposals.create(position=2, title="The second")
    vote_cast(consultation_id=consultation.pk, proposal_id=proposal.pk, by=ghana_focal_point)
    client.force_login(ghana_focal_point)

    page = client.get(f"/themes/{consultation.pk}/").content.decode()

    assert "This consultation does not allow changing a vote." in page
    assert 'name="proposal"' not in page


def test_a_state_suggests_a_theme_and_follows_its_status(client, ballot, ghana_focal_point):
    consultation = ballot[0]
    client.force_login(ghana_focal_point)

    response = client.post(
        f"/themes/{consultation.pk}/suggestions/",
        {"title": "Migration and health", "rationale": "Health matters."},
    )

    suggestion = ThemeSuggestion.objects.get()
    assert (suggestion.member_state.name, suggestion.submitted_by, suggestion.status) == (
        "Ghana",
        ghana_focal_point,
        ThemeSuggestion.Status.PENDING,
    )
    page = follow(client, response)
    assert "Your suggestion is submitted" in page
    assert "Migration and health" in page
    assert "Awaiting review" in page


def test_an_incomplete_suggestion_is_shown_again_with_what_was_typed(
    client, ballot, ghana_focal_point
):
    consultation = ballot[0]
    client.force_login(ghana_focal_point)

    response = client.post(
        f"/themes/{consultation.pk}/suggestions/", {"title": "Migration and health"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page
    assert 'value="Migration and health"' in page
    assert not ThemeSuggestion.objects.exists()


def test_no_suggestion_once_voting_has_closed(client, ghana_focal_point):
    consultation = ClosedConsultationFactory()
    client.force_login(ghana_focal_point)

    response = client.post(
        f"/themes/{consultation.pk}/suggestions/", {"title": "Late", "rationale": "Late idea."}
    )

    assert response.status_code == 200
    assert "Suggestions are taken only while voting is open." in response.content.decode()
    assert not ThemeSuggestion.objects.exists()


# --- the secretariat ------------------------------------------------------------------


def test_the_secretariat_opens_a_consultation_and_adds_a_proposal(client, secretariat_user):
    DialogueYearFactory(year=2011, overarching_theme="", is_current=False)
    year = DialogueYear.objects.get(year=2011)
    client.force_login(secretariat_user)

    created = client.post(
        "/themes/new/",
        {
            "target_year": year.pk,
            "title": "Theme of IDM 2011",
            "introduction": "Choose.",
            "opens_at": "2030-04-16T09:00",
            "closes_at": "2030-05-31T18:00",
            "allow_vote_change": "on",
        },
    )
    consultation = Consultation.objects.get()
    added = client.post(
        f"/themes/{consultation.pk}/proposals/new/",
        {
            "title": "Migration and human security",
            "summary": "Human security.",
            "origin": "administration",
        },
    )

    assert created.url == f"/themes/{consultation.pk}/manage/"
    assert (consultation.created_by, consultation.allow_vote_change) == (secretariat_user, True)
    assert timezone.localtime(consultation.opens_at).isoformat() == "2030-04-16T09:00:00+02:00"
    assert added.status_code == 302
    assert list(consultation.proposals.values_list("position", "title")) == [
        (1, "Migration and human security")
    ]


def test_a_window_that_closes_before_it_opens_is_refused(client, secretariat_user):
    year = DialogueYearFactory(year=2011, overarching_theme="", is_current=False)
    client.force_login(secretariat_user)

    response = client.post(
        "/themes/new/",
        {
            "target_year": year.pk,
            "title": "Backwards",
            "opens_at": "2030-05-31T18:00",
            "closes_at": "2030-04-16T09:00",
        },
    )

    assert response.status_code == 200
    assert "Voting must close after it opens." in response.content.decode()
    assert not Consultation.objects.exists()


def test_a_proposal_of_a_state_must_name_the_state(client, secretariat_user, ballot):
    consultation = ballot[0]
    client.force_login(secretariat_user)

    response = client.post(
        f"/themes/{consultation.pk}/proposals/new/",
        {"title": "From a state", "summary": "S.", "origin": "member_state"},
    )

    assert "Name the member state that proposes this theme." in response.content.decode()
    assert consultation.proposals.count() == 2


def test_the_secretariat_follows_turnout_while_voting_is_open(
    client,
    secretariat_user,
    ballot,
    ghana_focal_point,
    second_ghana_focal_point,
    kenya_focal_point,
    observer_focal_point,
):
    consultation, first, second = ballot
    client.force_login(secretariat_user)
    url = f"/themes/{consultation.pk}/manage/"

    before = client.get(url).content.decode()
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    vote_cast(
        consultation_id=consultation.pk,
        proposal_id=second.pk,
        by=second_ghana_focal_point,
        seen_proposal_id=first.pk,
    )
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=kenya_focal_point)
    after = client.get(url).content.decode()

    # Ghana and Kenya are members; Qatar observes and is not counted.
    assert 'data-testid="turnout">0 of 2 member states<' in before
    assert 'data-testid="turnout">2 of 2 member states<' in after
    assert "The tally is shown once voting has closed." in after
    assert 'data-testid="tally"' not in after


def test_a_suggestion_added_to_the_ballot_becomes_the_last_proposal(
    client, secretariat_user, ballot, ghana_focal_point
):
    consultation = ballot[0]
    # Before voting opens: the ballot is fixed from then on.
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() + datetime.timedelta(hours=1)
    )
    suggestion = ThemeSuggestionFactory(
        consultation=consultation, submitted_by=ghana_focal_point, title="Migration and health"
    )
    client.force_login(secretariat_user)

    client.post(f"/themes/suggestions/{suggestion.pk}/add/")
    again = follow(client, client.post(f"/themes/suggestions/{suggestion.pk}/add/"))

    suggestion.refresh_from_db()
    proposal = Proposal.objects.get(consultation=consultation, position=3)
    assert (proposal.title, proposal.origin, proposal.member_state.name) == (
        "Migration and health",
        "member_state",
        "Ghana",
    )
    assert (suggestion.status, suggestion.proposal, suggestion.reviewed_by) == (
        "added",
        proposal,
        secretariat_user,
    )
    assert "This suggestion was already reviewed: Added to the ballot." in again
    assert consultation.proposals.count() == 3


def test_a_suggestion_is_not_added_once_voting_has_opened(client, secretariat_user, ballot):
    consultation = ballot[0]
    suggestion = ThemeSuggestionFactory(consultation=consultation)
    client.force_login(secretariat_user)

    page = follow(client, client.post(f"/themes/suggestions/{suggestion.pk}/add/"))

    assert "Voting has opened: the ballot is fixed, its proposals can no longer change." in page
    assert "Add to the ballot" not in page
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    assert consultation.proposals.count() == 2


def test_a_suggestion_is_not_added_once_voting_has_closed(client, secretariat_user):
    consultation = ClosedConsultationFactory()
    suggestion = ThemeSuggestionFactory(consultation=consultation)
    client.force_login(secretariat_user)

    page = follow(client, client.post(f"/themes/suggestions/{suggestion.pk}/add/"))

    assert "Voting has closed: the ballot can no longer change." in page
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"
    assert not consultation.proposals.exists()


def test_a_declined_suggestion_shows_its_reason_to_the_suggesting_state(
    client, secretariat_user, ballot, ghana_focal_point
):
    consultation = ballot[0]
    suggestion = ThemeSuggestionFactory(consultation=consultation, submitted_by=ghana_focal_point)
    client.force_login(secretariat_user)

    without_reason = follow(
        client, client.post(f"/themes/suggestions/{suggestion.pk}/decline/", {"reason": "  "})
    )
    client.post(
        f"/themes/suggestions/{suggestion.pk}/decline/",
        {"reason": "Already covered by the first proposal."},
    )
    client.force_login(ghana_focal_point)
    state_page = client.get(f"/themes/{consultation.pk}/").content.decode()

    assert "Give the reason for declining" in without_reason
    assert "Declined" in state_page
    assert "Reason: Already covered by the first proposal." in state_page


@pytest.mark.parametrize("reason", ["", "Covered already."])
def test_declining_an_unknown_suggestion_is_404(client, secretariat_user, reason):
    client.force_login(secretariat_user)

    response = client.post("/themes/suggestions/999999/decline/", {"reason": reason})

    assert response.status_code == 404


def test_declaring_the_result_sets_the_theme_of_the_target_year(
    client, secretariat_user, ghana_focal_point
):
    consultation = ClosedConsultationFactory()
    proposal = consultation.proposals.create(position=1, title="The future of migration")
    client.force_login(secretariat_user)
    base = f"/themes/{consultation.pk}/"

    publish_first = follow(client, client.post(f"{base}result/publish/"))
    client.post(f"{base}result/declare/", {"proposal": proposal.pk})
    client.post(f"{base}result/publish/")
    changed_after = follow(client, client.post(f"{base}result/declare/", {"proposal": proposal.pk}))

    consultation.refresh_from_db()
    assert "Declare the selected theme before publishing the result." in publish_first
    assert consultation.selected_proposal == proposal
    assert consultation.result_declared_by == secretariat_user
    assert consultation.result_published_at is not None
    assert DialogueYear.objects.get(year=2011).overarching_theme == "The future of migration"
    assert "The result is already published and can no longer change." in changed_after


def test_no_result_before_the_close(client, secretariat_user, ballot):
    consultation, first, _second = ballot
    client.force_login(secretariat_user)

    page = follow(
        client, client.post(f"/themes/{consultation.pk}/result/declare/", {"proposal": first.pk})
    )

    assert "The result can be declared once voting has closed." in page
    assert DialogueYear.objects.get(year=2011).overarching_theme == ""


def test_a_result_must_be_a_proposal_of_the_ballot(client, secretariat_user):
    consultation = ClosedConsultationFactory()
    consultation.proposals.create(position=1, title="On the ballot")
    client.force_login(secretariat_user)

    page = follow(
        client, client.post(f"/themes/{consultation.pk}/result/declare/", {"proposal": 999999})
    )

    assert "Choose one of the proposals on the ballot." in page
    assert Consultation.objects.get().selected_proposal is None


def test_the_votes_export_as_csv(
    client, secretariat_user, ballot, ghana_focal_point, kenya_focal_point
):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=second.pk, by=kenya_focal_point)
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    Vote.objects.update(cast_at=datetime.datetime(2010, 5, 3, 7, 30, tzinfo=datetime.UTC))
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(secretariat_user)

    response = client.get(f"/themes/{consultation.pk}/votes.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Member state", "ISO code", "Ballot position", "Proposal", "Cast by", "Cast at (UTC)"],
        ["Ghana", "GH", "1", "Future of migration", "Ama Mensah", "2010-05-03T07:30:00+00:00"],
        [
            "Kenya",
            "KE",
            "2",
            "Human security",
            kenya_focal_point.get_full_name(),
            "2010-05-03T07:30:00+00:00",
        ],
    ]


def test_the_tally_chart_is_an_svg_without_scripts_from_elsewhere(
    client, secretariat_user, ghana_focal_point
):
    consultation = ClosedConsultationFactory()
    first = consultation.proposals.create(position=1, title="Future & <change>")
    consultation.proposals.create(position=2, title="Human security")
    Vote.objects.create(
        consultation=consultation,
        member_state=ghana_focal_point.member_state,
        proposal=first,
        cast_by=ghana_focal_point,
    )
    client.force_login(secretariat_user)

    manage = client.get(f"/themes/{consultation.pk}/manage/").content.decode()
    svg = client.get(f"/themes/{consultation.pk}/chart.svg").content.decode()

    assert f'src="/themes/{consultation.pk}/chart.svg"' in manage
    assert '<td>Future &amp; &lt;change&gt;</td><td class="text-end">1</td>' in manage
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "Future &amp; &lt;change&gt;" in svg
    assert "pygal-tooltips" not in svg  # the script pygal would load from a CDN
    assert 'xlink:href="http' not in svg


def test_the_declared_theme_is_marked_in_the_manage_page(client, secretariat_user):
    consultation = ClosedConsultationFactory()
    proposal = consultation.proposals.create(position=1, title="Human security")
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )
    client.force_login(secretariat_user)

    page = client.get(f"/themes/{consultation.pk}/manage/").content.decode()

    assert "Selected theme for IDM 2011: “Human security”." in page
    assert "Publish the result to the member states" in page
