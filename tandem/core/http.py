from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.http import HttpRequest, QueryDict
from django.http.response import HttpResponseBase

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from .models import User


class AuthedRequest(HttpRequest):
    """The request a view guarded by ``action_required`` receives: the user is signed in."""

    user: User  # type: ignore[assignment]
    htmx: HtmxDetails


def posted(request: HttpRequest) -> QueryDict | None:
    """The posted data (even when empty: an empty post is still a post), or None for a GET."""
    return request.POST if request.method == "POST" else None


def form_status(*forms: Any) -> int:
    """400 when a form was sent back with errors (every form page answers so), 200 otherwise."""
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


R = TypeVar("R", bound=HttpResponseBase)


def private(response: R) -> R:
    """Never cached, sniffed or indexed. (No ``Referrer-Policy: no-referrer`` here: on a page with a
    form, Chromium then sends ``Origin: null`` and Django's CSRF check refuses the post.)"""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def secret_link(response: R) -> R:
    """A page reached by a secret link (a share, a transfer): private, and its address never leaves in
    a Referer."""
    response = private(response)
    response["Referrer-Policy"] = "no-referrer"
    return response
