"""The notifications page, the bell of the top bar, and the choice of how to be told."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflows import clock

from . import services
from .forms import PreferencesForm
from .models import Notification

PAGE_SIZE = 25
SAVED = _("Your choices are saved.")
ALL_READ = _("All your notifications are marked as read.")


def bell(request) -> dict:
    """Template context: the signed-in user's unread count, read only where a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: services.unread_count(user)}


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).select_related("case_type")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(notification, services.message_of(notification)) for notification in page]
    return render(request, "notifications/list.html", {"page": page, "rows": rows})


@login_required
def notification_open(request, pk: int):
    """Mark one's notification read and go to its case."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(request.user, now=clock.now(), pk=notification.pk)
    return redirect(notification.path)


@login_required
@require_POST
def notification_read(request, pk: int | None = None):
    """Mark one notification read, or all of them."""
    if pk is not None:
        get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(request.user, now=clock.now(), pk=pk)
    if pk is None:
        messages.success(request, ALL_READ)
    return redirect("notifications:list")


@login_required
def preferences(request):
    current = services.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(request.user, form.cleaned_data)
        messages.success(request, SAVED)
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
