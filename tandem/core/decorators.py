"""Every view declares its action. ``action_required`` enforces it; ``public`` marks the few
pages anyone may open (sign-in, invitations, health check). A test walks every URL pattern and
fails on a view with neither.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render

from . import audit
from .access import Action, can, get_permitted

View = Callable[..., HttpResponseBase]
PUBLIC = "public"

# A write guard may refuse any change (a request that is not GET or HEAD) to the object a view is
# about, whatever the action allows: an archived child's record is read-only (R67). ``core`` knows
# nothing of children: apps register guards, each with the actions it leaves alone.
WriteGuard = Callable[[models.Model], str | None]
WRITE_GUARDS: list[tuple[WriteGuard, Callable[[Action], bool]]] = []


def register_write_guard(guard: WriteGuard, *, exempt: Callable[[Action], bool] = lambda action: False) -> None:
    """``guard(obj)`` returns why a change to ``obj`` is refused, or None to allow it."""
    WRITE_GUARDS.append((guard, exempt))


def refused_change(action: Action, obj: models.Model) -> str | None:
    for guard, exempt in WRITE_GUARDS:
        if not exempt(action):
            reason = guard(obj)
            if reason:
                return reason
    return None


def action_required(
    action: Action,
    model: type[models.Model] | None = None,
    *,
    kwarg: str = "pk",
    queryset: Callable[[], QuerySet[Any]] | None = None,
) -> Callable[[View], View]:
    """Allow the view only to those the action's rules allow.

    With ``model``, the object named by the URL's ``kwarg`` is loaded through the access layer
    (404 when missing, malformed or not permitted) and passed to the view instead of the id.
    Without, the user must be able to do the action somewhere (403 otherwise).
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if model is None:
                if not can(user, action):
                    raise PermissionDenied(action.name)
                return view(request, *args, **kwargs)
            source = queryset() if queryset else model._default_manager.all()
            obj = get_permitted(user, action, source, kwargs.pop(kwarg))
            if request.method in ("GET", "HEAD"):
                if action.audit_read:
                    record_read(action, user, obj)
            elif (reason := refused_change(action, obj)) is not None:
                return render(request, "core/read_only.html", {"reason": reason}, status=409)
            return view(request, obj, *args, **kwargs)

        wrapped.tandem_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorate


def record_read(action: Action, user: Any, obj: models.Model) -> None:
    child_id = getattr(obj, "child_id", None) if obj._meta.model_name != "child" else obj.pk
    setting_id = getattr(obj, "setting_id", None)
    audit.record(
        action.audit_read,
        user,
        child_ids=[child_id] if child_id else [],
        obj=obj,
        setting_id=setting_id,
    )


def public(view: View) -> View:
    """A page anyone may open, signed in or not. Keep this list short."""
    view.tandem_action = PUBLIC  # type: ignore[attr-defined]
    return view


def view_action(view: Any) -> Any:
    """The action a resolved view declares, or None."""
    target = getattr(view, "view_class", None) or view
    return getattr(view, "tandem_action", None) or getattr(target, "tandem_action", None)
