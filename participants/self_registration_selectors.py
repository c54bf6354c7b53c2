"""Reads of self-registration: a meeting's settings, its history, the approval queue."""

from common.history_display import describe_changes

from .models import (
    Organization,
    Registration,
    RegistrationSettings,
    RegistrationSettingsChange,
)
from .waiting_list import places_taken, waiting_list


def registration_settings_for(*, meeting) -> RegistrationSettings | None:
    places = RegistrationSettings.objects.filter(meeting=meeting).first()
    if places is not None:
        places.meeting = meeting  # its rules read the meeting: no query for it
    return places


def self_registration_is_open(*, meeting, now) -> bool:
    """Whether the meeting's public registration form takes registrations now."""
    places = registration_settings_for(meeting=meeting)
    return places is not None and places.is_open_at(now)


def registration_settings_history(*, meeting) -> list[RegistrationSettingsChange]:
    entries = list(
        RegistrationSettingsChange.objects.filter(settings__meeting=meeting)
        .select_related("changed_by")
        .order_by("-changed_at", "-id")
    )
    described = describe_changes(RegistrationSettings, (entry.changes for entry in entries))
    for entry, field_changes in zip(entries, described, strict=True):
        entry.field_changes = field_changes
    return entries


def self_registration_get(*, pk: int) -> Registration:
    return Registration.objects.select_related("meeting", "participant").get(
        pk=pk, self_registration__isnull=False
    )


def self_registration_queue(*, meeting) -> dict:
    """What the secretariat decides on: registrations awaiting approval (oldest address
    confirmed first), the waiting list in its order, and how many await their address."""
    pending = list(
        Registration.objects.filter(meeting=meeting, status=Registration.Status.PENDING)
        .select_related("participant", "organization", "self_registration", "visa_request")
        .order_by("self_registration__confirmed_at", "pk")
    )
    typed_kinds = {r.category for r in pending if r.typed_organization}
    organizations = {
        kind: list(Organization.objects.filter(kind=kind).order_by("name"))
        for kind in sorted(typed_kinds)
    }
    for registration in pending:
        registration.merge_choices = organizations.get(registration.category, [])
    places = registration_settings_for(meeting=meeting)
    return {
        "pending": pending,
        "waiting": list(waiting_list(meeting_id=meeting.pk)),
        "unconfirmed_count": Registration.objects.filter(
            meeting=meeting, status=Registration.Status.UNCONFIRMED
        ).count(),
        "places": places,
        "places_taken": places_taken(meeting_id=meeting.pk),
    }
