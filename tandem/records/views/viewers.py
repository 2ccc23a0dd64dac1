"""The family's page "Who has seen this record" (R65). Thin: parse, call the selector, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from tandem.core.decorators import action_required
from tandem.core.http import AuthedRequest
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.viewers import VIEWERS
from ..selectors import viewers as selectors


@action_required(VIEWERS, Child)
def viewers(request: AuthedRequest, child: Child) -> HttpResponse:
    """By day and by role, newest first, thirty days of views a page; no names and no counts."""
    page = paginate(request, selectors.days(child), per_page=selectors.DAYS_PER_PAGE)
    days = selectors.lines_for(child, [row["day"] for row in page.object_list])
    return render(request, "records/viewers/viewers.html", {"child": child, "page": page, "days": days})
