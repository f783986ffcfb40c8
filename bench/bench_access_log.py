"""What the access log costs a case page: its p95 with the log and without it, in one run.

The demo with its cases on PostgreSQL, and an access log already holding PREFILLED records
(months of looks at a city's people), so that each new record goes into indexes of a real
size. Two servers run side by side from scripts/serve (production settings): the project,
and the same project with the access log switched off (``wsgi_without_access_log.py``: the
claim page's call that writes its record does nothing). A signed-in municipal center
reviewer (陈静) opens the page of a claim waiting for her review, alternately from each
server (ABBA, so that drift in the machine's load falls on both alike). With the log, each
page writes its record as one INSERT in the request's own connection, committed on its own.
Target (issue 18): the log adds at most 1 ms to the page's p95.

Beside it, the INSERT alone: the service that writes a record, timed in this process; and the
page in this process through Django's test client, with and without the log in turn, with the
CPU this process spent on it, which the machine's other load disturbs less than the time.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common
import cpu

DB = "yibao_bench_access"
MEDIA = common.OUT / "access-media"
PREFILLED = 1_000_000
WARM_UP = 60
REQUESTS = 1000  # per server
CEILING_MS = 1.0
WITHOUT_LOG = "bench.wsgi_without_access_log:application"


def prepare() -> int:
    """The demo and its cases; PREFILLED access records; the claim the reviewer opens."""
    MEDIA.mkdir(parents=True, exist_ok=True)
    os.environ["MEDIA_ROOT"] = str(MEDIA)  # the servers inherit it (common.server_env)
    common.setup_django(DB)
    from django.core.management import call_command

    call_command("load_demo_cases", verbosity=0)
    from workflows.claims.choices import State
    from workflows.claims.models import Claim

    claim = Claim.objects.get(state=State.SUBMITTED)
    prefill(claim)
    common.settle(DB)
    return claim.pk


def prefill(claim) -> None:
    """PREFILLED looks at the people of Wuhan over the last 180 days, by its staff, in SQL."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from workflows.registry.models import InsuredPerson, User

    people = list(
        InsuredPerson.objects.filter(insured_city__code="420100").values_list("pk", flat=True)
    )
    users = list(User.objects.filter(staff_profile__isnull=False).values_list("pk", flat=True))
    case_type = ContentType.objects.get_for_model(claim).pk
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_accessrecord (at, user_id, user_name, user_role, "
            "user_organisation, person_id, case_type_id, case_id, case_number, what, "
            "ip_address) SELECT now() - (g * interval '15 seconds'), "
            "(%s::bigint[])[1 + g %% %s], '压测', 'center_reviewer', '武汉市医疗保险中心', "
            "(%s::bigint[])[1 + g %% %s], %s, %s, %s, 'viewed', '127.0.0.1' "
            "FROM generate_series(1, %s) AS g",
            [users, len(users), people, len(people), case_type, claim.pk, claim.number, PREFILLED],
        )
    print(
        f"prefilled {PREFILLED:,} access records in {time.perf_counter() - started:.0f} s",
        flush=True,
    )


def timed(browser: common.Browser, path: str) -> float:
    started = time.perf_counter()
    status, _location, body = browser.request("GET", path)
    elapsed = (time.perf_counter() - started) * 1000
    assert status == 200 and b"<h1>" in body, status
    return elapsed


def insert_alone(claim_pk: int, count: int = 400) -> list[float]:
    """The service that writes one record, in this process, autocommitted as a page's is."""
    from django.test import RequestFactory

    from workflows.audit.access.models import Access
    from workflows.audit.access.services import personal_data_viewed
    from workflows.claims.models import Claim
    from workflows.registry.models import User

    claim = Claim.objects.select_related("person").get(pk=claim_pk)
    reviewer = User.objects.get(username="center_chen")
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        personal_data_viewed(
            user=reviewer, person=claim.person, case=claim, what=Access.VIEWED, request=request
        )
        timings.append((time.perf_counter() - started) * 1000)
    return timings[20:]


