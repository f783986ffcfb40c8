"""A password someone else chooses for a person (an administrator's reset or a user added in
the admin, an insured person's account opened for her, the demo's) meets the rules, and asks
its owner to choose their own."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.factories import InsuredPersonFactory
from tests.pages import sign_in, sign_in_response
from workflows.registry.models import User
from workflows.registry.passwords.validators import HAS_RESIDENT_ID, NO_SYMBOL
from workflows.registry.services import insured_person_open_account

GIVEN_PASSWORD = "Reset-2026-Spring"


def test_the_administrators_reset_asks_its_owner_to_choose_their_own(client, world):
    sign_in(client, "admin")
    li = world.users["doctor_li"]
    response = client.post(
        reverse("admin:auth_user_password_change", args=[li.pk]),
        {"usable_password": "true", "password1": GIVEN_PASSWORD, "password2": GIVEN_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    li.refresh_from_db()
    assert li.check_password(GIVEN_PASSWORD) and li.must_change_password
    assert client.get(reverse("home")).status_code == 200  # the administrator's own account

    client.logout()
    sign_in_response(client, "doctor_li", GIVEN_PASSWORD)
    assert client.get(reverse("home"))["Location"].startswith(reverse("password_change"))


def test_the_administrators_reset_meets_the_rules(client, world):
    sign_in(client, "admin")
    li = world.users["doctor_li"]
    response = client.post(
        reverse("admin:auth_user_password_change", args=[li.pk]),
        {"usable_password": "true", "password1": "Reset2026ab", "password2": "Reset2026ab"},
    )
    assert response.status_code == 200
    assert str(NO_SYMBOL) in response.content.decode()  # the administrator reads Chinese
    li.refresh_from_db()
    assert not li.must_change_password


def test_a_user_added_in_the_admin_chooses_their_own_password_at_first_sign_in(client, world):
    sign_in(client, "admin")
    response = client.post(
        reverse("admin:registry_user_add"),
        {
            "username": "newcomer",
            "usable_password": "true",
            "password1": GIVEN_PASSWORD,
            "password2": GIVEN_PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="newcomer").must_change_password


def test_the_administrator_may_ask_anyone_to_change_their_password(client, world):
    sign_in(client, "admin")
    page = client.get(reverse("admin:registry_user_change", args=[world.users["dean_liu"].pk]))
    assert 'name="must_change_password"' in page.content.decode()


def test_an_account_opened_for_an_insured_person_asks_her_for_her_own_password(db):
    person = InsuredPersonFactory(name="周小梅")
    user = insured_person_open_account(person=person, password=GIVEN_PASSWORD)
    assert user.check_password(GIVEN_PASSWORD) and user.must_change_password


def test_an_account_is_not_opened_with_a_password_of_her_resident_id(db):
    person = InsuredPersonFactory(name="周小梅")
    with pytest.raises(ValidationError) as refused:
        insured_person_open_account(person=person, password=f"Zhou#{person.resident_id[-6:]}x")
    assert refused.value.messages == [str(HAS_RESIDENT_ID)]
    person.refresh_from_db()
    assert person.user is None


def test_loading_the_demo_again_asks_again(demo):
    User.objects.update(must_change_password=False)
    call_command("load_demo", verbosity=0)
    assert not User.objects.filter(must_change_password=False).exists()
