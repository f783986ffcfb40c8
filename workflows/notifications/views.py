"""The notifications page, the bell of the top bar, and the choice of how to be told."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from workflows import clock

from . import addresses, services, tasks
from .forms import PreferencesForm
from .models import Notification

PAGE_SIZE = 25
SAVED = _("Your choices are saved.")
ALL_READ = _("All your notifications are marked as read.")
LINK_SENT = _(
    "A link was sent to %(address)s: open it to have your emails sent there. Until then "
    "nothing changes."
)
NO_EMAIL_NOW = _("Your email address is removed: your notifications are in the app only.")
ADDRESS_IN_USE = _("Your emails now go to %(address)s.")


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
    user = request.user
    current = services.preferences_of(user)
    form = PreferencesForm(request.POST or None, current=current, email=user.email)
    if request.method == "POST" and form.is_valid():
        chosen = dict(form.cleaned_data)
        address = chosen.pop("email")
        services.set_preferences(user, chosen)
        messages.success(request, SAVED)
        if not address and user.email:
            addresses.remove(user)
            messages.info(request, NO_EMAIL_NOW)
        elif address and address.lower() != user.email.lower():
            tasks.mail_address_link(user.pk, address)
            messages.info(request, LINK_SENT % {"address": address})
        return redirect("notifications:preferences")
    return render(
        request, "notifications/preferences.html", {"form": form, "has_email": bool(user.email)}
    )


@login_required
def confirm_address(request, token: str):
    """The link mailed to a new address, opened: the address is used from now on."""
    try:
        address = addresses.confirm(request.user, token)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, ADDRESS_IN_USE % {"address": address})
    return redirect("notifications:preferences")
