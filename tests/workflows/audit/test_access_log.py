"""Every page that shows an insured person's data writes one access record of that look: who,
as what and for whom, whose data in which case, what was done, when, from where. The records
are never changed; the retention sweep removes only those past the retention."""

import datetime
import subprocess
import sys
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from tests.pages import sign_in
from tests.workflows.claims.batching import GUANGZHOU, ZHANG, add_claim
from workflows import clock
from workflows.audit.access.models import Access, AccessRecord
from workflows.audit.access.services import access_records_sweep, personal_data_viewed
from workflows.claims.batches import services as batches
from workflows.claims.models import Claim
from workflows.documents.selectors import documents_of
from workflows.referrals.models import Referral
from workflows.registry.models import InsuredPerson, User
from workflows.resettlement.models import Filing

ADDRESS = "203.0.113.7"  # where the request comes from (a documentation address)
CENTER = "武汉市医疗保险中心"


@pytest.fixture
def cases(world, media):
    call_command("load_demo_cases", verbosity=0)
    return world


@dataclass(frozen=True)
class Look:
    """A page one may open: who opens it, its address, whose case, what it does with the data,
    and how the record names who looked (their role and on whose behalf)."""

    who: str
    url: str
    case: object
    what: Access
    role: str
    organisation: str
    document: object = None


def referral(name: str, state: str | None = None) -> Referral:
    referrals = Referral.objects.filter(person__name=name)
    return referrals.get(state=state) if state else referrals.get()


def referral_page(world) -> Look:
    case = referral("张建国")
    url = reverse("referrals:detail", args=[case.pk])
    return Look("supervisor_zhao", url, case, Access.VIEWED, "supervisor", CENTER)


def referral_decision_page(world) -> Look:
    case = referral("黄小红", "proposed")
    url = reverse("referrals:decide", args=[case.pk])
    return Look(
        "director_wang", url, case, Access.VIEWED, "department_director", "武汉长江医院 心血管内科"
    )


def referral_draft_page(world) -> Look:
    case = referral("黄小红", "draft")
    url = reverse("referrals:edit", args=[case.pk])
    return Look(
        "doctor_li", url, case, Access.VIEWED, "attending_physician", "武汉长江医院 心血管内科"
    )


def referral_approval_form(world) -> Look:
    case = referral("王强")
    url = reverse("referrals:approval_form", args=[case.pk])
    return Look("center_chen", url, case, Access.PRINTED, "center_reviewer", CENTER)


def claim_page(world) -> Look:
    case = Claim.objects.get(person__name="王强")
    url = reverse("claims:detail", args=[case.pk])
    return Look("center_chen", url, case, Access.VIEWED, "center_reviewer", CENTER)


def claim_correction_page(world) -> Look:
    case = Claim.objects.get(person__name="张建国")  # being prepared
    url = reverse("claims:edit", args=[case.pk])
    return Look("unit_sun", url, case, Access.VIEWED, "unit_agent", "武汉江城机械有限公司")


def claim_document(world) -> Look:
    case = Claim.objects.get(person__name="黄小红")
    document = documents_of(case).last()
    url = reverse("claims:document", args=[case.pk, document.pk])
    return Look(
        "supervisor_zhao", url, case, Access.DOWNLOADED, "supervisor", CENTER, document=document
    )


def claim_statement(world) -> Look:
    case = Claim.objects.get(person__name="黄小红")  # approved
    url = reverse("claims:statement", args=[case.pk])
    return Look("supervisor_zhao", url, case, Access.PRINTED, "supervisor", CENTER)


def filing_page(world) -> Look:
    case = Filing.objects.get()
    url = reverse("resettlement:detail", args=[case.pk])
    return Look("center_chen", url, case, Access.VIEWED, "center_reviewer", CENTER)


def filing_document(world) -> Look:
    case = Filing.objects.get()
    document = documents_of(case).first()
    url = reverse("resettlement:document", args=[case.pk, document.pk])
    return Look(
        "unit_sun",
        url,
        case,
        Access.DOWNLOADED,
        "unit_agent",
        "武汉江城机械有限公司",
        document=document,
    )


def filing_form(world) -> Look:
    case = Filing.objects.get()
    url = reverse("resettlement:form", args=[case.pk])
    return Look("supervisor_zhao", url, case, Access.PRINTED, "supervisor", CENTER)


