"""Writes of a password: the one its owner chooses."""

from django.contrib.auth import password_validation
from django.db import transaction

from ..models import User


@transaction.atomic
def password_change(*, user: User, password: str) -> User:
    """Set the ``password`` that ``user`` chose for themselves."""
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user
