"""On PostgreSQL, a trigger refuses UPDATE of access records, and DELETE of one younger than
180 days (the least retention, access.models.MINIMUM_RETENTION_DAYS, written out here as a
migration must be): the retention sweep deletes only older ones. TRUNCATE stays possible for
test flushes. SQLite has no equivalent that leaves flush working; the model refuses there."""

from django.db import migrations

from workflows.audit.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_access_record")]
    operations = [
        append_only("audit_accessrecord", "access records", deletable_after_days=180, column="at")
    ]
