"""Importing a participants spreadsheet into one meeting.

Three services, named by what they do: `participant_import_preview` plans the
whole file against the register (a few set-based queries, whatever the number
of rows) and writes nothing; `participant_import_store` keeps an uploaded
file's rows; `participant_import_apply` writes a stored file once, only if no
row is bad, in one transaction with bulk statements.

Re-importing a file changes nothing: people are found by email (or by name
and organization or state; or, with neither, by name among those already at
the meeting), organizations by name or acronym (case and accents ignored),
registrations by person, and only cells that differ from the register are
written. An empty cell never erases what the register knows.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries

from common.spreadsheet_cells import FORMULA_TRIGGERS, spreadsheet_text_unmarked

from .bulk import insert_rows
from .matching import AMBIGUOUS, name_key, organization_keys
from .models import (
    ORGANIZATION_CATEGORIES,
    Category,
    MemberState,
    Organization,
    Participant,
    ParticipantImport,
    Registration,
    RegistrationChange,
)
from .services import PERSON_FIELDS, REGISTRATION_FIELDS
from .spreadsheets import COLUMNS, header_key

# Plain strings: the planner compares them once per row, and enum members are slower.
ORGANIZATION_CATEGORY_VALUES = frozenset(c.value for c in ORGANIZATION_CATEGORIES)
ORGANIZATION_KINDS = frozenset(Organization.Kind.values)
GOVERNMENT = Category.GOVERNMENT.value
DELEGATE = Registration.Role.DELEGATE.value
OBSERVER = Registration.Role.OBSERVER.value
REGISTERED = Registration.Status.REGISTERED.value
ROLE_CHOICES = Registration.Role.choices
STATUS_CHOICES = Registration.Status.choices
# The "affiliation" of a row with neither state nor organization: this meeting itself.
UNAFFILIATED = ("meeting", None)
LOOKUP_CHUNK = 2000  # parameters per IN (...) query, well under SQLite's limit
HEADER_BY_KEY = {column.key: column.header for column in COLUMNS}
UPDATABLE_PERSON_FIELDS = ("honorific", "first_name", "last_name", "job_title")
# The longest text each column may hold, as the register's columns are declared.
MAX_LENGTHS = {
    **{name: Participant._meta.get_field(name).max_length for name in PERSON_FIELDS},
    "organization": Organization._meta.get_field("name").max_length,
}


class _EmailValidator(EmailValidator):
    """Django's email rules with its regular expressions compiled once, not looked up
    through a lazy proxy for every row of a file."""

    user_regex = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags)
    domain_regex = re.compile(
        EmailValidator.domain_regex.pattern, EmailValidator.domain_regex.flags
    )
    literal_regex = re.compile(
        EmailValidator.literal_regex.pattern, EmailValidator.literal_regex.flags
    )


_validate_email = _EmailValidator()


@dataclass(frozen=True)
class ImportProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1; 0 for the whole file
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
    new_organizations: list[str] = field(default_factory=list)  # their names, as written
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
            + self.organizations_to_create
        )


class _New:
    """A person or organization the import will create; its id is known once written."""

    __slots__ = ("values", "pk")

    def __init__(self, values: tuple):
        self.values = values
        self.pk = None


@dataclass
class _Plan:
    new_organizations: dict[str, _New] = field(default_factory=dict)  # by `name_key`
    new_people: list[_New] = field(default_factory=list)
    changed_people: dict[int, dict] = field(default_factory=dict)  # id → all updatable fields
    # (person, category, member state id, organization, role, status)
    new_registrations: list[tuple] = field(default_factory=list)
    # (registration id, {field: [old, new]}, all registration fields after the change)
    changed_registrations: list[tuple[int, dict, dict]] = field(default_factory=list)


def _choice_lookup(choices, *extra: tuple[str, str]) -> dict[str, str]:
    """Lower-case value, value with spaces and English label → value."""
    lookup = {}
    with override("en"):
        for value, label in choices:
            for name in (value, value.replace("_", " "), str(label)):
                lookup[name.lower()] = value
    lookup.update(extra)
    return lookup


CATEGORY_LOOKUP = _choice_lookup(
    Category.choices,
    ("international organisation", Category.INTERNATIONAL_ORGANIZATION),
    ("non-governmental organisation", Category.NGO),
)
ROLE_LOOKUP = _choice_lookup(Registration.Role.choices, ("head", "head_of_delegation"))
STATUS_LOOKUP = _choice_lookup(Registration.Status.choices, ("no show", "no_show"))


def _english_names(choices) -> str:
    with override("en"):
        return ", ".join(str(label) for _value, label in choices)


def _state_lookup() -> dict[str, int]:
    """ISO codes (alpha-2, alpha-3) and English names, in lower case → member state id."""
    lookup = {}
    with override("en"):
        for pk, code, name in MemberState.objects.values_list("pk", "country", "name"):
            for alias in (code, countries.alpha3(code) or "", countries.name(code), name):
                if alias:
                    lookup[alias.lower()] = pk
    return lookup


def _normal(name: str) -> str:
    return " ".join(name.split()).lower()


def _cell(value: str) -> str:
    """A cell's text without surrounding spaces and without the mark exports put in front
    of text that could run as a formula. A tab or carriage return in front of a formula
    stays: taking it off would make an inert cell a live formula."""
    stripped = value.strip()
    if stripped.startswith(FORMULA_TRIGGERS) and value.lstrip(" ").startswith(("\t", "\r")):
        return value.lstrip(" ").rstrip()
    return spreadsheet_text_unmarked(stripped)


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
        self.seen: dict[tuple, int] = {}  # a person's key in the file → its first row

    def problem(self, row: int, key: str, message: str) -> None:
        self.preview.problems.append(ImportProblem(row, HEADER_BY_KEY.get(key, key), message))

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

    def load_register(self, cells: list[dict[str, str]]) -> None:
        """Everything the rows are checked against, in a few queries."""
        self.states = _state_lookup()
        self.organizations = organization_keys(
            Organization.objects.values_list("pk", "name", "acronym")
        )
        self.people: dict[int, dict] = {}
        self.people_by_email: dict[str, int] = {}
        emails = sorted({c["email"].lower() for c in cells if c["email"]})
        for chunk in _in_chunks(emails):
            found = (
                Participant.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk)
                .values("pk", *PERSON_FIELDS)
            )
            for person in found:
                self.people[person["pk"]] = person
                self.people_by_email[person["email"].lower()] = person["pk"]
        self.registrations = {
            row["participant_id"]: row
            for row in Registration.objects.filter(meeting=self.meeting).values(
                "pk", "participant_id", *REGISTRATION_FIELDS
            )
        }
        self.people_by_affiliation = self._people_by_name_and_affiliation(cells)

    def _people_by_name_and_affiliation(self, cells) -> dict[tuple, set[int]]:
        """(first, last, "state"/"organization", id) → people ids, for rows without an email:
        the same name with the same affiliation on any earlier registration; and
        (first, last, *UNAFFILIATED) for the same name with neither, at this meeting."""
        found: dict[tuple, set[int]] = {}
        last_names = sorted({c["last_name"].lower() for c in cells if not c["email"]})
        for chunk in _in_chunks(last_names):
            registrations = (
                Registration.objects.annotate(last_lower=Lower("participant__last_name"))
                .filter(last_lower__in=chunk)
                .values(
                    "meeting_id",
                    "member_state_id",
                    "organization_id",
                    *(f"participant__{name}" for name in ("pk", *PERSON_FIELDS)),
                )
            )
            for row in registrations:
                person = {name: row[f"participant__{name}"] for name in ("pk", *PERSON_FIELDS)}
                self.people[person["pk"]] = person
                names = (person["first_name"].lower(), person["last_name"].lower())
                for kind, pk in (
                    ("state", row["member_state_id"]),
                    ("organization", row["organization_id"]),
                ):
                    if pk:
                        found.setdefault((*names, kind, pk), set()).add(person["pk"])
                # Nothing but a name: the same person only if already at this meeting,
                # so that a second import of the file adds nobody again.
                unaffiliated = not (row["member_state_id"] or row["organization_id"])
                if unaffiliated and row["meeting_id"] == self.meeting.pk:
                    found.setdefault((*names, *UNAFFILIATED), set()).add(person["pk"])
        return found

    def run(self) -> tuple[ImportPreview, _Plan]:
        positions = self.map_columns()
        if positions is None:
            return self.preview, self.plan
        width = len(self.header)
        picked = [(column.key, positions.get(column.key)) for column in COLUMNS]
        cells = []
        for row in self.rows:
            padded = row + [""] * (width - len(row))
            cells.append(
                {key: _cell(padded[index]) if index is not None else "" for key, index in picked}
            )
        self.load_register(cells)
        for number, row in enumerate(cells, start=2):
            if any(row.values()):
                self.preview.rows += 1
                self.plan_row(number, row)
        self.preview.organizations_to_create = len(self.plan.new_organizations)
        self.preview.new_organizations = sorted(
            (new.values[0] for new in self.plan.new_organizations.values()), key=name_key
        )
        return self.preview, self.plan

    def plan_row(self, number: int, row: dict[str, str]) -> None:
        problems_before = len(self.preview.problems)
        too_long = self.too_long(number, row)
        for key in ("first_name", "last_name"):
            if not row[key]:
                self.problem(number, key, _("This cell is empty; a name is required."))
        email = row["email"].lower()
        if email and "email" not in too_long:
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
        role = self.choice(number, row, "role", ROLE_LOOKUP, ROLE_CHOICES)
        status = self.choice(number, row, "status", STATUS_LOOKUP, STATUS_CHOICES)
        if len(self.preview.problems) > problems_before:
            return
        names = (row["first_name"].lower(), row["last_name"].lower())
        if state is not None:
            affiliation = ("state", state)
        elif isinstance(organization, int):
            affiliation = ("organization", organization)
        else:
            affiliation = None
        person = self.person(number, row, email, names, affiliation)
        if person is None:
            return
        self.plan_registration(person, category, state, organization, role, status)

    def too_long(self, number, row) -> set[str]:
        """Reports the cells longer than the register can keep; returns their columns."""
        found = set()
        for key, limit in MAX_LENGTHS.items():
            # An organization's name is kept with its spaces tidied, as `organization` does.
            value = " ".join(row[key].split()) if key == "organization" else row[key]
            if len(value) > limit:
                found.add(key)
                self.problem(
                    number,
                    key,
                    _("At most %(max)d characters; this cell has %(count)d.")
                    % {"max": limit, "count": len(value)},
                )
        return found

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
                % {"value": row["category"], "choices": _english_names(Category.choices)},
            )
        return category

    def member_state(self, number, row, category) -> int | None:
        country = row["country"]
        if category != GOVERNMENT:
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

    def organization(self, number, row, category) -> int | _New | None:
        """The id of an organization of the register, a new one, or None."""
        name = " ".join(row["organization"].split())
        if category == GOVERNMENT and name:
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
        key = name_key(name)
        found = self.organizations.get(key)
        if found is AMBIGUOUS:
            self.problem(
                number,
                "organization",
                _("“%(value)s” is the acronym of several organizations; write the full name.")
                % {"value": name},
            )
            return None
        if found is not None:
            return found
        if len(name) > MAX_LENGTHS["organization"]:
            return None  # reported by `too_long`; never planned for creation
        if key not in self.plan.new_organizations:
            kind = category if category in ORGANIZATION_KINDS else Organization.Kind.OTHER.value
            self.plan.new_organizations[key] = _New((name, kind))
        return self.plan.new_organizations[key]

    def choice(self, number, row, key, lookup, choices) -> str | None:
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
                    "choices": _english_names(choices),
                },
            )
        return value

    def person(self, number, row, email, names, affiliation) -> int | _New | None:
        """The id of the person in the register, a new person, or None after a problem."""
        if email:
            pk = self.people_by_email.get(email)
            key = ("email", email)
        else:
            if affiliation is None and not row["organization"]:
                affiliation = UNAFFILIATED
            matches = (
                self.people_by_affiliation.get((*names, *affiliation), set())
                if affiliation
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
                return None
            pk = next(iter(matches), None)
            key = ("name", *names, affiliation or _normal(row["organization"]))
        if pk is not None:
            key = ("person", pk)
        if key in self.seen:
            self.problem(
                number,
                "email" if email else "last_name",
                _("Same person as row %(row)d.") % {"row": self.seen[key]},
            )
            return None
        self.seen[key] = number
        if pk is None:
            self.plan.new_people.append(_New(tuple(row[name] for name in PERSON_FIELDS)))
            self.preview.people_to_create += 1
            return self.plan.new_people[-1]
        existing = self.people[pk]
        updated = {name: row[name] or existing[name] for name in UPDATABLE_PERSON_FIELDS}
        if any(updated[name] != existing[name] for name in UPDATABLE_PERSON_FIELDS):
            self.plan.changed_people[pk] = updated
            self.preview.people_to_update += 1
        return pk

    def plan_registration(self, person, category, state, organization, role, status) -> None:
        existing = self.registrations.get(person) if isinstance(person, int) else None
        if existing is None:
            if role is None:
                role = DELEGATE if category == GOVERNMENT else OBSERVER
            status = status or REGISTERED
            self.plan.new_registrations.append(
                (person, category, state, organization, role, status)
            )
            self.preview.registrations_to_create += 1
            return
        wanted = {
            "category": category,
            "member_state_id": state,
            "organization_id": organization,
            "role": role or existing["role"],
            "status": status or existing["status"],
        }
        changes = {
            name: [existing[name], value]
            for name, value in wanted.items()
            if existing[name] != value
        }
        if changes:
            self.plan.changed_registrations.append((existing["pk"], changes, wanted))
            self.preview.registrations_to_update += 1
        elif person not in self.plan.changed_people:
            self.preview.unchanged += 1


def _id(reference) -> int | None:
    return reference.pk if isinstance(reference, _New) else reference


def _write(meeting, plan: _Plan, by) -> None:
    now = timezone.now()
    user_id = by.pk if by is not None else None
    new_organizations = list(plan.new_organizations.values())
    ids = insert_rows(Organization, ["name", "kind"], [o.values for o in new_organizations])
    for organization, pk in zip(new_organizations, ids, strict=True):
        organization.pk = pk
    ids = insert_rows(
        Participant,
        [*PERSON_FIELDS, "created_at", "updated_at"],
        [(*person.values, now, now) for person in plan.new_people],
    )
    for person, pk in zip(plan.new_people, ids, strict=True):
        person.pk = pk
    if plan.changed_people:
        Participant.objects.bulk_update(
            [
                Participant(pk=pk, updated_at=now, **values)
                for pk, values in plan.changed_people.items()
            ],
            [*UPDATABLE_PERSON_FIELDS, "updated_at"],
            batch_size=500,
        )
    registration_rows = [
        (meeting.pk, _id(person), category, state, _id(organization), role, status)
        for person, category, state, organization, role, status in plan.new_registrations
    ]
    registration_ids = insert_rows(
        Registration,
        [
            "meeting_id",
            "participant_id",
            *REGISTRATION_FIELDS,
            "created_at",
            "updated_at",
            "created_by_id",
            "updated_by_id",
        ],
        [(*row, now, now, user_id, user_id) for row in registration_rows],
    )
    for _pk, changes, wanted in plan.changed_registrations:
        for name, change in changes.items():
            change[1] = _id(change[1])
            wanted[name] = change[1]
    if plan.changed_registrations:
        Registration.objects.bulk_update(
            [
                Registration(pk=pk, updated_at=now, updated_by_id=user_id, **wanted)
                for pk, _changes, wanted in plan.changed_registrations
            ],
            [*REGISTRATION_FIELDS, "updated_at", "updated_by_id"],
            batch_size=500,
        )
    imported = RegistrationChange.Action.IMPORTED
    history = [
        (
            pk,
            imported,
            {name: [None, value] for name, value in zip(REGISTRATION_FIELDS, row[2:], strict=True)},
        )
        for pk, row in zip(registration_ids, registration_rows, strict=True)
    ] + [(pk, imported, changes) for pk, changes, _wanted in plan.changed_registrations]
    insert_rows(
        RegistrationChange,
        ["registration_id", "action", "changes", "changed_at", "changed_by_id"],
        [(*entry, now, user_id) for entry in history],
    )


def participant_import_preview(*, meeting, table: list[list[str]]) -> ImportPreview:
    """Checks a participants table (header row first): what it would write, or why not."""
    preview, _plan = _Planner(meeting, table).run()
    return preview


def _table_write(*, meeting, table: list[list[str]], by) -> ImportPreview:
    """Plans the table again (the register may have changed) and, if no row is bad,
    writes it; the preview says what was written."""
    preview, plan = _Planner(meeting, table).run()
    if not (preview.ok and preview.changes):
        return preview
    try:
        with transaction.atomic():
            _write(meeting, plan, by)
    except IntegrityError:
        preview.problems.append(
            ImportProblem(
                0,
                "",
                _(
                    "The register changed while the file was being imported; nothing "
                    "was written. Please import the file again."
                ),
            )
        )
        return preview
    preview.written = True
    return preview


# A file is stored at upload, then applied once on confirmation. ---------------------


@dataclass(frozen=True)
class ImportOutcome:
    stored: ParticipantImport
    # What the file changed, or why it could not be written; None if it was applied before.
    preview: ImportPreview | None

    @property
    def already_imported(self) -> bool:
        return self.preview is None and not self.stored.is_purged

    @property
    def purged(self) -> bool:
        return self.stored.is_purged


def participant_import_store(
    *, meeting, file_name: str, table: list[list[str]], by
) -> ParticipantImport:
    """Keeps an uploaded file's rows until the user confirms the import."""
    return ParticipantImport.objects.create(
        meeting=meeting, file_name=file_name[:255], rows=table, uploaded_by=by
    )


