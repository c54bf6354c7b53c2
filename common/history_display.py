"""Histories as people read them: field labels and displayed values, in the reader's language.

History rows store what changed as {"field": [old, new]} in database terms
(`member_state_id: [None, 51]`, `role: [None, "head_of_delegation"]`). Every
history page shows them through `describe_changes`, which turns each key into
the field's verbose name and each value into what the portal displays for it:
the related object's name, the choice's label, yes/no, a formatted date.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


def _field(model: type[models.Model], key: str) -> models.Field | None:
    """The field a stored key names: `role`, `member_state_id` or `participant.first_name`."""
    if "." in key:
        relation, rest = key.split(".", 1)
        related = _field(model, relation)
        return _field(related.related_model, rest) if related and related.is_relation else None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return next((f for f in model._meta.concrete_fields if f.attname == key), None)


def _position(model: type[models.Model], key: str) -> tuple[int, ...]:
    """Where a stored key's field comes in the model (related fields after their relation)."""
    names = [f.name for f in model._meta.concrete_fields]
    first, _dot, rest = key.partition(".")
    field = _field(model, first)
    if field is None or field.name not in names:
        return (len(names),)
    if rest and field.is_relation:
        return (names.index(field.name), *_position(field.related_model, rest))
    return (names.index(field.name),)


def _plain(field: models.Field | None, value) -> str:
    if value is None or value == "":
        return EMPTY
    if field is not None and field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime | datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def describe_changes(
    model: type[models.Model], changes: Iterable[Mapping[str, list]]
) -> list[list[FieldChange]]:
    """For each history entry's `changes`, its real changes as labels and displayed values.

    Related objects are read with one query per related model for all entries
    together; one deleted since shows as its stored id.
    """
    changes = list(changes)
    fields = {key: _field(model, key) for entry in changes for key in entry}
    wanted = defaultdict(set)
    for entry in changes:
        for key, values in entry.items():
            field = fields[key]
            if field is not None and field.is_relation:
                wanted[field.related_model].update(v for v in values if v is not None)
    names = {
        related: {pk: str(obj) for pk, obj in related._default_manager.in_bulk(ids).items()}
        for related, ids in wanted.items()
    }

    def shown(field, value) -> str:
        if field is not None and field.is_relation and value is not None:
            return names[field.related_model].get(value, str(value))
        return _plain(field, value)

    described = []
    for entry in changes:
        lines = []
        # In the model's field order: PostgreSQL's jsonb keeps keys in an order of its own.
        for key, (old, new) in sorted(entry.items(), key=lambda item: _position(model, item[0])):
            if old == new:
                continue
            field = fields[key]
            label = capfirst(str(field.verbose_name)) if field is not None else key
            lines.append(FieldChange(label, shown(field, old), shown(field, new)))
        described.append(lines)
    return described
