"""The base of the inbox queues: a viewflow list of open tasks, one page at a time, whose
length is counted on the case type's queue index rather than by joining the tasks."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy
from viewflow.views import ListModelView
from viewflow.workflow.models import Task


class QueuePaginator(Paginator):
    """Pages of an inbox whose length is counted on the queue index, not by joining tasks."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self._queue_count = count

    @property
    def count(self) -> int:
        return self._queue_count


class TaskQueue(ListModelView):
    """One tab of the staff inbox. Subclasses give the tasks and their count, and columns."""

    model = Task
    template_name = "inbox.html"
    paginate_by = 25
    title = gettext_lazy("Inbox")

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated

    def count_tasks(self) -> int:
        raise NotImplementedError

    def get_paginator(self, queryset, per_page, **kwargs):
        return QueuePaginator(queryset, per_page, count=self.count_tasks(), **kwargs)

    def task_title(self, task):
        return task.flow_task.task_title

    task_title.short_description = gettext_lazy("Your step")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [cells for _task, cells in self.get_page_data(context["page_obj"])]
        return context
