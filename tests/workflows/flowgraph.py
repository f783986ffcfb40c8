"""Walking a viewflow flow the way the graph-agreement tests of every case type need."""

from workflows.flowkit import RoutedView


def where_state_leads(node, state: str):
    """Where the flow goes from ``node`` when its task ends with the case in ``state``."""
    if isinstance(node, RoutedView):
        destination = node.route_for(state)
        assert destination is not None, f"{node.name} has no route for {state}"
        return destination
    (edge,) = list(node._outgoing())
    return edge.dst
