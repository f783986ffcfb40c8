"""The director's inbox page with 100,000 open and 1,000,000 finished tasks in the database.

Data: 200,000 referrals (100,000 pending at one of the five steps across 60 departments,
100,000 finished), each with the viewflow tasks its history would have left, written with
COPY. The measured director (王芳, 武汉长江医院 心血管内科) has 2,000 referrals waiting in
her inbox. The page is fetched over HTTP from scripts/serve with a signed-in session.
Targets: p95 at most 30 ms; SQL queries per page independent of the page size.
"""

import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

DB = "yibao_bench_inbox"
PENDING = 100_000
FINISHED_REFERRALS = 100_000
FINISHED_TASKS = 1_000_000
MEASURED_DEPARTMENT_OPEN = 2_000
REQUESTS = 400
FLOW = "referrals/flows.ReferralFlow"
STEPS = [  # (state while pending, open node, owner permission)
    ("draft", "propose", "referrals.propose_referral"),
    ("proposed", "director_review", "referrals.review_referral_as_director"),
    ("department_approved", "office_review", "referrals.review_referral_as_office"),
    ("office_reviewed", "dean_sign", "referrals.sign_referral_as_dean"),
    ("dean_signed", "center_approve", "referrals.approve_referral_as_center"),
]
REVIEWS = [
    ("director_review", "after_director"),
    ("office_review", "after_office"),
    ("dean_sign", "after_dean"),
    ("center_approve", "after_center"),
]
HISTORY = ["start", "propose", *(node for pair in REVIEWS for node in pair)]


def done_before(step_index: int) -> list[str]:
    """The finished tasks of a referral now waiting at step ``step_index``."""
    if step_index == 0:
        return ["start"]
    return ["start", "propose", *(node for pair in REVIEWS[: step_index - 1] for node in pair)]


def departments() -> list:
    """Sixty departments in the demo's Wuhan hospitals (the demo's own included)."""
    from workflows.registry.models import Department, Institution

    hospitals = list(
        Institution.objects.filter(city__code="420100", kind="hospital", designated=True)
    )
    for n in range(60 - Department.objects.filter(institution__in=hospitals).count()):
        Department.objects.create(
            institution=hospitals[n % len(hospitals)], code=f"X{n}", name=f"科室{n}"
        )
    return list(Department.objects.filter(institution__in=hospitals).select_related("institution"))


