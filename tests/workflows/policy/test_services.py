"""Saving a policy: the overlap is refused however it comes, also when two writers race."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from tests.factories import CityFactory, PolicyFactory
from workflows.policy import services
from workflows.policy.models import Policy

from .examples import EXAMPLE_POLICY
from .helpers import overlap_message

pytestmark = pytest.mark.django_db


def test_an_overlapping_policy_is_refused_by_its_own_validation():
    first = PolicyFactory()
    second = PolicyFactory.build(region=first.region, effective_from=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.policy_save(policy=second)
    assert refused.value.messages == [overlap_message(first)]
    assert Policy.objects.count() == 1


def test_a_policy_may_be_shortened_without_overlapping_itself():
    policy = PolicyFactory()
    policy.effective_to = datetime.date(2026, 6, 30)
    services.policy_save(policy=policy)
    policy.refresh_from_db()
    assert policy.effective_to == datetime.date(2026, 6, 30)


def test_a_policy_ending_before_it_starts_is_refused():
    policy = PolicyFactory.build(
        region=CityFactory(),
        effective_from=datetime.date(2026, 6, 1),
        effective_to=datetime.date(2026, 5, 31),
    )
    with pytest.raises(ValidationError) as refused:
        services.policy_save(policy=policy)
    assert refused.value.messages == [str(Policy._meta.constraints[1].violation_error_message)]


def test_terms_that_a_file_could_not_have_are_refused():
    policy = PolicyFactory.build(region=CityFactory(), terms_json={"annual_cap": "-1"})
    with pytest.raises(ValidationError) as refused:
        services.policy_save(policy=policy)
    assert "terms_json" in refused.value.message_dict
    assert not Policy.objects.exists()


@pytest.mark.postgres
def test_on_postgresql_the_database_itself_refuses_an_overlap():
    first = PolicyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Policy.objects.bulk_create(
            [PolicyFactory.build(region=first.region, effective_from=datetime.date(2027, 1, 1))]
        )


@pytest.mark.postgres
def test_an_overlap_written_between_the_check_and_the_save_still_gets_the_clear_message():
    first = PolicyFactory()
    second = PolicyFactory.build(region=first.region, effective_from=datetime.date(2026, 3, 1))
    check = Policy.overlapping_policy
    calls = []

    def blind_the_first_time(policy):
        calls.append(policy)
        return None if len(calls) == 1 else check(policy)

    with (
        mock.patch.object(Policy, "overlapping_policy", blind_the_first_time),
        pytest.raises(ValidationError) as refused,
    ):
        services.policy_save(policy=second)
    assert refused.value.messages == [overlap_message(first)]
    assert len(calls) == 2
    assert Policy.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_overlapping_policies_loaded_at_once_give_one_policy_and_one_clear_refusal():
    CityFactory()
    documents = [
        {**EXAMPLE_POLICY, "effective_from": "2026-01-01"},
        {**EXAMPLE_POLICY, "effective_from": "2026-02-01"},
    ]
    start = threading.Barrier(len(documents))
    outcomes = []

    def load(document):
        try:
            start.wait()
            services.policy_load(document=document)
            outcomes.append("loaded")
        except ValidationError as error:
            outcomes.append(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=load, args=(document,)) for document in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    policy = Policy.objects.get()
    assert sorted(outcomes, key=str) == sorted(["loaded", [overlap_message(policy)]], key=str)
