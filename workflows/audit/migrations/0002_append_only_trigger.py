"""On PostgreSQL, a trigger refuses UPDATE and DELETE on step records (TRUNCATE stays possible
for test flushes). SQLite has no equivalent that leaves flush working; the model refuses there."""

from django.db import migrations

from workflows.audit.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [append_only("audit_steprecord", "step records")]
