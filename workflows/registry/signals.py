"""The changes a cached signed-in user must not outlive (``auth.CachedUserBackend``).

A user's own account, staff profile, insured-person record or groups: that user is read
again. An organisation a scope points to, a group or its permissions: everyone is.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save

from .auth import forget_signed_in_user, forget_signed_in_users
from .models import (
    Department,
    EmployerUnit,
    Institution,
    InsuredPerson,
    Region,
    StaffProfile,
    StandIn,
    User,
)


def _user_changed(sender, instance, **kwargs) -> None:
    forget_signed_in_user(instance.pk)


def _scope_changed(sender, instance, **kwargs) -> None:
    if instance.user_id is not None:
        forget_signed_in_user(instance.user_id)


def _stand_in_changed(sender, instance, **kwargs) -> None:
    forget_signed_in_user(instance.stand_in_id)  # whom they act for is read with them


def _organisation_changed(sender, **kwargs) -> None:
    forget_signed_in_users()


def _groups_changed(sender, instance, action, reverse, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, User):
        forget_signed_in_user(instance.pk)
    else:
        forget_signed_in_users()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=User, dispatch_uid=f"registry-user-{signal}")
        for model in (StaffProfile, InsuredPerson):
            signal.connect(_scope_changed, sender=model, dispatch_uid=f"registry-{model}-{signal}")
        signal.connect(
            _stand_in_changed, sender=StandIn, dispatch_uid=f"registry-stand-in-{signal}"
        )
        for model in (Region, Institution, Department, EmployerUnit, Group):
            signal.connect(
                _organisation_changed, sender=model, dispatch_uid=f"registry-{model}-{signal}"
            )
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(_groups_changed, sender=through, dispatch_uid=f"registry-{through}")
