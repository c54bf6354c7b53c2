"""IDM 2010 demo data for the themes app: the consultation on the theme of IDM 2011."""

import datetime
from zoneinfo import ZoneInfo

from workshops.models import DialogueYear

from .demo_texts import FUTURE_OF_MIGRATION_PARAGRAPHS, HUMAN_SECURITY_PARAGRAPHS
from .models import Consultation, Proposal

GENEVA = ZoneInfo("Europe/Zurich")
CONSULTATION_TITLE = "Overarching theme of IDM 2011"

PROPOSALS = [
    {
        "position": 1,
        "title": "The future of migration: Building capacities for change",
        "summary": (
            "Building the capacities of States to prepare for and respond to changing "
            "migration trends, in line with the World Migration Report 2010."
        ),
        "full_text": "\n\n".join(FUTURE_OF_MIGRATION_PARAGRAPHS),
    },
    {
        "position": 2,
        "title": "Migration and human security",
        "summary": (
            "Placing migration within the human security framework, which brings together "
            "security, development, humanitarian and human rights perspectives."
        ),
        "full_text": "\n\n".join(HUMAN_SECURITY_PARAGRAPHS),
    },
]


def load() -> Consultation:
    target_year, _ = DialogueYear.objects.get_or_create(year=2011)
    consultation, _ = Consultation.objects.get_or_create(
        target_year=target_year,
        title=CONSULTATION_TITLE,
        defaults={
            "introduction": (
                "The Administration requests the membership to select an overarching theme "
                "for IDM 2011 from the two proposals below, or to make alternative suggestions."
            ),
            "opens_at": datetime.datetime(2010, 4, 16, 9, 0, tzinfo=GENEVA),
            "closes_at": datetime.datetime(2010, 5, 31, 18, 0, tzinfo=GENEVA),
        },
    )
    for spec in PROPOSALS:
        Proposal.objects.get_or_create(
            consultation=consultation, position=spec["position"], defaults=spec
        )
    return consultation
