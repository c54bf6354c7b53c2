"""Badges: the HTML of a sheet of them, eight to an A4 page, each with a QR code.

A badge shows the person's name, their member state or organization, and their
category twice: as a coloured band and in words, so that colour is never the only
cue. The QR code holds `participants.badges.badge_token`, a signed token, never the
database id. It is inline SVG: WeasyPrint embeds it without fetching anything.
"""

import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from participants.badges import badge_token
from participants.models import Category

from .content import DocumentContent
from .markers import meeting_dates

BADGES_PER_PAGE = 8  # two columns of four: 9 cm × 6.5 cm each, the usual badge holder

# A band colour per category, and the text colour readable on it (contrast ≥ 4.5:1).
CATEGORY_COLOURS = {
    Category.GOVERNMENT: ("#1f4e9a", "#ffffff"),
    Category.INTERNATIONAL_ORGANIZATION: ("#2e7d32", "#ffffff"),
    Category.NGO: ("#f2a900", "#000000"),
    Category.PRIVATE_SECTOR: ("#6a1b9a", "#ffffff"),
    Category.ACADEMIA: ("#b3261e", "#ffffff"),
    Category.MEDIA: ("#00838f", "#ffffff"),
    Category.OTHER: ("#5f6368", "#ffffff"),
}

_SVG_SIZE = re.compile(r' (width|height)="[^"]*"| id="qr-path"')


def qr_svg(text: str, *, label: str) -> str:
    """The QR code of `text` as an inline <svg> named `label`, sized by the stylesheet."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    return _SVG_SIZE.sub("", svg).replace(
        "<svg ", f'<svg class="qr" role="img" aria-label="{escape(label)}" ', 1
    )


def _badge(registration) -> dict:
    background, foreground = CATEGORY_COLOURS[registration.category]
    participant = registration.participant
    if registration.member_state_id:
        affiliation = registration.member_state.display_name
    elif registration.organization_id:
        affiliation = registration.organization.name
    else:
        affiliation = ""
    return {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "affiliation": affiliation,
        "category": registration.get_category_display(),
        "background": background,
        "foreground": foreground,
        "qr": qr_svg(badge_token(registration=registration), label=_("Check-in code")),
    }


def badge_sheet_content(meeting, registrations, *, single: bool = False) -> DocumentContent:
    """Badges of `registrations` (in that order); `single` names the file after the one."""
    registrations = list(registrations)
    with translation.override(settings.LANGUAGE_CODE):
        badges = [_badge(registration) for registration in registrations]
        html = render_to_string(
            "reports/print/badge_sheet.html",
            {
                "language": settings.LANGUAGE_CODE,
                "document_title": _("Badges: %(title)s") % {"title": meeting.title},
                "meeting": meeting,
                "meeting_dates": meeting_dates(meeting),
                "pages": [
                    badges[start : start + BADGES_PER_PAGE]
                    for start in range(0, len(badges), BADGES_PER_PAGE)
                ],
            },
        )
    if single and registrations:
        name = slugify(registrations[0].participant.full_name) or str(registrations[0].pk)
        file_name = f"Badge-{name}.pdf"[:100]
    else:
        file_name = f"Badges-{meeting.start_date:%Y-%m-%d}.pdf"
    return DocumentContent(html=html, file_name=file_name)