@transaction.atomic
def participant_import_apply(*, pk: int, meeting, by) -> ImportOutcome:
    """Writes a stored file into the register, once: the stored row is locked first, so
    two confirmations at the same moment import it once, and the second one is told so.

    Raises ParticipantImport.DoesNotExist if the meeting has no such upload.
    """
    stored = ParticipantImport.objects.select_for_update().get(pk=pk, meeting=meeting)
    if stored.applied_at is not None or stored.is_purged:
        return ImportOutcome(stored=stored, preview=None)
    preview = _table_write(meeting=meeting, table=stored.rows, by=by)
    if preview.ok:
        # The people's data is in the register now; the upload keeps only its name and dates.
        stored.applied_at = timezone.now()
        stored.rows = []
        stored.save(update_fields=["applied_at", "rows"])
    return ImportOutcome(stored=stored, preview=preview)


def participant_imports_purge(*, now=None) -> int:
    """Erases the rows of uploaded files that were never imported (unconfirmed, or refused
    for bad rows) once PARTICIPANT_IMPORT_RETENTION_DAYS have passed since the upload.

    The upload itself stays, marked with when its rows were erased, so the secretariat
    sees what became of every file. Running it again erases nothing more; a file being
    confirmed at the same moment is either imported or erased, never both (its row is
    locked by the confirmation, and the update reads it again).
    Returns the number of uploads erased.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PARTICIPANT_IMPORT_RETENTION_DAYS)
    return ParticipantImport.objects.filter(
        applied_at__isnull=True, purged_at__isnull=True, uploaded_at__lt=cutoff
    ).update(rows=[], purged_at=now)
