from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from participants.passports import passport_details_erase_due


class Command(BaseCommand):
    help = (
        "Erases the passport details of visa support requests PASSPORT_RETENTION_DAYS "
        "after their meeting's last day, and records each erasure in the registration's "
        "history. The due jobs (send_due_notifications, Celery beat) run it too; a second "
        "run erases nothing more."
    )

    def handle(self, *args, **options):
        erased = passport_details_erase_due()
        self.stdout.write(
            _("Passport details of meetings ended over %(days)d days ago: %(count)d erased.")
            % {"days": settings.PASSPORT_RETENTION_DAYS, "count": erased}
        )
