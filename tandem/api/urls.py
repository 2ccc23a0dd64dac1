"""The JSON API (django-ninja), OpenAPI at /api/docs. One router per app; the same actions as the pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.operation import PathView
from ninja.security import django_auth

from tandem.core import actions as core_actions
from tandem.core.decorators import PUBLIC

api = NinjaAPI(
    title="Tandem API",
    version="1",
    description="The same actions and rules as the pages. Sign in first; staff need two-factor sign-in.",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=login_required,
)
api.add_router("/people/", "tandem.api.people.router")


def _path_view(callback: Any) -> PathView | None:
    for cell in getattr(callback, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            return cell.cell_contents
    return None


def declared_urls() -> tuple[list[Any], str, str]:
    """The API's URL patterns, each view carrying the actions its operations declare, so the
    URL-walk test sees the API as it sees the pages. The docs need a sign-in and nothing more."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        callback: Any = getattr(pattern, "callback", None)
        name = getattr(pattern, "name", "")
        if name in ("openapi-json", "openapi-view"):  # behind login_required
            callback.tandem_action = core_actions.HOME
        elif name == "api-root":  # ninja's root: points to the docs, shows nothing
            callback.tandem_action = PUBLIC
        elif (path_view := _path_view(callback)) is not None:
            declared = [getattr(op.view_func, "tandem_action", None) for op in path_view.operations]
            if declared and all(declared):
                callback.tandem_action = tuple(declared)
    return patterns, app_name, namespace
