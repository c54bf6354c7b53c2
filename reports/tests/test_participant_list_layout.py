"""The list of participants uses the page's width, and its category headings stand out."""

import io

import pypdf
import pytest

from participants.models import Category
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from reports.content import participant_list_content
from reports.pdf import html_to_pdf
from workshops.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

STATES = [("AT", "Austria"), ("BE", "Belgium"), ("CL", "Chile"), ("DK", "Denmark")]


def first_page_words(data: bytes) -> tuple[list[tuple[str, float]], float]:
    """Each text run of page 1 with its distance from the left edge; and the page's width."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text.strip(), cm[4] + tm[4]))

    page.extract_text(visitor_text=visit)
    return runs, float(page.mediabox.width)


@pytest.fixture
def meeting():
    meeting = MeetingFactory()
    for code, name in STATES:
        state = MemberStateFactory(country=code, name=name)
        for number in range(12):
            RegistrationFactory(
                meeting=meeting,
                member_state=state,
                participant=ParticipantFactory(first_name=f"{name}{number}", last_name="Delegate"),
            )
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(name="World Bank"),
    )
    return meeting


def test_delegations_fill_two_columns_of_the_first_page(meeting):
    runs, width = first_page_words(html_to_pdf(participant_list_content(meeting).html).data)

    names = [x for text, x in runs if text.endswith("Delegate")]
    left = [x for x in names if x < width / 2]
    right = [x for x in names if x >= width / 2]

    assert left
    assert right


def test_category_headings_read_differently_from_state_headings(meeting):
    runs, _width = first_page_words(html_to_pdf(participant_list_content(meeting).html).data)
    texts = [text for text, _x in runs]

    assert "GOVERNMENT" in texts
    assert "Austria" in texts
