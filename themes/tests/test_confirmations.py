"""Votes, results and the early close ask for confirmation on a page before acting."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from themes.models import Consultation, Vote
from themes.services import (
    consultation_result_declare,
    consultation_voting_close,
    vote_cast,
)
from themes.tests.factories import ClosedConsultationFactory, ConsultationFactory

pytestmark = pytest.mark.django_db


def post_forms(html: str) -> list[str]:
    """The action of every POST form of a page."""
    return re.findall(r'<form method="post" action="([^"]+)"', html)


def test_the_ballot_sends_the_choice_to_a_confirmation_page_that_records_nothing(
    client, ballot, ghana_focal_point
):
    consultation, first, _second = ballot
    client.force_login(ghana_focal_point)
    url = f"/themes/{consultation.pk}/vote/"

    ballot_page = client.get(f"/themes/{consultation.pk}/").content.decode()
    confirmation = client.get(url, {"proposal": first.pk, "seen_proposal": ""})
    html = confirmation.content.decode()

    assert f'action="{url}"' in ballot_page
    assert url not in post_forms(ballot_page)
    assert confirmation.status_code == 200
    assert "Confirm the vote of Ghana" in html
    assert "Your state&#x27;s one vote will be for “Future of migration”." in html
    assert "Until voting closes (" in html
    assert post_forms(html)[-1] == url
    assert f'name="proposal" value="{first.pk}"' in html
    assert not Vote.objects.exists()


def test_changing_a_vote_names_the_vote_it_replaces(client, ballot, ghana_focal_point):
    consultation, first, second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    client.force_login(ghana_focal_point)

    html = client.get(
        f"/themes/{consultation.pk}/vote/", {"proposal": second.pk, "seen_proposal": first.pk}
    ).content.decode()

    assert "It replaces your state&#x27;s vote for “Future of migration”." in html
    assert f'name="seen_proposal" value="{first.pk}"' in html
    assert Vote.objects.get().proposal == first


def test_a_final_vote_says_so_before_it_is_cast(client, ghana_focal_point):
    consultation = ConsultationFactory(allow_vote_change=False)
    proposal = consultation.proposals.create(position=1, title="Human security")
    client.force_login(ghana_focal_point)

    html = client.get(f"/themes/{consultation.pk}/vote/", {"proposal": proposal.pk}).content

    assert "This consultation allows no change: the vote is final." in html.decode()


def test_confirming_a_proposal_of_another_ballot_is_refused(client, ballot, ghana_focal_point):
    consultation = ballot[0]
    elsewhere = ConsultationFactory().proposals.create(position=1, title="Elsewhere")
    client.force_login(ghana_focal_point)

    response = client.get(f"/themes/{consultation.pk}/vote/", {"proposal": elsewhere.pk})

    assert response.status_code == 302
    assert "Choose one of the proposals." in client.get(response.url).content.decode()


def test_who_may_see_the_vote_confirmation(
    client, ballot, ghana_focal_point, kenya_focal_point, observer_focal_point, secretariat_user
):
    consultation, first, _second = ballot
    url = f"/themes/{consultation.pk}/vote/?proposal={first.pk}"

    anonymous = client.get(url)
    client.force_login(ghana_focal_point)
    ghana = client.get(url).content.decode()
    client.force_login(kenya_focal_point)
    kenya = client.get(url).content.decode()
    client.force_login(observer_focal_point)
    observer = client.get(url)
    observer_page = client.get(observer.url).content.decode()
    client.force_login(secretariat_user)
    secretariat = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/accounts/login/")
    assert "Confirm the vote of Ghana" in ghana
    assert "Kenya" not in ghana
    assert "Confirm the vote of Kenya" in kenya
    assert "Ghana" not in kenya
    assert observer.status_code == 302
    assert "Only member states vote." in observer_page
    assert secretariat.status_code == 403


# --- the secretariat ------------------------------------------------------------------------


@pytest.fixture
def closed(db):
    consultation = ClosedConsultationFactory()
    proposal = consultation.proposals.create(position=1, title="Human security")
    return consultation, proposal


def test_declaring_a_result_is_confirmed_first(client, secretariat_user, closed):
    consultation, proposal = closed
    client.force_login(secretariat_user)
    base = f"/themes/{consultation.pk}/"

    manage = client.get(f"{base}manage/").content.decode()
    html = client.get(f"{base}result/declare/", {"proposal": proposal.pk}).content.decode()

    assert f"{base}result/declare/" not in post_forms(manage)
    assert "“Human security” becomes the overarching theme of IDM 2011." in html
    assert post_forms(html)[-1] == f"{base}result/declare/"
    assert Consultation.objects.get(pk=consultation.pk).selected_proposal is None


def test_publishing_a_result_is_confirmed_first(client, secretariat_user, closed):
    consultation, proposal = closed
    consultation_result_declare(
        consultation_id=consultation.pk, proposal_id=proposal.pk, by=secretariat_user
    )
    client.force_login(secretariat_user)
    base = f"/themes/{consultation.pk}/"

    manage = client.get(f"{base}manage/").content.decode()
    html = client.get(f"{base}result/publish/").content.decode()

    assert f'href="{base}result/publish/"' in manage
    assert f"{base}result/publish/" not in post_forms(manage)
    assert "Every member and observer state sees “Human security” as the selected theme." in html
    assert post_forms(html)[-1] == f"{base}result/publish/"
    assert not Consultation.objects.get(pk=consultation.pk).is_published


def test_publishing_before_declaring_offers_no_confirmation(client, secretariat_user, closed):
    client.force_login(secretariat_user)

    response = client.get(f"/themes/{closed[0].pk}/result/publish/")

    assert response.status_code == 302
    assert "Declare the selected theme before publishing the result." in (
        client.get(response.url).content.decode()
    )


# --- closing voting now ---------------------------------------------------------------------


def test_the_secretariat_closes_voting_now_after_confirming(
    client, secretariat_user, ballot, ghana_focal_point, kenya_focal_point
):
    consultation, first, _second = ballot
    vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=ghana_focal_point)
    client.force_login(secretariat_user)
    url = f"/themes/{consultation.pk}/voting/close/"

    manage = client.get(f"/themes/{consultation.pk}/manage/").content.decode()
    confirmation = client.get(url).content.decode()
    still_open = Consultation.objects.get(pk=consultation.pk).is_open()
    before = timezone.now()
    done = client.get(client.post(url).url).content.decode()
    consultation.refresh_from_db()

    assert f'href="{url}"' in manage
    assert "1 of 2 member states have voted." in confirmation
    assert still_open
    assert "Voting is closed. You may now declare the result." in done
    assert before <= consultation.closes_at <= timezone.now()
    assert Vote.objects.get().proposal == first
    with pytest.raises(ValidationError, match="Voting closed on"):
        vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=kenya_focal_point)


def test_voting_cannot_close_before_it_opens_or_twice(secretariat_user):
    upcoming = ConsultationFactory(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    closed = ClosedConsultationFactory()
    closes_at = closed.closes_at

    with pytest.raises(ValidationError) as not_open:
        consultation_voting_close(consultation_id=upcoming.pk, by=None)
    with pytest.raises(ValidationError) as already:
        consultation_voting_close(consultation_id=closed.pk, by=None)

    assert not_open.value.messages == [
        "Voting has not opened yet: change the voting window instead."
    ]
    assert already.value.messages[0].startswith("Voting already closed (")
    closed.refresh_from_db()
    assert closed.closes_at == closes_at


def test_who_may_close_voting(
    client, ballot, ghana_focal_point, kenya_focal_point, observer_focal_point, secretariat_user
):
    consultation = ballot[0]
    url = f"/themes/{consultation.pk}/voting/close/"

    anonymous = client.get(url)
    statuses = []
    for user in (ghana_focal_point, kenya_focal_point, observer_focal_point):
        client.force_login(user)
        statuses += [client.get(url).status_code, client.post(url).status_code]
    client.force_login(secretariat_user)
    secretariat = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous.url.startswith("/accounts/login/")
    assert statuses == [403] * 6
    assert secretariat.status_code == 200
    assert Consultation.objects.get(pk=consultation.pk).is_open()
