"""People registering themselves on a meeting's public form, and the secretariat's part.

The steps: the form makes an *unconfirmed* registration and mails a signed link;
the link confirms the address and gives the person a place (awaiting approval,
or confirmed where the meeting says so) or puts them on the waiting list; the
secretariat approves or declines. An unconfirmed, waiting or declined
registration is nobody's participant yet (`Registration.NOT_PARTICIPANT_STATUSES`).
"""

import dataclasses
import datetime
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.messages import absolute_url

from .matching import AMBIGUOUS, name_key, organization_keys
from .models import (
    Category,
    Organization,
    Participant,
    Registration,
    RegistrationChange,
    RegistrationSettings,
    RegistrationSettingsChange,
    SelfRegistration,
    VisaRequest,
)
from .notices import registration_address_notice_send, registration_notice_send
from .self_registration_selectors import registration_settings_for
from .services import organization_get_or_create
from .waiting_list import (
    has_free_place,
    place_freed,
    settings_lock,
    status_on_admission,
    waiting_list_promote,
)

SELF_REGISTRATION_CATEGORIES = tuple(c for c in Category if c != Category.GOVERNMENT)
SETTINGS_FIELDS = (
    "is_open",
    "opens_at",
    "closes_at",
    "capacity",
    "categories",
    "needs_approval",
    "message",
)
_TOKEN_SALT = "participants.self_registration.address"


# Settings ---------------------------------------------------------------------------


def _stored(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else value


@transaction.atomic
def registration_settings_update(*, meeting, by=None, **values) -> RegistrationSettings:
    """Sets how people may register themselves for the meeting; records what changed.

    A capacity raised (or removed) gives the new places to the waiting list at once.
    """
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Unknown settings: {sorted(unknown)}")
    categories = list(values.get("categories", []))
    if Category.GOVERNMENT in categories:
        raise ValidationError(
            {"categories": _("Government delegates register through their focal point.")}
        )
    RegistrationSettings.objects.get_or_create(meeting=meeting)
    current = settings_lock(meeting_id=meeting.pk)
    changes = {
        field: [_stored(getattr(current, field)), _stored(value)]
        for field, value in values.items()
        if getattr(current, field) != value
    }
    if not changes:
        return current
    for field, value in values.items():
        setattr(current, field, value)
    current.updated_by = by
    current.full_clean(exclude=["meeting"], validate_unique=False)
    current.save()
    RegistrationSettingsChange.objects.create(settings=current, changes=changes, changed_by=by)
    if "capacity" in changes:
        waiting_list_promote(settings=current, by=by)
    return current


# The public form --------------------------------------------------------------------


@dataclass(frozen=True)
class VisaDetails:
    passport_name: str
    passport_number: str
    nationality: str
    date_of_birth: datetime.date
    passport_expiry_date: datetime.date


@dataclass(frozen=True)
class SelfRegistrationForm:
    """What a person typed on the public form, already checked field by field."""

    first_name: str
    last_name: str
    email: str
    category: str
    language: str
    job_title: str = ""
    organization: Organization | None = None
    typed_organization: str = ""
    accessibility_needs: str = ""
    listed_consent: bool = False
    contact_consent: bool = False
    visa: VisaDetails | None = None


def confirmation_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk}, salt=_TOKEN_SALT, compress=True)


def confirmation_url(registration: Registration) -> str:
    return absolute_url(
        reverse("participants:self_registration_confirm", args=[confirmation_token(registration)])
    )


def _typed_organization(typed: str, category: str) -> tuple[Organization | None, str]:
    """The organization of the register a typed name stands for, else the name as typed
    (never a new organization: the secretariat accepts or merges it)."""
    typed = " ".join(typed.split())
    if not typed:
        return None, ""
    found = organization_keys(
        Organization.objects.filter(kind=category).values_list("pk", "name", "acronym")
    ).get(name_key(typed))
    if found is None or found is AMBIGUOUS:
        return None, typed
    return Organization.objects.get(pk=found), ""


