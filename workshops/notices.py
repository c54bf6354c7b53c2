"""The e-mails of the workshops app, through the notifications outbox: documents
published to the people who follow a meeting or its year."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from notifications.messages import Email, absolute_url, date_span, recipient_for_user
from notifications.models import Kind
from notifications.services import notification_send

from .models import Meeting
from .selectors import subscribed_user_ids


def meeting_document_notice_send(*, document, version_number: int) -> None:
    """Announces a public meeting document, or a new version of one."""
    if document.visibility != document.Visibility.PUBLIC:
        return
    document_published_notice_send(
        meeting=document.meeting,
        title=document.title,
        url=reverse("workshops:document_download", args=[document.pk]),
        key=f"meeting-document:{document.pk}:v{version_number}",
    )


def document_published_notice_send(*, meeting: Meeting, title: str, url: str, key: str) -> None:
    """Tells the subscribers of a meeting and of its year that a public document is out.

    Any app publishing a document of a meeting calls it; `key` names the document
    (and its version), so that each is announced once to each person.
    """
    users = User.objects.filter(
        pk__in=subscribed_user_ids(meeting=meeting), is_active=True
    ).exclude(email="")

    def compose(recipient) -> Email:
        return Email(
            subject=_("New document: %(title)s") % {"title": title},
            paragraphs=(
                _("A document of %(meeting)s (%(dates)s) has been published: %(title)s.")
                % {
                    "meeting": meeting.title,
                    "dates": date_span(meeting.start_date, meeting.end_date),
                    "title": title,
                },
                _("You receive this because you follow this meeting or its year on the portal."),
            ),
            action_url=absolute_url(url),
            action_label=_("Open the document"),
        )

    notification_send(
        kind=Kind.DOCUMENT_PUBLISHED,
        recipients=[recipient_for_user(user) for user in users.order_by("pk")],
        compose=compose,
        key=f"document-published:{key}",
    )
