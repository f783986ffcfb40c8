"""CaseLock: a decision locks its case's row and process row, inside its transaction only."""

import pytest
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from tests.workflows.referrals.conftest import open_referral
from workflows.casekit import CaseLock
from workflows.referrals.choices import Step
from workflows.referrals.models import Referral

locked = CaseLock(Referral)


def test_the_lock_reads_the_case_and_its_process_row_alone(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert locked(referral.pk) == referral
    (lock,) = [query["sql"] for query in queries if query["sql"].startswith("SELECT")]
    assert lock.count(" JOIN ") == 1 and 'JOIN "viewflow_process"' in lock
    if connection.features.has_select_for_update_of:
        assert lock.endswith('FOR UPDATE OF "referrals_referral", "viewflow_process"')


def test_a_case_that_does_not_exist_is_not_found(db):
    with transaction.atomic(), pytest.raises(Referral.DoesNotExist):
        locked(10**9)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_lock_is_refused_outside_a_transaction(world):
    referral = open_referral(world, until=Step.DIRECTOR_REVIEW)
    with pytest.raises(TransactionManagementError, match="outside of a transaction"):
        locked(referral.pk)
