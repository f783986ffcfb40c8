"""The machine's ceiling for an approval: the statements one step runs, in plain SQL, by pgbench.

A set is what the database does for one approval: the referral and its process row locked,
the task read, the transition saved where the row is still in the state read, the step
recorded, the task completed, the next task created and linked to it, in one transaction.
pgbench runs sets with eight clients (two threads) and prepared statements for a fixed time.
Each client approves scratch copies of one referral of its own department and of its
director's task, each copy once as the HTTP clients do, so the sets do not contend, every
guarded UPDATE finds its row, and the referrals the HTTP run counted are left alone.
"""

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import common
import cpu
import psycopg

PGBENCH = "/usr/bin/pgbench"
SECONDS = 10
# Scratch ids lie above any id the benchmark's sequences hand out: client c approves
# FIRST_ID + c * STRIDE + 1, + 2, ... (ROWS_PER_CLIENT of them, several times what it needs).
FIRST_ID = 1_000_000_000
STRIDE = 1_000_000
ROWS_PER_CLIENT = 15_000


@dataclass(frozen=True)
class Template:
    """One client's proposed referral, its open director's task, and the director."""

    referral_id: int
    task_id: int
    director_id: int


@dataclass(frozen=True)
class Ceiling:
    rate: float  # sets per second, as pgbench counts them (connection time left out)
    sets: int
    failed: int
    approved: int  # scratch referrals the sets moved on: each set should move one
    latency_ms: float
    cpu_per_set: str  # milliseconds of CPU per set, by process, over the run's middle


def copy_rows(db_name: str, templates: list[Template]) -> None:
    """ROWS_PER_CLIENT copies of each client's referral, proposed, and of its open task."""
    from viewflow.workflow.models import Process, Task

    from workflows.referrals.models import Referral

    proposed = {
        "process_ptr_id": "g",
        "number": "'PGB' || g",
        "state": "'proposed'",
        "valid_until": "NULL",
        "transferred_on": "NULL",
    }
    not_taken = {"status": "'NEW'", "owner_id": "NULL", "assigned": "NULL", "started": "NULL"}
    with psycopg.connect(common.database_url(db_name)) as connection:
        for client, template in enumerate(templates):
            first = FIRST_ID + client * STRIDE + 1
            ids = [first, first + ROWS_PER_CLIENT - 1]
            process = _copy_sql(Process, {"id": "g", "finished": "NULL"})
            connection.execute(process, [*ids, template.referral_id])
            connection.execute(_copy_sql(Referral, proposed), [*ids, template.referral_id])
            task = _copy_sql(Task, {"id": "g", "process_id": "g", "finished": "NULL", **not_taken})
            connection.execute(task, [*ids, template.task_id])
    common.settle(db_name)


def _copy_sql(model, overrides: dict[str, str]) -> str:
    """Copies of one row of ``model``'s own table, one per id ``g`` from %s to %s, with the
    columns ``overrides`` names set to its SQL expressions; the row's id is the third %s."""
    table = model._meta.db_table
    columns = [field.column for field in model._meta.local_concrete_fields]
    names = ", ".join(f'"{column}"' for column in columns)
    values = ", ".join(overrides.get(column, f'"{column}"') for column in columns)
    pk = model._meta.pk.column
    return (
        f'INSERT INTO "{table}" ({names}) SELECT {values} '
        f'FROM "{table}", generate_series(%s::int, %s::int) AS g WHERE "{table}"."{pk}" = %s'
    )


