"""The flow (who acts next) and the state machine (where the filing stands) describe one process."""

from viewflow.workflow.flow import nodes

from tests.workflows.flowgraph import where_state_leads
from workflows.resettlement.choices import FINAL_STATES, QUEUE_STATES, STEP_OF_STATE, State, Step
from workflows.resettlement.flows import FilingFlow
from workflows.resettlement.models import Filing

# Transitions not fired from a human step: which flow node fires each.
FIRED_ELSEWHERE = {"expire": "expire"}


def fsm_transitions() -> list[tuple[str, str, str]]:
    field = Filing._meta.get_field("state")
    return [(t.name, t.source, t.target) for t in field.get_all_transitions(Filing)]


def flow_node(name: str):
    return FilingFlow.instance.node(name, no_obsolete=True)


def test_every_human_step_of_the_flow_is_a_step_of_the_state_machine():
    human = {n.name for n in FilingFlow.instance.nodes() if isinstance(n, nodes.View)}
    assert human == set(Step.values)
    sources = {source for _name, source, _target in fsm_transitions()}
    for state, step in STEP_OF_STATE.items():
        assert state in sources, f"{step} open in {state} has no transition"


def test_every_route_of_a_step_is_a_transition_from_its_states():
    targets: dict[str, set] = {}
    for name, source, target in fsm_transitions():
        if name not in FIRED_ELSEWHERE:
            targets.setdefault(STEP_OF_STATE[source], set()).add(target)
    for step in Step:
        assert {state for state, _node in flow_node(step).routes} == targets[step], step


def test_every_transition_leaves_a_step_and_leads_where_the_flow_goes():
    checked = 0
    for name, source, target in fsm_transitions():
        if name in FIRED_ELSEWHERE:
            continue
        assert source in STEP_OF_STATE, f"{name} from {source} has no step"
        destination = where_state_leads(flow_node(STEP_OF_STATE[source]), target)
        if target in STEP_OF_STATE:
            assert destination.name == STEP_OF_STATE[target], (name, source, target)
        else:
            assert target in FINAL_STATES and isinstance(destination, nodes.End), (name, target)
            assert destination.name == target, (name, target)
        checked += 1
    # submit ×2; withdraw ×4; approve, approve_temporary, send_back, reject; request_change;
    # approve_change, return_change, refuse_change
    assert checked == 14


def test_every_state_is_reached_and_only_final_states_have_no_step():
    targets = {target for _name, _source, target in fsm_transitions()}
    assert targets | {State.DRAFT} == set(State.values)
    assert set(State.values) - set(STEP_OF_STATE) == set(FINAL_STATES)


def test_temporary_filings_expire_by_timer_and_only_they_have_one():
    boundary = flow_node("hold_temporary__timeout")
    (edge,) = list(boundary._outgoing())
    assert edge.dst.name == "expire"
    assert where_state_leads(flow_node("expire"), State.EXPIRED).name == State.EXPIRED
    assert flow_node("hold__timeout") is None


def test_the_center_queue_holds_exactly_the_states_of_the_centers_steps():
    centre_steps = {Step.REVIEW, Step.CHANGE_REVIEW}
    assert {s for s, step in STEP_OF_STATE.items() if step in centre_steps} == set(QUEUE_STATES)
