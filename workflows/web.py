"""What every workflow's views share: a service's refusal shown to the user, the inbox queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from viewflow.views import ListModelView
from viewflow.workflow.models import Task

from workflows.casekit import ALREADY_HANDLED_CODE


def client_ip(request) -> str | None:
    """The address recorded with each step (the proxy's, unless it is trusted in settings)."""
    return request.META.get("REMOTE_ADDR") or None


def case_action(request, form, service, *, done: str, incomplete: str, back: str):
    """A one-form action from a case page (withdraw, record a transfer...): run ``service``
    with the form's data, tell the user what came of it, and go back to the case page."""
    if not form.is_valid():
        messages.error(request, incomplete)
    else:
        try:
            service(**form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    return redirect(back)


def warned_already_handled(request, error: ValidationError) -> bool:
    """Whether ``error`` says someone else took this step meanwhile; if so, the user is told
    who and when, and the view shows the case again."""
    if getattr(error, "code", None) != ALREADY_HANDLED_CODE:
        return False
    messages.warning(request, " ".join(error.messages))
    return True


def show_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class CaseInbox(ListModelView):
    """One queue of the staff inbox: a viewflow list of the user's open tasks of one case type.

    A case type's queue names its ``columns`` (methods taking a task), ``get_queryset``
    (a ``flowkit.TaskQueue``) and ``get_object_url``; the page, the tabs and the paging are
    shared.
    """

    model = Task
    template_name = "inbox.html"
    paginate_by = 25
    title = gettext_lazy("Inbox")

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated

    def task_title(self, task):
        return task.flow_task.task_title

    task_title.short_description = gettext_lazy("Your step")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [cells for _task, cells in self.get_page_data(context["page_obj"])]
        return context


def labelled_steps(records, states) -> list:
    """Step records with their states named for people, by a case type's ``states`` choices."""
    labels = dict(states)
    records = list(records)
    for record in records:
        record.state_before_label = labels.get(record.state_before, record.state_before)
        record.state_after_label = labels.get(record.state_after, record.state_after)
    return records
