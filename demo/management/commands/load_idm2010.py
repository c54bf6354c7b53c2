from django.core.management.base import BaseCommand
from django.db import transaction

from demo import accounts as accounts_demo
from demo import live as live_demo
from demo import participants as participants_demo
from demo import reports as reports_demo
from demo import themes as themes_demo
from demo import workshops as workshops_demo
from notifications.services import notifications_muted


class Command(BaseCommand):
    help = (
        "Loads the demo: IDM 2010 as it was, and a live year dated from today. "
        "Safe to run again: existing data is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--render-documents",
            action="store_true",
            help="Also ask for the PDFs of the demo note, one per language (rendered now "
            "without a broker, else by a worker); an unchanged version reuses its PDF.",
        )

    def handle(self, *args, **options):
        # The demo's past and present are recorded, not announced: no e-mail is queued.
        with transaction.atomic(), notifications_muted():
            meetings = workshops_demo.load()
            organizations = participants_demo.load(
                march_workshop=meetings[workshops_demo.MARCH_WORKSHOP_START]
            )
            live_demo.load(organizations=organizations)
            accounts = accounts_demo.load()
            themes_demo.load()
            workshops_demo.load_programme(meetings=meetings)
            note = reports_demo.load(consultation_meeting=meetings[reports_demo.MEETING_START])
        self.stdout.write(
            self.style.SUCCESS("Demo data is loaded: IDM 2010, and a live year dated from today.")
        )
        if options["render_documents"]:
            for document in reports_demo.render(note=note):
                # The original as before ("IC/2010/5: PDF ready."), the versions with their code.
                language = "" if document.language == note.original_language else document.language
                name = f"{note.symbol} ({language})" if language else note.symbol
                self.stdout.write(f"{name}: PDF {document.get_status_display().lower()}.")
        self.stdout.write("Demo accounts (username / password):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username} / {password}  ({role})")
        self.stdout.write(
            "Both use two-factor authentication: add this TOTP secret to an authenticator "
            f"app (or run oathtool --totp -b {accounts_demo.DEMO_TOTP_SECRET}):\n"
            f"  {accounts_demo.DEMO_TOTP_SECRET}"
        )
