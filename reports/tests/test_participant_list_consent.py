"""The published list of participants names only those who consented to be listed."""

import io

import pypdf
import pytest

from participants.models import Category, Registration
from participants.tests.factories import (
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from reports.content import participant_list_content
from reports.pdf import html_to_pdf
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def pdf_text(meeting) -> str:
    data = html_to_pdf(participant_list_content(meeting).html).data
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_people_who_did_not_consent_are_counted_not_named():
    meeting = MeetingFactory()
    ngo = OrganizationFactory(name="Caritas Internationalis", kind=Category.NGO)

    def registered(last_name, **fields):
        RegistrationFactory(
            meeting=meeting,
            category=Category.NGO,
            organization=ngo,
            participant=ParticipantFactory(first_name="Pat", last_name=last_name),
            **fields,
        )

    registered("Listed")
    registered("Private", listed_consent=False)
    registered("Hidden", listed_consent=False)
    registered("Waiting", status=Registration.Status.WAITLISTED)
    registered("Unconfirmed", status=Registration.Status.UNCONFIRMED, listed_consent=False)

    text = pdf_text(meeting)

    assert "Pat Listed" in text
    for name in ("Private", "Hidden", "Waiting", "Unconfirmed"):
        assert name not in text
    assert "2 participants asked not to be listed." in text
