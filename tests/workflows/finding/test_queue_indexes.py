"""On PostgreSQL the city queues carry the columns the center filters them by (finding's
migration 0003), so that a queue narrowed by a hospital and a scope or kind is counted from
the index alone; bench_inbox measures what that saves."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("index", "definition"),
    [
        (
            "finding_referral_city_filters",
            "ON public.referrals_referral USING btree (insured_city_id, state, state_changed_at"
            " DESC) INCLUDE (institution_id, scope)",
        ),
        (
            "finding_claim_city_filters",
            "ON public.claims_claim USING btree (insured_city_id, state, state_changed_at DESC)"
            " INCLUDE (institution_id, kind)",
        ),
    ],
)
def test_the_city_queues_carry_the_columns_the_center_filters_by(db, index, definition):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [index])
        (found,) = cursor.fetchone()
    assert found.endswith(definition), found
