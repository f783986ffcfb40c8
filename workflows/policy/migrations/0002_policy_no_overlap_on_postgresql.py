"""On PostgreSQL, refuse overlapping policies in the database itself (an exclusion constraint).

Policy.clean() and services.policy_save (which holds the region's row) refuse an overlap on
every database; this constraint also refuses one written by any other path. SQLite has no
exclusion constraints, so there the migration does nothing. ``btree_gist`` lets a GiST index
compare the region and scheme for equality; it is a trusted extension, which the database
owner may create.
"""

from django.db import migrations

CONSTRAINT = "policy_policy_no_overlap"  # models.NO_OVERLAP_CONSTRAINT

ADD = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE policy_policy ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist (
    region_id WITH =,
    scheme WITH =,
    daterange(effective_from, effective_to, '[]') WITH &&
);
"""
DROP = f"ALTER TABLE policy_policy DROP CONSTRAINT {CONSTRAINT};"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("policy", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
