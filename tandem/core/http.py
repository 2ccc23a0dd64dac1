from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from .models import User


class AuthedRequest(HttpRequest):
    """The request a view guarded by ``action_required`` receives: the user is signed in."""

    user: User  # type: ignore[assignment]
    htmx: HtmxDetails
