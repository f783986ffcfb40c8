"""``{% task_holder case %}``: who holds the case's task, and the buttons to take, release or
give it (workflows/claiming.py), for those who may."""

from django import template

from workflows.claiming_views import claiming_of

register = template.Library()


@register.inclusion_tag("includes/task_holder.html", takes_context=True)
def task_holder(context, case):
    request = context["request"]
    claiming = claiming_of(case)
    panel = claiming.holder_panel(case, request.user) if claiming else None
    return {
        "panel": panel,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
