"""IDM 2010 demo data for the themes app: the consultation on the theme of IDM 2011."""

import datetime
from zoneinfo import ZoneInfo

from accounts.models import User
from accounts.services import focal_point_create
from participants.models import MemberState
from themes.models import Consultation
from themes.selectors import proposal_list
from themes.services import consultation_create, proposal_add, theme_suggestion_submit, vote_cast
from workshops.models import DialogueYear
from workshops.services import dialogue_year_create

from .accounts import FOCAL_POINT_USERNAME
from .theme_texts import FUTURE_OF_MIGRATION_PARAGRAPHS, HUMAN_SECURITY_PARAGRAPHS
from .translations import translated

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
    """The consultation as it happened in 2010, written through the themes services with
    the moments of the time: created and its ballot filled on 1 April, votes from
    20 April, Ghana's suggestion of 12 May."""
    target_year = DialogueYear.objects.filter(year=2011).first() or dialogue_year_create(year=2011)
    existing = Consultation.objects.filter(target_year=target_year, title_en=CONSULTATION_TITLE)
    if existing.exists():
        return existing.get()
    prepared = _geneva(4, 1, 9)
    introduction = (
        "The Administration requests the membership to select an overarching theme "
        "for IDM 2011 from the two proposals below, or to make alternative suggestions."
    )
    consultation = consultation_create(
        by=None,
        target_year=target_year,
        title=CONSULTATION_TITLE,
        introduction=introduction,
        **translated(title=CONSULTATION_TITLE, introduction=introduction),
        opens_at=datetime.datetime(2010, 4, 16, 9, 0, tzinfo=GENEVA),
        closes_at=datetime.datetime(2010, 5, 31, 18, 0, tzinfo=GENEVA),
        now=prepared,
    )
    for spec in PROPOSALS:
        fields = {name: value for name, value in spec.items() if name != "position"}
        texts = translated(title=fields["title"], summary=fields["summary"])
        proposal_add(consultation=consultation, now=prepared, **fields, **texts)
    _load_votes(consultation)
    _load_suggestion(consultation)
    return consultation


def _geneva(month: int, day: int, hour: int) -> datetime.datetime:
    return datetime.datetime(2010, month, day, hour, 0, tzinfo=GENEVA)


# (state, ballot positions it voted for in order, dates of those votes): invented,
# a handful of states; Mexico changed its vote once, so the history shows a change.
DEMO_VOTES = [
    ("GH", [1], [_geneva(4, 20, 10)]),
    ("KE", [1], [_geneva(4, 22, 11)]),
    ("MX", [1, 2], [_geneva(4, 23, 15), _geneva(5, 3, 9)]),
    ("PH", [1], [_geneva(4, 26, 14)]),
    ("SN", [2], [_geneva(4, 28, 16)]),
    ("CH", [1], [_geneva(5, 4, 10)]),
    ("CO", [2], [_geneva(5, 6, 12)]),
    ("NL", [1], [_geneva(5, 10, 9)]),
    ("TH", [1], [_geneva(5, 17, 15)]),
    ("MA", [2], [_geneva(5, 25, 11)]),
]


def demo_focal_point(state: MemberState) -> User:
    """Ghana's is the demo account; the other states get one that cannot log in."""
    if state.country == "GH":
        return User.objects.get(username=FOCAL_POINT_USERNAME)
    username = f"focal.demo.{state.country.code.lower()}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = focal_point_create(
            username=username,
            password=None,  # unusable: these accounts only sign the demo votes
            member_state=state,
            first_name="Focal point of",
            last_name=state.name,
        )
    return user


def _load_votes(consultation: Consultation) -> None:
    """The demo votes, cast through the vote service at the moments they were cast."""
    proposals = {p.position: p for p in proposal_list(consultation=consultation)}
    for code, positions, moments in DEMO_VOTES:
        state = MemberState.objects.get(country=code)
        voter = demo_focal_point(state)
        seen = None
        for position, moment in zip(positions, moments, strict=True):
            vote_cast(
                consultation_id=consultation.pk,
                proposal_id=proposals[position].pk,
                by=voter,
                seen_proposal_id=seen,
                now=moment,
            )
            seen = proposals[position].pk


def _load_suggestion(consultation: Consultation) -> None:
    state = MemberState.objects.get(country="GH")
    theme_suggestion_submit(
        consultation=consultation,
        by=demo_focal_point(state),
        title="Migration and health",
        rationale=(
            "Health is a condition of successful migration and integration, and a "
            "shared concern of countries of origin, transit and destination. The IDM "
            "could look at access to health care for migrants and at the mobility of "
            "health workers."
        ),
        now=_geneva(5, 12, 10),
    )
