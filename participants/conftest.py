import pytest

from participants.tests.factories import MemberStateFactory


@pytest.fixture
def ghana(db):
    return MemberStateFactory(country="GH", name="Ghana")


@pytest.fixture
def kenya(db):
    return MemberStateFactory(country="KE", name="Kenya")


@pytest.fixture
def ghana_focal_point(ghana):
    from participants.tests.factories import FocalPointFactory

    return FocalPointFactory(member_state=ghana)


@pytest.fixture
def kenya_focal_point(kenya):
    from participants.tests.factories import FocalPointFactory

    return FocalPointFactory(member_state=kenya)
