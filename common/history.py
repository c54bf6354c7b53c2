"""Append-only history rows: once written, never changed or deleted through the ORM.

Deleting the row a history belongs to still removes its entries where the
foreign key says CASCADE: Django's collector deletes them with plain SQL.
"""

from django.db import models


class HistoryIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a recorded history entry."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly

    def delete(self):
        raise HistoryIsAppendOnly


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly
