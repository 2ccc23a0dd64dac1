"""The notification centre and the person's email choices. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.pagination import paginate

from ..actions.notifications import OWN_NOTIFICATIONS
from ..forms.notifications import PreferencesForm
from ..selectors import notifications as selectors
from ..services import notifications as services


@action_required(OWN_NOTIFICATIONS)
def centre(request: AuthedRequest) -> HttpResponse:
    """The person's notifications, newest first. POST: mark them all as read."""
    if request.method == "POST":
        count = services.mark_read(actor=request.user)
        if count:
            messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read.")
        return redirect("comms:notifications")
    page = paginate(request, selectors.notifications_of(request.user))
    rows = [(n, selectors.kind_label(n.kind)) for n in page.object_list]
    unread = any(n.read_at is None for n, _ in rows) or selectors.unread_count(request.user) > 0
    return render(request, "comms/notifications/centre.html", {"page": page, "rows": rows, "unread": unread})


@action_required(OWN_NOTIFICATIONS)
def open_notification(request: AuthedRequest, pk: int) -> HttpResponse:
    """Open one of one's own notifications: it is marked read and its page opens."""
    notification = selectors.own_notification(request.user, pk)
    if notification.read_at is None:
        services.mark_read(actor=request.user, notification_ids=[notification.pk])
    target = selectors.safe_path(notification.url)
    return redirect(target or "comms:notifications")


@action_required(OWN_NOTIFICATIONS)
def preferences(request: AuthedRequest) -> HttpResponse:
    kinds = selectors.kinds_for(request.user)
    current = selectors.choices_of(request.user, kinds)
    form = PreferencesForm(request.POST or None, kinds=kinds, current=current)

    def save(_data: dict[str, object]) -> bool:
        changed = form.changed_choices()
        if changed:
            services.set_preferences(actor=request.user, choices=changed)
        return True

    if submit(request, form, save, "Your choices are saved."):
        return redirect("comms:notification_preferences")
    context = {
        "form": form,
        "mandatory": [k for k in kinds if k.mandatory],
        "language": selectors.language_line(request.user),
    }
    return render(request, "comms/notifications/preferences.html", context, status=400 if form.errors else 200)
