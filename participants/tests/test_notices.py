"""The participants app's e-mails, received by a real SMTP server."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from notifications.models import OutboxMessage
from notifications.tests.smtp import free_port
from participants.models import Category, Registration
from participants.services import (
    PersonDetails,
    registration_create,
    registration_status_set,
)
from participants.tests.factories import (
    DelegationProposalFactory,
    FocalPointFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(title="Migration and social change", status="confirmed")


def register(meeting, ghana, email="ama@example.org"):
    return registration_create(
        meeting=meeting,
        person=PersonDetails(first_name="Ama", last_name="Mensah", email=email),
        participant=None,
        category=Category.GOVERNMENT,
        member_state=ghana,
        organization=None,
        role=Registration.Role.DELEGATE,
    )


def test_the_person_hears_of_their_registration_received_confirmed_and_withdrawn(
    meeting, ghana, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(meeting, ghana)
    with django_capture_on_commit_callbacks(execute=True):
        registration_status_set(registration=registration, status="confirmed")
        registration_status_set(registration=registration, status="confirmed")  # unchanged
    with django_capture_on_commit_callbacks(execute=True):
        registration_status_set(registration=registration, status="withdrawn")
    assert [m.subject for m in smtp_server.messages] == [
        "Registration received: Migration and social change",
        "Registration confirmed: Migration and social change",
        "Registration withdrawn: Migration and social change",
    ]
    assert {address for m in smtp_server.messages for address in m.to} == {"ama@example.org"}
    received = smtp_server.messages[0]
    assert "Dear Ama Mensah," in received.text
    assert "9 March 2010 – 10 March 2010, Geneva" in received.text
    assert received.html.count("<p>") == 3  # the greeting, the news, the link


def test_a_person_with_an_account_is_written_to_in_its_language(
    meeting, ghana, smtp_server, django_capture_on_commit_callbacks
):
    UserFactory(email="Ama@Example.org", language="es")
    with django_capture_on_commit_callbacks(execute=True):
        register(meeting, ghana)
    [received] = smtp_server.messages
    assert received.subject == "Inscripción recibida: Migration and social change"
    assert "9 marzo 2010 – 10 marzo 2010" in received.text  # as the pages write dates


def test_no_mail_without_an_address_or_for_a_meeting_already_held(
    ghana, smtp_server, django_capture_on_commit_callbacks
):
    held = MeetingFactory(status="held")
    with django_capture_on_commit_callbacks(execute=True):
        register(held, ghana)
        register(MeetingFactory(), ghana, email="")
    assert smtp_server.messages == []
    assert OutboxMessage.objects.count() == 0


def test_a_proposal_decision_goes_to_the_proposing_states_focal_points_only(
    client,
    meeting,
    ghana,
    kenya,
    secretariat_user,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    first = FocalPointFactory(member_state=ghana, language="fr")
    second = FocalPointFactory(member_state=ghana)
    kenyan = FocalPointFactory(member_state=kenya)
    approved = DelegationProposalFactory(
        meeting=meeting, member_state=ghana, first_name="Kwame", last_name="Osei"
    )
    declined = DelegationProposalFactory(
        meeting=meeting, member_state=ghana, first_name="Efua", last_name="Boateng"
    )
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("participants:proposal_decision", args=[approved.pk]), {"decision": "approve"}
        )
        client.post(
            reverse("participants:proposal_decision", args=[declined.pk]),
            {"decision": "decline", "reason": "The delegation is full."},
        )
    assert smtp_server.to(kenyan.email) == []
    to_second = [m.subject for m in smtp_server.to(second.email)]
    assert to_second == [
        "Delegation proposal approved: Kwame Osei",
        "Delegation proposal declined: Efua Boateng",
    ]
    [french_decline] = [m for m in smtp_server.to(first.email) if "refusée" in m.subject]
    assert "Motif : The delegation is full." in french_decline.text
    # The approved person is registered, and hears it at their own address.
    [to_person] = smtp_server.to(approved.email)
    assert to_person.subject == "Registration received: Migration and social change"
    assert len(smtp_server.messages) == 5


def test_a_mail_server_that_is_down_does_not_fail_the_action(
    client, meeting, secretariat_user, smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = free_port()
    registration = RegistrationFactory(meeting=meeting, participant=ParticipantFactory())
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:registration_status", args=[registration.pk]),
            {"status": "confirmed"},
        )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "ConnectionRefusedError" in message.error
