"""A second dean in charge of 武汉长江医院, to stand in for its dean 刘洋."""

import pytest

from tests.factories import make_staff
from tests.pages import DEMO_PASSWORD, give_authenticator
from workflows.registry.roles import Role


def make_second_dean(world):
    """孙立, a dean in charge of 刘洋's hospital, who signs in as the demo's personas do."""
    hospital = world.users["dean_liu"].staff_profile.institution
    user = make_staff(Role.DEAN, username="dean_sun", password=DEMO_PASSWORD, institution=hospital)
    user.full_name = "孙立"
    user.save(update_fields=["full_name"])
    give_authenticator(user)
    return user


@pytest.fixture
def sun(world):
    return make_second_dean(world)
