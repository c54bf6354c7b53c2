from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .years import DialogueYear, Meeting


class Subscription(models.Model):
    """A user who asked to be e-mailed when a document of a meeting, or of a year, is published."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("user"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("meeting"),
    )
    dialogue_year = models.ForeignKey(
        DialogueYear,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("dialogue year"),
    )
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, dialogue_year__isnull=True)
                | Q(meeting__isnull=True, dialogue_year__isnull=False),
                name="subscription_to_a_meeting_or_a_year",
            ),
            models.UniqueConstraint(
                fields=["user", "meeting"],
                condition=Q(meeting__isnull=False),
                name="one_subscription_per_user_and_meeting",
            ),
            models.UniqueConstraint(
                fields=["user", "dialogue_year"],
                condition=Q(dialogue_year__isnull=False),
                name="one_subscription_per_user_and_year",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.meeting or self.dialogue_year}"
