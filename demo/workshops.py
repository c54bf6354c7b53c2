"""IDM 2010 demo data for the workshops app: the year, its meetings, and (once the
participants and accounts are there) agendas, a background paper and a suggestion."""

import datetime

from workshops.models import DialogueYear, Meeting
from workshops.services import dialogue_year_create, meeting_create

from . import programme as demo_programme
from .translations import translated

MARCH_WORKSHOP_START = datetime.date(2010, 3, 9)
JULY_WORKSHOP_START = datetime.date(2010, 7, 19)
MARCH_WORKSHOP_TITLE = "Migration and transnationalism: Opportunities and challenges"
JULY_WORKSHOP_TITLE = "Societies and identities: the multifaceted impact of migration"

MEETINGS = [
    {
        "title": "Informal consultations on the International Dialogue on Migration",
        "kind": Meeting.Kind.INFORMAL_CONSULTATION,
        "start_date": datetime.date(2010, 2, 18),
        "end_date": datetime.date(2010, 2, 18),
        "venue": "Geneva",
        "status": Meeting.Status.HELD,
    },
    {
        "title": MARCH_WORKSHOP_TITLE,
        "kind": Meeting.Kind.WORKSHOP,
        "start_date": MARCH_WORKSHOP_START,
        "end_date": datetime.date(2010, 3, 10),
        "venue": "Geneva",
        "status": Meeting.Status.HELD,
        "description": (
            "The first intersessional workshop of 2010 examined the opportunities and "
            "challenges of migration and transnationalism for migrants, their families "
            "and societies of origin and destination."
        ),
    },
    {
        "title": "Informal consultations on the International Dialogue on Migration",
        "kind": Meeting.Kind.INFORMAL_CONSULTATION,
        "start_date": datetime.date(2010, 4, 27),
        "end_date": datetime.date(2010, 4, 27),
        "venue": "Geneva",
        "status": Meeting.Status.CONFIRMED,
    },
    {
        "title": JULY_WORKSHOP_TITLE,
        "kind": Meeting.Kind.WORKSHOP,
        "start_date": JULY_WORKSHOP_START,
        "end_date": datetime.date(2010, 7, 20),
        "venue": "Geneva",
        "status": Meeting.Status.SUBJECT_TO_FUNDING,
        "funding_gap": (
            "Travel of funded participants from developing countries and interpretation "
            "into French and Spanish are not funded yet."
        ),
        "description": (
            "The second intersessional workshop will focus on the societal implications "
            "of migration and social change: integration, social remittances, xenophobia "
            "and diversity."
        ),
    },
]


def load() -> dict[datetime.date, Meeting]:
    """The 2010 dialogue year and its meetings, keyed by start date."""
    year = DialogueYear.objects.filter(year=2010).first()
    if year is None:
        # Through the service, which steps down a year already marked current.
        theme = "Migration and social change"
        year = dialogue_year_create(
            year=2010,
            overarching_theme=theme,
            is_current=True,
            **translated(overarching_theme=theme),
        )
    meetings = {}
    for spec in MEETINGS:
        meeting = Meeting.objects.filter(
            dialogue_year=year, title_en=spec["title"], start_date=spec["start_date"]
        ).first()
        if meeting is None:
            # Through the service, so that each meeting's history starts with its status.
            texts = {name: spec.get(name, "") for name in ("title", "venue", "description")}
            meeting = meeting_create(dialogue_year=year, by=None, **spec, **translated(**texts))
        meetings[meeting.start_date] = meeting
    return meetings


def load_programme(*, meetings: dict[datetime.date, Meeting]) -> None:
    """Agendas, the background paper and Ghana's suggestion; needs participants and accounts."""
    demo_programme.load(march=meetings[MARCH_WORKSHOP_START], july=meetings[JULY_WORKSHOP_START])
