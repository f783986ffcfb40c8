"""Authentication backends: staff by username, insured people by resident ID, and permission
sets cached between requests."""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import ValidationError

from . import resident_id as rid
from .models import User

PERMISSIONS_SECONDS = 60
_VERSION_KEY = "registry:permissions-version"


def permissions_changed() -> None:
    """Forget every cached permission set (a role or a group's permissions changed)."""
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 1, None)


class CachedPermissionsBackend(ModelBackend):
    """Django's ModelBackend, with each user's permission set kept in the cache for a minute.

    Every signature asks ``has_perm``; without the cache that is two queries a request. Our
    own services call ``permissions_changed()`` when they change a role; a group edited in the
    admin takes effect within PERMISSIONS_SECONDS.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = f"registry:permissions:{cache.get(_VERSION_KEY, 0)}:{user_obj.pk}"
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, PERMISSIONS_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


class ResidentIdBackend(CachedPermissionsBackend):
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
