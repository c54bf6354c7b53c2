"""Sends stale queued renders to the workers again: from cron, or by hand after an outage."""

from django.core.management.base import BaseCommand, CommandError

from reports.dispatch import rendered_document_resend_stale
from reports.selectors import rendered_document_list_stale


class Command(BaseCommand):
    help = (
        "Send again to the workers every queued render that the broker never took, or took "
        "longer ago than RENDER_STALE_AFTER_SECONDS. Safe to run at any time, from several hosts."
    )

    def handle(self, *args, **options):
        sent = rendered_document_resend_stale()
        left = rendered_document_list_stale().count()
        self.stdout.write(f"Sent {sent} queued render(s) to the workers; {left} still waiting.")
        if left:
            # A non-zero exit, so that cron tells the operator while the broker stays away.
            raise CommandError(f"{left} queued render(s) could not be sent: is the broker up?")
