"""The access layer for API operations: the same actions and rules as the pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import HttpError

from tandem.core.access import Action, can, get_permitted
from tandem.core.decorators import record_read

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=models.Model)


def declares(action: Action) -> Callable[[F], F]:
    """Every API operation declares its action. Without an object, the user must be able to do it
    somewhere (403 otherwise); with one, the operation loads it through :func:`load`."""

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not can(request.user, action):
                raise HttpError(403, "You may not do this.")
            return func(request, *args, **kwargs)

        wrapped.tandem_action = action  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorate


def load(request: HttpRequest, action: Action, queryset: QuerySet[M], pk: Any) -> M:
    """One object through the access layer: 404 if missing, malformed or not permitted."""
    obj = get_permitted(request.user, action, queryset, pk)
    if action.audit_read:
        record_read(action, request.user, obj)
    return obj
