"""Authentication backends: staff by username, insured people by resident ID, and the
signed-in user kept in the cache between requests with their role, scope and permissions."""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from . import resident_id as rid
from .models import User
from .selectors import actor_of

SIGNED_IN_SECONDS = 60
_VERSION_KEY = "registry:signed-in-version"


def _user_key(user_id) -> str:
    return f"registry:signed-in:{user_id}"


def forget_signed_in_user(user_id) -> None:
    """Forget the cached ``user_id``: their account, profile or person has changed."""
    _now_and_on_commit(lambda: cache.delete(_user_key(user_id)))


def forget_signed_in_users() -> None:
    """Forget every cached user: a role's permissions or an organisation has changed."""
    _now_and_on_commit(_bump_version)


def _bump_version() -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


def _now_and_on_commit(forget) -> None:
    # Now, so that this transaction's next read sees the change; again at commit, in case
    # another request cached the old rows meanwhile.
    forget()
    transaction.on_commit(forget)


class CachedUserBackend(ModelBackend):
    """Django's ModelBackend, keeping each signed-in user in the cache for a minute.

    Every page needs the user, their role and scope (``selectors.actor_of``) and their
    permissions: four queries, one of them joining four tables. The cache holds all of it as
    one entry, read with the cache's version in one round trip. The registry's signals forget
    an entry when its user, profile or person is saved, and every entry when a role, group or
    organisation changes (``workflows.registry.signals``); anything else is at most
    SIGNED_IN_SECONDS old.
    """

    def get_user(self, user_id):
        key = _user_key(user_id)
        found = cache.get_many([_VERSION_KEY, key])
        version = found.get(_VERSION_KEY, 0)
        cached_version, user = found.get(key, (None, None))
        if cached_version != version:
            user = super().get_user(user_id)
            if user is None:
                return None
            actor_of(user)
            self.get_all_permissions(user)
            cache.set(key, (version, user), SIGNED_IN_SECONDS)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = super().get_all_permissions(user_obj)
        return user_obj._perm_cache


class ResidentIdBackend(CachedUserBackend):
    """Authenticate ``resident_id`` + ``password`` against the insured person's account."""

    def authenticate(self, request, resident_id=None, password=None, **kwargs):
        if resident_id is None or password is None:
            return None
        try:
            number = rid.parse(resident_id).number
        except ValidationError:
            return None
        user = User.objects.filter(insured_person__resident_id=number).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
