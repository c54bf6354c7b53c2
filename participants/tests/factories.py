import datetime

import factory
from django_countries import countries

from accounts.tests.factories import EnrolledUserFactory
from participants.models import (
    Category,
    DelegationProposal,
    MemberState,
    Organization,
    Participant,
    Registration,
    VisaRequest,
)

_STATE_CODES = [code for code, _ in countries]


class MemberStateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberState
        django_get_or_create = ("country",)

    country = factory.Sequence(lambda n: _STATE_CODES[n % len(_STATE_CODES)])
    name = factory.LazyAttribute(lambda o: countries.name(o.country))
    status = MemberState.Status.MEMBER


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.INTERNATIONAL_ORGANIZATION


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A government delegate by default; pass category= and organization= for others."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory("workshops.tests.factories.MeetingFactory")
    participant = factory.SubFactory(ParticipantFactory)
    category = Category.GOVERNMENT
    member_state = factory.Maybe(
        factory.LazyAttribute(lambda o: o.category == Category.GOVERNMENT),
        yes_declaration=factory.SubFactory(MemberStateFactory),
        no_declaration=None,
    )
    organization = None


class DelegationProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegationProposal

    meeting = factory.SubFactory("workshops.tests.factories.MeetingFactory")
    member_state = factory.SubFactory(MemberStateFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Sequence(lambda n: f"proposed{n}@example.org")


class VisaRequestFactory(factory.django.DjangoModelFactory):
    """A request for a visa support letter, as the self-registration form records it."""

    class Meta:
        model = VisaRequest

    registration = factory.SubFactory(RegistrationFactory, status=Registration.Status.CONFIRMED)
    passport_name = factory.LazyAttribute(
        lambda o: (
            f"{o.registration.participant.last_name.upper()} "
            f"{o.registration.participant.first_name}"
        )
    )
    passport_number = factory.Sequence(lambda n: f"P{n:07d}")
    nationality = "GH"
    date_of_birth = datetime.date(1980, 5, 17)
    passport_expiry_date = datetime.date(2031, 1, 31)


class FocalPointFactory(EnrolledUserFactory):
    """A user who acts for a member state (accounts lies below participants)."""

    member_state = factory.SubFactory(MemberStateFactory)


def import_table(*, meeting, table, by=None):
    """Imports a table as the upload page does: stored, then applied; returns the preview."""
    from participants.importing import participant_import_apply, participant_import_store

    stored = participant_import_store(meeting=meeting, file_name="test.csv", table=table, by=by)
    return participant_import_apply(pk=stored.pk, meeting=meeting, by=by).preview
