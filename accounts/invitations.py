"""Invitations and the life of an account: the services the management pages call.

The secretariat invites focal points of a state; a superuser invites secretariat
staff. The invited person opens the link, chooses a password and enrols a second
factor. Every change is recorded as an AccountEvent.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .emails import account_email_send
from .models import AccountEvent, Invitation, User
from .roles import SECRETARIAT_GROUP, is_secretariat
from .services import secretariat_group_get_or_create


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = token_hash(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + timedelta(days=settings.INVITATION_VALID_DAYS)
    return token


def _record(*, action, by, user=None, invitation=None) -> AccountEvent:
    target = user or invitation
    return AccountEvent.objects.create(
        action=action,
        by=by,
        user=user,
        invitation=invitation,
        member_state_id=target.member_state_id,
    )


def _may_manage(*, by, role: str) -> bool:
    if role == Invitation.Role.SECRETARIAT:
        return by.is_superuser
    return is_secretariat(by)


def _send(*, invitation: Invitation, token: str, link_for) -> None:
    account_email_send(
        kind="invitation",
        to_user_or_address=invitation.email,
        language=invitation.language,
        context={
            "invitation": invitation,
            "link": link_for(token),
            "valid_days": settings.INVITATION_VALID_DAYS,
        },
    )


def _check_address_is_free(*, email: str, member_state) -> None:
    """One account and one pending invitation per address; the messages say what to do."""
    existing = User.objects.filter(email__iexact=email).select_related("member_state").first()
    if existing is None:
        existing = User.objects.filter(username__iexact=email).first()
    if existing is not None:
        if member_state is not None and existing.member_state_id not in (None, member_state.pk):
            raise ValidationError(
                _(
                    "This address belongs to a focal point of another state. A focal point "
                    "never moves to another state: invite the person with another address."
                )
            )
        if not existing.is_active:
            raise ValidationError(
                _("An account with this address exists but is deactivated: reactivate it.")
            )
        raise ValidationError(_("An account with this address already exists."))
    if Invitation.objects.filter(email__iexact=email, status=Invitation.Status.PENDING).exists():
        raise ValidationError(
            _("This address has already been invited: send the invitation again instead.")
        )


@transaction.atomic
def invitation_create(
    *,
    by,
    role: str,
    email: str,
    first_name: str,
    last_name: str,
    language: str,
    member_state=None,
    link_for,
) -> Invitation:
    """Invites one person; link_for(token) gives the absolute link for the e-mail."""
    if not _may_manage(by=by, role=role):
        raise PermissionDenied
    if (role == Invitation.Role.FOCAL_POINT) != (member_state is not None):
        raise ValidationError(_("A focal point is invited for exactly one member state."))
    email = email.strip()
    _check_address_is_free(email=email, member_state=member_state)
    invitation = Invitation(
        role=role,
        member_state=member_state,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        language=language,
        created_by=by,
    )
    token = _new_token(invitation)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        # Someone invited the same address a moment ago.
        raise ValidationError(
            _("This address has already been invited: send the invitation again instead.")
        ) from None
    _record(action=AccountEvent.Action.INVITED, by=by, invitation=invitation)
    _send(invitation=invitation, token=token, link_for=link_for)
    return invitation


@transaction.atomic
def invitation_resend(*, by, invitation: Invitation, link_for) -> Invitation:
    """A fresh link with a fresh validity; the previous link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not _may_manage(by=by, role=invitation.role):
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("Only a pending invitation can be sent again."))
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _record(action=AccountEvent.Action.INVITATION_RESENT, by=by, invitation=invitation)
    _send(invitation=invitation, token=token, link_for=link_for)
    return invitation


@transaction.atomic
def invitation_revoke(*, by, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not _may_manage(by=by, role=invitation.role):
        raise PermissionDenied
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    _record(action=AccountEvent.Action.INVITATION_REVOKED, by=by, invitation=invitation)
    return invitation


def invitation_get_by_token(*, token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("member_state")
        .filter(token_hash=token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Creates the account of a usable invitation: its username is the e-mail address."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None or not invitation.is_usable:
        raise ValidationError(_("This invitation link is no longer valid."))
    username = invitation.email.lower()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("An account with this address already exists."))
    user = User(
        username=username,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
        language=invitation.language,
        member_state=invitation.member_state,
        is_staff=invitation.role == Invitation.Role.SECRETARIAT,
    )
    validate_password(password, user=user)
    user.set_password(password)
    user.save()
    if invitation.role == Invitation.Role.SECRETARIAT:
        user.groups.add(secretariat_group_get_or_create())
    _email_address_confirm(user=user)
    invitation.status = Invitation.Status.ACCEPTED
    invitation.user = user
    invitation.save(update_fields=["status", "user"])
    _record(
        action=AccountEvent.Action.INVITATION_ACCEPTED, by=user, user=user, invitation=invitation
    )
    return user


def _email_address_confirm(*, user: User) -> None:
    # Opening the link proves the address; allauth keeps that as a verified EmailAddress.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)


def _may_manage_user(*, by, user: User) -> bool:
    if user.member_state_id is not None:
        return is_secretariat(by)
    if user.groups.filter(name=SECRETARIAT_GROUP).exists() or user.is_superuser:
        return by.is_superuser
    return False


@transaction.atomic
def user_deactivate(*, by, user: User) -> User:
    """The account can no longer sign in; its open sessions end at their next request."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not _may_manage_user(by=by, user=user):
        raise PermissionDenied
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    _record(action=AccountEvent.Action.DEACTIVATED, by=by, user=user)
    return user


@transaction.atomic
def user_reactivate(*, by, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not _may_manage_user(by=by, user=user):
        raise PermissionDenied
    if user.is_active:
        raise ValidationError(_("This account is already active."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    _record(action=AccountEvent.Action.REACTIVATED, by=by, user=user)
    return user


def account_event_record(*, action: str, user: User) -> AccountEvent:
    """Sign-in events the user causes themselves (second factor enrolled, password reset)."""
    return _record(action=action, by=user, user=user)
