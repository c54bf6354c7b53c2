"""The invitation and account services: who may act, what is refused, what is recorded."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.invitations import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    token_hash,
    user_deactivate,
    user_reactivate,
)
from accounts.models import AccountEvent, FocalPointStateIsFixed, Invitation, User
from accounts.roles import is_secretariat
from accounts.tests.factories import SecretariatUserFactory, UserFactory
from common.history import HistoryIsAppendOnly
from participants.tests.factories import FocalPointFactory, MemberStateFactory

pytestmark = pytest.mark.django_db(transaction=False)


class Links:
    """Collects the tokens the services put in links, as a mail reader would."""

    def __init__(self):
        self.tokens = []

    def __call__(self, token):
        self.tokens.append(token)
        return f"http://testserver/accounts/invitation/{token}/"


def invite(by, state, links=None, email="ana.lopez@example.org", **fields):
    return invitation_create(
        by=by,
        role=Invitation.Role.FOCAL_POINT,
        member_state=state,
        email=email,
        first_name=fields.get("first_name", "Ana"),
        last_name=fields.get("last_name", "López"),
        language=fields.get("language", "es"),
        link_for=links or Links(),
    )


def actions(**lookup):
    return list(
        AccountEvent.objects.filter(**lookup).order_by("at", "pk").values_list("action", flat=True)
    )


def test_secretariat_invites_a_focal_point_and_the_mail_carries_a_link_that_works_once(
    django_capture_on_commit_callbacks,
    eager_tasks,
):
    secretariat, state, links = SecretariatUserFactory(), MemberStateFactory(name="Peru"), Links()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(secretariat, state, links)

    assert invitation.token_hash == token_hash(links.tokens[0])
    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=7)
    assert [m.to for m in mail.outbox] == [["ana.lopez@example.org"]]
    assert mail.outbox[0].subject == "Su invitación al Portal del DIM"  # Spanish, as asked
    assert links.tokens[0] in mail.outbox[0].body

    user = invitation_accept(token=links.tokens[0], password="a-strong-passphrase-42")

    assert (user.username, user.member_state, user.language) == (
        "ana.lopez@example.org",
        state,
        "es",
    )
    assert user.check_password("a-strong-passphrase-42")
    assert not is_secretariat(user)
    with pytest.raises(ValidationError, match="no longer valid"):
        invitation_accept(token=links.tokens[0], password="another-passphrase-43")
    assert actions(member_state=state) == ["invited", "invitation_accepted"]
    assert AccountEvent.objects.get(action="invited").by == secretariat


def test_the_invitation_is_valid_for_the_configured_days(settings):
    settings.INVITATION_VALID_DAYS = 3

    invitation = invite(SecretariatUserFactory(), MemberStateFactory())

    assert invitation.expires_at - invitation.sent_at == datetime.timedelta(days=3)


def test_an_expired_link_creates_no_account():
    links = Links()
    invitation = invite(SecretariatUserFactory(), MemberStateFactory(), links)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    with pytest.raises(ValidationError, match="no longer valid"):
        invitation_accept(token=links.tokens[0], password="a-strong-passphrase-42")

    assert not User.objects.filter(username="ana.lopez@example.org").exists()


def test_a_weak_password_is_refused_and_the_invitation_stays_usable():
    links = Links()
    invite(SecretariatUserFactory(), MemberStateFactory(), links)

    with pytest.raises(ValidationError, match="too common"):
        invitation_accept(token=links.tokens[0], password="password")

    assert Invitation.objects.get().status == Invitation.Status.PENDING
    assert not User.objects.filter(username="ana.lopez@example.org").exists()


def test_resending_replaces_the_link_and_gives_new_days(
    django_capture_on_commit_callbacks, eager_tasks
):
    # eager_tasks: the outbox hands mail to a worker; here it is delivered in this process.
    secretariat, links = SecretariatUserFactory(), Links()
    invitation = invite(secretariat, MemberStateFactory(), links)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitation_resend(by=secretariat, invitation=invitation, link_for=links)

    assert not invitation.is_expired
    assert links.tokens[1] in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        invitation_accept(token=links.tokens[0], password="a-strong-passphrase-42")
    assert invitation_accept(token=links.tokens[1], password="a-strong-passphrase-42")
    assert actions(invitation=invitation) == ["invited", "invitation_resent", "invitation_accepted"]


def test_a_revoked_invitation_cannot_be_used_or_resent():
    secretariat, links = SecretariatUserFactory(), Links()
    invitation = invite(secretariat, MemberStateFactory(), links)

    invitation_revoke(by=secretariat, invitation=invitation)

    with pytest.raises(ValidationError):
        invitation_accept(token=links.tokens[0], password="a-strong-passphrase-42")
    with pytest.raises(ValidationError, match="Only a pending invitation"):
        invitation_resend(by=secretariat, invitation=invitation, link_for=links)
    assert actions(invitation=invitation) == ["invited", "invitation_revoked"]


def test_an_address_is_invited_once_while_pending():
    secretariat, state = SecretariatUserFactory(), MemberStateFactory()
    invite(secretariat, state)

    with pytest.raises(ValidationError, match="already been invited"):
        invite(secretariat, state, email="ANA.LOPEZ@example.org")

    assert Invitation.objects.count() == 1


def test_a_focal_point_is_never_moved_to_another_state():
    secretariat = SecretariatUserFactory()
    focal_point = FocalPointFactory(email="kofi@example.org")

    with pytest.raises(ValidationError, match="focal point of another state"):
        invite(secretariat, MemberStateFactory(), email="kofi@example.org")

    focal_point = User.objects.get(pk=focal_point.pk)
    focal_point.member_state = MemberStateFactory()
    with pytest.raises(FocalPointStateIsFixed):
        focal_point.save()
    assert not Invitation.objects.exists()


def test_an_existing_account_is_not_invited_again():
    secretariat = SecretariatUserFactory()
    focal_point = FocalPointFactory(email="kofi@example.org", is_active=False)

    with pytest.raises(ValidationError, match="deactivated: reactivate it"):
        invite(secretariat, focal_point.member_state, email="kofi@example.org")


def test_only_the_secretariat_invites_focal_points_and_only_superusers_invite_staff():
    state = MemberStateFactory()
    with pytest.raises(PermissionDenied):
        invite(FocalPointFactory(member_state=state), state)
    with pytest.raises(PermissionDenied):
        invitation_create(
            by=SecretariatUserFactory(),
            role=Invitation.Role.SECRETARIAT,
            email="new.staff@example.org",
            first_name="New",
            last_name="Staff",
            language="fr",
            link_for=Links(),
        )
    assert not Invitation.objects.exists()


def test_a_superuser_invites_secretariat_staff_who_join_the_group():
    links = Links()
    invitation_create(
        by=UserFactory(is_superuser=True, is_staff=True),
        role=Invitation.Role.SECRETARIAT,
        email="new.staff@example.org",
        first_name="New",
        last_name="Staff",
        language="fr",
        link_for=links,
    )

    user = invitation_accept(token=links.tokens[0], password="a-strong-passphrase-42")

    assert is_secretariat(user)
    assert user.is_staff
    assert user.member_state is None


def test_deactivating_and_reactivating_are_recorded_and_checked():
    secretariat, focal_point = SecretariatUserFactory(), FocalPointFactory()

    user_deactivate(by=secretariat, user=focal_point)
    with pytest.raises(ValidationError, match="already deactivated"):
        user_deactivate(by=secretariat, user=focal_point)
    user_reactivate(by=secretariat, user=focal_point)

    focal_point.refresh_from_db()
    assert focal_point.is_active
    assert actions(user=focal_point) == ["deactivated", "reactivated"]
    with pytest.raises(PermissionDenied):
        user_deactivate(
            by=FocalPointFactory(member_state=focal_point.member_state), user=focal_point
        )
    with pytest.raises(PermissionDenied):
        user_deactivate(by=secretariat, user=SecretariatUserFactory())


def test_the_history_cannot_be_changed_or_deleted():
    invite(SecretariatUserFactory(), MemberStateFactory())
    event = AccountEvent.objects.get()

    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        AccountEvent.objects.all().delete()
    with pytest.raises(HistoryIsAppendOnly):
        AccountEvent.objects.update(action="deactivated")
