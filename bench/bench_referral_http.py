"""Referral approval steps per second through the whole HTTP stack on PostgreSQL.

Eight clients (wrk connections), each a signed-in department director, post "approve" on
their own open tasks: session, CSRF, form, lock, transition, step record, next task. The
figure is counted from the step records the run wrote, not from HTTP answers.
Target: at least 300 approval steps per second on a 2-core machine.

Beside it, in the same run, the ceiling of the machine: the statements of an approval in
plain SQL, run by pgbench with eight clients (``ceiling.py``), and the ratio of the two.
"""

import datetime
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ceiling
import common
import cpu

DB = "yibao_bench_http"
CLIENTS = 8
WARMUP_PER_CLIENT = 150
MEASURED_SECONDS = 10
# Open tasks per client. A client that has posted to all its tasks stops, and wrk's clients
# are not served evenly: a connection that has a worker process to itself was seen to run at
# 150 steps/s while the others ran at 45. So each has room for the warm-up, then 10 s at 150.
PER_CLIENT = WARMUP_PER_CLIENT + 1500


def prepare() -> list[tuple[str, list[int]]]:
    """Eight departments, each with a director, a physician and PER_CLIENT proposed referrals."""
    common.setup_django(DB)
    from workflows.referrals import services
    from workflows.registry.models import Department, Institution, InsuredPerson, User
    from workflows.registry.roles import Role
    from workflows.registry.services import staff_profile_save

    hospital = Institution.objects.get(code="H42010200001")
    target = Department.objects.get(institution__code="H42050200001", code="CARD")
    patients = list(InsuredPerson.objects.filter(insured_city__code="420100"))
    password = User.objects.get(username="doctor_li").password
    today = datetime.date.today()
    plan = []
    started = time.perf_counter()
    for n in range(CLIENTS):
        department = Department.objects.create(
            institution=hospital, code=f"BENCH{n}", name=f"压测科室{n}"
        )
        people = {}
        for role in (Role.DEPARTMENT_DIRECTOR, Role.ATTENDING_PHYSICIAN):
            user = User.objects.create(
                username=f"bench_{role.value}_{n}", password=password, full_name=f"压测{n}"
            )
            staff_profile_save(user=user, role=role, institution=hospital, department=department)
            people[role] = user
        referral_ids = [
            services.referral_open(
                by=people[Role.ATTENDING_PHYSICIAN],
                person=patients[i % len(patients)],
                propose=True,
                opinion="建议转诊",
                diagnosis="冠心病",
                admission_date=today - datetime.timedelta(days=2),
                transfer_date=today + datetime.timedelta(days=1),
                target_institution=target.institution,
                target_department=target,
                scope="within_province",
                reason="需介入治疗",
                case_summary="病情摘要",
            ).pk
            for i in range(PER_CLIENT)
        ]
        plan.append((people[Role.DEPARTMENT_DIRECTOR].username, referral_ids))
    print(
        f"prepared {CLIENTS * PER_CLIENT} proposed referrals in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return plan


def task_paths(referral_ids: list[int]) -> list[str]:
    """Each referral's decision page, where its director posts the decision."""
    return [f"/referrals/{pk}/decide/" for pk in referral_ids]


def write_lua_data(path: Path, sessions: list[tuple[str, str]], paths: list[list[str]]):
    lines = ["return {"]
    for (cookie, csrf), mine in zip(sessions, paths, strict=True):
        quoted = ", ".join(f'"{p}"' for p in mine)
        lines.append(f'  {{cookie = "{cookie}", csrf = "{csrf}", paths = {{{quoted}}}}},')
    lines.append("}")
    path.write_text("\n".join(lines))


def run_wrk(port: int, data_file: Path, seconds: int) -> str:
    result = subprocess.run(
        [
            common.ensure_wrk(),
            "-t",
            str(CLIENTS),
            "-c",
            str(CLIENTS),
            "-d",
            f"{seconds}s",
            "--latency",
            "-s",
            str(common.ROOT / "bench" / "wrk_approve.lua"),
            f"http://127.0.0.1:{port}/",
            "--",
            str(data_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def ceiling_templates(plan: list[tuple[str, list[int]]]) -> list[ceiling.Template]:
    """Each client's last referral (the one its HTTP client reached last, if at all), the
    director's task of it and the director: what its pgbench client copies and approves."""
    from viewflow.workflow.models import Task

    from workflows.referrals.flows import ReferralFlow
    from workflows.registry.models import User

    templates = []
    for username, ids in plan:
        task = Task.objects.get(process_id=ids[-1], flow_task=ReferralFlow.director_review)
        director = User.objects.get(username=username)
        templates.append(ceiling.Template(ids[-1], task.pk, director.pk))
    return templates


def main() -> None:
    plan = prepare()
    common.settle(DB)
    from workflows.audit.models import Action, StepRecord

    common.OUT.mkdir(parents=True, exist_ok=True)
    port = common.free_port()
    all_paths = [task_paths(ids) for _username, ids in plan]
    with common.server(DB, port=port):
        sessions = []
        for username, _ids in plan:
            browser = common.Browser(port)
            browser.sign_in(username)
            cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
            sessions.append((cookie, browser.cookies["csrftoken"]))
        warmup = common.OUT / "wrk_warmup.lua"
        measured = common.OUT / "wrk_measured.lua"
        write_lua_data(warmup, sessions, [p[:WARMUP_PER_CLIENT] for p in all_paths])
        write_lua_data(measured, sessions, [p[WARMUP_PER_CLIENT:] for p in all_paths])
        run_wrk(port, warmup, 3)
        before = StepRecord.objects.filter(action=Action.APPROVE).count()
        cpu_before = cpu.cpu_by_command()
        started = time.perf_counter()
        output = run_wrk(port, measured, MEASURED_SECONDS)
        elapsed = time.perf_counter() - started
        cpu_after = cpu.cpu_by_command()
        approvals = StepRecord.objects.filter(action=Action.APPROVE).count() - before
    print(output.strip())
    ran_out = int(re.search(r"wrk: (\d+) clients ran out", output).group(1))
    if ran_out:
        print(
            f"WARNING: {ran_out} of {CLIENTS} clients posted to all their tasks before the end; "
            "the rate below is low. Raise PER_CLIENT."
        )
    print("CPU per approval step: " + cpu.describe(cpu_before, cpu_after, approvals))
    rate = approvals / elapsed
    print(
        f"approval steps through HTTP on PostgreSQL, {CLIENTS} clients, served by scripts/serve "
        f"on {os.cpu_count()} cores: {rate:.0f} per second "
        f"({approvals} step records in {elapsed:.1f} s) (target >= 300)",
        flush=True,
    )
    plain = ceiling.run(DB, ceiling_templates(plan), out=common.OUT)
    if plain.failed or plain.approved != plain.sets:
        print(
            f"WARNING: of {plain.sets} pgbench sets {plain.failed} failed and "
            f"{plain.approved} approved a referral; the ceiling below is not what it says."
        )
    print("CPU per pgbench set: " + plain.cpu_per_set)
    print(
        f"the same statements in plain SQL through pgbench, {CLIENTS} clients, prepared: "
        f"{plain.rate:.0f} sets per second ({plain.sets} sets in {ceiling.SECONDS} s, "
        f"latency average {plain.latency_ms:.1f} ms)"
    )
    print(f"approval steps through HTTP against the plain-SQL ceiling: {rate / plain.rate:.1%}")


if __name__ == "__main__":
    main()
