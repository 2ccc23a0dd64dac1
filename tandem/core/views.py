from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from . import actions, navigation
from .decorators import action_required, public
from .forms import PhotoForm, submit
from .http import AuthedRequest
from .middleware import has_mfa
from .models import Organisation
from .services import set_own_photo


@action_required(actions.ORGANISATION_VIEW, Organisation)
def organisation(request: AuthedRequest, organisation: Organisation) -> HttpResponse:
    today = timezone.localdate()
    current = Q(children__leaving_date__isnull=True) | Q(children__leaving_date__gte=today)
    settings = organisation.settings.annotate(
        children_count=Count("children", filter=current, distinct=True),
        staff_count=Count("memberships__user", filter=Q(memberships__active=True), distinct=True),
        room_count=Count("rooms", distinct=True),
    ).order_by("name")
    links = navigation.organisation_links(request.user, organisation, list(settings))
    return render(
        request, "core/organisation.html", {"organisation": organisation, "settings": settings, "links": links}
    )


@action_required(actions.STAFF_PROFILE)
def my_photo(request: AuthedRequest) -> HttpResponse:
    form = PhotoForm(request.POST or None, request.FILES or None)
    updated = submit(
        request,
        form,
        lambda data: set_own_photo(actor=request.user, upload=None if data["remove"] else data["photo"]),
        "Your photo has been updated.",
    )
    if updated:
        return redirect("core:my_photo")
    return render(request, "core/my_photo.html", {"form": form})


@action_required(actions.OFFICE)
def office(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/office.html", {"entries": navigation.visible(request.user, navigation.OFFICE)})


@action_required(actions.ACCOUNT)
def mfa_required(request: AuthedRequest) -> HttpResponse:
    return render(request, "core/mfa_required.html", {"enrolled": has_mfa(request.user)})


@public
def healthz(request: AuthedRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
