"""The e-mails of the theme consultation, through the notifications outbox.

Opening and reminders are due at a time, not at a request: `consultation_notices_due`
is registered as a due job (see ThemesConfig.ready) and run by beat or cron.
Every message speaks of the recipient's own state only: a reminder says that
*their* state has not voted, never who else has or how.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from common.formats import format_when
from notifications.messages import Email, absolute_url, focal_point_recipients
from notifications.models import Kind
from notifications.services import notification_send
from participants.models import MemberState

from .models import Consultation, ThemeSuggestion


def _ballot_link(consultation: Consultation) -> dict:
    return {
        "action_url": absolute_url(reverse("themes:consultation_detail", args=[consultation.pk])),
        "action_label": _("The consultation"),
    }


def consultation_open_notice_send(*, consultation: Consultation) -> int:
    """Every focal point of every state, member or observer, hears that voting is open."""

    def compose(recipient) -> Email:
        return Email(
            subject=_("Voting is open: %(title)s") % {"title": consultation.title},
            paragraphs=(
                _(
                    "The consultation “%(title)s” is open. Member states vote until "
                    "%(closes)s; every state may suggest another theme meanwhile."
                )
                % {"title": consultation.title, "closes": format_when(consultation.closes_at)},
            ),
            **_ballot_link(consultation),
        )

    return len(
        notification_send(
            kind=Kind.CONSULTATION_OPEN,
            recipients=focal_point_recipients(),
            compose=compose,
            key=f"consultation-open:{consultation.pk}",
        )
    )


def consultation_reminder_send(*, consultation: Consultation) -> int:
    """The focal points of each member state that has not voted yet, once each."""
    not_voted = (
        MemberState.objects.filter(status=MemberState.Status.MEMBER)
        .exclude(theme_votes__consultation=consultation)
        .values_list("pk", flat=True)
    )

    def compose(recipient) -> Email:
        return Email(
            subject=_("Reminder: your state has not voted in “%(title)s”")
            % {"title": consultation.title},
            paragraphs=(
                _("Voting in the consultation “%(title)s” closes on %(closes)s.")
                % {"title": consultation.title, "closes": format_when(consultation.closes_at)},
                _("Your state has not voted yet. Any of its focal points may cast its vote."),
            ),
            **_ballot_link(consultation),
        )

    return len(
        notification_send(
            kind=Kind.CONSULTATION_REMINDER,
            recipients=focal_point_recipients(member_state_ids=not_voted),
            compose=compose,
            key=f"consultation-reminder:{consultation.pk}",
        )
    )


def consultation_notices_due(now: datetime.datetime) -> int:
    """The due job: opening notices of open consultations, reminders of closing ones."""
    queued = 0
    open_now = Consultation.objects.filter(opens_at__lte=now, closes_at__gt=now)
    for consultation in open_now:
        queued += consultation_open_notice_send(consultation=consultation)
    remind_from = now + datetime.timedelta(hours=settings.CONSULTATION_REMINDER_HOURS)
    for consultation in open_now.filter(closes_at__lte=remind_from):
        queued += consultation_reminder_send(consultation=consultation)
    return queued


def consultation_result_notice_send(*, consultation: Consultation) -> None:
    """Every focal point of every state hears the published result (the theme, not the votes)."""
    theme = consultation.selected_proposal.title

    def compose(recipient) -> Email:
        return Email(
            subject=_("Result published: %(title)s") % {"title": consultation.title},
            paragraphs=(
                _("The secretariat published the result of the consultation “%(title)s”.")
                % {"title": consultation.title},
                _("Selected theme: %(theme)s") % {"theme": theme},
            ),
            **_ballot_link(consultation),
        )

    notification_send(
        kind=Kind.CONSULTATION_RESULT,
        recipients=focal_point_recipients(),
        compose=compose,
        key=f"consultation-result:{consultation.pk}",
    )


def theme_suggestion_notice_send(*, suggestion: ThemeSuggestion) -> None:
    """The suggesting state's focal points hear whether their theme went on the ballot."""
    consultation = suggestion.consultation

    def compose(recipient) -> Email:
        values = {"title": suggestion.title, "consultation": consultation.title}
        if suggestion.status == ThemeSuggestion.Status.ADDED:
            paragraphs = (
                _(
                    "Your state's suggestion “%(title)s” has been added to the ballot of "
                    "“%(consultation)s”."
                )
                % values,
            )
        else:
            paragraphs = (
                _("Your state's suggestion “%(title)s” for “%(consultation)s” was declined.")
                % values,
                _("Reason: %(reason)s") % {"reason": suggestion.decline_reason},
            )
        return Email(
            subject=_("Your suggestion was reviewed: %(title)s") % values,
            paragraphs=paragraphs,
            **_ballot_link(consultation),
        )

    notification_send(
        kind=Kind.SUGGESTION_REVIEWED,
        recipients=focal_point_recipients(member_state_ids=[suggestion.member_state_id]),
        compose=compose,
        key=f"theme-suggestion:{suggestion.pk}:{suggestion.status}",
    )
