"""Background work of the audit app: the workflow timers, fired on a schedule."""

from celery import shared_task
from viewflow.workflow.timers import fire_due_timers


@shared_task(name="workflows.audit.fire_workflow_timers")
def fire_workflow_timers() -> int:
    """Fire every due viewflow timer (approvals lapse, temporary filings expire), as
    `manage.py workflow_timers` does; the worker's schedule runs it every minute."""
    return fire_due_timers()
