"""On PostgreSQL, a trigger refuses UPDATE and DELETE on documents, as on step records: uploads
are only ever added to. The model refuses elsewhere."""

from django.db import migrations

from workflows.audit.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("audit", "0002_append_only_trigger")]
    operations = [append_only("documents_document", "documents")]
