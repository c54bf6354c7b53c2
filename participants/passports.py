"""Passport details of visa support requests are erased a while after their meeting.

`passport_details_erase_due` runs as a due job (notifications.jobs, every few
minutes under beat or cron) and as `manage.py erase_passport_details`; a second
run erases nothing more.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RegistrationChange, VisaRequest

PASSPORT_FIELDS = (
    "passport_name",
    "passport_number",
    "nationality",
    "date_of_birth",
    "passport_expiry_date",
)


def passport_erasure_cutoff(*, now: datetime.datetime) -> datetime.date:
    """Meetings that ended before this day have their passport details erased."""
    return timezone.localdate(now) - datetime.timedelta(days=settings.PASSPORT_RETENTION_DAYS)


def passport_details_erase_due(now: datetime.datetime | None = None) -> int:
    """Erases the passport details of meetings ended PASSPORT_RETENTION_DAYS ago or more;
    each erasure is recorded in the registration's history. Returns how many."""
    now = now or timezone.now()
    due = VisaRequest.objects.filter(
        erased_at__isnull=True,
        registration__meeting__end_date__lt=passport_erasure_cutoff(now=now),
    ).values_list("pk", flat=True)
    erased = 0
    for pk in list(due):
        with transaction.atomic():
            request = VisaRequest.objects.select_for_update().filter(pk=pk).first()
            if request is None or request.erased_at is not None:
                continue  # erased by a run at the same time
            request.passport_name = request.passport_number = request.nationality = ""
            request.date_of_birth = request.passport_expiry_date = None
            request.erased_at = now
            request.save(update_fields=[*PASSPORT_FIELDS, "erased_at"])
            RegistrationChange.objects.create(
                registration_id=request.registration_id,
                action=RegistrationChange.Action.PASSPORT_ERASED,
                changes={},
            )
            erased += 1
    return erased
