import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from accounts.fields import acting_user_field
from common.history import AppendOnlyModel


class MemberState(models.Model):
    """A state of the organization, member or observer, keyed by ISO 3166."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member state")
        OBSERVER = "observer", _("Observer state")

    country = CountryField(_("country"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.MEMBER
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("member state")
        verbose_name_plural = _("member states")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The state's name in the reader's language (django-countries translates it);
        `name` keeps the English name, by which lists are sorted and searched."""
        return str(self.country.name) if self.country else self.name

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


class MemberStateStatusChange(AppendOnlyModel):
    """One change of a state's status (member or observer): who may vote, and since when.

    A consultation takes its electorate as of its opening from these entries.
    """

    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("member state"),
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=MemberState.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=MemberState.Status.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["member_state", "changed_at", "pk"]
        verbose_name = _("member state status change")
        verbose_name_plural = _("member state status changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="member_state_status_change_changes_the_status",
            ),
        ]

    def __str__(self):
        return f"{self.member_state_id}: {self.from_status or '—'} → {self.to_status}"


class Category(models.TextChoices):
    """Participant categories; the last four are grouped in attendance statements."""

    GOVERNMENT = "government", _("Government")
    INTERNATIONAL_ORGANIZATION = "international_organization", _("International organization")
    NGO = "ngo", _("Non-governmental organization")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    ACADEMIA = "academia", _("Academia")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


ORGANIZATION_CATEGORIES = (
    Category.INTERNATIONAL_ORGANIZATION,
    Category.NGO,
    Category.PRIVATE_SECTOR,
    Category.ACADEMIA,
    Category.MEDIA,
)


class Organization(models.Model):
    """An international organization, NGO, company, academic institution or media outlet."""

    class Kind(models.TextChoices):
        INTERNATIONAL_ORGANIZATION = (
            Category.INTERNATIONAL_ORGANIZATION.value,
            _("International organization"),
        )
        NGO = Category.NGO.value, _("Non-governmental organization")
        PRIVATE_SECTOR = Category.PRIVATE_SECTOR.value, _("Private sector")
        ACADEMIA = Category.ACADEMIA.value, _("Academia")
        MEDIA = Category.MEDIA.value, _("Media")
        OTHER = Category.OTHER.value, _("Other")

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=32, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Participant(models.Model):
    """A person in the register; affiliations belong to each registration."""

    honorific = models.CharField(_("honorific"), max_length=32, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="unique_participant_email",
                violation_error_message=_("A participant with this email is already registered."),
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.first_name, self.last_name) if p)


