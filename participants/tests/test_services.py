import pytest
from django.core.exceptions import ValidationError

from participants.models import Category, Organization, Participant, Registration
from participants.selectors import participant_matches
from participants.services import (
    AlreadyRegistered,
    PersonDetails,
    organization_get_or_create,
    registration_check_in,
    registration_create,
    registration_role_set,
    registration_update,
    registration_withdraw,
)
from participants.tests.factories import (
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ANA = PersonDetails(
    honorific="Ms.",
    first_name="Ana",
    last_name="Silva",
    email="ana.silva@example.org",
    job_title="Counsellor",
)


def register(meeting, *, participant=None, person=ANA, by=None, **fields):
    values = {
        "category": Category.GOVERNMENT,
        "member_state": None,
        "organization": None,
        "role": Registration.Role.DELEGATE,
        **fields,
    }
    return registration_create(
        meeting=meeting, person=person, participant=participant, by=by, **values
    )


def test_registering_a_new_person_creates_them_and_records_who_and_when(ghana, secretariat_user):
    meeting = MeetingFactory()

    registration = register(meeting, member_state=ghana, by=secretariat_user)

    assert registration.participant.full_name == "Ms. Ana Silva"
    assert registration.created_by == secretariat_user
    (change,) = registration.changes.all()
    assert change.action == "created"
    assert change.changed_by == secretariat_user
    assert change.changes["member_state_id"] == [None, ghana.pk]


def test_registering_an_existing_person_does_not_duplicate_them(ghana):
    person = ParticipantFactory(email="ana.silva@example.org", job_title="")

    registration = register(MeetingFactory(), participant=person, member_state=ghana)

    assert registration.participant == person
    assert Participant.objects.count() == 1
    person.refresh_from_db()
    assert person.job_title == "Counsellor"  # a newer job title typed in is kept


def test_same_person_twice_at_one_meeting_is_refused_with_the_existing_registration(ghana):
    first = RegistrationFactory(member_state=ghana)

    with pytest.raises(AlreadyRegistered) as refused:
        register(first.meeting, participant=first.participant, member_state=ghana)

    assert refused.value.registration == first
    assert Registration.objects.count() == 1


def test_a_new_person_with_an_email_of_the_register_is_refused(ghana):
    ParticipantFactory(email="ANA.SILVA@example.org")

    with pytest.raises(ValidationError):
        register(MeetingFactory(), member_state=ghana)

    assert Registration.objects.count() == 0


def test_the_database_rules_on_affiliation_are_checked_before_saving():
    with pytest.raises(ValidationError):
        register(MeetingFactory(), category=Category.NGO, organization=None)

    assert Registration.objects.count() == Participant.objects.count() == 0


def test_matches_by_email_whatever_its_case():
    person = ParticipantFactory(email="Ana.Silva@Example.org")

    assert participant_matches(email="ana.silva@example.org", first_name="", last_name="") == [
        person
    ]


def test_matches_by_name_and_organization_of_an_earlier_registration():
    unhcr = OrganizationFactory(name="UNHCR")
    person = ParticipantFactory(first_name="Ana", last_name="Silva", email="")
    RegistrationFactory(
        participant=person, category=Category.INTERNATIONAL_ORGANIZATION, organization=unhcr
    )

    same_organization = participant_matches(
        email="", first_name="ana", last_name="SILVA", organization=unhcr
    )
    other_organization = participant_matches(
        email="", first_name="Ana", last_name="Silva", organization=OrganizationFactory()
    )

    assert same_organization == [person]
    assert other_organization == []


def test_matches_by_name_and_member_state(ghana, kenya):
    registration = RegistrationFactory(member_state=ghana)
    person = registration.participant

    def matches(state):
        return participant_matches(
            email="", first_name=person.first_name, last_name=person.last_name, member_state=state
        )

    assert matches(ghana) == [person]
    assert matches(kenya) == []


def test_organizations_are_found_whatever_the_case_and_spacing():
    unhcr = OrganizationFactory(name="World Bank")

    assert organization_get_or_create(name="world  bank", kind="ngo") == unhcr
    created = organization_get_or_create(name="Global Forum", kind="ngo")
    assert created.kind == Organization.Kind.NGO
    assert Organization.objects.count() == 2


def test_a_typed_organization_is_found_by_acronym_or_as_displayed_accents_ignored():
    ilo = OrganizationFactory(name="Organisation internationale du Travail", acronym="OIT")

    for written in (
        "oit",
        "Organisation Internationale du Travail (OIT)",
        "ORGANISATION INTERNATIONALE DU TRAVAÏL",
    ):
        assert organization_get_or_create(name=written, kind="ngo") == ilo
    assert Organization.objects.count() == 1


def test_update_records_each_changed_field_with_old_and_new_value(ghana, kenya, secretariat_user):
    registration = RegistrationFactory(member_state=ghana, participant__job_title="Attaché")
    person = registration.participant

    registration_update(
        registration=registration,
        person=PersonDetails(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            job_title="Counsellor",
        ),
        category=Category.GOVERNMENT,
        member_state=kenya,
        organization=None,
        role=Registration.Role.HEAD_OF_DELEGATION,
        status=registration.status,
        by=secretariat_user,
    )

    registration.refresh_from_db()
    assert registration.member_state == kenya
    assert registration.updated_by == secretariat_user
    (change,) = registration.changes.all()
    assert change.action == "updated"
    assert change.changes == {
        "member_state_id": [ghana.pk, kenya.pk],
        "role": ["delegate", "head_of_delegation"],
        "participant.job_title": ["Attaché", "Counsellor"],
    }


def test_update_without_changes_records_nothing(ghana):
    registration = RegistrationFactory(member_state=ghana)
    person = registration.participant

    registration_update(
        registration=registration,
        person=PersonDetails(
            first_name=person.first_name, last_name=person.last_name, email=person.email
        ),
        category=registration.category,
        member_state=ghana,
        organization=None,
        role=registration.role,
        status=registration.status,
    )

    assert registration.changes.count() == 0


def test_check_in_twice_is_recorded_once(secretariat_user):
    registration = RegistrationFactory()

    first = registration_check_in(registration=registration, by=secretariat_user)
    second = registration_check_in(registration=registration, by=secretariat_user)

    assert (first, second) == (True, False)
    registration.refresh_from_db()
    assert registration.status == "attended"
    assert list(registration.changes.values_list("action", flat=True)) == ["checked_in"]


def test_a_withdrawn_person_is_not_checked_in(secretariat_user):
    registration = RegistrationFactory(
        status="withdrawn",
        participant__honorific="Dr.",
        participant__first_name="Ama",
        participant__last_name="Owusu",
    )

    with pytest.raises(ValidationError) as raised:
        registration_check_in(registration=registration, by=secretariat_user)

    assert raised.value.messages == ["Dr. Ama Owusu has withdrawn."]
    registration.refresh_from_db()
    assert registration.status == "withdrawn"
    assert registration.changes.count() == 0


def test_withdraw_keeps_the_registration_and_records_it(secretariat_user):
    registration = RegistrationFactory()

    registration_withdraw(registration=registration, by=secretariat_user)

    registration.refresh_from_db()
    assert registration.status == "withdrawn"
    assert registration.changes.get().changes == {"status": ["registered", "withdrawn"]}


@pytest.mark.django_db
def test_role_change_is_recorded_once():
    registration = RegistrationFactory(role=Registration.Role.DELEGATE)

    assert registration_role_set(registration=registration, role=Registration.Role.SPEAKER)
    assert not registration_role_set(registration=registration, role=Registration.Role.SPEAKER)

    registration.refresh_from_db()
    assert registration.role == Registration.Role.SPEAKER
    assert list(registration.changes.values_list("changes", flat=True)) == [
        {"role": ["delegate", "speaker"]}
    ]
