"""Lists and details run a fixed number of queries, whatever the number of rows."""

import datetime

import pytest
from django.utils import timezone

from participants.tests.factories import FocalPointFactory, MemberStateFactory
from themes.models import Consultation
from themes.services import vote_cast
from themes.tests.factories import (
    ClosedConsultationFactory,
    ConsultationFactory,
    ProposalFactory,
    ThemeSuggestionFactory,
)

pytestmark = pytest.mark.django_db

# session, user, secretariat group check (header), then the page's own queries
PER_REQUEST = 3


@pytest.mark.parametrize("count", [1, 3])
def test_consultation_list_for_a_focal_point(
    client, django_assert_num_queries, ghana_focal_point, count
):
    ConsultationFactory.create_batch(count)
    client.force_login(ghana_focal_point)

    # + the focal point's state, the consultations with the state's votes
    with django_assert_num_queries(PER_REQUEST + 2):
        response = client.get("/themes/")

    assert response.content.decode().count("list-group-item-action") == count


@pytest.mark.parametrize("count", [1, 3])
def test_consultation_list_for_the_secretariat(
    client, django_assert_num_queries, secretariat_user, count
):
    ConsultationFactory.create_batch(count)
    client.force_login(secretariat_user)

    with django_assert_num_queries(PER_REQUEST + 1):
        response = client.get("/themes/")

    assert response.content.decode().count("list-group-item-action") == count


@pytest.mark.parametrize("count", [1, 3])
def test_ballot_page_for_a_focal_point(client, django_assert_num_queries, ghana_focal_point, count):
    consultation = ConsultationFactory()
    # A ballot takes at least two proposals.
    proposals = ProposalFactory.create_batch(count + 1, consultation=consultation)
    vote_cast(consultation_id=consultation.pk, proposal_id=proposals[0].pk, by=ghana_focal_point)
    ThemeSuggestionFactory.create_batch(
        count, consultation=consultation, submitted_by=ghana_focal_point
    )
    client.force_login(ghana_focal_point)

    # + state, consultation, its proposals, the state's vote, its status at the opening,
    # its suggestions
    with django_assert_num_queries(PER_REQUEST + 6):
        response = client.get(f"/themes/{consultation.pk}/")

    page = response.content.decode()
    assert page.count('class="card mb-3"') == count + 1
    assert page.count('data-testid="suggestion"') == count


@pytest.mark.parametrize("count", [1, 3])
def test_manage_page_of_a_closed_consultation(
    client, django_assert_num_queries, secretariat_user, count
):
    consultation = ClosedConsultationFactory()
    ProposalFactory.create_batch(count, consultation=consultation)
    ThemeSuggestionFactory.create_batch(count, consultation=consultation)
    client.force_login(secretariat_user)

    # + consultation, proposals, turnout, suggestions, tally, consultation history
    with django_assert_num_queries(PER_REQUEST + 6):
        response = client.get(f"/themes/{consultation.pk}/manage/")

    page = response.content.decode()
    assert page.count('data-testid="suggestion"') == count
    assert page.count('class="card mb-3"') == count


def _votes(count):
    consultation = ConsultationFactory()
    first, second = ProposalFactory.create_batch(2, consultation=consultation)
    for _ in range(count):
        user = FocalPointFactory(member_state=MemberStateFactory())
        vote_cast(consultation_id=consultation.pk, proposal_id=first.pk, by=user)
        vote_cast(
            consultation_id=consultation.pk,
            proposal_id=second.pk,
            by=user,
            seen_proposal_id=first.pk,
        )
    # Each state's vote is read once voting has closed.
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    return consultation


@pytest.mark.parametrize("count", [1, 3])
def test_vote_history_page(client, django_assert_num_queries, secretariat_user, count):
    consultation = _votes(count)
    client.force_login(secretariat_user)

    # + consultation, proposals, events
    with django_assert_num_queries(PER_REQUEST + 3):
        response = client.get(f"/themes/{consultation.pk}/history/")

    assert response.content.decode().count('data-testid="vote-event"') == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_votes_csv(client, django_assert_num_queries, secretariat_user, count):
    consultation = _votes(count)
    client.force_login(secretariat_user)

    # + consultation, proposals, votes
    with django_assert_num_queries(PER_REQUEST + 3):
        response = client.get(f"/themes/{consultation.pk}/votes.csv")

    assert len(response.content.decode().strip().splitlines()) == 1 + count
