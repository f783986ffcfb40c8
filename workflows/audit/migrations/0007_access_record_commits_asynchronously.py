"""On PostgreSQL, an access record written in a transaction of its own (a page's INSERT in
autocommit) is committed without waiting for the disk's flush: a trigger turns
synchronous_commit off for that transaction, before the statement writes anything. A
transaction that has written something already keeps its commit as it was; the services never
write an access record before the changes of a case in one transaction. See
workflows/audit/access/services.py for why, and what a crash of the server may lose."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_accessrecord_commit_asynchronously() RETURNS trigger AS $$
BEGIN
    IF txid_current_if_assigned() IS NULL THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accessrecord_commit_asynchronously
    BEFORE INSERT ON audit_accessrecord
    FOR EACH STATEMENT EXECUTE FUNCTION audit_accessrecord_commit_asynchronously();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_accessrecord_commit_asynchronously ON audit_accessrecord;
DROP FUNCTION IF EXISTS audit_accessrecord_commit_asynchronously();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_access_record_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
