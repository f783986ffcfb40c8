"""The registry app: people, institutions, units, roles."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(**kwargs) -> None:
    from .roles import sync_roles

    sync_roles()


class RegistryConfig(AppConfig):
    name = "workflows.registry"
    label = "registry"
    verbose_name = _("Registry")

    @property
    def role_permissions(self):
        from .roles import REGISTRY_PERMISSIONS

        return REGISTRY_PERMISSIONS

    def ready(self) -> None:
        # Groups and their permissions are data every installation needs, so they are kept in
        # step with the code after every migrate (after Django has created the permissions).
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="registry-sync-roles")
        from . import signals

        signals.connect()
