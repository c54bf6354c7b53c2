"""The live part of the demo, dated from the day it is loaded, beside IDM 2010.

IDM 2010 stays exactly as it was (its figures feed IC/2010/5). Around today the
demo adds what a portal in use shows: an upcoming workshop open for delegations
and suggestions, a meeting held last month with its attendance, and a
consultation on the next year's theme open for voting, on which a few states
have voted (not Ghana, so that the demo focal point can). Each meeting belongs to
the dialogue year of its dates; the year of the upcoming workshop is current.
"""

import datetime
import itertools

from django.utils import timezone

from participants.models import Category, Organization, Registration
from participants.selectors import member_state_list, registration_count
from participants.self_registration import (
    SELF_REGISTRATION_CATEGORIES,
    registration_settings_update,
)
from participants.services import PersonDetails, registration_create
from themes.models import Consultation
from themes.services import consultation_create, proposal_add, vote_cast
from workshops.models import DialogueYear, Meeting
from workshops.services import dialogue_year_create, dialogue_year_update, meeting_create

from .participants import FIRST_NAMES, LAST_NAMES
from .themes import demo_focal_point

UPCOMING_IN_DAYS = 21
HELD_DAYS_AGO = 30
LIVE_YEAR_THEME = "Human mobility in a changing climate"
UPCOMING_TITLE = "Migration and climate resilience: from evidence to action"
HELD_TITLE = "Labour mobility and skills partnerships"
HELD_ATTENDANCE = [
    # (category, how many attended)
    (Category.GOVERNMENT, 24),
    (Category.INTERNATIONAL_ORGANIZATION, 8),
    (Category.NGO, 5),
    (Category.ACADEMIA, 3),
]


def _year(year: int, *, current: bool) -> DialogueYear:
    dialogue_year = DialogueYear.objects.filter(year=year).first()
    if dialogue_year is None:
        return dialogue_year_create(
            year=year, overarching_theme=LIVE_YEAR_THEME if current else "", is_current=current
        )
    if current and not dialogue_year.is_current:
        # Through the service, which steps the 2010 year down.
        dialogue_year = dialogue_year_update(dialogue_year=dialogue_year, is_current=True)
    return dialogue_year


def _meeting(dialogue_year: DialogueYear, **spec) -> Meeting:
    existing = Meeting.objects.filter(dialogue_year=dialogue_year, title_en=spec["title"]).first()
    return existing or meeting_create(dialogue_year=dialogue_year, by=None, **spec)


def _held_meeting_participants(
    meeting: Meeting, organizations: dict[str, list[Organization]]
) -> None:
    """Who came to last month's meeting: delegates of the first member states and others."""
    if registration_count(meeting=meeting):
        return
    states = itertools.cycle(member_state_list(members_only=True)[:16])
    index = 0
    for category, count in HELD_ATTENDANCE:
        organization_cycle = itertools.cycle(organizations.get(category, [None]))
        for _ in range(count):
            first, honorific = FIRST_NAMES[(index * 5) % len(FIRST_NAMES)]
            government = category == Category.GOVERNMENT
            registration_create(
                meeting=meeting,
                person=PersonDetails(
                    honorific=honorific,
                    first_name=first,
                    last_name=LAST_NAMES[(index * 7 + 3) % len(LAST_NAMES)],
                    email=f"live{index:03d}@idm-demo.example.org",
                ),
                participant=None,
                category=category,
                member_state=next(states) if government else None,
                organization=None if government else next(organization_cycle),
                role=Registration.Role.DELEGATE if government else Registration.Role.OBSERVER,
                status=Registration.Status.ATTENDED,
            )
            index += 1


LIVE_CONSULTATION_OPENED_DAYS_AGO = 7
LIVE_CONSULTATION_CLOSES_IN_DAYS = 21
LIVE_PROPOSALS = [
    (
        "Migration, environment and climate change: preparing for human mobility",
        "How states and communities can anticipate movement linked to climate change, "
        "and protect those who move and those who stay.",
    ),
    (
        "Skills mobility and labour migration partnerships",
        "Partnerships between countries of origin and destination that recognise skills "
        "and open regular pathways for work.",
    ),
]
# Member states that have voted already; Ghana, the demo focal point's state, has not.
LIVE_VOTERS = 5


def _live_consultation(current: DialogueYear) -> Consultation:
    """Next year's theme, open for voting: opened a week ago, a few states have voted."""
    target = _year(current.year + 1, current=False)
    title = f"Overarching theme of IDM {target.year}"
    existing = Consultation.objects.filter(target_year=target, title_en=title).first()
    if existing is not None:
        return existing
    now = timezone.now()
    opens_at = now - datetime.timedelta(days=LIVE_CONSULTATION_OPENED_DAYS_AGO)
    prepared = opens_at - datetime.timedelta(days=3)
    consultation = consultation_create(
        by=None,
        target_year=target,
        title=title,
        introduction=(
            f"The Administration requests the membership to select the overarching theme "
            f"of IDM {target.year} from the proposals below, or to suggest another."
        ),
        opens_at=opens_at,
        closes_at=now + datetime.timedelta(days=LIVE_CONSULTATION_CLOSES_IN_DAYS),
        now=prepared,
    )
    proposals = [
        proposal_add(consultation=consultation, title=title, summary=summary, now=prepared)
        for title, summary in LIVE_PROPOSALS
    ]
    voters = [s for s in member_state_list(members_only=True) if s.country != "GH"]
    for index, state in enumerate(voters[:LIVE_VOTERS]):
        vote_cast(
            consultation_id=consultation.pk,
            proposal_id=proposals[index % 2].pk,
            by=demo_focal_point(state),
            now=opens_at + datetime.timedelta(days=1, hours=index),
        )
    return consultation


def load(*, organizations: dict[str, list[Organization]]) -> dict[str, Meeting]:
    """The upcoming workshop and last month's meeting, keyed "upcoming" and "held"."""
    today = timezone.localdate()
    upcoming_day = today + datetime.timedelta(days=UPCOMING_IN_DAYS)
    held_day = today - datetime.timedelta(days=HELD_DAYS_AGO)
    current = _year(upcoming_day.year, current=True)
    held_year = current if held_day.year == current.year else _year(held_day.year, current=False)
    upcoming = _meeting(
        current,
        title=UPCOMING_TITLE,
        kind=Meeting.Kind.WORKSHOP,
        start_date=upcoming_day,
        # Two days, unless the second would fall in the next dialogue year.
        end_date=min(
            upcoming_day + datetime.timedelta(days=1), upcoming_day.replace(month=12, day=31)
        ),
        venue="Geneva",
        status=Meeting.Status.CONFIRMED,
        description=(
            "An intersessional workshop on how states, communities and partners prepare "
            "for migration linked to climate change, and what the evidence says works."
        ),
    )
    held = _meeting(
        held_year,
        title=HELD_TITLE,
        kind=Meeting.Kind.WORKSHOP,
        start_date=held_day,
        end_date=held_day,
        venue="Geneva",
        status=Meeting.Status.HELD,
    )
    # The upcoming workshop's public form is open: organizations register themselves.
    registration_settings_update(
        meeting=upcoming,
        is_open=True,
        categories=[c.value for c in SELF_REGISTRATION_CATEGORIES],
        needs_approval=True,
        capacity=150,
        message="Registration closes one week before the workshop.",
        closes_at=timezone.make_aware(
            datetime.datetime.combine(upcoming_day - datetime.timedelta(days=7), datetime.time())
        ),
    )
    _held_meeting_participants(held, organizations)
    _live_consultation(current)
    return {"upcoming": upcoming, "held": held}
