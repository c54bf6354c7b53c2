"""What a notification says and to whom, before it becomes an outbox message."""

import dataclasses

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse


@dataclasses.dataclass(frozen=True)
class Recipient:
    """An address, the language to write to it in, and the account behind it if any."""

    address: str
    language: str = settings.LANGUAGE_CODE
    name: str = ""
    user: object | None = None


@dataclasses.dataclass(frozen=True)
class Email:
    """A message in the recipient's language: the same paragraphs make its text and HTML."""

    subject: str
    paragraphs: tuple[str, ...]
    action_url: str = ""
    action_label: str = ""


def absolute_url(path: str) -> str:
    """A portal address for an e-mail: mails have no request to build it from."""
    return settings.PORTAL_URL.rstrip("/") + path


def email_render(email: Email, recipient: Recipient) -> tuple[str, str, str]:
    """Subject, plain text and HTML of an e-mail (call it in the recipient's language)."""
    context = {
        "email": email,
        "recipient": recipient,
        "settings_url": absolute_url(reverse("notifications:settings")) if recipient.user else "",
    }
    text = render_to_string("notifications/email/message.txt", context)
    html = render_to_string("notifications/email/message.html", context)
    # A subject is one line, whatever a title typed into the portal holds.
    subject = " ".join(email.subject.split())[:255]
    return subject, text, html


def focal_point_recipients(*, member_state_ids=None) -> list[Recipient]:
    """The active focal points of the given states (of every state if None), as recipients."""
    from accounts.models import User

    users = User.objects.filter(is_active=True, member_state__isnull=False).exclude(email="")
    if member_state_ids is not None:
        users = users.filter(member_state_id__in=list(member_state_ids))
    return [recipient_for_user(user) for user in users.order_by("pk")]


def date_span(start, end) -> str:
    """ "12 March 2026" or "12 March 2026 – 13 March 2026", in the active language."""
    from django.utils.formats import date_format

    first = date_format(start, "j F Y")
    return first if start == end else f"{first} – {date_format(end, 'j F Y')}"


def recipient_for_user(user) -> Recipient:
    return Recipient(
        address=user.email,
        language=user.language,
        name=user.get_full_name() or user.username,
        user=user,
    )


def recipient_for_address(address: str, *, name: str = "") -> Recipient:
    """A person known by address: their account's language and choices, if they have one."""
    from accounts.models import User

    user = (
        User.objects.filter(email__iexact=address, is_active=True).order_by("pk").first()
        if address
        else None
    )
    if user is None:
        return Recipient(address=address, name=name)
    return Recipient(
        address=address,
        language=user.language,
        name=name or user.get_full_name() or user.username,
        user=user,
    )