PAGES = {
    "referral page": referral_page,
    "referral decision page": referral_decision_page,
    "referral draft": referral_draft_page,
    "referral approval form": referral_approval_form,
    "claim page": claim_page,
    "claim correction page": claim_correction_page,
    "claim document": claim_document,
    "reimbursement statement": claim_statement,
    "filing page": filing_page,
    "filing attachment": filing_document,
    "filing form": filing_form,
}


def opened(client, look: Look):
    sign_in(client, look.who)
    response = client.get(look.url, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200, f"{look.url}: {response.status_code}"
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("page", PAGES)
def test_each_page_with_personal_data_writes_one_access_record_of_the_look(client, cases, page):
    look = PAGES[page](cases)
    before = clock.now()
    opened(client, look)
    record = AccessRecord.objects.get()
    user = cases.users[look.who]
    assert before <= record.at <= clock.now()
    assert (record.user, record.user_name, record.user_role, record.user_organisation) == (
        user,
        user.get_full_name(),
        look.role,
        look.organisation,
    )
    assert (record.person, record.case, record.case_number) == (
        look.case.person,
        look.case,
        look.case.number,
    )
    assert (record.what, record.document, record.ip_address) == (
        look.what,
        look.document,
        ADDRESS,
    )


def test_the_batch_page_records_a_look_at_each_person_it_lists(client, cases):
    batch = batches.batch_open(by=cases.users["unit_sun"])
    zhang = InsuredPerson.objects.get(resident_id=ZHANG)
    add_claim(cases, batch, zhang, GUANGZHOU)
    sign_in(client, "supervisor_zhao")
    response = client.get(reverse("claims:batch", args=[batch.pk]), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 200
    record = AccessRecord.objects.get()
    assert (record.user, record.user_role, record.user_organisation) == (
        cases.users["supervisor_zhao"],
        "supervisor",
        CENTER,
    )
    assert (record.person, record.case, record.case_number, record.what) == (
        zhang,
        batch,
        batch.number,
        Access.VIEWED,
    )
    assert record.ip_address == ADDRESS


def test_a_batch_page_listing_nobody_records_nothing(client, cases):
    batch = batches.batch_open(by=cases.users["unit_sun"])
    sign_in(client, "unit_sun")
    assert client.get(reverse("claims:batch", args=[batch.pk])).status_code == 200
    assert not AccessRecord.objects.exists()


def test_a_page_sent_back_with_the_errors_of_its_form_is_a_look_too(client, cases):
    claim = Claim.objects.get(person__name="王强")  # awaiting the review
    sign_in(client, "center_chen")
    response = client.post(reverse("claims:decide", args=[claim.pk]), {"decision": "reject"})
    assert response.status_code == 200  # a refusal without its reason: the page again
    assert AccessRecord.objects.get().case == claim


def test_a_page_refused_or_not_found_records_nothing(client, cases):
    claim = Claim.objects.get(person__name="王强")
    sign_in(client, "center_yang")  # Yichang's reviewer
    assert client.get(reverse("claims:detail", args=[claim.pk])).status_code == 404
    client.logout()
    sign_in(client, "doctor_gao")
    draft = referral("黄小红", "draft")
    assert client.get(reverse("referrals:edit", args=[draft.pk])).status_code == 404
    proposed = referral("黄小红", "proposed")
    client.logout()
    sign_in(client, "director_wang")  # sees it, but only a draft is changed, by its physician
    assert client.get(reverse("referrals:edit", args=[proposed.pk])).status_code == 403
    assert not AccessRecord.objects.exists()


def test_the_persons_own_look_is_recorded_too(client, cases):
    claim = Claim.objects.get(person__name="黄小红")
    sign_in(client, claim.person.resident_id)
    client.get(reverse("claims:detail", args=[claim.pk]))
    record = AccessRecord.objects.get()
    assert (record.user, record.user_role, record.user_organisation) == (
        claim.person.user,
        "insured_person",
        "",
    )


@pytest.fixture
def record(cases, rf):
    claim = Claim.objects.get(person__name="王强")
    request = rf.get("/", REMOTE_ADDR=ADDRESS)
    user = cases.users["center_chen"]
    personal_data_viewed(
        user=user, person=claim.person, case=claim, what=Access.VIEWED, request=request
    )
    return AccessRecord.objects.get()


def test_a_saved_access_record_cannot_be_saved_again_or_deleted(record):
    record.what = Access.EXPORTED
    with translation.override("en"):
        with pytest.raises(ValueError, match="never changed or deleted"):
            record.save()
        with pytest.raises(ValueError, match="never changed or deleted"):
            record.delete()


def aged(record, days: int) -> AccessRecord:
    """A copy of ``record`` written ``days`` ago."""
    return AccessRecord.objects.create(
        at=clock.now() - datetime.timedelta(days=days),
        **{
            field.attname: getattr(record, field.attname)
            for field in AccessRecord._meta.concrete_fields
            if field.attname not in ("id", "at")
        },
    )


def test_the_sweep_removes_only_the_records_past_the_retention(record, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 365
    kept = [aged(record, 200), aged(record, 364)]
    past = [aged(record, 366), aged(record, 900)]
    assert access_records_sweep() == len(past)
    assert set(AccessRecord.objects.all()) == {record, *kept}


def test_the_sweep_command_says_what_it_removed(record, capsys):
    aged(record, 181)
    call_command("sweep_access_log")
    assert "1 access record(s) older than 180 days" in capsys.readouterr().out
    assert list(AccessRecord.objects.all()) == [record]


def test_a_retention_shorter_than_six_months_is_refused_at_start_up():
    result = subprocess.run(
        [sys.executable, "-c", "import project.settings"],
        env={"ACCESS_LOG_RETENTION_DAYS": "90", "SECRET_KEY": "x" * 50, "ENV_FILE": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ACCESS_LOG_RETENTION_DAYS is 90" in result.stderr


def test_the_admin_shows_access_records_read_only(client, cases, record):
    sign_in(client, "admin")
    listing = client.get(reverse("admin:audit_accessrecord_changelist"))
    assert listing.status_code == 200
    assert record.case_number in listing.content.decode()
    assert client.get(reverse("admin:audit_accessrecord_add")).status_code == 403
    delete = reverse("admin:audit_accessrecord_delete", args=[record.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AccessRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_accessrecord SET user_name = 'forged' WHERE id = %s",
        "DELETE FROM audit_accessrecord WHERE id = %s",
    ],
)
def test_postgresql_refuses_to_change_or_delete_a_record_behind_the_models_back(record, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement, [record.pk])
    record.refresh_from_db()
    assert record.user_name != "forged"


@pytest.mark.postgres
def test_postgresql_refuses_to_change_even_a_record_past_the_retention(record):
    old = aged(record, 400)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessRecord.objects.filter(pk=old.pk).update(what=Access.EXPORTED)
    old.refresh_from_db()
    assert old.what == Access.VIEWED


@pytest.mark.postgres
def test_postgresql_refuses_to_delete_a_record_younger_than_six_months(record, settings):
    young = aged(record, 170)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AccessRecord.objects.filter(pk=young.pk).delete()
    assert AccessRecord.objects.filter(pk=young.pk).exists()


@pytest.mark.postgres
def test_on_postgresql_the_sweep_removes_the_old_records_and_keeps_the_young(record, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 200
    kept = [aged(record, 150), aged(record, 199)]
    past = [aged(record, 201), aged(record, 2000)]
    assert access_records_sweep() == len(past)
    assert set(AccessRecord.objects.all()) == {record, *kept}


@pytest.mark.postgres
def test_on_postgresql_the_sweep_by_the_wall_clock_ahead_still_spares_young_rows(record):
    """A sweep whose clock runs a year ahead (a wrong server clock) would delete young rows:
    the trigger, on the database's own clock, refuses, and nothing is deleted."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        access_records_sweep(now=timezone.now() + datetime.timedelta(days=365))
    assert AccessRecord.objects.filter(pk=record.pk).exists()


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_record_alone_commits_without_waiting_a_case_change_still_waits(
    rf, settings
):
    call_command("load_demo", verbosity=0)
    look = {
        "user": User.objects.get(username="center_chen"),
        "person": InsuredPerson.objects.get(name="王强"),
        "case": Referral(pk=1, number="ZZ2026-000001"),  # any case: its number and type
        "what": Access.VIEWED,
        "request": rf.get("/", REMOTE_ADDR=ADDRESS),
    }
    with transaction.atomic():  # a record and nothing else, as a page writes it
        personal_data_viewed(**look)
        assert synchronous_commit() == "off"
    assert synchronous_commit() == "on"  # for that transaction only
    with transaction.atomic():  # a change of a case, then a record
        batches.batch_open(by=User.objects.get(username="unit_sun"))
        personal_data_viewed(**look)
        assert synchronous_commit() == "on"
    settings.ACCESS_LOG_SYNCHRONOUS_COMMIT = True
    with transaction.atomic():
        personal_data_viewed(**look)
        assert synchronous_commit() == "on"
    assert AccessRecord.objects.count() == 3
