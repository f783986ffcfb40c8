"""A second dean in charge of 武汉长江医院, to stand in for its dean 刘洋."""

import pytest

from tests.factories import make_colleague


def make_second_dean(world):
    """孙立, a dean in charge of 刘洋's hospital, who signs in as the demo's personas do."""
    return make_colleague(world, "dean_liu", username="dean_sun", full_name="孙立")


@pytest.fixture
def sun(world):
    return make_second_dean(world)
