"""The e-mails of the programme app, through the notifications outbox: the review of a
state's speaker or case-study suggestion, to that state's focal points."""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.messages import Email, absolute_url, focal_point_recipients
from notifications.models import Kind
from notifications.services import notification_send

from .models import SpeakerSuggestion


def speaker_suggestion_notice_send(*, suggestion: SpeakerSuggestion) -> None:
    """The suggesting state's focal points hear the secretariat's review and its note."""
    meeting = suggestion.meeting

    def compose(recipient) -> Email:
        values = {
            "headline": suggestion.headline,
            "meeting": meeting.title,
            "status": SpeakerSuggestion.Status(suggestion.status).label.lower(),
        }
        paragraphs = [
            _("Your state's suggestion “%(headline)s” for %(meeting)s is now: %(status)s.") % values
        ]
        if suggestion.review_note:
            paragraphs.append(
                _("Note from the secretariat: %(note)s") % {"note": suggestion.review_note}
            )
        return Email(
            subject=_("Your suggestion was reviewed: %(headline)s") % values,
            paragraphs=tuple(paragraphs),
            action_url=absolute_url(reverse("programme:suggestions_mine")),
            action_label=_("Your state's suggestions"),
        )

    notification_send(
        kind=Kind.SUGGESTION_REVIEWED,
        recipients=focal_point_recipients(member_state_ids=[suggestion.member_state_id]),
        compose=compose,
        key=f"speaker-suggestion:{suggestion.pk}:{suggestion.reviewed_at.isoformat()}",
    )
