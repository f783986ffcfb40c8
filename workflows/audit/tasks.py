"""Background work of the audit app, on a schedule: the workflow timers, the access log's
retention sweep."""

from celery import shared_task

from workflows import clock
from workflows.audit.timers import run_workflow_timers

from .access.services import access_records_sweep


@shared_task(name="workflows.audit.fire_workflow_timers")
def fire_workflow_timers() -> int:
    """Fire every due viewflow timer (approvals lapse, temporary filings expire) and record the
    steps newly past their due dates, as `manage.py workflow_timers` does; the worker's
    schedule runs it every minute. How many timers and overdue steps there were."""
    fired = run_workflow_timers(now=clock.now())
    return fired.timers + fired.overdue + fired.reminded


@shared_task(name="workflows.audit.sweep_access_log")
def sweep_access_log() -> int:
    """Delete the access records past their retention, as `manage.py sweep_access_log` does;
    the worker's schedule runs it daily."""
    return access_records_sweep()
