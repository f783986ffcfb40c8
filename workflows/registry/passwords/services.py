"""Writes of a password: one its owner chooses, and one someone else gives them."""

from django.contrib.auth import password_validation
from django.db import transaction

from ..models import User


@transaction.atomic
def password_change(*, user: User, password: str) -> User:
    """Set the ``password`` that ``user`` chose for themselves; they are asked no longer."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    return user


@transaction.atomic
def password_give(*, user: User, password: str) -> User:
    """Set a ``password`` someone else chose for ``user`` (an administrator's reset, a new
    account): it meets the same rules, and its owner is asked to choose their own before
    any other page, since whoever gave it knows it."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.must_change_password = True
    user.save()
    return user
