"""What a case type's flow and services share: Switch conditions on the case's state, and
finding and completing the viewflow task a service has just acted on."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

OPEN = (STATUS.NEW, STATUS.ASSIGNED)


def state_is(state: str):
    """A Switch condition: the process (the case) stands in ``state``."""

    def check(activation) -> bool:
        return activation.process.state == state

    check.__name__ = f"state_is_{state}"
    return check


def open_task(flow_class, process, node_name: str) -> Task | None:
    """The open task of ``process`` at the node ``node_name`` of ``flow_class``, if any."""
    return (
        Task.objects.filter(
            process_id=process.pk,
            flow_task=getattr(flow_class, node_name),
            status__in=[*OPEN, STATUS.SCHEDULED],
        )
        .order_by("-pk")
        .first()
    )


def finish_task(task: Task, process, by) -> None:
    """Complete ``task`` as done by ``by``; the flow moves on by the state already saved."""
    task.process = process  # the activation works on this very (locked, saved) instance
    activation = task.flow_task.activation_class(task)
    if task.status == STATUS.NEW:
        activation.assign(by)
    activation.start(None)
    activation.execute()
