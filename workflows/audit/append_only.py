"""A PostgreSQL trigger that refuses UPDATE and DELETE on a table, for append-only records;
for records kept only for a period, one that lets a DELETE through once a row is old enough.

TRUNCATE stays possible (test flushes use it). SQLite has no equivalent that leaves flush
working: there the models refuse instead.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{what} are append-only: % refused on {table}', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""
# Refuses UPDATE always and DELETE of a row younger than {days} days by its {column}: the
# retention sweep deletes only older rows. The floor lives in the trigger, not in a session
# variable a connection could set, so no connection of the application can delete a young row.
CREATE_KEPT_FOR = """
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.{column} < now() - interval '{days} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '{what} are append-only: % refused on {table} (deleted after {days} days)',
        TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def append_only(
    table: str, what: str, *, deletable_after_days: int | None = None, column: str = "at"
) -> migrations.RunPython:
    """The migration operation that makes ``table`` append-only on PostgreSQL; with
    ``deletable_after_days``, a row older than that by its ``column`` may still be deleted."""
    if deletable_after_days is None:
        create = CREATE.format(table=table, what=what)
    else:
        days = int(deletable_after_days)
        create = CREATE_KEPT_FOR.format(table=table, what=what, column=column, days=days)

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create, params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(DROP.format(table=table), params=None)

    return migrations.RunPython(forwards, backwards)
