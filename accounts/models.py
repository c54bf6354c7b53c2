from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import AppendOnlyModel


class FocalPointStateIsFixed(Exception):
    """A focal point's state never changes: invite the person anew for another state."""


class User(AbstractUser):
    """A portal account.

    A user with a member state is that state's focal point; the secretariat
    is the "Secretariat" group (see accounts.roles).
    """

    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_points",
        verbose_name=_("member state"),
        help_text=_("Set for a focal point: the one member state this user acts for."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails this user receives."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._stored_member_state_id = user.__dict__.get("member_state_id")
        return user

    def save(self, *args, **kwargs):
        # Backstop of the invitation services: a state's vote history names its focal
        # points, so a focal point is never moved to another state (nor made none).
        stored = getattr(self, "_stored_member_state_id", None)
        if stored is not None and self.member_state_id != stored:
            raise FocalPointStateIsFixed
        super().save(*args, **kwargs)
        self._stored_member_state_id = self.member_state_id


class Invitation(models.Model):
    """A link by e-mail that lets one person create their account: a focal point of one
    state, or a member of the secretariat. Only a hash of the link's token is stored."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        SECRETARIAT = "secretariat", _("Secretariat")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="focal_point_invitations",
        verbose_name=_("member state"),
    )
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    sent_at = models.DateTimeField(_("last sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    user = models.OneToOneField(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitation",
        verbose_name=_("account"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                name="invitation_state_matches_role",
                condition=models.Q(role="focal_point", member_state__isnull=False)
                | models.Q(role="secretariat", member_state__isnull=True),
            ),
            models.UniqueConstraint(
                Lower("email"),
                name="invitation_one_pending_per_email",
                condition=models.Q(status="pending"),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and not self.is_expired


class AccountEvent(AppendOnlyModel):
    """Who did what to an account or an invitation, and when; never changed."""

    class Action(models.TextChoices):
        INVITED = "invited", _("Invited")
        INVITATION_RESENT = "invitation_resent", _("Invitation sent again")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted, account created")
        DEACTIVATED = "deactivated", _("Account deactivated")
        REACTIVATED = "reactivated", _("Account reactivated")
        MFA_ENROLLED = "mfa_enrolled", _("Two-factor authentication enrolled")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by e-mail")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    # The account concerned; an invitation not yet accepted has none.
    user = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_events",
        verbose_name=_("account"),
    )
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("invitation"),
    )
    # Copied from the account or invitation so that a state's history is one filter.
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member state"),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        constraints = [
            models.CheckConstraint(
                name="account_event_concerns_something",
                condition=models.Q(user__isnull=False) | models.Q(invitation__isnull=False),
            )
        ]
