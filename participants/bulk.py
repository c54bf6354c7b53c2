"""Inserting many rows at once, as fast as the database allows.

A participants file of thousands of rows must import in a small multiple of
the time PostgreSQL's own COPY takes (see bench/participants.py). Django's
bulk_create builds one model instance and one SQL parameter per cell, which
is several times slower, so on PostgreSQL the rows go through COPY with ids
drawn beforehand from the table's sequence. Other databases (SQLite, the
embedded default) use bulk_create.
"""

import io
import json
from datetime import datetime

from django.db import connection
from django.utils import timezone


def insert_rows(model, fields: list[str], rows: list[tuple]) -> list[int]:
    """Inserts rows of database-ready values (in the order of `fields`, attribute names
    such as "participant_id") and returns the new ids, in the order of the rows."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        return _copy(model, fields, rows)
    instances = model.objects.bulk_create(
        [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=500
    )
    return [instance.pk for instance in instances]


def _defaults(model, fields: list[str]) -> tuple[list[str], tuple]:
    """The columns the rows leave out, with their model defaults: COPY, unlike the ORM,
    would write NULL into them."""
    now = timezone.now()
    names, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in fields:
            continue
        names.append(field.attname)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append(now)
        else:
            values.append(field.get_default())  # "" for text, None for nullable columns
    return names, tuple(values)


def _copy(model, fields: list[str], rows: list[tuple]) -> list[int]:
    extra_fields, extra_values = _defaults(model, fields)
    if extra_fields:
        fields = [*fields, *extra_fields]
        rows = [(*row, *extra_values) for row in rows]
    table = model._meta.db_table
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in ["id", *fields]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        text = _CopyText()
        lines = "".join(
            f"{pk}\t" + "\t".join([text(value) for value in row]) + "\n"
            for pk, row in zip(ids, rows, strict=True)
        )
        cursor.copy_expert(
            f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN", io.StringIO(lines)
        )
    return ids


class _CopyText:
    """Values in COPY's text format: \\N for NULL, backslash escapes for the separators.

    A callable object so that the one timestamp of an import is formatted once,
    not once per row.
    """

    def __init__(self):
        self.timestamps: dict[datetime, str] = {}

    def __call__(self, value) -> str:
        if type(value) is str:
            text = value
        elif value is None:
            return "\\N"
        elif type(value) is int:
            return str(value)
        elif isinstance(value, datetime):
            if value not in self.timestamps:
                self.timestamps[value] = value.isoformat()
            return self.timestamps[value]
        elif isinstance(value, bool):
            return "t" if value else "f"
        elif isinstance(value, dict | list):
            text = json.dumps(value)
        else:
            text = str(value)
        if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
            text = (
                text.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            )
        return text
