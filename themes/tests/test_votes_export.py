import csv

import pytest
from django.utils import timezone

from participants.tests.factories import FocalPointFactory, MemberStateFactory
from themes.models import Consultation
from themes.services import vote_cast
from themes.tests.factories import ConsultationFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_votes_csv_writes_planted_formulas_as_text(client, secretariat_user):
    consultation = ConsultationFactory()
    proposal = ProposalFactory(consultation=consultation, title='=HYPERLINK("http://x.example")')
    ProposalFactory(consultation=consultation)  # a ballot takes at least two proposals
    user = FocalPointFactory(
        member_state=MemberStateFactory(), first_name="@SUM(A1)", last_name="-2"
    )
    vote_cast(consultation_id=consultation.pk, proposal_id=proposal.pk, by=user)
    # Votes are read per state once voting has closed.
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now())
    client.force_login(secretariat_user)

    response = client.get(f"/themes/{consultation.pk}/votes.csv")

    row = list(csv.reader(response.content.decode().splitlines()))[1]
    assert row[3:5] == ['\'=HYPERLINK("http://x.example")', "'@SUM(A1) -2"]
