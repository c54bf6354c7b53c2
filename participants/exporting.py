"""The rows of a participants export: the import template's columns, so a file can go back in."""

from collections.abc import Iterator

from django.utils.translation import override

from .models import Category, Registration

EXPORT_FIELDS = (
    "participant__honorific",
    "participant__first_name",
    "participant__last_name",
    "participant__email",
    "participant__job_title",
    "category",
    "member_state__name",
    "organization__name",
    "role",
    "status",
)


def registration_export_rows(registrations) -> Iterator[list[str]]:
    """Text rows in the order of spreadsheets.COLUMNS; choice names in English."""
    with override("en"):
        labels = {
            "category": {value: str(label) for value, label in Category.choices},
            "role": {value: str(label) for value, label in Registration.Role.choices},
            "status": {value: str(label) for value, label in Registration.Status.choices},
        }
    for row in registrations.values_list(*EXPORT_FIELDS).iterator(chunk_size=2000):
        (honorific, first, last, email, job, category, state, organization, role, status) = row
        yield [
            honorific,
            first,
            last,
            email,
            job,
            labels["category"][category],
            state or "",
            organization or "",
            labels["role"][role],
            labels["status"][status],
        ]