@transaction.atomic
def self_registration_submit(
    *, meeting, form: SelfRegistrationForm, now: datetime.datetime | None = None
) -> Registration | None:
    """Makes an unconfirmed registration and mails its person the link to confirm it.

    A person of the register (by e-mail) is registered as the register knows them.
    Someone already registered for the meeting gets no second registration; if theirs
    is still unconfirmed the link is sent again; otherwise None and nothing is sent
    (whoever typed the form learns nothing about the address's owner).
    """
    now = now or timezone.now()
    places = registration_settings_for(meeting=meeting)
    if places is None or not places.is_open_at(now):
        raise ValidationError(_("Registration for this meeting is closed."))
    if form.category not in places.categories:
        raise ValidationError(
            {"category": _("People of this category cannot register on this form.")}
        )
    participant = Participant.objects.filter(email__iexact=form.email).order_by("pk").first()
    if participant is not None:
        existing = Registration.objects.filter(meeting=meeting, participant=participant).first()
        if existing is not None:
            if existing.status == Registration.Status.UNCONFIRMED:
                registration_address_notice_send(
                    registration=existing,
                    link=confirmation_url(existing),
                    event=f"again:{now.isoformat()}",
                )
                return existing
            return None
    else:
        participant = _participant_create(form)
    organization, typed = form.organization, ""
    if organization is None:
        organization, typed = _typed_organization(form.typed_organization, form.category)
    registration = Registration(
        meeting=meeting,
        participant=participant,
        category=form.category,
        organization=organization,
        typed_organization=typed,
        status=Registration.Status.UNCONFIRMED,
        listed_consent=form.listed_consent,
        contact_consent=form.contact_consent,
        accessibility_needs=form.accessibility_needs.strip(),
    )
    registration.full_clean(exclude=["meeting", "participant"], validate_unique=False)
    try:
        # A savepoint: the same person sending the form twice at once registers once.
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        return None
    SelfRegistration.objects.create(registration=registration, language=form.language)
    if form.visa is not None:
        VisaRequest.objects.create(registration=registration, **dataclasses.asdict(form.visa))
    change = RegistrationChange.objects.create(
        registration=registration,
        action=RegistrationChange.Action.SELF_REGISTERED,
        changes={
            "category": [None, registration.category],
            "organization_id": [None, registration.organization_id],
            "typed_organization": [None, typed],
            "status": [None, registration.status],
            "listed_consent": [None, registration.listed_consent],
            "contact_consent": [None, registration.contact_consent],
        },
    )
    registration_address_notice_send(
        registration=registration, link=confirmation_url(registration), event=str(change.pk)
    )
    return registration


def _participant_create(form: SelfRegistrationForm) -> Participant:
    try:
        # A savepoint: the same address typed twice at once makes one person.
        with transaction.atomic():
            return Participant.objects.create(
                first_name=form.first_name,
                last_name=form.last_name,
                email=form.email,
                job_title=form.job_title,
            )
    except IntegrityError:
        return Participant.objects.get(email__iexact=form.email)


class InvalidLink(Exception):
    """The link is not one the portal made (or was cut short)."""


class ExpiredLink(Exception):
    """The link is the portal's, but older than SELF_REGISTRATION_LINK_DAYS."""


@dataclass(frozen=True)
class Confirmation:
    registration: Registration
    already: bool


def _registration_pk(token: str) -> int:
    try:
        payload = signing.loads(
            token,
            salt=_TOKEN_SALT,
            max_age=datetime.timedelta(days=django_settings.SELF_REGISTRATION_LINK_DAYS),
        )
        return int(payload["r"])
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, KeyError, TypeError, ValueError, OverflowError) as error:
        raise InvalidLink from error


def confirmation_status(*, token: str) -> Registration:
    """The registration a confirmation link names, unchanged."""
    registration = (
        Registration.objects.select_related("meeting")
        .filter(pk=_registration_pk(token), self_registration__isnull=False)
        .first()
    )
    if registration is None:
        raise InvalidLink
    return registration


