import datetime

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from accounts.fields import acting_user_field
from common.history import AppendOnlyModel
from common.translated import TranslatedModel

# Said by the meeting services, and by the constraints behind them.
MEETING_DATES_MESSAGE = _("A meeting ends on or after the day it starts.")
FUNDING_GAP_MESSAGE = _("Say what funding is missing for a meeting subject to funding.")


class DialogueYear(TranslatedModel, models.Model):
    """One year of the International Dialogue on Migration."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    overarching_theme = models.CharField(_("overarching theme"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_current = models.BooleanField(
        _("current year"),
        default=False,
        help_text=_("The year shown on the home page. Only one year can be current."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("dialogue year")
        verbose_name_plural = _("dialogue years")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_dialogue_year",
            ),
        ]

    def __str__(self):
        if self.overarching_theme:
            return f"IDM {self.year}: {self.overarching_theme}"
        return f"IDM {self.year}"


class Meeting(TranslatedModel, models.Model):
    """An intersessional workshop, an informal consultation or a council session."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Intersessional workshop")
        INFORMAL_CONSULTATION = "informal_consultation", _("Informal consultation")
        COUNCIL_SESSION = "council_session", _("Council session")

    class Status(models.TextChoices):
        # A context of their own: in French and Spanish a meeting's status agrees
        # with "réunion"/"reunión", a registration's does not.
        PROPOSED = "proposed", pgettext_lazy("meeting status", "Proposed")
        SUBJECT_TO_FUNDING = "subject_to_funding", _("Subject to the availability of funding")
        CONFIRMED = "confirmed", pgettext_lazy("meeting status", "Confirmed")
        HELD = "held", pgettext_lazy("meeting status", "Held")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")

    CLOSED_STATUSES = (Status.HELD, Status.CANCELLED)

    dialogue_year = models.ForeignKey(
        DialogueYear,
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("dialogue year"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.PROPOSED
    )
    funding_gap = models.TextField(
        _("funding still missing"),
        blank=True,
        help_text=_(
            "For a meeting subject to the availability of funding: what is missing "
            "(amounts, items, donors approached)."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = acting_user_field(_("updated by"))

    class Meta:
        ordering = ["start_date", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        # A meeting is cancelled, never deleted: its history stays with it.
        default_permissions = ("add", "change", "view")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="meeting_ends_after_it_starts",
                violation_error_message=MEETING_DATES_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["dialogue_year", "title", "start_date"],
                name="unique_meeting_per_year_title_date",
                violation_error_message=_(
                    "This year already has a meeting with this title on this date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="subject_to_funding") | Q(funding_gap=""),
                name="funding_gap_only_when_subject_to_funding",
                violation_error_message=_(
                    "Missing funding is noted only for a meeting subject to the availability "
                    "of funding."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start_date:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("programme:meeting_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        """Neither held nor cancelled: still being planned."""
        return self.status not in self.CLOSED_STATUSES

    @property
    def awaits_marking(self) -> bool:
        """Its last day is over but it is still open: the secretariat should mark it held
        (or cancelled). Until then its status never says it is still to come."""
        return self.is_open and self.end_date < timezone.localdate()

    @property
    def status_shown(self) -> str:
        """The status as a reader should understand it today."""
        if self.awaits_marking:
            if self.status == self.Status.CONFIRMED:
                return pgettext("meeting status", "Took place")
            return pgettext("meeting status", "Date passed")
        return self.get_status_display()

    # Which meetings take suggestions of speakers and case studies: open ones, until they
    # start. Said once for a meeting and once for the database, side by side.
    def accepts_suggestions(self, *, today: datetime.date) -> bool:
        return self.is_open and self.start_date > today

    @staticmethod
    def accepting_suggestions_q(*, today: datetime.date) -> Q:
        return ~Q(status__in=Meeting.CLOSED_STATUSES) & Q(start_date__gt=today)


class MeetingStatusChange(AppendOnlyModel):
    """One change of a meeting's status; rows are only ever added."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("meeting"),
    )
    from_status = models.CharField(
        _("from"),
        max_length=32,
        choices=Meeting.Status.choices,
        blank=True,
        help_text=_("Empty when the meeting was created."),
    )
    to_status = models.CharField(_("to"), max_length=32, choices=Meeting.Status.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="status_change_changes_the_status",
            ),
        ]

    def __str__(self):
        return f"{self.meeting_id}: {self.from_status or '—'} → {self.to_status}"
