"""The embedded default's e-mail: shown on the console and kept as files, no SMTP needed."""

from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class ConsoleAndFileEmailBackend(BaseEmailBackend):
    """Writes each message to the console and to a file under MEDIA_ROOT/emails/.

    The folder is read when the backend is made, so it follows MEDIA_ROOT
    (EMAIL_FILE_PATH, if set, wins).
    """

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        folder = getattr(settings, "EMAIL_FILE_PATH", None) or Path(settings.MEDIA_ROOT) / "emails"
        self.backends = [
            ConsoleBackend(fail_silently=fail_silently, **kwargs),
            FileBackend(file_path=str(folder), fail_silently=fail_silently, **kwargs),
        ]

    def send_messages(self, email_messages):
        sent = 0
        for backend in self.backends:
            sent = backend.send_messages(email_messages)
        return sent
