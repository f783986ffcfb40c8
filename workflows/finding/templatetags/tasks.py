"""``{% task_holder case %}``: who holds the case's task, and the buttons to take, release or
give it (workflows/claiming.py), for those who may."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from workflows.claiming_views import claiming_of

register = template.Library()
EMPTY_CELL = SafeString("<td></td>")
OVERDUE = SafeString(' class="overdue"')


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


@register.simple_tag(takes_context=True)
def task_rows(context, rows, empty):
    """The rows of a queue's table (``web.Row``s), or one cell saying ``empty``. Written in
    Python rather than as a template: an inbox page draws twenty-five of them, each with a
    dozen conditions, and a template's loop costs several times this for the same HTML."""
    bulk = context.get("bulk")
    if not rows:
        columns = len(context.get("headers", ())) + (1 if bulk else 0)
        return format_html('<tr><td class="empty" colspan="{}">{}</td></tr>', columns, empty)
    user = context["user"]
    standing_in = context.get("standing_in") or ()
    return format_html_join(
        "", "{}", ((_row(row, bulk=bulk, user=user, standing_in=standing_in),) for row in rows)
    )


def _row(row, *, bulk, user, standing_in) -> str:
    deadline = row.deadline
    first = format_html('<a href="{}">{}</a>', row.link, row.number)
    if row.holder:
        if row.holder.pk == user.pk:
            held = gettext("taken by you")
        else:
            held = gettext("taken by %(name)s") % {"name": row.holder.get_full_name()}
        first += format_html('<div class="meta holder">{}</div>', held)
    for stand_in in standing_in:
        if not row.holder or row.holder == stand_in.absent:
            name = stand_in.absent.get_full_name()
            first += format_html(
                '<div class="meta stand-in">{}</div>', gettext("for %(name)s") % {"name": name}
            )
    select = ""
    if bulk:
        select = EMPTY_CELL
        if row.selectable:
            label = gettext("Select %(number)s") % {"number": row.number}
            select = format_html(
                '<td><input type="checkbox" name="case" value="{}" form="bulk-approve"'
                ' aria-label="{}"></td>',
                row.case_id,
                label,
            )
    return format_html(
        '\n<tr{}>{}<td>{}</td>{}<td>{}<div class="meta">{}</div></td><td>{}</td></tr>',
        OVERDUE if deadline and deadline.overdue else "",
        select,
        first,
        format_html_join("", "<td>{}</td>", ((value,) for value in row.cells)),
        deadline.waited_text if deadline else "",
        deadline.since_text if deadline else "",
        deadline.due_html if deadline else "",
    )
