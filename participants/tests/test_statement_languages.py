"""The attendance sentence in French and Spanish: one and many, women and men, rounded countries."""

import dataclasses

import pytest
from django.utils import translation

from participants.models import Category
from participants.statistics import (
    AttendanceFigures,
    attendance_figures,
    attendance_statement,
    countries_phrase,
)
from participants.tests.factories import (
    MemberStateFactory,
    OrganizationFactory,
    ParticipantFactory,
    RegistrationFactory,
)
from workshops.tests.factories import MeetingFactory


def figures(**counts):
    zeros = {field.name: 0 for field in dataclasses.fields(AttendanceFigures)}
    return AttendanceFigures(**{**zeros, **counts})


MARCH_2010 = figures(
    total=225, government=154, member_states=74, international_organizations=35, civil_society=26
)
ONE_MAN = figures(total=1, government=1, member_states=1)
ONE_WOMAN = figures(total=1, government=1, member_states=1, total_women=1, government_women=1)
THREE_WOMEN = figures(
    total=3,
    government=2,
    member_states=1,
    international_organizations=1,
    total_women=3,
    government_women=2,
)
TWO_MIXED = figures(total=2, government=1, member_states=1, civil_society=1, total_women=1)
# Women among the government representatives only: the whole still agrees in the masculine.
WOMEN_GOVERNMENT_ONLY = figures(
    total=2,
    government=2,
    member_states=21,
    total_women=2,
    government_women=2,
)

CASES = {
    "fr": [
        (
            MARCH_2010,
            "Cet atelier a réuni 225 participants. Parmi ces participants, 154 étaient des "
            "représentants gouvernementaux venant de plus de 70 pays, 35 venaient "
            "d'organisations internationales et 26 venaient d'organisations non "
            "gouvernementales, du secteur privé, des milieux universitaires et des médias.",
        ),
        (
            ONE_MAN,
            "Cet atelier a réuni 1 participant. S'agissant de ce participant, 1 était un "
            "représentant gouvernemental venant de 1 pays.",
        ),
        (
            ONE_WOMAN,
            "Cet atelier a réuni 1 participante. S'agissant de cette participante, 1 était une "
            "représentante gouvernementale venant de 1 pays.",
        ),
        (
            THREE_WOMEN,
            "Cet atelier a réuni 3 participantes. Parmi ces participantes, 2 étaient des "
            "représentantes gouvernementales venant de 1 pays et 1 venait d'une organisation "
            "internationale.",
        ),
        (
            TWO_MIXED,
            "Cet atelier a réuni 2 participants. Parmi ces participants, 1 était un représentant "
            "gouvernemental venant de 1 pays et 1 venait d'une organisation non "
            "gouvernementale, du secteur privé, des milieux universitaires ou des médias.",
        ),
        (
            WOMEN_GOVERNMENT_ONLY,
            "Cet atelier a réuni 2 participantes. Parmi ces participantes, 2 étaient des "
            "représentantes gouvernementales venant de plus de 20 pays.",
        ),
    ],
    "es": [
        (
            MARCH_2010,
            "Este taller contó con la asistencia de 225 participantes. De estos participantes, "
            "154 eran representantes gubernamentales de más de 70 países, 35 procedían de "
            "organizaciones internacionales y 26 procedían de organizaciones no "
            "gubernamentales, el sector privado, el mundo académico y los medios de "
            "comunicación.",
        ),
        (
            ONE_MAN,
            "Este taller contó con la asistencia de 1 participante. De este participante, 1 era "
            "representante gubernamental de 1 país.",
        ),
        (
            ONE_WOMAN,
            "Este taller contó con la asistencia de 1 participante. De esta participante, 1 era "
            "representante gubernamental de 1 país.",
        ),
        (
            THREE_WOMEN,
            "Este taller contó con la asistencia de 3 participantes. De estas participantes, 2 "
            "eran representantes gubernamentales de 1 país y 1 procedía de una organización "
            "internacional.",
        ),
        (
            TWO_MIXED,
            "Este taller contó con la asistencia de 2 participantes. De estos participantes, 1 "
            "era representante gubernamental de 1 país y 1 procedía de una organización no "
            "gubernamental, el sector privado, el mundo académico o los medios de comunicación.",
        ),
    ],
}


@pytest.mark.parametrize(
    ("language", "counts", "sentence"),
    [(language, counts, sentence) for language, rows in CASES.items() for counts, sentence in rows],
)
def test_statement_is_grammatical_in_french_and_spanish(language, counts, sentence):
    with translation.override(language):
        assert attendance_statement(counts) == sentence


@pytest.mark.parametrize(
    ("language", "count", "phrase"),
    [
        ("fr", 1, "1 pays"),
        ("fr", 3, "3 pays"),
        ("fr", 74, "plus de 70 pays"),
        ("es", 1, "1 país"),
        ("es", 3, "3 países"),
        ("es", 74, "más de 70 países"),
        ("es", 101, "más de 100 países"),
    ],
)
def test_countries_phrase_in_french_and_spanish(language, count, phrase):
    with translation.override(language):
        assert countries_phrase(count) == phrase


def test_english_is_unchanged_by_the_feminine_forms():
    assert attendance_statement(ONE_WOMAN) == (
        "This workshop was attended by 1 participant. Of this participant, 1 was a government "
        "representative from 1 country."
    )


@pytest.mark.django_db
def test_figures_count_the_women_by_their_honorific(django_assert_num_queries):
    meeting = MeetingFactory()
    state = MemberStateFactory()
    for honorific in ("Ms.", "Mme", "sra.", "Mr.", ""):
        RegistrationFactory(
            meeting=meeting,
            member_state=state,
            participant=ParticipantFactory(honorific=honorific),
            status="attended",
        )
    RegistrationFactory(
        meeting=meeting,
        category=Category.INTERNATIONAL_ORGANIZATION,
        organization=OrganizationFactory(),
        participant=ParticipantFactory(honorific="Mrs"),
        status="attended",
    )

    with django_assert_num_queries(1):
        counted = attendance_figures(meetings=[meeting])

    assert (counted.total, counted.total_women) == (6, 4)
    assert (counted.government, counted.government_women) == (5, 3)