class Registration(models.Model):
    """A participant at one meeting, with the affiliation they come with."""

    class Role(models.TextChoices):
        HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
        DELEGATE = "delegate", _("Delegate")
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CONFIRMED = "confirmed", _("Confirmed")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # The steps of a self-registration (participants.self_registration): not yet a
        # participant in any list, count or statistic of attendance.
        UNCONFIRMED = "unconfirmed", _("Address not confirmed")
        PENDING = "pending", _("Awaiting approval")
        WAITLISTED = "waitlisted", _("On the waiting list")
        DECLINED = "declined", pgettext_lazy("registration status", "Declined")

    # Not (or not yet) a participant of the meeting.
    NOT_PARTICIPANT_STATUSES = (
        Status.UNCONFIRMED,
        Status.PENDING,
        Status.WAITLISTED,
        Status.DECLINED,
    )
    # Those who hold one of the meeting's places (its capacity); a no-show keeps theirs:
    # marking it after the fact frees nothing to give.
    PLACE_STATUSES = (
        Status.REGISTERED,
        Status.CONFIRMED,
        Status.ATTENDED,
        Status.NO_SHOW,
        Status.PENDING,
    )

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("participant"),
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("member state represented"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("organization"),
    )
    # An organization a registrant typed that the register does not have: it stands for
    # `organization` until the secretariat accepts it as new or merges it into one.
    typed_organization = models.CharField(
        _("organization as typed by the registrant"), max_length=255, blank=True
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.DELEGATE)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED
    )
    # Two separate consents, asked of people who register themselves; the secretariat's
    # own entries keep the defaults of the days before self-registration.
    listed_consent = models.BooleanField(
        _("may appear in the published list of participants"), default=True
    )
    contact_consent = models.BooleanField(
        _("may be contacted about future IDM meetings"), default=False
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = acting_user_field(_("created by"))
    updated_by = acting_user_field(_("updated by"))

    class Meta:
        ordering = ["participant__last_name", "participant__first_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # A registration is withdrawn, never deleted: its history stays with it.
        default_permissions = ("add", "change", "view")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "participant"],
                name="participant_registered_once_per_meeting",
                violation_error_message=_("This person is already registered for this meeting."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(category=Category.GOVERNMENT, member_state__isnull=False)
                    | (~Q(category=Category.GOVERNMENT) & Q(member_state__isnull=True))
                ),
                name="government_delegate_represents_a_member_state",
                violation_error_message=_(
                    "A government delegate represents a member state, and only they do."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    ~Q(category__in=[c.value for c in ORGANIZATION_CATEGORIES])
                    | Q(organization__isnull=False)
                    | ~Q(typed_organization="")
                ),
                name="organization_delegate_has_an_organization_or_typed_one",
                violation_error_message=_(
                    "Participants of this category come from an organization."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"]),
            models.Index(fields=["meeting", "category"]),
        ]

    def __str__(self):
        return f"{self.participant} @ {self.meeting}"


class RegistrationChange(AppendOnlyModel):
    """One entry of a registration's history: who changed what, and when.

    Append-only: the services create entries; nothing updates or deletes them.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Registered")
        UPDATED = "updated", _("Updated")
        STATUS_CHANGED = "status_changed", _("Status changed")
        CHECKED_IN = "checked_in", _("Checked in")
        CHECK_IN_UNDONE = "check_in_undone", _("Check-in undone")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        IMPORTED = "imported", _("Imported")
        SELF_REGISTERED = "self_registered", _("Registered on the public form")
        EMAIL_CONFIRMED = "email_confirmed", _("Address confirmed")
        PROMOTED = "promoted", _("Promoted from the waiting list")
        APPROVED = "approved", pgettext_lazy("registration change", "Approved")
        DECLINED = "declined", pgettext_lazy("registration change", "Declined")
        PASSPORT_ERASED = "passport_erased", _("Passport details erased")

    registration = models.ForeignKey(
        Registration,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("registration"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # {"field": [old, new], ...} in the values stored in the database.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["changed_at", "id"]
        verbose_name = _("registration change")
        verbose_name_plural = _("registration changes")

    def __str__(self):
        return f"{self.get_action_display()} · {self.changed_at:%Y-%m-%d %H:%M}"


class DelegationProposal(models.Model):
    """A focal point's proposal to add a person to their state's delegation to a meeting."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting the secretariat")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        related_name="delegation_proposals",
        verbose_name=_("meeting"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="delegation_proposals",
        verbose_name=_("member state"),
    )
    honorific = models.CharField(_("honorific"), max_length=32, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"))
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    role = models.CharField(
        _("role"),
        max_length=32,
        choices=Registration.Role.choices,
        default=Registration.Role.DELEGATE,
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default="pending")
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the proposal was declined; the focal point sees it."),
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = acting_user_field(_("decided by"))
    registration = models.OneToOneField(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("registration"),
    )

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = _("delegation proposal")
        verbose_name_plural = _("delegation proposals")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(state="pending", decided_at__isnull=True)
                    | (~Q(state="pending") & Q(decided_at__isnull=False))
                ),
                name="delegation_proposal_decided_once_decided",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(reason=""),
                name="declined_delegation_proposal_has_a_reason",
                violation_error_message=_("Say why the proposal is declined."),
            ),
        ]
        indexes = [models.Index(fields=["meeting", "member_state", "state"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.member_state}) @ {self.meeting}"

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.first_name, self.last_name) if p)


