"""IDM 2010 demo data for the workshops app: the year and its meetings."""

import datetime

from .models import DialogueYear, Meeting

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
        "description": (
            "The second intersessional workshop will focus on the societal implications "
            "of migration and social change: integration, social remittances, xenophobia "
            "and diversity."
        ),
    },
]


def load() -> dict[datetime.date, Meeting]:
    """The 2010 dialogue year and its meetings, keyed by start date."""
    year, _ = DialogueYear.objects.get_or_create(
        year=2010,
        defaults={"overarching_theme": "Migration and social change", "is_current": True},
    )
    meetings = {}
    for spec in MEETINGS:
        fields = dict(spec)
        meeting, _ = Meeting.objects.get_or_create(
            dialogue_year=year,
            title=fields.pop("title"),
            start_date=fields.pop("start_date"),
            defaults=fields,
        )
        meetings[meeting.start_date] = meeting
    return meetings
