"""The workflow timers: viewflow's due timers (approvals lapse, temporary filings expire), then
each case type's sweep for open steps past their due dates (``workflows.escalation``)."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from viewflow.workflow.timers import fire_due_timers


@dataclass(frozen=True)
class Fired:
    timers: int  # viewflow timers fired
    overdue: int  # open steps found past their due dates


def run_workflow_timers(*, now: datetime.datetime) -> Fired:
    """Fire the due timers, then record every open step newly past its due date. Each case
    app offers its sweep as its AppConfig's ``escalation`` (this app imports none of them)."""
    fired = fire_due_timers()
    overdue = sum(
        config.escalation.sweep(now=now)
        for config in apps.get_app_configs()
        if hasattr(config, "escalation")
    )
    return Fired(timers=fired, overdue=overdue)
