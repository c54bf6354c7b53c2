"""The e-mail of the reports app: a visa support letter is ready at a private link."""

from django.utils.translation import gettext as _

from notifications.messages import Email, absolute_url, date_span, recipient_for_address
from notifications.models import Kind
from notifications.services import notification_send

from .letters import visa_letter_private_url


def visa_letter_notice_send(*, letter) -> None:
    """Sends the person the link to their letter; anyone holding the link can download it,
    so it goes to the address they registered with, and to nobody else."""
    registration = letter.visa_request.registration
    participant = registration.participant
    meeting = registration.meeting
    if not participant.email:
        return
    url = absolute_url(visa_letter_private_url(letter))

    def compose(recipient) -> Email:
        values = {
            "meeting": meeting.title,
            "dates": date_span(meeting.start_date, meeting.end_date),
        }
        return Email(
            subject=_("Your visa support letter: %(meeting)s") % values,
            paragraphs=(
                _(
                    "The secretariat approved your request: your visa support letter for "
                    "%(meeting)s (%(dates)s) is ready to download as a PDF."
                )
                % values,
                _(
                    "The link is personal: anyone who has it can open your letter, which "
                    "shows your passport details. Do not forward this e-mail."
                ),
            ),
            action_url=url,
            action_label=_("Download your letter"),
        )

    notification_send(
        kind=Kind.VISA_LETTER,
        recipients=[recipient_for_address(participant.email, name=participant.full_name)],
        compose=compose,
        key=f"visa-letter:{letter.pk}",
    )
