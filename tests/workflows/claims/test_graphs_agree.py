"""The flow (who acts next) and the state machine (where the claim stands) describe one process."""

from viewflow.workflow.flow import nodes

from tests.workflows.flowgraph import where_state_leads
from workflows.claims.choices import FINAL_STATES, STEP_OF_STATE, State, Step
from workflows.claims.flows import ClaimFlow
from workflows.claims.models import Claim
from workflows.claims.selectors import QUEUE_STATES


def fsm_transitions() -> list[tuple[str, str, str]]:
    field = Claim._meta.get_field("state")
    return [(t.name, t.source, t.target) for t in field.get_all_transitions(Claim)]


def flow_node(name: str):
    return ClaimFlow.instance.node(name, no_obsolete=True)


def test_every_human_step_of_the_flow_is_a_step_of_the_state_machine():
    human = {n.name for n in ClaimFlow.instance.nodes() if isinstance(n, nodes.View)}
    assert human == set(Step.values)
    sources = {source for _name, source, _target in fsm_transitions()}
    for state, step in STEP_OF_STATE.items():
        assert state in sources, f"{step} open in {state} has no transition"


def test_every_transition_leaves_a_step_and_leads_where_the_flow_goes():
    checked = 0
    for name, source, target in fsm_transitions():
        assert source in STEP_OF_STATE, f"{name} from {source} has no step"
        destination = where_state_leads(flow_node(STEP_OF_STATE[source]), target)
        if target in STEP_OF_STATE:
            assert destination.name == STEP_OF_STATE[target], (name, source, target)
        else:
            assert target in FINAL_STATES and isinstance(destination, nodes.End), (name, target)
            assert destination.name == target, (name, target)
        checked += 1
    # submit and withdraw from draft and from returned; return, approve, close, reject; pay
    assert checked == 9


def test_every_state_is_reached_and_only_final_states_have_no_step():
    targets = {target for _name, _source, target in fsm_transitions()}
    assert targets | {State.DRAFT} == set(State.values)
    assert set(State.values) - set(STEP_OF_STATE) == set(FINAL_STATES)


def test_the_center_queue_holds_exactly_the_states_of_the_centers_steps():
    centre_steps = {Step.REVIEW, Step.PAY}
    assert {s for s, step in STEP_OF_STATE.items() if step in centre_steps} == set(QUEUE_STATES)
