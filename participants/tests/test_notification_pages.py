"""The outbox and "My settings": who may open them, and what they do."""

import pytest
from django.urls import reverse

from notifications.models import OPTIONAL_KINDS, Kind, OptOut, OutboxMessage
from notifications.tests.factories import OutboxMessageFactory
from participants.models import MemberState
from participants.tests.factories import FocalPointFactory, MemberStateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(secretariat_user):
    return {
        "focal point of A": FocalPointFactory(member_state=MemberStateFactory(country="GH")),
        "focal point of B": FocalPointFactory(member_state=MemberStateFactory(country="KE")),
        "observer focal point": FocalPointFactory(
            member_state=MemberStateFactory(country="QA", status=MemberState.Status.OBSERVER)
        ),
        "secretariat": secretariat_user,
    }


@pytest.fixture
def failed(people):
    # A message to focal point A: nobody but the secretariat may see it in the outbox.
    return OutboxMessageFactory(
        recipient=people["focal point of A"],
        address=people["focal point of A"].email,
        status="failed",
        attempts=5,
        error="SMTPRecipientsRefused: 550 mailbox unavailable",
    )


def outbox_urls(message):
    return [
        ("get", reverse("notifications:outbox")),
        ("get", reverse("notifications:outbox_detail", args=[message.pk])),
        ("post", reverse("notifications:outbox_resend", args=[message.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, failed):
    for method, url in [*outbox_urls(failed), ("get", reverse("notifications:settings"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("role", ["focal point of A", "focal point of B", "observer focal point"])
def test_the_outbox_is_for_the_secretariat_only(client, people, failed, role):
    client.force_login(people[role])
    for method, url in outbox_urls(failed):
        assert getattr(client, method)(url).status_code == 403, url
    failed.refresh_from_db()
    assert failed.status == "failed"
    assert client.get(reverse("notifications:settings")).status_code == 200


def test_the_secretariat_lists_filters_and_resends(
    client, people, failed, smtp_server, django_capture_on_commit_callbacks
):
    sent = OutboxMessageFactory(
        address="someone@example.org",
        status="sent",
        sent_at=failed.created_at,
        kind=Kind.CONSULTATION_RESULT,
    )
    client.force_login(people["secretariat"])
    page = client.get(reverse("notifications:outbox")).content.decode()
    assert page.count('data-testid="outbox-row"') == 2
    assert "SMTPRecipientsRefused: 550 mailbox unavailable" in page

    only_failed = client.get(reverse("notifications:outbox"), {"status": "failed"})
    assert list(only_failed.context["outbox_messages"]) == [failed]
    by_address = client.get(reverse("notifications:outbox"), {"q": "SOMEONE@"})
    assert list(by_address.context["outbox_messages"]) == [sent]
    by_kind = client.get(reverse("notifications:outbox"), {"kind": "consultation_result"})
    assert list(by_kind.context["outbox_messages"]) == [sent]

    detail = client.get(reverse("notifications:outbox_detail", args=[failed.pk]))
    assert "Send again" in detail.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:outbox_resend", args=[failed.pk]))
    failed.refresh_from_db()
    assert (failed.status, failed.resent_by) == ("sent", people["secretariat"])
    assert [m.to for m in smtp_server.messages] == [[failed.address]]

    again = client.post(reverse("notifications:outbox_resend", args=[failed.pk]), follow=True)
    assert "Only a failed message can be sent again." in again.content.decode()
    assert len(smtp_server.messages) == 1


def test_my_settings_switch_kinds_off_and_set_the_language(client, people):
    user = people["focal point of B"]
    client.force_login(user)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Theme consultation open for voting" in page
    assert "Invitation to the portal" not in page  # always sent: not a choice

    kept = [k for k in OPTIONAL_KINDS if k not in ("consultation_open", "document_published")]
    response = client.post(
        reverse("notifications:settings"), {"language": "es", "enabled_kinds": kept}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "es"
    user.refresh_from_db()
    assert user.language == "es"
    assert set(OptOut.objects.filter(user=user).values_list("kind", flat=True)) == {
        "consultation_open",
        "document_published",
    }
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Mi configuración" in page

    everything = list(OPTIONAL_KINDS)
    client.post(reverse("notifications:settings"), {"language": "en", "enabled_kinds": everything})
    assert not OptOut.objects.filter(user=user).exists()


def test_an_unknown_language_is_refused_and_nothing_changes(client, people):
    user = people["focal point of A"]
    client.force_login(user)
    response = client.post(reverse("notifications:settings"), {"language": "de"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    user.refresh_from_db()
    assert user.language == "en"
    assert OutboxMessage.objects.count() == 0
