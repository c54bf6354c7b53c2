"""IDM 2010 demo data for the participants app: the state register,
organizations, and the 225 participants of the March 2010 workshop.

Everything is deterministic and idempotent: people are keyed by email,
registrations by (meeting, participant).
"""

import itertools

from participants.models import Category, MemberState, Organization, Registration
from participants.selectors import member_state_list, registration_count
from participants.services import (
    PersonDetails,
    member_state_get_or_create,
    organization_get_or_create,
    registration_create,
)

from .member_states import MEMBER_CODES, OBSERVER_CODES

ORGANIZATIONS = [
    # (name, acronym, kind)
    (
        "Office of the United Nations High Commissioner for Refugees",
        "UNHCR",
        "international_organization",
    ),
    ("International Labour Organization", "ILO", "international_organization"),
    (
        "Office of the United Nations High Commissioner for Human Rights",
        "OHCHR",
        "international_organization",
    ),
    ("United Nations Development Programme", "UNDP", "international_organization"),
    ("United Nations Population Fund", "UNFPA", "international_organization"),
    ("United Nations Children's Fund", "UNICEF", "international_organization"),
    ("United Nations Office on Drugs and Crime", "UNODC", "international_organization"),
    (
        "United Nations Department of Economic and Social Affairs",
        "UN DESA",
        "international_organization",
    ),
    ("World Bank", "", "international_organization"),
    (
        "Organisation for Economic Co-operation and Development",
        "OECD",
        "international_organization",
    ),
    ("European Commission", "", "international_organization"),
    ("Council of Europe", "", "international_organization"),
    (
        "International Centre for Migration Policy Development",
        "ICMPD",
        "international_organization",
    ),
    ("Organization for Security and Co-operation in Europe", "OSCE", "international_organization"),
    (
        "International Federation of Red Cross and Red Crescent Societies",
        "IFRC",
        "international_organization",
    ),
    ("World Health Organization", "WHO", "international_organization"),
    (
        "United Nations Educational, Scientific and Cultural Organization",
        "UNESCO",
        "international_organization",
    ),
    ("African Union", "AU", "international_organization"),
    ("League of Arab States", "", "international_organization"),
    ("Organization of American States", "OAS", "international_organization"),
    ("Migrants Rights Network", "", "ngo"),
    ("Caritas Internationalis", "", "ngo"),
    ("International Catholic Migration Commission", "ICMC", "ngo"),
    ("Migration Policy Institute", "MPI", "ngo"),
    ("Global Diaspora Forum", "", "ngo"),
    ("Western Union", "", "private_sector"),
    ("Manpower Group", "", "private_sector"),
    ("University of Oxford, Centre on Migration, Policy and Society", "COMPAS", "academia"),
    ("Graduate Institute of International and Development Studies", "", "academia"),
    ("University of Sussex, Sussex Centre for Migration Research", "", "academia"),
    ("Radio Suisse Romande", "", "media"),
    ("Inter Press Service", "IPS", "media"),
]

# (first name, honorific): the honorific agrees with the name.
FIRST_NAMES = [
    ("Amina", "Ms."),
    ("Carlos", "Mr."),
    ("Mei", "Ms."),
    ("Olga", "Ms."),
    ("Kwame", "Mr."),
    ("Sofia", "Ms."),
    ("Rahul", "Mr."),
    ("Lena", "Ms."),
    ("Tariq", "Mr."),
    ("Ana", "Ms."),
    ("Jean", "Mr."),
    ("Fatima", "Ms."),
    ("Pedro", "Mr."),
    ("Ingrid", "Ms."),
    ("Samuel", "Mr."),
    ("Leila", "Ms."),
    ("Marco", "Mr."),
    ("Yuki", "Ms."),
    ("Nadia", "Ms."),
    ("Peter", "Mr."),
    ("Grace", "Ms."),
    ("Omar", "Mr."),
    ("Elena", "Ms."),
    ("David", "Mr."),
    ("Aisha", "Ms."),
    ("Juan", "Mr."),
    ("Marta", "Ms."),
    ("Hassan", "Mr."),
    ("Claire", "Ms."),
    ("Tomas", "Mr."),
]
LAST_NAMES = [
    "Mensah",
    "García",
    "Chen",
    "Petrova",
    "Okafor",
    "Rossi",
    "Sharma",
    "Müller",
    "Haddad",
    "Silva",
    "Dubois",
    "Rahman",
    "Santos",
    "Larsen",
    "Mwangi",
    "Nasser",
    "Bianchi",
    "Tanaka",
    "Kovač",
    "Novak",
    "Osei",
    "Farah",
    "Ivanova",
    "Levi",
    "Diallo",
    "Morales",
    "Nowak",
    "Karimi",
    "Martin",
    "Horvath",
    "Lindqvist",
    "Abebe",
    "Costa",
    "Nguyen",
    "Popescu",
]