def self_registration_confirm(*, token: str, now: datetime.datetime | None = None) -> Confirmation:
    """Confirms the registrant's address: a place (awaiting approval or confirmed) or the
    waiting list. A link used before says so and changes nothing."""
    pk = _registration_pk(token)
    now = now or timezone.now()
    with transaction.atomic():
        meeting_id = Registration.objects.filter(pk=pk).values_list("meeting_id", flat=True).first()
        if meeting_id is None:
            raise InvalidLink
        places = settings_lock(meeting_id=meeting_id)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("meeting", "participant")
            .get(pk=pk)
        )
        if registration.status != Registration.Status.UNCONFIRMED or places is None:
            return Confirmation(registration=registration, already=True)
        if not registration.meeting.is_open:
            raise ValidationError(_("Registration for this meeting is closed."))
        if has_free_place(places):
            new = status_on_admission(places, registration)
        else:
            new = Registration.Status.WAITLISTED
        registration.status = new
        registration.save(update_fields=["status", "updated_at"])
        SelfRegistration.objects.filter(registration=registration).update(confirmed_at=now)
        change = RegistrationChange.objects.create(
            registration=registration,
            action=RegistrationChange.Action.EMAIL_CONFIRMED,
            changes={"status": [Registration.Status.UNCONFIRMED, new]},
        )
        registration_notice_send(registration=registration, event=str(change.pk))
    return Confirmation(registration=registration, already=False)


# The secretariat's decisions -------------------------------------------------------


def _lock_self_registration(registration: Registration, allowed) -> Registration:
    locked = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("meeting", "participant")
        .get(pk=registration.pk)
    )
    if not SelfRegistration.objects.filter(registration=locked).exists():
        raise ValidationError(_("This registration was not made on the public form."))
    if locked.status not in allowed:
        raise ValidationError(
            _("This registration is %(status)s: there is nothing to decide.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


@transaction.atomic
def self_registration_approve(
    *,
    registration: Registration,
    by,
    merge_into: Organization | None = None,
    accept_typed_organization: bool = False,
) -> Registration:
    """Confirms a registration awaiting approval. An organization the person typed is
    first accepted into the register (`accept_typed_organization`) or merged into one
    (`merge_into`): one of the two is required then."""
    locked = _lock_self_registration(registration, {Registration.Status.PENDING})
    changes = {"status": [locked.status, Registration.Status.CONFIRMED]}
    if locked.typed_organization:
        if merge_into is not None:
            organization = merge_into
        elif accept_typed_organization:
            organization = organization_get_or_create(
                name=locked.typed_organization, kind=locked.category
            )
        else:
            raise ValidationError(
                _(
                    "“%(name)s” is not in the register: accept it as a new organization or "
                    "merge it into one of the register."
                )
                % {"name": locked.typed_organization}
            )
        changes["organization_id"] = [locked.organization_id, organization.pk]
        changes["typed_organization"] = [locked.typed_organization, ""]
        locked.organization = organization
        locked.typed_organization = ""
    locked.status = Registration.Status.CONFIRMED
    locked.updated_by = by
    locked.full_clean(exclude=["meeting", "participant"], validate_unique=False)
    locked.save(
        update_fields=["status", "organization", "typed_organization", "updated_by", "updated_at"]
    )
    SelfRegistration.objects.filter(registration=locked).update(
        decided_at=timezone.now(), decided_by=by
    )
    change = RegistrationChange.objects.create(
        registration=locked,
        action=RegistrationChange.Action.APPROVED,
        changes=changes,
        changed_by=by,
    )
    registration_notice_send(registration=locked, event=str(change.pk))
    registration.status = locked.status
    return locked


@transaction.atomic
def self_registration_decline(*, registration: Registration, reason: str, by) -> Registration:
    """Declines a registration awaiting approval or waiting; its place, if it had one,
    goes to the waiting list."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the registration is declined.")})
    places = settings_lock(meeting_id=registration.meeting_id)
    locked = _lock_self_registration(
        registration, {Registration.Status.PENDING, Registration.Status.WAITLISTED}
    )
    old = locked.status
    locked.status = Registration.Status.DECLINED
    locked.updated_by = by
    locked.save(update_fields=["status", "updated_by", "updated_at"])
    SelfRegistration.objects.filter(registration=locked).update(
        decided_at=timezone.now(), decided_by=by, reason=reason.strip()
    )
    change = RegistrationChange.objects.create(
        registration=locked,
        action=RegistrationChange.Action.DECLINED,
        changes={"status": [old, Registration.Status.DECLINED]},
        changed_by=by,
    )
    registration_notice_send(registration=locked, event=str(change.pk))
    place_freed(settings=places, old=old, new=locked.status, by=by)
    registration.status = locked.status
    return locked
