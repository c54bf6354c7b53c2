"""The one way accounts send e-mail: rendered in the recipient's language, sent on commit.

Kinds are the templates under accounts/templates/accounts/email/: for a kind K,
K_subject.txt (one line), K.txt (the plain-text part) and K.html (the HTML part).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

KINDS = ("invitation", "password_reset")


def account_email_send(*, kind: str, to_user_or_address, language: str | None, context: dict):
    """Renders the message now and sends it once the surrounding transaction commits,
    so that a rolled-back action mails nobody. Returns the message."""
    if kind not in KINDS:
        raise ValueError(f"Unknown account e-mail kind: {kind}")
    address = getattr(to_user_or_address, "email", to_user_or_address)
    language = language or getattr(to_user_or_address, "language", None) or settings.LANGUAGE_CODE
    context = {**context, "language": language}
    with translation.override(language):
        subject = render_to_string(f"accounts/email/{kind}_subject.txt", context)
        text = render_to_string(f"accounts/email/{kind}.txt", context)
        html = render_to_string(f"accounts/email/{kind}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text, to=[address], headers=None
    )
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
    return message
