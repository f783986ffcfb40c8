"""A system check: settings.TWO_STEP_REQUIRED_ROLES names roles that exist."""

from django.conf import settings
from django.core.checks import Error, register

from ..roles import Role


@register()
def required_roles_exist(app_configs=None, **kwargs) -> list[Error]:
    unknown = sorted(set(settings.TWO_STEP_REQUIRED_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        Error(
            f"TWO_STEP_REQUIRED_ROLES names no role: {', '.join(unknown)}.",
            hint=f"The roles are: {', '.join(Role.values)}.",
            id="registry.E001",
        )
    ]
