from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import acting_user_field
from common.translated import TranslatedModel
from workshops.models import Meeting

# Said by the service that checks a session, and by the constraint behind it.
SESSION_TIMES_MESSAGE = _("A session must end after it starts.")


class Agenda(models.Model):
    """A meeting's programme: sessions over one or more days, draft until published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = acting_user_field(_("updated by"))

    class Meta:
        db_table = "workshops_agenda"
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_agenda_has_a_publication_time",
            ),
        ]

    def __str__(self):
        return str(self.meeting)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Session(TranslatedModel, models.Model):
    """One item of an agenda, at a time on one of the meeting's days."""

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("agenda")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=255)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Shown under the session: questions, format, room.")
    )
    people = models.ManyToManyField(
        "participants.Registration",
        through="SessionPerson",
        related_name="agenda_sessions",
        verbose_name=_("chairs, moderators and speakers"),
    )

    class Meta:
        ordering = ["starts_at", "ends_at", "pk"]
        db_table = "workshops_session"
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message=SESSION_TIMES_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def local_day(self):
        """The day of the session at the venue (the portal's time zone)."""
        return timezone.localdate(self.starts_at)

    def people_in_role(self, role: str) -> list["SessionPerson"]:
        # Reads the prefetched rows (see programme.selectors) instead of querying per role.
        return [person for person in self.session_people.all() if person.role == role]

    @property
    def chairs(self) -> list["SessionPerson"]:
        return self.people_in_role(SessionPerson.Role.CHAIR)

    @property
    def moderators(self) -> list["SessionPerson"]:
        return self.people_in_role(SessionPerson.Role.MODERATOR)

    @property
    def speakers(self) -> list["SessionPerson"]:
        return self.people_in_role(SessionPerson.Role.SPEAKER)


class SessionPerson(models.Model):
    """A participant of the meeting who chairs, moderates or speaks in a session."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="session_people",
        verbose_name=_("session"),
    )
    registration = models.ForeignKey(
        "participants.Registration",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("participant"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        ordering = ["registration__participant__last_name", "registration__participant__first_name"]
        db_table = "workshops_sessionperson"
        verbose_name = _("session chair, moderator or speaker")
        verbose_name_plural = _("session chairs, moderators and speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "registration"],
                name="one_role_per_person_per_session",
                violation_error_message=_("A person has one role in a session."),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.registration.participant}"
