"""Append-only history rows: once written, never changed or deleted.

Two layers keep a history as it was written. The ORM refuses first, with
HistoryIsAppendOnly: saving an entry again, deleting it, a queryset's update,
delete and bulk_update, and a bulk_create that would overwrite on conflict;
the base manager is the guarded one too, so Django's internals get no way
round. The database refuses whatever the client: `MakeAppendOnly`, a migration
operation, adds triggers that reject UPDATE and DELETE of a row (and TRUNCATE
on PostgreSQL) of the history's table. The subject of a history is referenced
with PROTECT, so deleting it is refused rather than cascading to its entries.
"""

from django.db import migrations, models
from django.db.migrations.operations.base import Operation


class HistoryIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a recorded history entry."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly

    def delete(self):
        raise HistoryIsAppendOnly

    def bulk_update(self, objs, fields, batch_size=None):
        raise HistoryIsAppendOnly

    def bulk_create(self, objs, *args, update_conflicts=False, **kwargs):
        if update_conflicts:
            raise HistoryIsAppendOnly
        return super().bulk_create(objs, *args, update_conflicts=update_conflicts, **kwargs)

    def _raw_delete(self, using):
        raise HistoryIsAppendOnly


class AppendOnlyManager(models.Manager.from_queryset(AppendOnlyQuerySet)):
    pass


class AppendOnlyModel(models.Model):
    """A history entry. A subclass's Meta extends `AppendOnlyModel.Meta`."""

    objects = AppendOnlyManager()

    class Meta:
        abstract = True
        # Django reaches rows through the base manager (related lookups, deletions):
        # the guarded one, so that no internal path updates or deletes an entry.
        base_manager_name = "objects"
        # Entries are read in the admin, never added, changed or deleted there.
        default_permissions = ("view",)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly
        # An entry built with the primary key of a recorded one must not become an
        # UPDATE of it: inserting only, the database refuses the duplicate key.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly


# --- In the database ------------------------------------------------------------------

MESSAGE = "The history in %s is append-only."


def _postgresql(table: str) -> tuple[list[str], list[str]]:
    function = f"{table}_is_append_only"
    forward = [
        f"""
        CREATE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE % table}';
        END;
        $$ LANGUAGE plpgsql
        """,
        f"""
        CREATE TRIGGER {table}_no_row_change BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {function}()
        """,
        f"""
        CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION {function}()
        """,
    ]
    backward = [
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_row_change ON {table}",
        f"DROP FUNCTION IF EXISTS {function}()",
    ]
    return forward, backward


def _sqlite(table: str) -> tuple[list[str], list[str]]:
    # SQLite has no TRUNCATE: its "DELETE FROM table" is a DELETE and fires the trigger.
    forward = [
        f"""
        CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE % table}'); END
        """
        for event in ("UPDATE", "DELETE")
    ]
    backward = [f"DROP TRIGGER IF EXISTS {table}_no_{event}" for event in ("update", "delete")]
    return forward, backward


TRIGGER_SQL = {"postgresql": _postgresql, "sqlite": _sqlite}


def append_only_trigger_sql(vendor: str, table: str) -> tuple[list[str], list[str]]:
    """The statements that make `table` append-only on `vendor`, and those that undo it."""
    if vendor not in TRIGGER_SQL:
        return [], []
    return TRIGGER_SQL[vendor](table)


class MakeAppendOnly(Operation):
    """A migration operation: the database refuses to change or delete the model's rows.

    `MakeAppendOnly("registrationchange")` after the model's CreateModel; reversible.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str):
        self.model_name = model_name

    def deconstruct(self):
        return self.__class__.__qualname__, [self.model_name], {}

    def state_forwards(self, app_label, state):
        pass

    def _execute(self, app_label, schema_editor, to_state, undo: bool):
        model = to_state.apps.get_model(app_label, self.model_name)
        forward, backward = append_only_trigger_sql(
            schema_editor.connection.vendor, model._meta.db_table
        )
        for statement in backward if undo else forward:
            schema_editor.execute(statement)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._execute(app_label, schema_editor, to_state, undo=False)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._execute(app_label, schema_editor, from_state, undo=True)

    def describe(self):
        return f"Make {self.model_name} append-only in the database"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_append_only"


def append_only_tables() -> list[str]:
    """The tables of every history model of the project."""
    from django.apps import apps

    return [
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, AppendOnlyModel) and not model._meta.proxy
    ]


def permissions_withdrawn(app_label: str, *codenames: str) -> migrations.RunPython:
    """A migration operation deleting permissions a model no longer declares.

    Django creates permissions but never removes them: after `default_permissions`
    drops "delete", the row would stay, and groups granted every permission would keep it.
    """

    def withdraw(apps, schema_editor):
        permission = apps.get_model("auth", "Permission")
        permission.objects.using(schema_editor.connection.alias).filter(
            content_type__app_label=app_label, codename__in=codenames
        ).delete()

    return migrations.RunPython(withdraw, migrations.RunPython.noop)
