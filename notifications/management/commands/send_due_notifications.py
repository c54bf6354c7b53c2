from django.core.management.base import BaseCommand

from notifications.jobs import due_jobs_run


class Command(BaseCommand):
    help = (
        "Queues the notifications that are due (for example reminders before a vote "
        "closes) and sends the e-mails waiting in the outbox. Safe to run as often as "
        "you like: nothing is sent twice. Run it from cron every few minutes, or let "
        "Celery beat run it."
    )

    def handle(self, *args, **options):
        for name, count in due_jobs_run().items():
            self.stdout.write(f"{name}: {count}")
