from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Consultation(models.Model):
    """The membership's choice of the overarching theme of a dialogue year."""

    target_year = models.ForeignKey(
        "workshops.DialogueYear",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("target dialogue year"),
    )
    title = models.CharField(_("title"), max_length=255)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("voting opens at"))
    closes_at = models.DateTimeField(_("voting closes at"))
    allow_vote_change = models.BooleanField(
        _("states may change their vote before the close"), default=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="consultation_closes_after_it_opens",
                violation_error_message=_("Voting must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title


class Proposal(models.Model):
    """A candidate overarching theme on a consultation's ballot."""

    class Origin(models.TextChoices):
        ADMINISTRATION = "administration", _("The Administration")
        MEMBER_STATE = "member_state", _("A member state")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("consultation"),
    )
    position = models.PositiveSmallIntegerField(_("position on the ballot"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    full_text = models.TextField(
        _("full text"), blank=True, help_text=_("Markdown; one paragraph per blank line.")
    )
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.ADMINISTRATION
    )
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="theme_proposals",
        verbose_name=_("proposing member state"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["consultation", "position"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="one_proposal_per_ballot_position"
            ),
            models.CheckConstraint(
                condition=(
                    Q(origin="member_state", member_state__isnull=False)
                    | Q(origin="administration", member_state__isnull=True)
                ),
                name="proposal_origin_matches_member_state",
                violation_error_message=_(
                    "A proposal from a member state names that state, and only then."
                ),
            ),
        ]

    def __str__(self):
        return self.title
