"""Fixtures of the theme consultation tests: a ballot and focal points around it."""

import pytest

from participants.models import MemberState
from participants.tests.factories import FocalPointFactory, MemberStateFactory


@pytest.fixture
def ballot(db):
    """An open consultation with two proposals; returns (consultation, first, second)."""
    from themes.tests.factories import ConsultationFactory, ProposalFactory

    consultation = ConsultationFactory()
    first = ProposalFactory(consultation=consultation, position=1, title="Future of migration")
    second = ProposalFactory(consultation=consultation, position=2, title="Human security")
    return consultation, first, second


@pytest.fixture
def ghana(db):
    return MemberStateFactory(country="GH", name="Ghana")


@pytest.fixture
def ghana_focal_point(ghana):
    return FocalPointFactory(member_state=ghana, first_name="Ama", last_name="Mensah")


@pytest.fixture
def second_ghana_focal_point(ghana):
    return FocalPointFactory(member_state=ghana, first_name="Kofi", last_name="Owusu")


@pytest.fixture
def kenya_focal_point(db):
    return FocalPointFactory(member_state=MemberStateFactory(country="KE", name="Kenya"))


@pytest.fixture
def observer_focal_point(db):
    state = MemberStateFactory(country="QA", name="Qatar", status=MemberState.Status.OBSERVER)
    return FocalPointFactory(member_state=state)
