"""The accounts app's mails go through the outbox like every other e-mail."""

import pytest

from accounts.invitations import invitation_create
from accounts.models import Invitation
from accounts.tests.factories import EnrolledUserFactory
from notifications.models import Kind, OutboxMessage

pytestmark = pytest.mark.django_db


def test_an_invitation_is_an_outbox_message_delivered_to_the_invited_address(
    smtp_server, django_capture_on_commit_callbacks
):
    superuser = EnrolledUserFactory(is_staff=True, is_superuser=True)

    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            by=superuser,
            role=Invitation.Role.SECRETARIAT,
            email="nadia.haddad@example.org",
            first_name="Nadia",
            last_name="Haddad",
            language="fr",
            link_for=lambda token: f"http://testserver/accounts/invitation/{token}/",
        )

    message = OutboxMessage.objects.get()
    assert (message.kind, message.address, message.language, message.status) == (
        Kind.INVITATION,
        "nadia.haddad@example.org",
        "fr",
        OutboxMessage.Status.SENT,
    )
    assert [received.to for received in smtp_server.messages] == [["nadia.haddad@example.org"]]
    assert smtp_server.messages[0].subject == message.subject
