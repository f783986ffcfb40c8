"""The flow (who acts next) and the state machine (where the case stands) describe one process."""

from viewflow.workflow.flow import nodes

from tests.workflows.flowgraph import where_state_leads
from workflows.referrals.choices import FINAL_STATES, STATE_OF_STEP, State, Step
from workflows.referrals.flows import ReferralFlow
from workflows.referrals.models import Referral

# Transitions not fired from a human step: which flow node fires each (None: the whole
# process is cancelled, wherever it stands).
FIRED_ELSEWHERE = {"mark_used": "await_transfer", "lapse": "lapse", "withdraw": None}


def fsm_transitions() -> list[tuple[str, str, str]]:
    field = Referral._meta.get_field("state")
    return [(t.name, t.source, t.target) for t in field.get_all_transitions(Referral)]


def flow_node(name: str):
    return ReferralFlow.instance.node(name, no_obsolete=True)


def test_every_route_of_a_step_is_a_transition_from_its_state():
    """No route leads out of a step on a state its transitions cannot reach."""
    targets = {}
    for _name, source, target in fsm_transitions():
        targets.setdefault(source, set()).add(target)
    for step in Step:
        node = flow_node(step)
        routed = {state for state, _node in node.routes}
        assert routed == targets[STATE_OF_STEP[step]] - {State.WITHDRAWN}, step


def test_every_human_step_of_the_flow_is_a_step_of_the_state_machine():
    human = {n.name for n in ReferralFlow.instance.nodes() if isinstance(n, nodes.View)}
    assert human == set(Step.values)
    for step in Step:
        sources = {source for _name, source, _target in fsm_transitions()}
        assert STATE_OF_STEP[step] in sources, f"{step} has no transition"


def test_each_transition_from_a_step_leads_where_the_flow_goes():
    open_state_of = {node: STATE_OF_STEP[Step(node)] for node in Step.values}
    step_of_open_state = {state: step for step, state in open_state_of.items()}
    checked = 0
    for name, source, target in fsm_transitions():
        if name in FIRED_ELSEWHERE or source not in step_of_open_state:
            continue
        node = flow_node(step_of_open_state[source])
        destination = where_state_leads(node, target)
        if target in step_of_open_state:
            assert destination.name == step_of_open_state[target], (name, source, target)
        elif target == State.APPROVED:
            assert destination.name == "await_transfer", (name, source, target)
        else:
            assert target in FINAL_STATES and isinstance(destination, nodes.End), (
                name,
                source,
                target,
            )
        checked += 1
    assert checked >= 13  # propose, 3 approve + grant, 4 send_back, 4 reject


def test_every_transition_has_a_flow_step_and_every_task_a_transition():
    for name, source, _target in fsm_transitions():
        if name in FIRED_ELSEWHERE:
            node_name = FIRED_ELSEWHERE[name]
            assert node_name is None or flow_node(node_name) is not None, name
        else:
            assert source in STATE_OF_STEP.values(), f"{name} from {source} has no step"
    task_nodes = {
        n.name
        for n in ReferralFlow.instance.nodes()
        if isinstance(n, (nodes.View, nodes.Handle, nodes.Function))
    }
    assert task_nodes == set(Step.values) | {v for v in FIRED_ELSEWHERE.values() if v}


def test_approved_referrals_wait_for_the_transfer_or_lapse_by_timer():
    waiting = flow_node("await_transfer")
    assert where_state_leads(waiting, State.USED).name == "used"
    boundary = flow_node("await_transfer__timeout")
    assert boundary is not None
    (edge,) = list(boundary._outgoing())
    assert edge.dst.name == "lapse"
