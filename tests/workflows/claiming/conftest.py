"""A second reviewer of the Wuhan center, so that a task has someone else to be taken from."""

import pytest

from tests.factories import make_colleague


def make_second_reviewer(world):
    """吴敏, a reviewer of 陈静's city, who signs in as the demo's personas do."""
    return make_colleague(world, "center_chen", username="center_wu", full_name="吴敏")


@pytest.fixture
def second_reviewer(world):
    return make_second_reviewer(world)
