import pytest
from django.urls import reverse

from participants.models import Category, Organization, Participant, Registration
from participants.services import registration_withdraw
from participants.tests.factories import (
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory()


def staff_urls(meeting, registration):
    return [
        reverse("participants:registration_list", args=[meeting.pk]),
        reverse("participants:registration_create", args=[meeting.pk]),
        reverse("participants:check_in", args=[meeting.pk]),
        reverse("participants:meeting_statistics", args=[meeting.pk]),
        reverse("participants:import_upload", args=[meeting.pk]),
        reverse("participants:registration_export", args=[meeting.pk, "csv"]),
        reverse("participants:registration_update", args=[registration.pk]),
        reverse("participants:import_template", args=["xlsx"]),
        reverse("participants:proposal_list"),
        reverse("participants:year_statistics"),
    ]


def test_secretariat_pages_send_anonymous_users_to_login(client, meeting):
    registration = RegistrationFactory(meeting=meeting)

    for url in staff_urls(meeting, registration):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


def test_secretariat_pages_are_forbidden_to_focal_points_even_of_the_right_state(
    client, meeting, ghana, ghana_focal_point
):
    registration = RegistrationFactory(meeting=meeting, member_state=ghana)
    client.force_login(ghana_focal_point)

    for url in staff_urls(meeting, registration):
        assert client.get(url).status_code == 403, url
    status_url = reverse("participants:registration_status", args=[registration.pk])
    assert client.post(status_url, {"status": "withdrawn"}).status_code == 403
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_secretariat_pages_open_for_staff(client, meeting, secretariat_user):
    registration = RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)

    for url in staff_urls(meeting, registration):
        assert client.get(url).status_code == 200, url


def test_unknown_meeting_is_404_for_staff(client, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get("/participants/meetings/999999/").status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_list_query_count_does_not_grow_with_rows(
    client, meeting, secretariat_user, django_assert_num_queries, rows
):
    for _ in range(rows):
        RegistrationFactory(meeting=meeting)
    RegistrationFactory(
        meeting=meeting, category=Category.NGO, organization=OrganizationFactory(kind="ngo")
    )
    client.force_login(secretariat_user)
    url = reverse("participants:registration_list", args=[meeting.pk])

    # session, user, groups, meeting, count, member states of the filter, the page's rows
    with django_assert_num_queries(7):
        response = client.get(url)

    assert response.content.decode().count('href="/participants/registrations/') == rows + 1


def names_listed(client, meeting, **query):
    response = client.get(reverse("participants:registration_list", args=[meeting.pk]), query)
    return [r.participant.last_name for r in response.context["page"].object_list]


def test_list_filters_by_category_state_role_status_and_searches(
    client, meeting, secretariat_user, ghana, kenya
):
    unhcr = OrganizationFactory(name="UNHCR Geneva", acronym="UNHCR")
    RegistrationFactory(meeting=meeting, member_state=ghana, participant__last_name="Mensah")
    RegistrationFactory(
        meeting=meeting,
        member_state=kenya,
        participant__last_name="Mwangi",
        role="head_of_delegation",
        status="attended",
    )
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=unhcr,
        participant__last_name="Chen",
        participant__email="chen@unhcr.example.org",
    )
    RegistrationFactory(participant__last_name="Elsewhere")  # another meeting
    client.force_login(secretariat_user)

    assert names_listed(client, meeting) == ["Chen", "Mensah", "Mwangi"]
    assert names_listed(client, meeting, category="government") == ["Mensah", "Mwangi"]
    assert names_listed(client, meeting, member_state=kenya.pk) == ["Mwangi"]
    assert names_listed(client, meeting, role="head_of_delegation") == ["Mwangi"]
    assert names_listed(client, meeting, status="attended") == ["Mwangi"]
    assert names_listed(client, meeting, q="mens") == ["Mensah"]
    assert names_listed(client, meeting, q="unhcr") == ["Chen"]
    assert names_listed(client, meeting, q="chen@unhcr") == ["Chen"]
    assert names_listed(client, meeting, sort="state") == ["Mensah", "Mwangi", "Chen"]


def test_list_paginates_fifty_a_page(client, meeting, secretariat_user):
    RegistrationFactory.create_batch(51, meeting=meeting)
    client.force_login(secretariat_user)
    url = reverse("participants:registration_list", args=[meeting.pk])

    first, second = client.get(url), client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 1
    assert "51 registrations" in first.content.decode()


def form_data(**overrides):
    return {
        "honorific": "Ms.",
        "first_name": "Ana",
        "last_name": "Silva",
        "email": "ana.silva@example.org",
        "job_title": "Counsellor",
        "category": "government",
        "member_state": "",
        "organization": "",
        "new_organization": "",
        "role": "delegate",
        "status": "registered",
        **overrides,
    }


def test_staff_registers_a_government_delegate(client, meeting, secretariat_user, ghana):
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])

    response = client.post(url, form_data(member_state=ghana.pk))

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.meeting, registration.member_state) == (meeting, ghana)
    assert registration.participant.email == "ana.silva@example.org"
    assert registration.created_by == secretariat_user


def test_government_delegate_without_state_gets_a_message_and_nothing_is_saved(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])

    response = client.post(url, form_data())

    assert response.status_code == 200
    assert "A government delegate represents a member state." in response.content.decode()
    assert Participant.objects.count() == 0


def test_organization_categories_need_an_organization_and_may_create_it_inline(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])

    refused = client.post(url, form_data(category="ngo"))
    created = client.post(url, form_data(category="ngo", new_organization="Migrants Forum"))

    assert "come from an organization" in refused.content.decode()
    assert created.status_code == 302
    registration = Registration.objects.get()
    assert registration.organization.name == "Migrants Forum"
    assert registration.organization.kind == Organization.Kind.NGO


