"""The token a badge's QR code carries: signed, so that it cannot be guessed or forged,
and naming its meeting, so that the desk can say a badge belongs to another meeting.
"""

from dataclasses import dataclass

from django.core import signing

_SALT = "participants.badge"


@dataclass(frozen=True)
class BadgeToken:
    meeting_id: int
    registration_id: int


class BadgeTokenInvalid(Exception):
    """The text read is no badge of this portal (or it was tampered with)."""


def badge_token(*, registration) -> str:
    return signing.dumps([registration.meeting_id, registration.pk], salt=_SALT)


def badge_token_read(token: str) -> BadgeToken:
    try:
        meeting_id, registration_id = signing.loads(token.strip(), salt=_SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise BadgeTokenInvalid from error
    if not (isinstance(meeting_id, int) and isinstance(registration_id, int)):
        raise BadgeTokenInvalid
    return BadgeToken(meeting_id=meeting_id, registration_id=registration_id)