MARCH_WORKSHOP_GOVERNMENT_STATES = 74  # "over 70 countries"
MARCH_WORKSHOP_GOVERNMENT = 154
MARCH_WORKSHOP_INTERNATIONAL_ORGANIZATIONS = 35
# NGOs, private sector, academia and media together: 26 (paragraph 2 of IC/2010/5).
MARCH_WORKSHOP_CIVIL_SOCIETY = [("ngo", 12), ("private_sector", 4), ("academia", 7), ("media", 3)]
MARCH_WORKSHOP_OTHER = 10


def _person(index: int) -> dict:
    first, honorific = FIRST_NAMES[index % len(FIRST_NAMES)]
    # Stepping through the last names at another pace gives every person a distinct name.
    last = LAST_NAMES[(index * 13 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return {
        # One person in seven holds a doctorate.
        "honorific": "Dr." if index % 7 == 3 else honorific,
        "first_name": first,
        "last_name": last,
        "email": f"participant{index:04d}@idm-demo.example.org",
    }


def load_member_states() -> list[MemberState]:
    for codes, status in (
        (MEMBER_CODES, MemberState.Status.MEMBER),
        (OBSERVER_CODES, MemberState.Status.OBSERVER),
    ):
        for code in codes:
            member_state_get_or_create(country=code, status=status)
    return list(member_state_list())


def load_organizations() -> dict[str, list[Organization]]:
    by_kind: dict[str, list[Organization]] = {}
    for name, acronym, kind in ORGANIZATIONS:
        organization = organization_get_or_create(name=name, kind=kind, acronym=acronym)
        by_kind.setdefault(kind, []).append(organization)
    return by_kind


def _march_affiliations(states, organizations):
    """(category, member_state, organization, role) for each of the 225 participants."""
    members = [s for s in states if s.status == MemberState.Status.MEMBER]
    # The first 74 member states by name send a delegation; the first six send three people.
    delegations = members[:MARCH_WORKSHOP_GOVERNMENT_STATES]
    for position, state in enumerate(delegations):
        size = 3 if position < MARCH_WORKSHOP_GOVERNMENT - 2 * len(delegations) else 2
        for seat in range(size):
            role = Registration.Role.HEAD_OF_DELEGATION if seat == 0 else Registration.Role.DELEGATE
            yield Category.GOVERNMENT, state, None, role
    io_cycle = itertools.cycle(organizations["international_organization"])
    for _ in range(MARCH_WORKSHOP_INTERNATIONAL_ORGANIZATIONS):
        yield Category.INTERNATIONAL_ORGANIZATION, None, next(io_cycle), Registration.Role.OBSERVER
    for kind, count in MARCH_WORKSHOP_CIVIL_SOCIETY:
        cycle = itertools.cycle(organizations[kind])
        for _ in range(count):
            yield kind, None, next(cycle), Registration.Role.OBSERVER
    for _ in range(MARCH_WORKSHOP_OTHER):
        yield Category.OTHER, None, None, Registration.Role.OBSERVER


def load_march_workshop_participants(meeting, states, organizations) -> None:
    """The 225 who attended, registered as the secretariat registers people."""
    if registration_count(meeting=meeting):
        return
    for index, (category, state, organization, role) in enumerate(
        _march_affiliations(states, organizations)
    ):
        registration_create(
            meeting=meeting,
            person=PersonDetails(**_person(index)),
            participant=None,
            category=category,
            member_state=state,
            organization=organization,
            role=role,
            status=Registration.Status.ATTENDED,
        )


def load(*, march_workshop) -> dict[str, list[Organization]]:
    """The register and the March workshop's participants; returns the organizations."""
    states = load_member_states()
    organizations = load_organizations()
    load_march_workshop_participants(march_workshop, states, organizations)
    return organizations
