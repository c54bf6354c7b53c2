"""Visa support letters: the HTML a letter prints from, and the private link to its PDF.

The letter is written in the person's language (their portal account's, if their
address has one; English otherwise), on the organization's letterhead as the notes
are, and signed off with VISA_LETTER_SIGNATORY_NAME and _TITLE.
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from notifications.messages import recipient_for_address

from .content import DocumentContent
from .markers import meeting_dates

_TOKEN_SALT = "reports.visa_letter"


def visa_letter_language(visa_request) -> str:
    """The language the person registered for the meeting in (its public form), else their
    account's, else English."""
    self_registration = getattr(visa_request.registration, "self_registration", None)
    language = self_registration.language if self_registration else ""
    if not language:
        email = visa_request.registration.participant.email
        language = recipient_for_address(email).language if email else ""
    return language if language in dict(settings.LANGUAGES) else "en"


def visa_letter_content(visa_request, *, language: str) -> DocumentContent:
    """The letter, in `language`, dated the day the request was approved."""
    with translation.override(language):
        return _visa_letter_content(visa_request, language)


def _affiliation(registration) -> tuple[str, str, str]:
    """The label and value of the details table, and the words of the letter's sentence."""
    if registration.member_state_id:
        state = registration.member_state.display_name
        return (
            _("Member state represented"),
            state,
            _("the delegation of %(state)s") % {"state": state},
        )
    if registration.organization_id:
        name = str(registration.organization)
        return _("Organization"), name, name
    return _("Organization"), "—", "—"


def _visa_letter_content(visa_request, language: str) -> DocumentContent:
    registration = visa_request.registration
    meeting = registration.meeting
    issued = timezone.localdate(visa_request.decided_at or timezone.now())
    nationality = str(visa_request.nationality.name) if visa_request.nationality else "—"
    affiliation_label, affiliation, of_whom = _affiliation(registration)
    where = meeting.venue or _("the place announced by the secretariat")
    values = {
        "name": visa_request.passport_name,
        "nationality": nationality,
        "number": visa_request.passport_number,
        "affiliation": of_whom,
        "meeting": meeting.title,
        "venue": where,
        "dates": meeting_dates(meeting),
    }
    paragraphs = [
        _(
            "The International Organization for Migration (IOM) confirms that %(name)s, "
            "national of %(nationality)s, holder of passport number %(number)s, of "
            "%(affiliation)s, is registered to take part in the meeting “%(meeting)s” of the "
            "International Dialogue on Migration, to be held in %(venue)s on %(dates)s."
        )
        % values,
        _(
            "We should be grateful for any assistance you can give the participant in "
            "obtaining the visa needed to attend the meeting."
        ),
        _(
            "This letter does not commit the Organization to cover the participant's travel, "
            "accommodation or other expenses."
        ),
    ]
    details = [
        (_("Name as in the passport"), visa_request.passport_name),
        (_("Nationality"), nationality),
        (_("Date of birth"), _date(visa_request.date_of_birth)),
        (_("Passport number"), visa_request.passport_number),
        (_("Passport valid until"), _date(visa_request.passport_expiry_date)),
        (affiliation_label, affiliation),
    ]
    html = render_to_string(
        "reports/print/visa_letter.html",
        {
            "language": language,
            "document_title": _("Visa support letter: %(name)s") % values,
            "place_and_date": f"{settings.VISA_LETTER_PLACE}, {date_format(issued, 'j F Y')}",
            "addressee": [_("To whom it may concern"), _("Consular section")],
            "subject": _("Visa support letter – %(meeting)s, %(dates)s") % values,
            "paragraphs": paragraphs,
            "details": details,
            "meeting": meeting,
            "meeting_dates": values["dates"],
            "signatory_name": settings.VISA_LETTER_SIGNATORY_NAME,
            "signatory_title": settings.VISA_LETTER_SIGNATORY_TITLE
            or _("Secretariat of the International Dialogue on Migration"),
            "page_label": _("Page"),
        },
    )
    name = slugify(visa_request.passport_name) or str(visa_request.pk)
    return DocumentContent(html=html, file_name=f"Visa-support-letter-{name}.pdf"[:100])


def _date(value) -> str:
    return date_format(value, "j F Y") if value else "—"


def visa_letter_token(letter) -> str:
    """The unguessable part of the person's private link: the letter's id, signed (without
    a timestamp, so the link e-mailed and the one on the secretariat's page are the same)."""
    return signing.Signer(salt=_TOKEN_SALT).sign(str(letter.pk))


def visa_letter_token_read(token: str) -> int | None:
    """The letter's id, or None for anything that is not a link this portal made."""
    try:
        value = signing.Signer(salt=_TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() and len(value) < 19 else None


def visa_letter_private_url(letter) -> str:
    return reverse("reports:visa_letter_download", args=[visa_letter_token(letter)])
