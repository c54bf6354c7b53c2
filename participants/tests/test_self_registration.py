"""Self-registration from the public form to the confirmation mail to the approval."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from participants.models import (
    Organization,
    Registration,
    RegistrationChange,
    SelfRegistration,
    VisaRequest,
)
from participants.self_registration import (
    confirmation_token,
    registration_settings_update,
)
from participants.tests.factories import OrganizationFactory, ParticipantFactory
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=40)


@pytest.fixture(autouse=True)
def english_afterwards():
    """A page asked for in French leaves French active in the thread: not for the next test."""
    yield
    translation.activate("en")


@pytest.fixture
def meeting():
    return MeetingFactory(
        title="Migration and social change", status="confirmed", start_date=SOON, end_date=SOON
    )


@pytest.fixture
def open_form(meeting):
    return registration_settings_update(
        meeting=meeting,
        is_open=True,
        categories=["ngo", "academia"],
        needs_approval=True,
        message="Bring your passport to the door.",
    )


def form_data(**changes):
    data = {
        "first_name": "Lena",
        "last_name": "Okafor",
        "email": "lena@example.org",
        "job_title": "Researcher",
        "category": "ngo",
        "organization": "",
        "typed_organization": "Migrants Rights Network",
        "accessibility_needs": "Step-free access",
        "listed_consent": "",
        "contact_consent": "on",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def link_in(message) -> str:
    """The path of the confirmation link the mail carries."""
    text = message.get_body(("plain",)).get_content()
    return urlsplit(re.search(r"http\S+/registration/confirm/\S+/", text).group(0)).path


def body(message) -> str:
    return message.get_body(("plain",)).get_content()


def post(client, capture, url, data=None):
    with capture(execute=True):
        return client.post(url, data or {})


def test_from_the_form_to_the_confirmation_mail_to_the_approval(
    client, meeting, open_form, mailbox, admin_user, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = client.get(meeting.get_absolute_url()).content.decode()
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    assert form_url in page
    form_page = client.get(form_url).content.decode()
    assert "Government delegates do not register here" in form_page
    assert "Bring your passport to the door." in form_page
    assert 'value="government"' not in form_page
    assert 'name="listed_consent"' in form_page
    assert "checked" not in form_page  # both consents (and the visa box) start unticked

    response = post(client, capture, form_url, form_data())

    assert response.status_code == 302
    sent = client.get(response.url).content.decode()
    assert "an e-mail is on its way" in sent
    registration = Registration.objects.get(participant__email="lena@example.org")
    assert registration.status == Registration.Status.UNCONFIRMED
    assert registration.typed_organization == "Migrants Rights Network"
    assert registration.organization is None
    assert not Organization.objects.filter(name="Migrants Rights Network").exists()
    assert (registration.listed_consent, registration.contact_consent) == (False, True)
    assert registration.accessibility_needs == "Step-free access"
    assert not VisaRequest.objects.exists()
    [mail] = mailbox
    assert mail["To"] == "lena@example.org"
    assert "Dear Lena Okafor," in body(mail)
    assert mail["Subject"] == "Confirm your registration: Migration and social change"
    assert "until then, your registration does not count" in body(mail)
    assert "Bring your passport to the door." in body(mail)
    # Not counted anywhere yet.
    client.force_login(admin_user)
    assert (
        "0 places taken"
        in client.get(
            reverse("participants:self_registration_queue", args=[meeting.pk])
        ).content.decode()
    )
    client.logout()

    link = link_in(mail)
    button = client.get(link).content.decode()
    assert "Confirm my address" in button
    assert "Okafor" not in button
    assert "lena@" not in button
    done = post(client, capture, link).content.decode()
    again = post(client, capture, link).content.decode()

    assert "your address is confirmed" in done
    assert "awaits the secretariat" in done
    assert "already confirmed" in again
    assert "already confirmed" in client.get(link).content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert len(mailbox) == 2  # the second click mails nothing
    assert mailbox[1]["Subject"] == "Registration awaiting approval: Migration and social change"
    assert "now awaits the secretariat's approval" in body(mailbox[1])

    client.force_login(admin_user)
    queue_url = reverse("participants:self_registration_queue", args=[meeting.pk])
    queue = client.get(queue_url).content.decode()
    assert "Not in the register" in queue
    listed = client.get(reverse("participants:registration_list", args=[meeting.pk]))
    assert "Migrants Rights Network (not in the register)" in listed.content.decode()
    edit = client.get(reverse("participants:registration_update", args=[registration.pk]))
    assert edit.status_code == 200
    edit_page = edit.content.decode()
    assert "Registered on the public form on" in edit_page
    assert "in English." in edit_page
    assert "Asked not to be named in the published list of participants." in edit_page
    assert "May be contacted about future IDM meetings." in edit_page
    assert "Accessibility needs: Step-free access" in edit_page
    assert "the registrant" in edit_page  # who made the history's first entries
    assert "Mark On the waiting list" not in edit_page
    assert "Migrants Rights Network" in queue
    assert "1 places taken, no limit." in queue
    decision_url = reverse("participants:self_registration_decision", args=[registration.pk])
    refused = post(client, capture, decision_url, {"decision": "approve"})
    assert refused.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING  # the organization first
    post(client, capture, decision_url, {"decision": "approve", "organization_decision": "accept"})

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.organization.name == "Migrants Rights Network"
    assert registration.organization.kind == "ngo"
    assert registration.typed_organization == ""
    assert registration.self_registration.decided_by == admin_user
    assert list(registration.changes.values_list("action", "changes")) == [
        (
            RegistrationChange.Action.SELF_REGISTERED,
            {
                "category": [None, "ngo"],
                "organization_id": [None, None],
                "typed_organization": [None, "Migrants Rights Network"],
                "status": [None, "unconfirmed"],
                "listed_consent": [None, False],
                "contact_consent": [None, True],
            },
        ),
        (RegistrationChange.Action.EMAIL_CONFIRMED, {"status": ["unconfirmed", "pending"]}),
        (
            RegistrationChange.Action.APPROVED,
            {
                "status": ["pending", "confirmed"],
                "organization_id": [None, registration.organization_id],
                "typed_organization": ["Migrants Rights Network", ""],
            },
        ),
    ]
    assert len(mailbox) == 3
    assert mailbox[2]["Subject"] == "Registration confirmed: Migration and social change"
    assert "Your registration for Migration and social change" in body(mailbox[2])


def test_a_typed_organization_can_be_merged_into_one_of_the_register_and_a_decline_says_why(
    client, meeting, open_form, mailbox, admin_user, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    known = OrganizationFactory(name="Caritas Internationalis", kind="ngo")
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    post(client, capture, form_url, form_data(typed_organization="Caritas Int."))
    post(
        client,
        capture,
        form_url,
        form_data(email="sam@example.org", first_name="Sam", typed_organization="Other NGO"),
    )
    first, second = Registration.objects.order_by("pk")
    for registration in (first, second):
        post(
            client,
            capture,
            reverse(
                "participants:self_registration_confirm", args=[confirmation_token(registration)]
            ),
        )
    client.force_login(admin_user)

    post(
        client,
        capture,
        reverse("participants:self_registration_decision", args=[first.pk]),
        {"decision": "approve", "organization_decision": str(known.pk)},
    )
    post(
        client,
        capture,
        reverse("participants:self_registration_decision", args=[second.pk]),
        {"decision": "decline", "reason": "The meeting is for delegates of observers only."},
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.organization, first.typed_organization) == (
        "confirmed",
        known,
        "",
    )
    assert second.status == Registration.Status.DECLINED
    assert second.self_registration.reason == "The meeting is for delegates of observers only."
    declined = mailbox.to("sam@example.org")[-1]
    assert declined["Subject"] == "Registration declined: Migration and social change"
    assert "Reason: The meeting is for delegates of observers only." in body(declined)
    assert not Organization.objects.filter(name="Other NGO").exists()


def test_the_visa_box_asks_for_the_passport_and_nothing_is_lost_on_an_error(
    client, meeting, open_form, django_capture_on_commit_callbacks
):
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])

    response = client.post(form_url, form_data(visa_needed="on", passport_number="X123"))

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Needed for a visa support letter.") == 4
    assert 'value="X123"' in page
    assert 'value="Lena"' in page
    assert not Registration.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form_url,
            form_data(
                visa_needed="on",
                passport_name="LENA OKAFOR",
                passport_number="X123",
                nationality="NG",
                date_of_birth="1990-05-01",
                passport_expiry_date="2031-01-01",
            ),
        )
    visa = VisaRequest.objects.get()
    assert (visa.passport_name, visa.passport_number, str(visa.nationality)) == (
        "LENA OKAFOR",
        "X123",
        "NG",
    )
    assert visa.state == VisaRequest.State.REQUESTED


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"category": "government"}, "Select a valid choice."),
        ({"typed_organization": ""}, "Choose your organization in the list, or type its name."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
    ],
)
def test_bad_input_gets_a_clear_message(client, meeting, open_form, changes, error):
    response = client.post(
        reverse("participants:self_registration_form", args=[meeting.pk]), form_data(**changes)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Registration.objects.exists()


def test_an_organization_of_another_category_is_refused(client, meeting, open_form):
    academic = OrganizationFactory(name="University of Ghana", kind="academia")
    response = client.post(
        reverse("participants:self_registration_form", args=[meeting.pk]),
        form_data(organization=str(academic.pk), typed_organization=""),
    )
    assert "This organization is not of the category you chose." in response.content.decode()


def test_a_closed_form_says_so_and_takes_nothing(client, meeting):
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    assert "Registration on this form is not open." in client.get(form_url).content.decode()
    registration_settings_update(
        meeting=meeting,
        is_open=True,
        categories=["ngo"],
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    response = client.post(form_url, form_data())
    assert "Registration on this form is not open." in response.content.decode()
    assert not Registration.objects.exists()
    assert "self-registration" not in client.get(meeting.get_absolute_url()).content.decode()


def test_the_honeypot_and_the_rate_limit_stop_robots(
    client, meeting, open_form, mailbox, settings, django_capture_on_commit_callbacks
):
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    trapped = client.post(form_url, form_data(website="http://spam.example"))
    assert trapped.status_code == 302  # told the same as a person
    assert not Registration.objects.exists()

    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "self_register": "2/1h/ip"}
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client.post(form_url, form_data(email=f"p{n}@example.org")).status_code
            for n in range(3)
        ]
    assert answers == [302, 302, 429]
    assert Registration.objects.count() == 2
    assert len(mailbox) == 2


def test_the_same_address_twice_gets_the_link_again_and_no_second_registration(
    client, meeting, open_form, mailbox, django_capture_on_commit_callbacks
):
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url, form_data())
        client.post(form_url, form_data(first_name="Someone", email="LENA@example.org"))
    assert Registration.objects.count() == 1
    assert [m["Subject"] for m in mailbox] == [
        "Confirm your registration: Migration and social change"
    ] * 2


def test_a_person_of_the_register_keeps_their_details(client, meeting, open_form):
    person = ParticipantFactory(
        first_name="Lena", last_name="Okafor-Smith", email="lena@example.org"
    )
    client.post(
        reverse("participants:self_registration_form", args=[meeting.pk]),
        form_data(last_name="Someone Else"),
    )
    registration = Registration.objects.get()
    assert registration.participant == person
    person.refresh_from_db()
    assert person.last_name == "Okafor-Smith"


def test_the_link_in_french_and_a_bad_or_expired_link(
    client, meeting, open_form, mailbox, settings, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("participants:self_registration_form", args=[meeting.pk]), form_data())
    [mail] = mailbox
    assert mail["Subject"] == "Confirmez votre inscription : Migration and social change"
    assert SelfRegistration.objects.get().language == "fr"
    registration = Registration.objects.get()

    assert (
        client.get(reverse("participants:self_registration_confirm", args=["nope"])).status_code
        == 404
    )
    settings.SELF_REGISTRATION_LINK_DAYS = 0
    expired = client.post(
        reverse("participants:self_registration_confirm", args=[confirmation_token(registration)])
    )
    assert expired.status_code == 410
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_unconfirmed_and_waiting_people_are_not_participants(meeting, open_form):
    from participants.selectors import (
        registration_count,
        registration_list_for_agenda,
        registration_list_for_publication,
        registration_unlisted_count_for_publication,
    )
    from participants.tests.factories import RegistrationFactory

    listed = RegistrationFactory(meeting=meeting, status="confirmed")
    RegistrationFactory(meeting=meeting, status="confirmed", listed_consent=False)
    for status in Registration.NOT_PARTICIPANT_STATUSES:
        RegistrationFactory(meeting=meeting, status=status)

    assert registration_count(meeting=meeting) == 2
    assert registration_list_for_agenda(meeting=meeting).count() == 2
    assert list(registration_list_for_publication(meeting=meeting)) == [listed]
    assert registration_unlisted_count_for_publication(meeting=meeting) == 1


@pytest.mark.parametrize("rows", [1, 3])
def test_the_approval_queue_costs_the_same_queries_for_one_or_three(
    client, meeting, open_form, secretariat_user, django_assert_num_queries, rows
):
    from participants.self_registration import self_registration_confirm
    from participants.tests.factories import OrganizationFactory

    OrganizationFactory(kind="ngo")
    registration_settings_update(
        meeting=meeting, is_open=True, categories=["ngo"], needs_approval=True, capacity=rows
    )
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    for n in range(rows + 1):
        client.post(form_url, form_data(email=f"p{n}@example.org", typed_organization=f"NGO {n}"))
    for registration in Registration.objects.order_by("pk"):
        self_registration_confirm(token=confirmation_token(registration))
    client.force_login(secretariat_user)

    # session, user, role, meeting, pending, the organizations to merge into, settings,
    # waiting list, unconfirmed count, places taken
    with django_assert_num_queries(10):
        response = client.get(reverse("participants:self_registration_queue", args=[meeting.pk]))

    page = response.content.decode()
    assert page.count('data-testid="pending"') == rows
    assert page.count("Merge into") == rows


def test_the_secretariat_sets_the_form_up_and_each_change_is_recorded(
    client, meeting, secretariat_user
):
    client.force_login(secretariat_user)
    url = reverse("participants:registration_settings", args=[meeting.pk])
    refused = client.post(url, {"is_open": "on", "needs_approval": "on"})
    assert "Tick who may register on the form." in refused.content.decode()

    client.post(
        url,
        {
            "is_open": "on",
            "categories": ["ngo", "media"],
            "capacity": "50",
            "closes_at": "2030-03-01T18:00",
            "message": "Doors open at 9:00.",
        },
    )

    page = client.get(url).content.decode()
    assert page.count('data-testid="settings-change"') == 1
    places = meeting.registration_settings
    assert (places.is_open, places.categories, places.capacity, places.needs_approval) == (
        True,
        ["ngo", "media"],
        50,
        False,
    )
    assert timezone.localtime(places.closes_at).strftime("%Y-%m-%d %H:%M") == "2030-03-01 18:00"
    form = client.get(reverse("participants:self_registration_form", args=[meeting.pk]))
    assert "Doors open at 9:00." in form.content.decode()
    assert 'value="government"' not in form.content.decode()
    assert 'value="media"' in form.content.decode()


def test_an_organization_of_the_register_is_confirmed_at_once_where_no_approval_is_needed(
    client, meeting, mailbox, django_capture_on_commit_callbacks
):
    registration_settings_update(
        meeting=meeting, is_open=True, categories=["ngo", "academia"], needs_approval=False
    )
    ngo = OrganizationFactory(name="Caritas Internationalis", kind="ngo")
    OrganizationFactory(name="University of Ghana", kind="academia")
    form_url = reverse("participants:self_registration_form", args=[meeting.pk])
    page = client.get(form_url).content.decode()
    assert '<optgroup label="Academia">' in page
    assert '<optgroup label="Non-governmental organization">' in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url, form_data(organization=str(ngo.pk), typed_organization=""))
    registration = Registration.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(mailbox[0]))

    registration.refresh_from_db()
    assert (registration.status, registration.organization) == ("confirmed", ngo)
    assert mailbox[1]["Subject"] == "Registration confirmed: Migration and social change"


def test_a_link_used_after_the_meeting_was_cancelled_says_registration_is_closed(
    client, meeting, open_form
):
    client.post(reverse("participants:self_registration_form", args=[meeting.pk]), form_data())
    registration = Registration.objects.get()
    meeting.status = "cancelled"
    meeting.save(update_fields=["status"])

    response = client.post(
        reverse("participants:self_registration_confirm", args=[confirmation_token(registration)])
    )

    assert "Registration for this meeting is closed." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_a_signed_in_person_finds_their_name_and_address_filled_in(client, meeting, open_form):
    from accounts.tests.factories import UserFactory

    client.force_login(UserFactory(first_name="Lena", last_name="Okafor", email="lena@example.org"))
    page = client.get(
        reverse("participants:self_registration_form", args=[meeting.pk])
    ).content.decode()
    assert 'value="Okafor"' in page
    assert 'value="lena@example.org"' in page
