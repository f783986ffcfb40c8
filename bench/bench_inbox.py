"""The inbox with 100,000 open and 1,000,000 finished tasks in the database: the director's
page, and the center's queue searched by a fragment of a name and filtered three ways.

Data: 100,000 insured people of Wuhan (generate_series: 20 surnames and two given characters
of 40 each, so that a two-character fragment names about sixty people); 200,000 referrals of
theirs (100,000 pending at one of the five steps across 60 departments, 100,000 finished),
each with the viewflow tasks its history would have left, written with COPY. The measured
director (王芳, 武汉长江医院 心血管内科) has 2,000 referrals waiting in her inbox; the Wuhan
center (陈静) about 20,000. The pages are fetched over HTTP from scripts/serve with a
signed-in session (the center reviewer's with both steps of sign-in).
Targets: p95 at most 30 ms each; SQL queries per page independent of the page size.
"""

import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common

DB = "yibao_bench_inbox"
PEOPLE = 100_000
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
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明丽芳军平秀英志强伟敏静磊洋艳勇杰娟涛超霞刚桂兰玉红文辉鹏飞海燕春梅"
# The center's searches: a given name's two characters (GIVEN[3] GIVEN[5], about sixty people),
# and three filters (a hospital, a scope, the last thirty days).
NAME_FRAGMENT = GIVEN[3] + GIVEN[5]
SCOPES = ("within_city", "within_province", "outside_province")


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

    from workflows.registry.models import Department, User

    rng = random.Random(20261125)
    wang = User.objects.get(username="director_wang")
    cardiology = Department.objects.get(pk=wang.staff_profile.department_id)
    pool = departments()
    people = generate_people()
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
        person_id, city_id = people[rng.randrange(len(people))]
        referral_rows.append(
            (
                pk,
                f"ZZ2025-{pk:07d}",
                person_id,
                city_id,
                department.institution_id,
                department.pk,
                doctor.pk,
                "冠心病",
                created.date(),
                created.date(),
                target.institution_id,
                target.pk,
                rng.choice(SCOPES),
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


def generate_people() -> list[tuple[int, int]]:
    """PEOPLE insured people of Wuhan, in one INSERT from generate_series: (id, city id)."""
    from django.db import connection

    from workflows.registry.models import Region

    wuhan = Region.objects.get(code="420100").pk
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO registry_insuredperson (name, sex, birth_date, resident_id,
                insurance_number, scheme, status, phone, address, unit_id, user_id,
                insured_city_id)
            SELECT substr(%(surnames)s, 1 + g %% 20, 1)
                       || substr(%(given)s, 1 + (g / 20) %% 40, 1)
                       || substr(%(given)s, 1 + (g / 800) %% 40, 1),
                   CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END,
                   date '1940-01-01' + g %% 25000,
                   '9' || lpad(g::text, 17, '0'),
                   'B' || lpad(g::text, 14, '0'),
                   'resident', '', '', '', NULL, NULL, %(city)s
            FROM generate_series(1, %(count)s) AS g
            RETURNING id, insured_city_id
            """,
            {"surnames": SURNAMES, "given": GIVEN, "city": wuhan, "count": PEOPLE},
        )
        return cursor.fetchall()


def copy(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as writer:
        for row in rows:
            writer.write_row(row)


def queries_per_page_size(username: str, path: str, slug: str) -> dict[int, int]:
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import resolve

    from workflows import inbox
    from workflows.registry.auth import CachedUserBackend
    from workflows.registry.models import User

    user = User.objects.get(username=username)
    counts = {}
    for size in (10, 10, 25, 100):  # the first one fills the caches (signed-in user, types)
        request = RequestFactory().get(path)
        request.user = CachedUserBackend().get_user(user.pk)  # as a signed-in request has it
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        request.resolver_match = resolve(request.path)
        inbox.PAGE_SIZE = size
        with CaptureQueriesContext(connection) as captured:
            inbox.inbox(request, slug=slug)
        counts[size] = len(captured)
    inbox.PAGE_SIZE = 25
    return counts


def center_paths() -> dict[str, str]:
    """The center's searched and filtered queue: by a name's fragment, by three filters."""
    from urllib.parse import urlencode

    from workflows.registry.models import Institution

    hospital = Institution.objects.get(code="H42010200001")  # 武汉长江医院
    since = (datetime.date.today() - datetime.timedelta(days=30)).isoformat()
    three = {"institution": hospital.pk, "scope": "within_province", "since": since}
    return {
        "name fragment": "/inbox/referrals/?" + urlencode({"q": NAME_FRAGMENT}),
        "three filters": "/inbox/referrals/?" + urlencode(three),
    }


def measure(browser, label: str, path: str, *, waiting: str, marker: str) -> None:
    timings = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        status, _location, body = browser.request("GET", path)
        timings.append((time.perf_counter() - started) * 1000)
        assert status == 200, status
    rows = body.decode().count(marker)
    print(f"{label} ({rows} rows of {waiting}): {common.describe(timings)} (target p95 <= 30 ms)")


def main() -> None:
    common.setup_django(DB)
    started = time.perf_counter()
    generate()
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)
    common.settle(DB)
    counts = queries_per_page_size("director_wang", "/inbox/referrals/", "referrals")
    print(
        "SQL queries per director's inbox page, by page size: "
        + ", ".join(f"{size} rows: {n}" for size, n in counts.items())
    )
    paths = center_paths()
    for label, path in paths.items():
        counts = queries_per_page_size("center_chen", path, "referrals")
        print(
            f"SQL queries per center's page ({label}), by page size: "
            + ", ".join(f"{size} rows: {n}" for size, n in counts.items())
        )
    center_waiting = center_queue_size()
    port = common.free_port()
    with common.server(DB, port=port):
        director = common.Browser(port)
        director.sign_in("director_wang")
        for _ in range(20):  # warm up
            director.request("GET", "/inbox/referrals/")
        for label, path in (
            ("first page", "/inbox/referrals/"),
            ("page 40", "/inbox/referrals/?page=40"),
        ):
            measure(
                director,
                f"director inbox, {label}",
                path,
                waiting=f"{MEASURED_DEPARTMENT_OPEN:,} waiting",
                marker="/decide/",
            )
        # A connection of its own, opened now: the server closes one left idle meanwhile.
        center = common.Browser(port)
        center.sign_in("center_chen")
        for _ in range(20):  # warm up
            for path in paths.values():
                center.request("GET", path)
        for label, path in paths.items():
            measure(
                center,
                f"center's queue searched, {label}",
                path,
                waiting=f"{center_waiting:,} waiting",
                marker="/decide/",
            )


def center_queue_size() -> int:
    from workflows.referrals.selectors import QUEUE
    from workflows.registry.models import User

    return QUEUE.count(user=User.objects.get(username="center_chen"))


if __name__ == "__main__":
    main()