def in_process(claim_pk: int, count: int = REQUESTS) -> dict[str, tuple[list, list]]:
    """The same page through Django's test client in this process, with and without the log
    in turn: its time, and the CPU this process spent on it (which the machine's other load
    disturbs less than the time)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    from workflows.claims import views
    from workflows.registry.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="center_chen"))
    session = client.session  # her second step given, as django-otp's sign-in records it
    session[DEVICE_ID_SESSION_KEY] = common.authenticator_for("center_chen").persistent_id
    session.save()
    recording = views.personal_data_viewed
    sides = {"with": recording, "without": lambda **_look: None}
    results = {side: ([], []) for side in sides}
    for n in range(WARM_UP + count):
        order = ("with", "without") if n % 2 == 0 else ("without", "with")
        for side in order:
            views.personal_data_viewed = sides[side]
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(f"/claims/{claim_pk}/")
            elapsed = (time.perf_counter() - started) * 1000
            spent = (time.process_time() - started_cpu) * 1000
            assert response.status_code == 200, response.status_code
            if n >= WARM_UP:
                results[side][0].append(elapsed)
                results[side][1].append(spent)
    views.personal_data_viewed = recording
    return results


def main() -> None:
    claim_pk = prepare()
    from workflows.audit.access.models import AccessRecord

    path = f"/claims/{claim_pk}/"
    ports = {"with": common.free_port(), "without": common.free_port()}
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs", flush=True)
    with (
        common.server(DB, port=ports["with"]),
        common.server(DB, port=ports["without"], application=WITHOUT_LOG),
    ):
        browsers = {side: common.Browser(port) for side, port in ports.items()}
        for browser in browsers.values():
            browser.sign_in("center_chen")
            for _ in range(WARM_UP):  # every worker process and thread, their caches
                timed(browser, path)
        timings = {"with": [], "without": []}
        before = AccessRecord.objects.count()
        cpu_before = cpu.cpu_by_command()
        for n in range(REQUESTS):
            order = ("with", "without") if n % 2 == 0 else ("without", "with")
            for side in order:
                timings[side].append(timed(browsers[side], path))
        cpu_after = cpu.cpu_by_command()
        written = AccessRecord.objects.count() - before
    assert written == REQUESTS, f"{written} access records for {REQUESTS} pages with the log"
    print("CPU per page (both servers): " + cpu.describe(cpu_before, cpu_after, 2 * REQUESTS))
    print(f"claim page with the access log:    {common.describe(timings['with'])}")
    print(f"claim page without the access log: {common.describe(timings['without'])}")
    p95 = {side: common.percentile(values, 0.95) for side, values in timings.items()}
    median = {side: common.percentile(values, 0.5) for side, values in timings.items()}
    print(
        f"access log's cost to a case page's p95: {p95['with']:.1f} ms with, "
        f"{p95['without']:.1f} ms without: {p95['with'] - p95['without']:+.2f} ms "
        f"(ceiling +{CEILING_MS:.1f} ms); median {median['with'] - median['without']:+.2f} ms"
    )
    alone = insert_alone(claim_pk)
    print(f"one access record written alone (one INSERT, committed): {common.describe(alone)}")
    local = in_process(claim_pk)
    for side, (elapsed, spent) in local.items():
        print(
            f"in process, {side} the access log: {common.describe(elapsed)}; "
            f"CPU median {common.percentile(spent, 0.5):.2f} ms"
        )
    p95 = {side: common.percentile(elapsed, 0.95) for side, (elapsed, _cpu) in local.items()}
    cpu_median = {side: common.percentile(spent, 0.5) for side, (_e, spent) in local.items()}
    print(
        f"in process, the access log's cost to the page's p95: "
        f"{p95['with'] - p95['without']:+.2f} ms (ceiling +{CEILING_MS:.1f} ms); "
        f"CPU {cpu_median['with'] - cpu_median['without']:+.2f} ms"
    )


if __name__ == "__main__":
    main()
