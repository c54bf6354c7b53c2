"""Who sees what: anonymous, other users, focal points of either state, the secretariat."""

import datetime

import pytest
from django.utils import timezone

from accounts.tests.factories import UserFactory
from themes.models import Consultation
from themes.services import consultation_result_declare, consultation_result_publish, vote_cast
from themes.tests.factories import (
    ClosedConsultationFactory,
    ConsultationFactory,
    ThemeSuggestionFactory,
)

pytestmark = pytest.mark.django_db

SECRETARIAT_PAGES = ["manage/", "edit/", "proposals/new/", "votes.csv", "history/"]
SECRETARIAT_POSTS = ["result/declare/", "result/publish/", "voting/close/"]


def test_anonymous_users_are_sent_to_log_in_everywhere(client, ballot):
    consultation = ballot[0]
    base = f"/themes/{consultation.pk}/"
    gets = ["/themes/", "/themes/new/", base, f"{base}chart.svg"]
    gets += [base + page for page in SECRETARIAT_PAGES]
    posts = [f"{base}vote/", f"{base}suggestions/"] + [base + p for p in SECRETARIAT_POSTS]

    responses = [client.get(url) for url in gets] + [client.post(url) for url in posts]

    assert [r.status_code for r in responses] == [302] * len(responses)
    assert all(r.url.startswith("/accounts/login/?next=") for r in responses)


def test_users_without_a_role_are_refused(client, ballot):
    client.force_login(UserFactory())
    consultation = ballot[0]

    assert client.get("/themes/").status_code == 403
    assert client.get(f"/themes/{consultation.pk}/").status_code == 403
    assert client.post(f"/themes/{consultation.pk}/vote/").status_code == 403


def test_focal_points_are_refused_the_secretariat_pages(client, ballot, ghana_focal_point):
    consultation = ballot[0]
    suggestion = ThemeSuggestionFactory(consultation=consultation)
    client.force_login(ghana_focal_point)
    base = f"/themes/{consultation.pk}/"

    statuses = [client.get(base + page).status_code for page in SECRETARIAT_PAGES]
    statuses += [client.post(base + page).status_code for page in SECRETARIAT_POSTS]
    statuses += [
        client.get("/themes/new/").status_code,
        client.post(f"/themes/suggestions/{suggestion.pk}/add/").status_code,
        client.post(f"/themes/suggestions/{suggestion.pk}/decline/", {"reason": "No"}).status_code,
    ]

    assert statuses == [403] * len(statuses)


def test_a_state_sees_its_own_vote_and_suggestions_not_another_states(
    client, ballot, ghana_focal_point, kenya_focal_point
):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    ThemeSuggestionFactory(
        consultation=consultation, submitted_by=ghana_focal_point, title="Ghana's idea"
    )
    url = f"/themes/{consultation.pk}/"

    client.force_login(ghana_focal_point)
    ghana_page = client.get(url).content.decode()
    client.force_login(kenya_focal_point)
    kenya_page = client.get(url).content.decode()

    assert "The vote of Ghana" in ghana_page
    assert "Your state voted for “Future of migration” (cast by Ama Mensah" in ghana_page
    assert "Ghana&#x27;s idea" in ghana_page
    assert "The vote of Kenya" in kenya_page
    assert "Your state has not voted." in kenya_page
    assert "Ama Mensah" not in kenya_page
    assert "Ghana&#x27;s idea" not in kenya_page


def test_the_secretariat_sees_every_page(client, secretariat_user, ballot):
    consultation = ballot[0]
    # Otherwise the votes stay hidden until voting closes (test_ballot_rules.py).
    Consultation.objects.filter(pk=consultation.pk).update(votes_public_while_open=True)
    client.force_login(secretariat_user)
    base = f"/themes/{consultation.pk}/"

    statuses = [client.get(url).status_code for url in ["/themes/", "/themes/new/", base]]
    statuses += [client.get(base + page).status_code for page in SECRETARIAT_PAGES]

    assert statuses == [200] * len(statuses)


def test_focal_points_see_a_consultation_only_once_voting_has_opened(
    client, secretariat_user, ghana_focal_point
):
    upcoming = ConsultationFactory(
        title="Not yet open",
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    ConsultationFactory(title="Open now")

    client.force_login(ghana_focal_point)
    focal_list = client.get("/themes/").content.decode()
    focal_detail = client.get(f"/themes/{upcoming.pk}/")
    client.force_login(secretariat_user)
    secretariat_list = client.get("/themes/").content.decode()

    assert "Open now" in focal_list
    assert "Not yet open" not in focal_list
    assert focal_detail.status_code == 404
    assert "Not yet open" in secretariat_list


def test_results_reach_the_states_only_once_published(client, secretariat_user, ghana_focal_point):
    consultation = ClosedConsultationFactory()
    proposal = consultation.proposals.create(position=1, title="Human security")
    url = f"/themes/{consultation.pk}/"
    client.force_login(ghana_focal_point)

    before = client.get(url).content.decode()
    chart_before = client.get(f"{url}chart.svg")
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )
    declared = client.get(url).content.decode()
    consultation_result_publish(consultation_id=consultation.pk)
    published = client.get(url).content.decode()
    chart_published = client.get(f"{url}chart.svg")

    assert 'data-testid="tally"' not in before
    assert chart_before.status_code == 404
    assert 'data-testid="result"' not in declared
    assert 'data-testid="tally"' not in declared
    assert "The overarching theme of IDM 2011 is “Human security”." in published
    assert 'data-testid="tally"' in published
    assert chart_published.status_code == 200
    assert chart_published["Content-Type"].startswith("image/svg+xml")
