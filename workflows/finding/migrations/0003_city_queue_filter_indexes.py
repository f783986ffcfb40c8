"""The center's queues narrowed by a hospital and a scope or kind, on PostgreSQL only: the
city's queue index again, with those columns carried in it (INCLUDE), so that counting and
listing a filtered queue reads the index alone instead of each row of the table (the
queue by a hospital, a scope and a month: about a thousand table pages for a thousand
rows, 5 ms, before; 1.3 ms after, in bench_inbox's data). SQLite has no such indexes; the
plain city queue indexes stay, for the other databases and for the unfiltered queue."""

from django.db import migrations

INDEXES = {
    "finding_referral_city_filters": ("referrals_referral", "institution_id, scope"),
    "finding_claim_city_filters": ("claims_claim", "institution_id, kind"),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, carried) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"(insured_city_id, state, state_changed_at DESC) INCLUDE ({carried})"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("finding", "0002_trigram_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