def script(templates: list[Template]) -> str:
    """The pgbench script of one set, on the client's next scratch referral."""
    from django.contrib.contenttypes.models import ContentType
    from viewflow.workflow.fields import get_task_ref
    from viewflow.workflow.models import Task

    from workflows.referrals.flows import ReferralFlow
    from workflows.referrals.models import Referral

    directors = " ".join(
        f"WHEN :client_id = {c} THEN {t.director_id}" for c, t in enumerate(templates)
    )
    referral = _select_list(Referral._meta.concrete_fields)
    task = _select_list(Task._meta.concrete_fields)
    next_task = {
        "flow_task": f"'{get_task_ref(ReferralFlow.office_review)}'",
        "flow_task_type": "'HUMAN'",
        "status": "'NEW'",
        "created": "now()",
        "token": "'start'",
        "owner_permission": "'referrals.review_referral_as_office'",
        "process_id": ":id",
        "data": "'{}'::jsonb",
    }
    next_columns = [f.column for f in Task._meta.concrete_fields if f.column != "id"]
    next_names = ", ".join(f'"{column}"' for column in next_columns)
    next_values = ", ".join(next_task.get(column, "NULL") for column in next_columns)
    step_record = (
        f"{ContentType.objects.get_for_model(Referral).pk}, :id, 'PGB' || :id, "
        "'director_review', 'approve', :director, '压测', 'department_director', "
        "'武汉长江医院 压测科室', '同意', 'proposed', 'department_approved', now(), "
        "'127.0.0.1'::inet, ''"
    )
    return "\n".join(
        [
            "\\set n :n + 1",
            f"\\set id {FIRST_ID} + :client_id * {STRIDE} + :n",
            f"\\set director CASE {directors} END",
            "BEGIN;",
            f'SELECT {referral} FROM "referrals_referral" INNER JOIN "viewflow_process" ON '
            '("referrals_referral"."process_ptr_id" = "viewflow_process"."id") '
            'WHERE "referrals_referral"."process_ptr_id" = :id LIMIT 21 '
            'FOR UPDATE OF "referrals_referral", "viewflow_process";',
            f'SELECT {task} FROM "viewflow_task" WHERE ("viewflow_task"."process_id" = :id AND '
            f'"viewflow_task"."flow_task" = \'{get_task_ref(ReferralFlow.director_review)}\' AND '
            "\"viewflow_task\".\"status\" IN ('NEW', 'ASSIGNED', 'SCHEDULED')) "
            'ORDER BY "viewflow_task"."id" DESC LIMIT 1;',
            'UPDATE "referrals_referral" SET "state" = \'department_approved\', '
            '"state_changed_at" = now(), "valid_until" = NULL WHERE '
            '("referrals_referral"."process_ptr_id" = :id AND '
            '"referrals_referral"."state" = \'proposed\');',
            'INSERT INTO "audit_steprecord" ("case_type_id", "case_id", "case_number", "step", '
            '"action", "actor_id", "actor_name", "actor_role", "actor_organisation", "opinion", '
            '"state_before", "state_after", "at", "ip_address", "on_behalf_of_name") '
            f"VALUES ({step_record}) "
            'RETURNING "audit_steprecord"."id";',
            'UPDATE "viewflow_task" SET "owner_id" = :director, "assigned" = now(), '
            '"started" = now(), "finished" = now(), "status" = \'DONE\' '
            'WHERE "viewflow_task"."id" = :id;',
            f'INSERT INTO "viewflow_task" ({next_names}) VALUES ({next_values}) '
            'RETURNING "viewflow_task"."id" AS next_task \\gset',
            'INSERT INTO "viewflow_task_previous" ("from_task_id", "to_task_id") '
            "VALUES (:next_task, :id) ON CONFLICT DO NOTHING;",
            "COMMIT;",
            "",
        ]
    )


def _select_list(fields) -> str:
    return ", ".join(f'"{field.model._meta.db_table}"."{field.column}"' for field in fields)


def run(db_name: str, templates: list[Template], *, out: Path) -> Ceiling:
    """Copy the scratch rows, then run the sets for SECONDS with one client per template."""
    copy_rows(db_name, templates)
    path = out / "approval.pgbench"
    path.write_text(script(templates))
    command = [
        PGBENCH,
        "--no-vacuum",
        "--protocol=prepared",
        f"--client={len(templates)}",
        "--jobs=2",
        f"--time={SECONDS}",
        "--define=n=0",
        f"--file={path}",
        common.database_url(db_name),
    ]
    # pgbench's connections end with it, and their CPU with them: read it while they run.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    time.sleep(1)
    cpu_before, started = cpu.cpu_by_command(), time.perf_counter()
    time.sleep(SECONDS - 2)
    cpu_after, window = cpu.cpu_by_command(), time.perf_counter() - started
    output, _ = process.communicate()
    if process.returncode != 0 or "tps = " not in output:
        raise RuntimeError(f"pgbench failed:\n{output}")
    rate = float(_figure(r"tps = ([\d.]+) \(without initial connection time\)", output))
    sets = int(_figure(r"actually processed: (\d+)", output))
    with psycopg.connect(common.database_url(db_name)) as connection:
        (approved,) = connection.execute(
            "SELECT count(*) FROM referrals_referral WHERE process_ptr_id > %s AND state = %s",
            [FIRST_ID, "department_approved"],
        ).fetchone()
    return Ceiling(
        rate=rate,
        sets=sets,
        failed=int(_figure(r"number of failed transactions: (\d+)", output, default="0")),
        approved=approved,
        latency_ms=float(_figure(r"latency average = ([\d.]+) ms", output, default="nan")),
        cpu_per_set=cpu.describe(cpu_before, cpu_after, round(rate * window)),
    )


def _figure(pattern: str, output: str, default: str | None = None) -> str:
    found = re.search(pattern, output)
    if found is None and default is None:
        raise RuntimeError(f"pgbench said nothing matching {pattern!r}:\n{output}")
    return found.group(1) if found else default