class ParticipantImport(models.Model):
    """An uploaded participants file, kept between its preview and its confirmation.

    The rows are stored in the database (not on a local disk) so that the
    confirming request may reach any web host.
    """

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.CASCADE,
        related_name="participant_imports",
        verbose_name=_("meeting"),
    )
    file_name = models.CharField(_("file name"), max_length=255)
    # [[header, ...], [cell, ...], ...] as text, exactly as read from the file.
    rows = models.JSONField(_("rows"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # Set when the rows of a file never imported were erased (`purge_participant_imports`):
    # the upload stays, as the record of what was erased and when.
    purged_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("participants import")
        verbose_name_plural = _("participants imports")

    def __str__(self):
        return self.file_name

    @property
    def is_purged(self) -> bool:
        return self.purged_at is not None


class VisaRequest(models.Model):
    """A registrant's request for a visa support letter, with their passport details.

    Passport details are shown to the secretariat only, and erased (`erased_at` set,
    the fields emptied) a configurable time after the meeting.
    """

    class State(models.TextChoices):
        # A context of their own: the words agree with "demande"/"solicitud".
        REQUESTED = "requested", pgettext_lazy("visa request", "Requested")
        APPROVED = "approved", pgettext_lazy("visa request", "Approved")
        DECLINED = "declined", pgettext_lazy("visa request", "Declined")

    registration = models.OneToOneField(
        Registration,
        on_delete=models.PROTECT,
        related_name="visa_request",
        verbose_name=_("registration"),
    )
    passport_name = models.CharField(_("name as in the passport"), max_length=200, blank=True)
    passport_number = models.CharField(_("passport number"), max_length=40, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    passport_expiry_date = models.DateField(_("passport valid until"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.REQUESTED
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the request was declined; the person sees it.")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = acting_user_field(_("decided by"))
    erased_at = models.DateTimeField(_("passport details erased at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("visa support request")
        verbose_name_plural = _("visa support requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True)
                | Q(
                    passport_name="",
                    passport_number="",
                    nationality="",
                    date_of_birth__isnull=True,
                    passport_expiry_date__isnull=True,
                ),
                name="erased_visa_request_keeps_no_passport_details",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(reason=""),
                name="declined_visa_request_has_a_reason",
                violation_error_message=_("Say why the request is declined."),
            ),
        ]

    def __str__(self):
        return f"{self.registration} ({self.get_state_display()})"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


def credentials_document_path(instance: "CredentialsDocument", filename: str) -> str:
    # A random name: nobody reaches the file by guessing, and the upload's own name
    # (which may say anything) is kept in the row only.
    return f"meetings/{instance.credentials.meeting_id}/credentials/{uuid.uuid4().hex}.pdf"


class DelegationCredentials(models.Model):
    """A state's credentials for its delegation to one meeting (a note verbale or a
    credentials letter): the status of the current document. Every upload is kept.

    No row: nothing submitted yet. Seen by the state's focal points and the
    secretariat only.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("credentials", "Submitted")
        VERIFIED = "verified", pgettext_lazy("credentials", "Verified")
        NEW_REQUESTED = "new_requested", pgettext_lazy("credentials", "New one requested")

    meeting = models.ForeignKey(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        related_name="delegation_credentials",
        verbose_name=_("meeting"),
    )
    member_state = models.ForeignKey(
        MemberState,
        on_delete=models.PROTECT,
        related_name="delegation_credentials",
        verbose_name=_("member state"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why a new document is asked for; the focal points see it."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["meeting", "member_state__name"]
        verbose_name = _("delegation credentials")
        verbose_name_plural = _("delegation credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member_state"], name="one_credentials_per_delegation"
            ),
            models.CheckConstraint(
                condition=~Q(status="new_requested") | ~Q(reason=""),
                name="new_credentials_requested_with_a_reason",
                violation_error_message=_("Say why a new document is needed."),
            ),
        ]

    def __str__(self):
        return f"{self.member_state_id} @ {self.meeting_id}: {self.status}"

    @property
    def current_document(self) -> "CredentialsDocument | None":
        # Newest first; a prefetched list is read without a query.
        documents = list(self.documents.all())
        return documents[0] if documents else None


class CredentialsDocument(models.Model):
    """One uploaded PDF of a delegation's credentials; the newest is the current one."""

    credentials = models.ForeignKey(
        DelegationCredentials,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("delegation credentials"),
    )
    file = models.FileField(_("file"), upload_to=credentials_document_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = acting_user_field(_("uploaded by"))

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("credentials document")
        verbose_name_plural = _("credentials documents")

    def __str__(self):
        return self.original_name


class CredentialsChange(AppendOnlyModel):
    """One entry of a delegation's credentials history: an upload or a decision."""

    class Action(models.TextChoices):
        UPLOADED = "uploaded", pgettext_lazy("credentials", "Uploaded")
        VERIFIED = "verified", pgettext_lazy("credentials", "Verified")
        NEW_REQUESTED = "new_requested", pgettext_lazy("credentials", "New one requested")

    credentials = models.ForeignKey(
        DelegationCredentials,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("delegation credentials"),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    document = models.ForeignKey(
        CredentialsDocument,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
    )
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["changed_at", "id"]
        verbose_name = _("credentials change")
        verbose_name_plural = _("credentials changes")

    def __str__(self):
        return f"{self.get_action_display()} · {self.changed_at:%Y-%m-%d %H:%M}"


class RegistrationSettings(models.Model):
    """How people may register themselves for one meeting on its public form.

    Its row is also the lock (select_for_update) that keeps the places of the
    meeting from being given twice when two people confirm or withdraw at once.
    """

    meeting = models.OneToOneField(
        "workshops.Meeting",
        on_delete=models.PROTECT,
        related_name="registration_settings",
        verbose_name=_("meeting"),
    )
    is_open = models.BooleanField(_("registration open"), default=False)
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Places in all; once they are taken, people go on the waiting list."),
    )
    # Category values; never "government": delegates come through their focal point.
    categories = models.JSONField(_("categories that may register"), default=list, blank=True)
    needs_approval = models.BooleanField(_("registrations need approval"), default=True)
    message = models.TextField(
        _("message to registrants"),
        blank=True,
        help_text=_("Shown on the form and in the e-mails to registrants."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = acting_user_field(_("updated by"))

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="self_registration_closes_after_it_opens",
                violation_error_message=_("Registration must close after it opens."),
            ),
        ]

    def __str__(self):
        return str(self.meeting)

    def is_open_at(self, now) -> bool:
        """Whether the public form takes registrations at `now`: the one rule the meeting
        page, the form and the service ask."""
        return (
            self.meeting.is_open
            and self.is_open
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
            and bool(self.categories)
        )


class RegistrationSettingsChange(AppendOnlyModel):
    """One change of a meeting's registration settings."""

    settings = models.ForeignKey(
        RegistrationSettings,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("registration settings"),
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = acting_user_field(_("changed by"), in_history=True)

    class Meta(AppendOnlyModel.Meta):
        ordering = ["changed_at", "id"]
        verbose_name = _("registration settings change")
        verbose_name_plural = _("registration settings changes")

    def __str__(self):
        return f"{self.settings_id} · {self.changed_at:%Y-%m-%d %H:%M}"


class SelfRegistration(models.Model):
    """What a registration made on the public form adds: the registrant's language and
    the steps of their address's confirmation and of the secretariat's decision."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.PROTECT,
        related_name="self_registration",
        verbose_name=_("registration"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # The waiting list is in the order of these.
    confirmed_at = models.DateTimeField(_("address confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = acting_user_field(_("decided by"))
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the registration was declined; the person sees it."),
    )

    class Meta:
        ordering = ["confirmed_at", "pk"]
        verbose_name = _("self-registration")
        verbose_name_plural = _("self-registrations")
        indexes = [models.Index(fields=["confirmed_at"])]

    def __str__(self):
        return str(self.registration)
