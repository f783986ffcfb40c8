"""On PostgreSQL, a trigger refuses UPDATE and DELETE on step records (TRUNCATE stays possible
for test flushes). SQLite has no equivalent that leaves flush working; the model refuses there."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_steprecord_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'step records are append-only: % refused on audit_steprecord', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_steprecord_append_only
    BEFORE UPDATE OR DELETE ON audit_steprecord
    FOR EACH ROW EXECUTE FUNCTION audit_steprecord_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_steprecord_append_only ON audit_steprecord;
DROP FUNCTION IF EXISTS audit_steprecord_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
