"""A real SMTP server for the tests, on 127.0.0.1, and the `smtp_server` fixture.

The portal sends through Django's SMTP backend to it, as it would to the
organization's mail relay; tests read what arrived.
"""

import dataclasses
import email
import socket
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest


def free_port() -> int:
    """A port nothing listens on (yet): for the server, or to point the portal at nothing."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclasses.dataclass
class Received:
    """One message as the server got it: the envelope's recipients and the parsed message."""

    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        # Folded and encoded on the wire; a mail client shows it unfolded, on one line.
        return " ".join(str(self.message["Subject"]).split())

    def part(self, content_type: str) -> str:
        body = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        assert body is not None, f"no {content_type} part"
        assert body.get_content_type() == content_type
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("text/plain")

    @property
    def html(self) -> str:
        return self.part("text/html")

    @property
    def whole(self) -> str:
        """Subject, text and HTML together: what a person could read in it."""
        return "\n".join((self.subject, self.text, self.html))


class _Handler:
    def __init__(self, received: list[Received]):
        self.received = received

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        self.received.append(Received(to=list(envelope.rcpt_tos), message=message))
        return "250 Message accepted for delivery"


@dataclasses.dataclass
class SmtpServer:
    port: int
    messages: list[Received]

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.to]


@pytest.fixture
def tasks_in_process():
    """Celery tasks run in the test's process, even where a broker is configured,
    so that a test reads what its own actions sent."""
    from idm_portal.celery import app as celery_app

    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = eager


@pytest.fixture
def smtp_server(settings, tasks_in_process):
    """Starts an SMTP server on 127.0.0.1 and points the portal's e-mail at it."""
    from aiosmtpd.controller import Controller

    received: list[Received] = []
    port = free_port()
    controller = Controller(_Handler(received), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    try:
        yield SmtpServer(port=port, messages=received)
    finally:
        controller.stop()
