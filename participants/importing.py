"""Importing a participants spreadsheet into one meeting.

`participants_import` first plans the whole file against the register (a few
set-based queries, whatever the number of rows), then, if asked to and only
if no row is bad, writes the plan in one transaction with bulk statements.
Planning alone (the preview, `--dry-run`) writes nothing.

Re-importing a file changes nothing: people are found by email (or by name
and organization), registrations by person, and only cells that differ from
the register are written. An empty cell never erases what the register knows.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries

from .models import (
    ORGANIZATION_CATEGORIES,
    Category,
    MemberState,
    Organization,
    Participant,
    Registration,
    RegistrationChange,
)
from .spreadsheets import COLUMNS, header_key

ORGANIZATION_CATEGORY_VALUES = frozenset(c.value for c in ORGANIZATION_CATEGORIES)
LOOKUP_CHUNK = 2000  # parameters per IN (...) query, well under SQLite's limit
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}
_validate_email = EmailValidator()


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ImportPreview:
    rows: int = 0
    people_to_create: int = 0
    people_to_update: int = 0
    registrations_to_create: int = 0
    registrations_to_update: int = 0
    unchanged: int = 0
    organizations_to_create: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> int:
        return (
            self.people_to_create
            + self.people_to_update
            + self.registrations_to_create
            + self.registrations_to_update
        )


@dataclass
class _Plan:
    new_organizations: dict[str, Organization] = field(default_factory=dict)
    new_people: list[Participant] = field(default_factory=list)
    changed_people: dict[int, Participant] = field(default_factory=dict)
    # (registration, changes) for updates; for creations the person may be new.
    new_registrations: list[tuple[Registration, Participant, Organization | None]] = field(
        default_factory=list
    )
    changed_registrations: list[tuple[Registration, dict]] = field(default_factory=list)


def _choice_lookup(choices, *extra: tuple[str, str]) -> dict[str, str]:
    """Lower-case value, value with spaces and English label → value."""
    lookup = {}
    with override("en"):
        for value, label in choices:
            for name in (value, value.replace("_", " "), str(label)):
                lookup[name.lower()] = value
    for name, value in extra:
        lookup[name] = value
    return lookup


CATEGORY_LOOKUP = _choice_lookup(
    Category.choices,
    ("international organisation", Category.INTERNATIONAL_ORGANIZATION),
    ("non-governmental organisation", Category.NGO),
    ("io", Category.INTERNATIONAL_ORGANIZATION),
)
ROLE_LOOKUP = _choice_lookup(Registration.Role.choices, ("head", "head_of_delegation"))
STATUS_LOOKUP = _choice_lookup(Registration.Status.choices, ("no show", "no_show"))


def _state_lookup() -> dict[str, MemberState]:
    """ISO codes (alpha-2, alpha-3) and English names, in lower case → member state."""
    lookup = {}
    with override("en"):
        for state in MemberState.objects.all():
            code = state.country.code
            names = (code, countries.alpha3(code) or "", countries.name(code), state.name)
            for name in names:
                if name:
                    lookup[name.lower()] = state
    return lookup


def _normal(name: str) -> str:
    return " ".join(name.split()).lower()


def _in_chunks(values: list, size: int = LOOKUP_CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


class _Planner:
    """Reads the register once, then checks and plans the rows one by one in memory."""

    def __init__(self, meeting, table: list[list[str]]):
        self.meeting = meeting
        self.header, self.rows = table[0], table[1:]
        self.preview = ImportPreview()
        self.plan = _Plan()
        self.rows_by_person: dict[int, int] = {}

    def problem(self, row: int, key: str, message: str) -> None:
        self.preview.problems.append(ImportProblem(row, HEADER_BY_KEY.get(key, key), message))

    # -- columns -----------------------------------------------------------------

    def map_columns(self) -> dict[str, int] | None:
        positions: dict[str, int] = {}
        for index, header in enumerate(self.header):
            if not str(header).strip():
                continue
            key = header_key(header)
            if key is None:
                self.problem(
                    1,
                    str(header),
                    _("This column is not one of the template's: %(columns)s.")
                    % {"columns": ", ".join(HEADER_BY_KEY.values())},
                )
            elif key in positions:
                self.problem(1, str(header), _("This column appears twice."))
            else:
                positions[key] = index
        for column in COLUMNS:
            if column.required and column.key not in positions:
                self.problem(1, column.header, _("The file has no such column; it is required."))
        return None if self.preview.problems else positions

    # -- the register, read once ---------------------------------------------------

    def load_register(self, cells: list[dict[str, str]]) -> None:
        self.states = _state_lookup()
        self.organizations = {_normal(o.name): o for o in Organization.objects.all()}
        emails = sorted({c["email"].lower() for c in cells if c["email"]})
        self.people_by_email: dict[str, Participant] = {}
        for chunk in _in_chunks(emails):
            for person in Participant.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=chunk
            ):
                self.people_by_email[person.email_lower] = person
        self.registrations = {
            r.participant_id: r for r in Registration.objects.filter(meeting=self.meeting)
        }
        self.people_by_affiliation = self._people_by_name_and_affiliation(cells)

    def _people_by_name_and_affiliation(self, cells) -> dict[tuple, set[int]]:
        """(first, last, "organization"/"state", id) → people, for the rows without email."""
        last_names = sorted({c["last_name"].lower() for c in cells if not c["email"]})
        found: dict[tuple, set[int]] = {}
        people: dict[int, Participant] = {}
        for chunk in _in_chunks(last_names):
            rows = (
                Registration.objects.annotate(last_lower=Lower("participant__last_name"))
                .filter(last_lower__in=chunk)
                .select_related("participant")
            )
            for registration in rows:
                person = registration.participant
                people[person.pk] = person
                names = (person.first_name.lower(), person.last_name.lower())
                if registration.organization_id:
                    found.setdefault((*names, "organization", registration.organization_id), set())
                    found[(*names, "organization", registration.organization_id)].add(person.pk)
                if registration.member_state_id:
                    found.setdefault((*names, "state", registration.member_state_id), set())
                    found[(*names, "state", registration.member_state_id)].add(person.pk)
        self.people_by_id = people
        return found

    # -- rows ------------------------------------------------------------------------

    def run(self) -> tuple[ImportPreview, _Plan]:
        positions = self.map_columns()
        if positions is None:
            return self.preview, self.plan
        width = len(self.header)
        cells = []
        for row in self.rows:
            padded = row + [""] * (width - len(row))
            cells.append(
                {
                    column.key: padded[positions[column.key]].strip()
                    if column.key in positions
                    else ""
                    for column in COLUMNS
                }
            )
        self.load_register(cells)
        seen: dict[tuple, int] = {}
        for number, row in enumerate(cells, start=2):
            if not any(row.values()):
                continue
            self.preview.rows += 1
            self.plan_row(number, row, seen)
        return self.preview, self.plan

    def plan_row(self, number: int, row: dict[str, str], seen: dict[tuple, int]) -> None:
        problems_before = len(self.preview.problems)
        for key in ("first_name", "last_name"):
            if not row[key]:
                self.problem(number, key, _("This cell is empty; a name is required."))
        email = row["email"].lower()
        if email:
            try:
                _validate_email(email)
            except ValidationError:
                self.problem(
                    number,
                    "email",
                    _("“%(value)s” is not an email address.") % {"value": row["email"]},
                )
        category = self.category(number, row)
        state = self.member_state(number, row, category)
        organization = self.organization(number, row, category)
        role = self.choice(number, row, "role", ROLE_LOOKUP)
        status = self.choice(number, row, "status", STATUS_LOOKUP)
        if len(self.preview.problems) > problems_before:
            return

        affiliation = (
            ("state", state.pk) if state else ("organization", _normal(row["organization"]))
        )
        names = (row["first_name"].lower(), row["last_name"].lower())
        key = ("email", email) if email else ("name", *names, *affiliation)
        if key in seen:
            self.problem(
                number,
                "email" if email else "last_name",
                _("Same person as row %(row)d.") % {"row": seen[key]},
            )
            return
        seen[key] = number

        person = self.person(number, row, email, names, state, organization)
        if person is False:
            return
        if person.pk is not None:
            if person.pk in self.rows_by_person:
                self.problem(
                    number,
                    "email" if email else "last_name",
                    _("Same person as row %(row)d.") % {"row": self.rows_by_person[person.pk]},
                )
                return
            self.rows_by_person[person.pk] = number
        self.plan_registration(row, person, category, state, organization, role, status)

    def category(self, number, row) -> str | None:
        if not row["category"]:
            self.problem(number, "category", _("This cell is empty; a category is required."))
            return None
        category = CATEGORY_LOOKUP.get(_normal(row["category"]))
        if category is None:
            self.problem(
                number,
                "category",
                _("“%(value)s” is not a category. Use one of: %(choices)s.")
                % {"value": row["category"], "choices": _category_names()},
            )
        return category

    def member_state(self, number, row, category) -> MemberState | None:
        country = row["country"]
        if category != Category.GOVERNMENT:
            if country and category is not None:
                self.problem(
                    number,
                    "country",
                    _("Only government delegates represent a country; leave this cell empty."),
                )
            return None
        if not country:
            self.problem(
                number, "country", _("A government delegate needs the country they represent.")
            )
            return None
        state = self.states.get(_normal(country))
        if state is None:
            self.problem(
                number,
                "country",
                _("“%(value)s” is not a member or observer state in the register.")
                % {"value": country},
            )
        return state

    def organization(self, number, row, category):
        """The organization of the register, its new name (str), or None."""
        name = " ".join(row["organization"].split())
        if category == Category.GOVERNMENT and name:
            self.problem(
                number,
                "organization",
                _("Government delegates represent their country; leave this cell empty."),
            )
            return None
        if not name:
            if category in ORGANIZATION_CATEGORY_VALUES:
                self.problem(
                    number, "organization", _("This category needs the person's organization.")
                )
            return None
        existing = self.organizations.get(name.lower())
        if existing is not None:
            return existing
        if name.lower() not in self.plan.new_organizations:
            kind = category if category in Organization.Kind.values else Organization.Kind.OTHER
            self.plan.new_organizations[name.lower()] = Organization(name=name, kind=kind)
        return self.plan.new_organizations[name.lower()]

    def choice(self, number, row, key, lookup) -> str | None:
        if not row[key]:
            return None
        value = lookup.get(_normal(row[key]))
        if value is None:
            self.problem(
                number,
                key,
                _("“%(value)s” is not a %(column)s. Use one of: %(choices)s.")
                % {
                    "value": row[key],
                    "column": HEADER_BY_KEY[key].lower(),
                    "choices": _choice_names(key),
                },
            )
        return value

    def person(self, number, row, email, names, state, organization):
        """The existing person (maybe with changes planned), a new one, or False."""
        if email:
            person = self.people_by_email.get(email)
        else:
            if state is not None:
                affiliation = ("state", state.pk)
            elif organization is not None and organization.pk:
                affiliation = ("organization", organization.pk)
            else:
                affiliation = None
            matches = (
                self.people_by_affiliation.get((*names, *affiliation), set())
                if (affiliation)
                else set()
            )
            if len(matches) > 1:
                self.problem(
                    number,
                    "email",
                    _(
                        "Several people with this name and affiliation are in the register; "
                        "give the email of the right one."
                    ),
                )
                return False
            person = self.people_by_id[next(iter(matches))] if matches else None
        details = {key: row[key] for key in ("honorific", "first_name", "last_name", "job_title")}
        if person is None:
            person = Participant(email=row["email"], **details)
            self.plan.new_people.append(person)
            self.preview.people_to_create += 1
            return person
        changed = [k for k, v in details.items() if v and getattr(person, k) != v]
        if changed and person.pk not in self.plan.changed_people:
            for key in changed:
                setattr(person, key, details[key])
            self.plan.changed_people[person.pk] = person
            self.preview.people_to_update += 1
        return person

    def plan_registration(self, row, person, category, state, organization, role, status):
        existing = self.registrations.get(person.pk) if person.pk else None
        if existing is None:
            default_role = (
                Registration.Role.DELEGATE
                if category == Category.GOVERNMENT
                else Registration.Role.OBSERVER
            )
            registration = Registration(
                meeting=self.meeting,
                category=category,
                member_state=state,
                role=role or default_role,
                status=status or Registration.Status.REGISTERED,
            )
            self.plan.new_registrations.append((registration, person, organization))
            self.preview.registrations_to_create += 1
            return
        wanted = {
            "category": category,
            "member_state_id": state.pk if state else None,
            "organization_id": organization.pk if organization is not None else None,
            "role": role or existing.role,
            "status": status or existing.status,
        }
        if organization is not None and organization.pk is None:
            wanted["organization_id"] = organization  # resolved once it is created
        changes = {
            k: [getattr(existing, k), v] for k, v in wanted.items() if getattr(existing, k) != v
        }
        if changes:
            self.plan.changed_registrations.append((existing, changes))
            self.preview.registrations_to_update += 1
        elif person.pk not in self.plan.changed_people:
            self.preview.unchanged += 1


def _category_names() -> str:
    with override("en"):
        return ", ".join(str(label) for _value, label in Category.choices)


def _choice_names(key: str) -> str:
    choices = Registration.Role.choices if key == "role" else Registration.Status.choices
    with override("en"):
        return ", ".join(str(label) for _value, label in choices)


def _write(plan: _Plan, preview: ImportPreview, user) -> None:
    now = timezone.now()
    created_organizations = Organization.objects.bulk_create(plan.new_organizations.values())
    preview.organizations_to_create = len(created_organizations)
    Participant.objects.bulk_create(plan.new_people, batch_size=2000)
    if plan.changed_people:
        for person in plan.changed_people.values():
            person.updated_at = now
        Participant.objects.bulk_update(
            plan.changed_people.values(),
            ["honorific", "first_name", "last_name", "job_title", "updated_at"],
            batch_size=500,
        )
    new_registrations = []
    for registration, person, organization in plan.new_registrations:
        registration.participant_id = person.pk
        registration.organization_id = organization.pk if organization is not None else None
        registration.created_by = registration.updated_by = user
        new_registrations.append(registration)
    Registration.objects.bulk_create(new_registrations, batch_size=2000)
    changed = []
    for registration, changes in plan.changed_registrations:
        for key, (_old, new) in changes.items():
            if isinstance(new, Organization):
                changes[key][1] = new = new.pk
            setattr(registration, key, new)
        registration.updated_by, registration.updated_at = user, now
        changed.append(registration)
    if changed:
        Registration.objects.bulk_update(
            changed,
            [
                "category",
                "member_state_id",
                "organization_id",
                "role",
                "status",
                "updated_by",
                "updated_at",
            ],
            batch_size=500,
        )
    history = [
        RegistrationChange(
            registration_id=r.pk,
            action=RegistrationChange.Action.IMPORTED,
            changes={"status": [None, r.status]},
            changed_by=user,
        )
        for r in new_registrations
    ] + [
        RegistrationChange(
            registration_id=r.pk,
            action=RegistrationChange.Action.IMPORTED,
            changes=changes,
            changed_by=user,
        )
        for r, changes in plan.changed_registrations
    ]
    RegistrationChange.objects.bulk_create(history, batch_size=2000)


def participants_import(
    *, meeting, table: list[list[str]], user=None, commit: bool
) -> ImportPreview:
    """Checks a participants table (header row first) and, if `commit` and no row is bad,
    writes it in one transaction. The preview says what was (or would be) written."""
    with transaction.atomic():
        preview, plan = _Planner(meeting, table).run()
        preview.organizations_to_create = len(plan.new_organizations)
        if not (commit and preview.ok and (preview.changes or plan.new_organizations)):
            return preview
        try:
            with transaction.atomic():
                _write(plan, preview, user)
        except IntegrityError:
            preview.problems.append(
                ImportProblem(
                    0,
                    "",
                    _(
                        "The register changed while the file was being imported; nothing was "
                        "written. Please import the file again."
                    ),
                )
            )
            return preview
        preview.written = True
    return preview
