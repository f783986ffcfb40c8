"""The search's trigram indexes, on PostgreSQL only (SQLite scans): a case number, a person's
name, resident ID or insurance number found by any fragment. Each is on the expression the
search's lookup compares (``icontains``: UPPER(column::text) LIKE; ``contains``: LIKE), and a
name's also with each character doubled, for the fragments of two Chinese characters
(finding.filters.named)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

DOUBLED = """
    CREATE OR REPLACE FUNCTION finding_doubled(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace($1, '(.)', '\\1\\1', 'g') $$
"""
INDEXES = {
    "finding_person_name_doubled_trgm": ("registry_insuredperson", "(finding_doubled(name))"),
    "finding_person_name_trgm": ("registry_insuredperson", "(UPPER(name::text))"),
    "finding_person_resident_id_trgm": ("registry_insuredperson", "(resident_id::text)"),
    "finding_person_insurance_trgm": ("registry_insuredperson", "(UPPER(insurance_number::text))"),
    "finding_referral_number_trgm": ("referrals_referral", "(UPPER(number::text))"),
    "finding_claim_number_trgm": ("claims_claim", "(UPPER(number::text))"),
    "finding_filing_number_trgm": ("resettlement_filing", "(UPPER(number::text))"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(DOUBLED)
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS finding_doubled(text)")


class Migration(migrations.Migration):
    dependencies = [
        ("finding", "0001_saved_filters"),
        ("registry", "0004_user_must_change_password"),
        ("referrals", "0002_free_text_limits"),
        ("claims", "0004_free_text_limits"),
        ("resettlement", "0002_free_text_limits"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create, drop, elidable=False),
    ]
