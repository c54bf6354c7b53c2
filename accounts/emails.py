"""The one way accounts send e-mail: rendered in the recipient's language, sent on commit.

Kinds are the templates under accounts/templates/accounts/email/: for a kind K,
K_subject.txt (one line), K.txt (the plain-text part) and K.html (the HTML part).

The notifications app, above this one, puts itself in as the transport when it is
ready (account_email_transport_set), so that these mails go through the outbox like
every other; until then (or without it) they are sent directly once the
transaction commits.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

KINDS = ("invitation", "password_reset")


def _send_on_commit(*, kind, address, user, language, subject, text, html) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)


_transport = _send_on_commit


def account_email_transport_set(transport) -> None:
    """transport(*, kind, address, user, language, subject, text, html) sends one mail."""
    global _transport
    _transport = transport


def account_email_send(*, kind: str, to_user_or_address, language: str | None, context: dict):
    """Renders the message now and sends it once the surrounding transaction commits,
    so that a rolled-back action mails nobody."""
    if kind not in KINDS:
        raise ValueError(f"Unknown account e-mail kind: {kind}")
    address = getattr(to_user_or_address, "email", to_user_or_address)
    language = language or getattr(to_user_or_address, "language", None) or settings.LANGUAGE_CODE
    context = {**context, "language": language}
    with translation.override(language):
        subject = render_to_string(f"accounts/email/{kind}_subject.txt", context)
        text = render_to_string(f"accounts/email/{kind}.txt", context)
        html = render_to_string(f"accounts/email/{kind}.html", context)
    _transport(
        kind=kind,
        address=address,
        user=to_user_or_address if hasattr(to_user_or_address, "email") else None,
        language=language,
        subject=" ".join(subject.split()),
        text=text,
        html=html,
    )
