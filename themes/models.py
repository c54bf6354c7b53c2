from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field
from common.history import AppendOnlyModel
from common.translated import TranslatedModel


class Consultation(TranslatedModel, models.Model):
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
    votes_public_while_open = models.BooleanField(
        _("each state's vote may be read while voting is open"),
        default=False,
        help_text=_(
            "Otherwise the votes of each state (the CSV and the vote history) are shown "
            "once voting has closed."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = acting_user_field(_("created by"))
    # The result: declared by the secretariat once voting has closed, then
    # published to the member states.
    selected_proposal = models.ForeignKey(
        "Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("selected theme"),
    )
    result_declared_at = models.DateTimeField(_("result declared at"), null=True, blank=True)
    result_declared_by = acting_user_field(_("result declared by"))
    result_published_at = models.DateTimeField(_("result published at"), null=True, blank=True)

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
            models.CheckConstraint(
                condition=(
                    Q(selected_proposal__isnull=True, result_declared_at__isnull=True)
                    | Q(selected_proposal__isnull=False, result_declared_at__isnull=False)
                ),
                name="consultation_result_names_a_proposal",
            ),
            models.CheckConstraint(
                condition=Q(result_published_at__isnull=True) | Q(selected_proposal__isnull=False),
                name="consultation_publishes_a_declared_result",
                violation_error_message=_("Only a declared result can be published."),
            ),
        ]

    def __str__(self):
        return self.title

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    def is_closed(self, at=None) -> bool:
        return (at or timezone.now()) >= self.closes_at

    def has_opened(self, at=None) -> bool:
        return (at or timezone.now()) >= self.opens_at

    @property
    def is_published(self) -> bool:
        return self.result_published_at is not None

    def votes_are_readable(self, at=None) -> bool:
        """Each state's vote is read once voting has closed, unless the consultation says so."""
        return self.votes_public_while_open or self.is_closed(at) or not self.has_opened(at)


class Proposal(TranslatedModel, models.Model):
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


class VoteChangeNeedsHistory(Exception):
    """A vote is changed or removed other than by casting it, which records the change."""


class VoteQuerySet(models.QuerySet):
    # A state's choice changes through the vote service only, which writes its
    # VoteEvent; the database refuses the rest (themes migration 0004).
    FIXED_FIELDS = frozenset(
        {"proposal", "proposal_id", "consultation", "consultation_id"}
        | {"member_state", "member_state_id"}
    )

    def update(self, **kwargs):
        if self.FIXED_FIELDS & set(kwargs):
            raise VoteChangeNeedsHistory
        return super().update(**kwargs)

    def delete(self):
        raise VoteChangeNeedsHistory


class VoteManager(models.Manager.from_queryset(VoteQuerySet)):
    pass


class Vote(models.Model):
    """A member state's single vote in a consultation; its history is in VoteEvent."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="votes", verbose_name=_("consultation")
    )
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        related_name="theme_votes",
        verbose_name=_("member state"),
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="votes", verbose_name=_("proposal")
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cast by"),
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    objects = VoteManager()

    class Meta:
        ordering = ["consultation", "member_state__name"]
        base_manager_name = "objects"
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        # Votes are cast and changed through the portal only, each with its history entry.
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "member_state"],
                name="one_vote_per_state_per_consultation",
                violation_error_message=_("This state has already voted in this consultation."),
            ),
        ]

    def __str__(self):
        return f"{self.member_state}: {self.proposal}"

    def delete(self, *args, **kwargs):
        raise VoteChangeNeedsHistory


class VoteEvent(AppendOnlyModel):
    """One cast or change of a state's vote: append-only, in the database too."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="vote_events",
        verbose_name=_("consultation"),
    )
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member state"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    from_proposal = models.ForeignKey(
        Proposal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    to_proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["consultation", "at", "pk"]
        verbose_name = _("vote history entry")
        verbose_name_plural = _("vote history")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_proposal=F("to_proposal")),
                name="vote_event_changes_the_vote",
            ),
        ]

    def __str__(self):
        return f"{self.member_state}: {self.from_proposal or '—'} → {self.to_proposal}"


class ConsultationChange(AppendOnlyModel):
    """One change of a consultation or of its ballot, shown beside the result."""

    class Action(models.TextChoices):
        CREATED = "created", _("Consultation created")
        UPDATED = "updated", _("Consultation changed")
        PROPOSAL_ADDED = "proposal_added", _("Proposal added")
        PROPOSAL_CHANGED = "proposal_changed", _("Proposal changed")
        PROPOSAL_REMOVED = "proposal_removed", _("Proposal removed")
        RESULT_DECLARED = "result_declared", _("Result declared")
        RESULT_PUBLISHED = "result_published", _("Result published")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("consultation"),
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    # {"field": [old, new], ...} as stored (ids for foreign keys, ISO 8601 for moments);
    # a proposal's entries also carry its "proposal" title, the row may be gone.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["consultation", "changed_at", "pk"]
        verbose_name = _("consultation history entry")
        verbose_name_plural = _("consultation history")

    def __str__(self):
        return f"{self.get_action_display()} · {self.changed_at:%Y-%m-%d %H:%M}"


class ThemeSuggestion(models.Model):
    """An alternative theme suggested by a state, reviewed by the secretariat."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ADDED = "added", _("Added to the ballot")
        DECLINED = "declined", _("Declined")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("consultation"),
    )
    member_state = models.ForeignKey(
        "participants.MemberState",
        on_delete=models.PROTECT,
        related_name="theme_suggestions",
        verbose_name=_("suggesting state"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    title = models.CharField(_("title"), max_length=255)
    rationale = models.TextField(_("rationale"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestion",
        verbose_name=_("proposal on the ballot"),
    )
    reviewed_by = acting_user_field(_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["consultation", "submitted_at", "pk"]
        verbose_name = _("alternative suggestion")
        verbose_name_plural = _("alternative suggestions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status="pending", decline_reason="", reviewed_at__isnull=True)
                    | (Q(status="added", decline_reason="") & Q(reviewed_at__isnull=False))
                    | (Q(status="declined", reviewed_at__isnull=False) & ~Q(decline_reason=""))
                ),
                name="suggestion_review_matches_status",
                violation_error_message=_("A declined suggestion needs a reason."),
            ),
        ]

    def __str__(self):
        return self.title