def test_same_email_is_offered_as_the_existing_person_then_used(
    client, meeting, secretariat_user, ghana
):
    person = ParticipantFactory(email="ana.silva@example.org", first_name="Ana")
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])

    offered = client.post(url, form_data(member_state=ghana.pk))
    chosen = client.post(url, form_data(member_state=ghana.pk, person_choice=str(person.pk)))

    page = offered.content.decode()
    assert offered.status_code == 200
    assert 'data-testid="matches"' in page
    assert "No: register a new person" not in page  # an email belongs to one person
    assert chosen.status_code == 302
    assert Participant.objects.count() == 1
    assert Registration.objects.get().participant == person


def test_same_name_and_organization_may_still_be_somebody_new(client, meeting, secretariat_user):
    unhcr = OrganizationFactory()
    earlier = RegistrationFactory(
        category="international_organization",
        organization=unhcr,
        participant__first_name="Ana",
        participant__last_name="Silva",
        participant__email="",
    )
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])
    data = form_data(category="international_organization", organization=unhcr.pk, email="")

    offered = client.post(url, data)
    new = client.post(url, {**data, "person_choice": "new"})

    assert "No: register a new person" in offered.content.decode()
    assert new.status_code == 302
    assert Participant.objects.count() == 2
    assert Registration.objects.get(meeting=meeting).participant != earlier.participant


def test_same_person_twice_at_a_meeting_is_refused_with_a_link_to_the_registration(
    client, meeting, secretariat_user, ghana
):
    existing = RegistrationFactory(
        meeting=meeting, member_state=ghana, participant__email="ana.silva@example.org"
    )
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])

    response = client.post(
        url, form_data(member_state=ghana.pk, person_choice=str(existing.participant.pk))
    )

    page = response.content.decode()
    assert "is already registered for this meeting." in page
    assert f'href="/participants/registrations/{existing.pk}/"' in page
    assert Registration.objects.count() == 1


def test_a_refused_registration_leaves_no_new_organization_behind(
    client, meeting, secretariat_user
):
    existing = RegistrationFactory(
        meeting=meeting, category="other", participant__email="ana.silva@example.org"
    )
    client.force_login(secretariat_user)
    url = reverse("participants:registration_create", args=[meeting.pk])
    data = form_data(category="ngo", new_organization="Migrants Forum")

    response = client.post(url, {**data, "person_choice": str(existing.participant.pk)})

    assert "is already registered for this meeting." in response.content.decode()
    assert Registration.objects.count() == 1
    assert not Organization.objects.filter(name="Migrants Forum").exists()


def test_a_refused_edit_leaves_no_new_organization_behind(client, meeting, secretariat_user):
    ParticipantFactory(email="taken@example.org")
    registration = RegistrationFactory(meeting=meeting, category="other")
    person = registration.participant
    client.force_login(secretariat_user)
    url = reverse("participants:registration_update", args=[registration.pk])

    response = client.post(
        url,
        form_data(
            first_name=person.first_name,
            last_name=person.last_name,
            email="taken@example.org",
            category="ngo",
            new_organization="Migrants Forum",
        ),
    )

    assert response.status_code == 200
    assert "Another person in the register has this email." in response.content.decode()
    registration.refresh_from_db()
    assert (registration.category, registration.organization) == ("other", None)
    assert not Organization.objects.filter(name="Migrants Forum").exists()


def test_an_edit_may_create_the_organization_inline(client, meeting, secretariat_user):
    registration = RegistrationFactory(meeting=meeting, category="other")
    person = registration.participant
    client.force_login(secretariat_user)
    url = reverse("participants:registration_update", args=[registration.pk])

    response = client.post(
        url,
        form_data(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            category="media",
            new_organization="  Radio   Mundo ",
        ),
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert (registration.organization.name, registration.organization.kind) == (
        "Radio Mundo",
        "media",
    )


def test_editing_keeps_who_and_when_in_the_history(client, meeting, secretariat_user, ghana):
    registration = RegistrationFactory(meeting=meeting, member_state=ghana)
    person = registration.participant
    client.force_login(secretariat_user)
    url = reverse("participants:registration_update", args=[registration.pk])

    response = client.post(
        url,
        form_data(
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            honorific="",
            job_title="Minister",
            member_state=ghana.pk,
            role="head_of_delegation",
        ),
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.role == "head_of_delegation"
    page = client.get(url).content.decode()
    assert "Job title: — → Minister" in page
    assert secretariat_user.get_full_name() in page


def test_withdraw_button_changes_the_status_once(client, meeting, secretariat_user):
    registration = RegistrationFactory(meeting=meeting)
    client.force_login(secretariat_user)
    url = reverse("participants:registration_status", args=[registration.pk])

    client.post(url, {"status": "withdrawn"})
    client.post(url, {"status": "withdrawn"})
    unknown = client.post(url, {"status": "vanished"}, follow=True)

    registration.refresh_from_db()
    assert registration.status == "withdrawn"
    assert registration.changes.count() == 1
    assert "Unknown status" in unknown.content.decode()


def test_history_of_a_change_made_from_the_command_line_shows(client, secretariat_user):
    registration = RegistrationFactory()
    registration_withdraw(registration=registration, by=None)
    client.force_login(secretariat_user)

    page = client.get(reverse("participants:registration_update", args=[registration.pk]))

    assert "command line" in page.content.decode()