def generate() -> None:
    from django.db import connection

    from workflows.registry.models import Department, InsuredPerson, User

    rng = random.Random(20261125)
    wang = User.objects.get(username="director_wang")
    cardiology = Department.objects.get(pk=wang.staff_profile.department_id)
    pool = departments()
    people = list(InsuredPerson.objects.filter(insured_city__code="420100"))
    doctor = User.objects.get(username="doctor_li")
    target = Department.objects.get(institution__code="H42050200001", code="CARD")
    now = datetime.datetime.now(datetime.UTC)
    process_rows, referral_rows, task_rows = [], [], []
    finished_tasks = 0
    per_finished = FINISHED_TASKS // (PENDING + FINISHED_REFERRALS) + 1
    for n in range(PENDING + FINISHED_REFERRALS):
        pk = n + 1
        created = now - datetime.timedelta(minutes=n)
        pending = n < PENDING
        if pending and n < MEASURED_DEPARTMENT_OPEN:
            step_index, department = 1, cardiology  # waiting for 王芳
        else:
            step_index, department = rng.randrange(5), rng.choice(pool)
        state, node, permission = STEPS[step_index] if pending else ("used", None, None)
        process_rows.append(
            (pk, FLOW, "NEW" if pending else "DONE", created, None if pending else created, "{}")
        )
        person = people[n % len(people)]
        referral_rows.append(
            (
                pk,
                f"ZZ2025-{pk:07d}",
                person.pk,
                person.insured_city_id,
                department.institution_id,
                department.pk,
                doctor.pk,
                "冠心病",
                created.date(),
                created.date(),
                target.institution_id,
                target.pk,
                "within_province",
                "需介入治疗",
                "病情摘要",
                "",
                state,
                created,
                None if pending else created.date(),
                None if pending else created.date(),
            )
        )
        history = done_before(step_index) if pending else HISTORY
        budget = per_finished if not pending else len(history)
        for name in history[:budget]:
            if finished_tasks >= FINISHED_TASKS:
                break
            kind = (
                "START" if name == "start" else ("SWITCH" if name.startswith("after") else "HUMAN")
            )
            task_rows.append(
                (
                    f"{FLOW}.{name}",
                    kind,
                    "DONE",
                    created,
                    created,
                    "start",
                    pk,
                    None,
                    doctor.pk if kind == "HUMAN" else None,
                    "{}",
                )
            )
            finished_tasks += 1
        if pending:
            status = "ASSIGNED" if node == "propose" else "NEW"
            task_rows.append(
                (
                    f"{FLOW}.{node}",
                    "HUMAN",
                    status,
                    created + datetime.timedelta(seconds=1),
                    None,
                    "start",
                    pk,
                    permission,
                    doctor.pk if node == "propose" else None,
                    "{}",
                )
            )
    with connection.cursor() as cursor:
        copy(
            cursor,
            "viewflow_process",
            "id, flow_class, status, created, finished, data",
            process_rows,
        )
        copy(
            cursor,
            "referrals_referral",
            "process_ptr_id, number, person_id, insured_city_id, institution_id, "
            "department_id, proposed_by_id, diagnosis, admission_date, transfer_date, "
            "target_institution_id, target_department_id, scope, reason, case_summary, "
            "outside_province_statement, state, state_changed_at, valid_until, transferred_on",
            referral_rows,
        )
        copy(
            cursor,
            "viewflow_task",
            "flow_task, flow_task_type, status, created, finished, token, process_id, "
            "owner_permission, owner_id, data",
            task_rows,
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('viewflow_process', 'id'), "
            "(SELECT max(id) FROM viewflow_process))"
        )
        cursor.execute("ANALYZE")
        cursor.execute("SELECT status = 'DONE', count(*) FROM viewflow_task GROUP BY 1")
        counts = dict(cursor.fetchall())
    print(
        f"tasks in the database: {counts.get(False, 0):,} open, {counts.get(True, 0):,} "
        f"finished; {len(referral_rows):,} referrals",
        flush=True,
    )


def copy(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as writer:
        for row in rows:
            writer.write_row(row)


def queries_per_page_size() -> dict[int, int]:
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from workflows import inbox
    from workflows.registry.auth import CachedUserBackend
    from workflows.registry.models import User

    wang = User.objects.get(username="director_wang")
    counts = {}
    for size in (10, 10, 25, 100):  # the first one fills the caches (signed-in user, types)
        request = RequestFactory().get("/inbox/referrals/")
        request.user = CachedUserBackend().get_user(wang.pk)  # as a signed-in request has it
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        inbox.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            inbox.inbox(request, slug="referrals")
        counts[size] = len(captured)
    inbox.PAGE_SIZE = 25
    return counts


def main() -> None:
    common.setup_django(DB)
    started = time.perf_counter()
    generate()
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    counts = queries_per_page_size()
    print(
        "SQL queries per inbox page, by page size: "
        + ", ".join(f"{size} rows: {n}" for size, n in counts.items())
    )
    port = common.free_port()
    with common.server(DB, port=port):
        browser = common.Browser(port)
        browser.sign_in("director_wang")
        for _ in range(20):  # warm up
            browser.request("GET", "/inbox/referrals/")
        for label, path in (
            ("first page", "/inbox/referrals/"),
            ("page 40", "/inbox/referrals/?page=40"),
        ):
            timings = []
            for _ in range(REQUESTS):
                started = time.perf_counter()
                status, _location, body = browser.request("GET", path)
                timings.append((time.perf_counter() - started) * 1000)
                assert status == 200, status
            rows = body.decode().count("/decide/")
            print(
                f"director inbox, {label} ({rows} rows of {MEASURED_DEPARTMENT_OPEN:,} waiting): "
                f"{common.describe(timings)} (target p95 <= 30 ms)"
            )


if __name__ == "__main__":
    main()
