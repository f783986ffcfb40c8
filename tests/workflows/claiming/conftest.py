"""A second reviewer of the Wuhan center, so that a task has someone else to be taken from."""

import pytest

from tests.factories import make_staff
from tests.pages import DEMO_PASSWORD, give_authenticator
from workflows.registry.roles import Role


def make_second_reviewer(world):
    """吴敏, a reviewer of 陈静's city, who signs in as the demo's personas do."""
    city = world.users["center_chen"].staff_profile.city
    wu = make_staff(Role.CENTER_REVIEWER, username="center_wu", password=DEMO_PASSWORD, city=city)
    wu.full_name = "吴敏"
    wu.save(update_fields=["full_name"])
    give_authenticator(wu)
    return wu


@pytest.fixture
def second_reviewer(world):
    return make_second_reviewer(world)
