"""The access log's literal INSERT writes, column for column, the row the ORM writes."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from workflows.audit.access.models import Access, AccessRecord
from workflows.audit.access.statements import insert_access_records
from workflows.claims.models import Claim
from workflows.documents.selectors import documents_of
from workflows.registry.models import InsuredPerson

FIELDS = [field for field in AccessRecord._meta.concrete_fields if not field.primary_key]


@pytest.fixture
def values(world, media):
    call_command("load_demo_cases", verbosity=0)
    claim = Claim.objects.get(person__name="黄小红")
    user = world.users["supervisor_zhao"]
    return {
        "at": timezone.make_aware(datetime.datetime(2026, 12, 1, 23, 59, 58, 123456)),
        "user_id": user.pk,
        "user_name": user.get_full_name(),
        "user_role": "supervisor",
        "user_organisation": "武汉市医疗保险中心",
        "person_id": claim.person_id,
        "case_type_id": ContentType.objects.get_for_model(claim).pk,
        "case_id": claim.pk,
        "case_number": claim.number,
        "what": Access.DOWNLOADED.value,
        "document_id": documents_of(claim).first().pk,
        "ip_address": "2001:db8::7",
    }


def columns(record) -> dict:
    return {field.attname: getattr(record, field.attname) for field in FIELDS}


def test_a_record_inserted_as_literal_sql_reads_back_as_the_orms(values):
    by_the_orm = AccessRecord.objects.create(**values)
    insert_access_records([values])
    literal = AccessRecord.objects.exclude(pk=by_the_orm.pk).get()
    by_the_orm.refresh_from_db()
    assert columns(literal) == columns(by_the_orm)
    assert AccessRecord.objects.filter(at=values["at"]).count() == 2


def test_several_records_in_one_statement_read_back_as_the_orms(values):
    people = InsuredPerson.objects.order_by("pk").values_list("pk", flat=True)[:3]
    rows = [{**values, "person_id": pk, "document_id": None, "ip_address": None} for pk in people]
    insert_access_records(rows)
    AccessRecord.objects.bulk_create([AccessRecord(**row) for row in rows])
    records = list(AccessRecord.objects.order_by("pk"))
    assert [columns(r) for r in records[:3]] == [columns(r) for r in records[3:]]
    assert [r.person_id for r in records[:3]] == list(people)
