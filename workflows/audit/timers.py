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
    reminded: int = 0  # open steps found due on the next working day


def run_workflow_timers(*, now: datetime.datetime) -> Fired:
    """Fire the due timers, then record every open step newly past its due date or due on the
    next working day. Each case app offers its sweep as its AppConfig's ``escalation`` (this
    app imports none of them)."""
    fired = fire_due_timers()
    swept = [
        config.escalation.sweep(now=now)
        for config in apps.get_app_configs()
        if hasattr(config, "escalation")
    ]
    return Fired(
        timers=fired,
        overdue=sum(s.overdue for s in swept),
        reminded=sum(s.reminded for s in swept),
    )
