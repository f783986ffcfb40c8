"""A PostgreSQL trigger that refuses UPDATE and DELETE on a table, for append-only records.

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
DROP = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP FUNCTION IF EXISTS {table}_append_only();
"""


def append_only(table: str, what: str) -> migrations.RunPython:
    """The migration operation that makes ``table`` append-only on PostgreSQL."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(CREATE.format(table=table, what=what), params=None)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(DROP.format(table=table), params=None)

    return migrations.RunPython(forwards, backwards)
