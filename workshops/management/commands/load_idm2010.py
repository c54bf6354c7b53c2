from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from notifications.services import notifications_muted
from participants import demo as participants_demo
from reports import demo as reports_demo
from themes import demo as themes_demo
from workshops import demo as workshops_demo


class Command(BaseCommand):
    help = "Loads the IDM 2010 demo data. Safe to run again: existing data is kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--render-documents",
            action="store_true",
            help="Also ask for the PDF of the demo note (rendered now without a broker, "
            "else by a worker); an unchanged note reuses its PDF.",
        )

    def handle(self, *args, **options):
        # The demo's past and present are recorded, not announced: no e-mail is queued.
        with transaction.atomic(), notifications_muted():
            meetings = workshops_demo.load()
            participants_demo.load(march_workshop=meetings[workshops_demo.MARCH_WORKSHOP_START])
            accounts = accounts_demo.load()
            themes_demo.load()
            workshops_demo.load_programme(meetings=meetings)
            note = reports_demo.load(consultation_meeting=meetings[reports_demo.MEETING_START])
        self.stdout.write(self.style.SUCCESS("IDM 2010 demo data is loaded."))
        if options["render_documents"]:
            document = reports_demo.render(note=note)
            self.stdout.write(f"{note.symbol}: PDF {document.get_status_display().lower()}.")
        self.stdout.write("Demo accounts (username / password):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username} / {password}  ({role})")
