import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from participants.importing import participant_imports_purge

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Erases the rows (personal data) of uploaded participants files that were never "
        "imported, PARTICIPANT_IMPORT_RETENTION_DAYS after their upload. Safe to run as "
        "often as wanted, e.g. daily from cron: a second run erases nothing more."
    )

    def handle(self, *args, **options):
        erased = participant_imports_purge()
        days = settings.PARTICIPANT_IMPORT_RETENTION_DAYS
        logger.info(
            "Erased the rows of %d participants file(s) not imported in %d days", erased, days
        )
        self.stdout.write(
            _("Uploaded files not imported within %(days)d days: %(count)d erased.")
            % {"days": days, "count": erased}
        )
