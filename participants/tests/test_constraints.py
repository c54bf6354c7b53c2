import pytest
from django.db import IntegrityError, transaction

from common.history import HistoryIsAppendOnly
from participants.models import Category, Participant, RegistrationChange
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def assert_refused_by_database(**registration_fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(**registration_fields)


def test_government_delegate_without_member_state_is_refused():
    assert_refused_by_database(category=Category.GOVERNMENT, member_state=None)


def test_member_state_on_non_government_registration_is_refused():
    assert_refused_by_database(
        category=Category.NGO,
        member_state=MemberStateFactory(),
        organization=OrganizationFactory(kind="ngo"),
    )


@pytest.mark.parametrize(
    "category",
    ["international_organization", "ngo", "private_sector", "academia", "media"],
)
def test_organization_categories_require_an_organization(category):
    assert_refused_by_database(category=category, organization=None)


def test_other_category_needs_neither_state_nor_organization():
    registration = RegistrationFactory(category=Category.OTHER)

    assert registration.member_state is None
    assert registration.organization is None


def test_participant_is_registered_once_per_meeting():
    first = RegistrationFactory()

    assert_refused_by_database(meeting=first.meeting, participant=first.participant)


def test_same_participant_may_attend_two_meetings():
    first = RegistrationFactory()

    second = RegistrationFactory(participant=first.participant)

    assert first.meeting != second.meeting


def test_email_is_unique_whatever_its_case():
    ParticipantFactory(email="Ana.Silva@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(email="ana.silva@EXAMPLE.org")


def test_several_participants_may_have_no_email():
    ParticipantFactory(email="")
    ParticipantFactory(email="")

    assert Participant.objects.filter(email="").count() == 2


def test_registration_history_cannot_be_rewritten_or_deleted():
    registration = RegistrationFactory()
    entry = RegistrationChange.objects.create(
        registration=registration, action=RegistrationChange.Action.CREATED, changes={}
    )

    with pytest.raises(HistoryIsAppendOnly):
        entry.save()
    with pytest.raises(HistoryIsAppendOnly):
        entry.delete()
    with pytest.raises(HistoryIsAppendOnly):
        RegistrationChange.objects.filter(pk=entry.pk).update(action="updated")

    assert RegistrationChange.objects.get(pk=entry.pk).action == "created"
