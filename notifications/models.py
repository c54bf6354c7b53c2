from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field


class Kind(models.TextChoices):
    """What a message is about; a user may switch off each kind but the account ones."""

    INVITATION = "invitation", _("Invitation to the portal")
    PASSWORD_RESET = "password_reset", _("Password reset")
    REGISTRATION_RECEIVED = "registration_received", _("Registration received")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Registration confirmed")
    REGISTRATION_WITHDRAWN = "registration_withdrawn", _("Registration withdrawn")
    REGISTRATION_ADDRESS = "registration_address", _("Link to confirm a registration's address")
    REGISTRATION_PENDING = "registration_pending", _("Registration awaiting approval")
    REGISTRATION_WAITLISTED = "registration_waitlisted", _("Registration on the waiting list")
    REGISTRATION_DECLINED = "registration_declined", _("Registration declined")
    DELEGATION_PROPOSAL_DECIDED = (
        "delegation_proposal_decided",
        _("Delegation proposal approved or declined"),
    )
    CREDENTIALS_REVIEWED = (
        "credentials_reviewed",
        _("Delegation credentials verified or a new one requested"),
    )
    CONSULTATION_OPEN = "consultation_open", _("Theme consultation open for voting")
    CONSULTATION_REMINDER = "consultation_reminder", _("Reminder to vote before the close")
    CONSULTATION_RESULT = "consultation_result", _("Consultation result published")
    SUGGESTION_REVIEWED = "suggestion_reviewed", _("Suggestion reviewed")
    DOCUMENT_PUBLISHED = "document_published", _("Document published")
    VISA_LETTER = "visa_letter", _("Visa support letter issued or declined")


# A person must get these whatever they chose: they are how they reach their account,
# the answer to what they asked for (a visa letter), or (the link confirming a registrant's
# address) how their registration counts at all.
MANDATORY_KINDS = frozenset(
    {Kind.INVITATION, Kind.PASSWORD_RESET, Kind.VISA_LETTER, Kind.REGISTRATION_ADDRESS}
)
OPTIONAL_KINDS = tuple(kind for kind in Kind if kind not in MANDATORY_KINDS)


class OutboxMessage(models.Model):
    """One e-mail the portal sends: what, to whom, and what became of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient"),
    )
    address = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # Names the event and the recipient ("consultation-open:3:user:17"): the database
    # refuses a second message for the same, so a job that runs twice sends once.
    key = models.CharField(_("key"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(_("reason of the failure"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    resent_at = models.DateTimeField(_("resent at"), null=True, blank=True)
    resent_by = acting_user_field(_("resent by"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~Q(key=""), name="one_outbox_message_per_key"
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="sent_outbox_message_has_a_time",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.address}"


class OptOut(models.Model):
    """A kind of e-mail a user switched off in "My settings"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)

    class Meta:
        verbose_name = _("switched-off notification")
        verbose_name_plural = _("switched-off notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_user_and_kind"),
            models.CheckConstraint(
                condition=~Q(kind__in=["invitation", "password_reset"]),
                name="account_mails_cannot_be_switched_off",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}"
