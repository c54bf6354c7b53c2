"""A meeting's places: who takes one, who waits, who is promoted when one frees.

Whoever changes the number of places taken locks the meeting's
`RegistrationSettings` row first (`settings_lock`), then counts: two people
confirming their address at the same instant, or a withdrawal while someone
confirms, are served one after the other and never exceed the capacity.
"""

from django.db.models import F

from .models import Registration, RegistrationChange, RegistrationSettings
from .notices import registration_notice_send


def settings_lock(*, meeting_id: int) -> RegistrationSettings | None:
    """The meeting's registration settings, locked until the transaction ends (None if the
    meeting has none: nobody can register themselves, nobody waits)."""
    return RegistrationSettings.objects.select_for_update().filter(meeting_id=meeting_id).first()


def places_taken(*, meeting_id: int) -> int:
    return Registration.objects.filter(
        meeting_id=meeting_id, status__in=Registration.PLACE_STATUSES
    ).count()


def has_free_place(settings: RegistrationSettings) -> bool:
    return settings.capacity is None or places_taken(meeting_id=settings.meeting_id) < (
        settings.capacity
    )


def status_on_admission(settings: RegistrationSettings, registration: Registration) -> str:
    """What a registrant admitted to a place becomes: awaiting approval where the meeting
    says so, or where their organization is one the secretariat must first accept."""
    if settings.needs_approval or registration.typed_organization:
        return Registration.Status.PENDING
    return Registration.Status.CONFIRMED


def waiting_list(*, meeting_id: int):
    """The meeting's waiting list, first come (by the time their address was confirmed)
    first served."""
    return (
        Registration.objects.filter(meeting_id=meeting_id, status=Registration.Status.WAITLISTED)
        .select_related("participant", "organization", "self_registration")
        .order_by(F("self_registration__confirmed_at").asc(nulls_last=True), "pk")
    )


def waiting_list_promote(*, settings: RegistrationSettings, by=None) -> list[Registration]:
    """Gives the free places to the first on the waiting list; `settings` is locked."""
    promoted = []
    while has_free_place(settings):
        first = waiting_list(meeting_id=settings.meeting_id).select_for_update(of=("self",)).first()
        if first is None:
            break
        new = status_on_admission(settings, first)
        first.status = new
        first.updated_by = by
        first.save(update_fields=["status", "updated_by", "updated_at"])
        change = RegistrationChange.objects.create(
            registration=first,
            action=RegistrationChange.Action.PROMOTED,
            changes={"status": [Registration.Status.WAITLISTED, new]},
            changed_by=by,
        )
        registration_notice_send(registration=first, event=str(change.pk), promoted=True)
        promoted.append(first)
    return promoted


def place_freed(*, settings: RegistrationSettings | None, old: str, new: str, by=None):
    """After a status change from `old` to `new`: if it gave up a place, the waiting list
    moves up."""
    if (
        settings is not None
        and old in Registration.PLACE_STATUSES
        and new not in Registration.PLACE_STATUSES
    ):
        waiting_list_promote(settings=settings, by=by)
