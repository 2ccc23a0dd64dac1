"""Pages of observations (R14). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import can, permitted
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Room, Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.observations import (
    JOURNAL_COMMENT,
    JOURNAL_CONTRIBUTE,
    JOURNAL_VIEW,
    OBSERVATION_CREATE,
    OBSERVATION_EDIT,
)
from ..forms.observations import CommentForm, ObservationForm, UnshareForm
from ..models import Area, Media, Observation
from ..selectors import observations as selectors
from ..services import observations as services


def observation_url(user: Any, observation: Observation) -> str:
    """The observation's page through the first of its children the user works with (else the list)."""
    children = Child.objects.filter(observation_links__observation=observation).order_by("first_name", "pk")
    child = permitted(user, JOURNAL_CONTRIBUTE, children).first()
    if child is None:
        return reverse("journal:observations", args=[observation.setting_id])
    return reverse("journal:observation", args=[child.pk, observation.pk])


def _area(request: AuthedRequest) -> Area | None:
    code = (request.GET.get("area") or "").strip()
    return Area.objects.filter(code=code).first() if code and len(code) <= 8 else None


# --- the child's journal ---------------------------------------------------------------------------


@action_required(JOURNAL_VIEW, Child)
def child_journal(request: AuthedRequest, child: Child) -> HttpResponse:
    staff = selectors.is_staff_of(request.user, child)
    area = _area(request)
    raw = request.GET.get("before")
    if staff:
        page = selectors.staff_feed(child, before=selectors.parse_staff_cursor(raw) if raw else None, area=area)
    else:
        page = selectors.family_feed(child, before=selectors.parse_family_cursor(raw) if raw else None, area=area)
    older = ""
    if page.next_before:
        params = request.GET.copy()
        params["before"] = page.next_before
        older = params.urlencode()
    context = {
        "child": child,
        "page": page,
        "staff": staff,
        "areas": list(Area.objects.order_by("-prime", "order")),
        "area": area,
        "older": older,
        "paged": bool(raw),
        "may_record": staff and can(request.user, OBSERVATION_CREATE, child.setting),
    }
    return render(request, "journal/observations/journal.html", context)


@action_required(JOURNAL_VIEW, Child)
def observation_detail(request: AuthedRequest, child: Child, observation_id: int) -> HttpResponse:
    user = request.user
    staff = selectors.is_staff_of(user, child)
    observation = selectors.observation_for_child(user, child, observation_id, staff=staff)
    may_edit = staff and can(user, OBSERVATION_EDIT, observation)
    context = {
        "child": child,
        "observation": observation,
        "staff": staff,
        "pending": staff and any(m.state == Media.State.PENDING for m in observation.shown_media),  # type: ignore[attr-defined]
        "may_edit": may_edit,
        "blocks": selectors.media_blocks(observation) if staff else [],
        "children": selectors.children_of(observation) if staff else [],
        "comments": selectors.comments_for(observation, child),
        "comment_form": CommentForm() if can(user, JOURNAL_COMMENT, child) else None,
        "unshare_form": UnshareForm() if may_edit and observation.is_published else None,
    }
    return render(request, "journal/observations/detail.html", context)


@require_POST
@action_required(JOURNAL_COMMENT, Child)
def comment(request: AuthedRequest, child: Child, observation_id: int) -> HttpResponse:
    staff = selectors.is_staff_of(request.user, child)
    observation = selectors.observation_for_child(request.user, child, observation_id, staff=staff)
    form = CommentForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.add_comment(actor=request.user, observation=observation, child=child, text=data["text"]),
        "Your comment has been added.",
    )
    if not done:
        for error in form.errors.get("text", []) + list(form.non_field_errors()):
            messages.error(request, str(error))
    return redirect(reverse("journal:observation", args=[child.pk, observation.pk]) + "#comments")


# --- recording and changing ------------------------------------------------------------------------


def _form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "child_ids": [c.pk for c in data["children"]],
        "title": data["title"],
        "text": data["text"],
        "observed_on": data["observed_on"],
        "aspect_ids": [a.pk for a in data["aspects"]],
        "characteristic_ids": [c.pk for c in data["characteristics"]],
        "uploads": data.get("uploads") or [],
    }


@action_required(OBSERVATION_CREATE, Setting)
def observation_new(request: AuthedRequest, setting: Setting) -> HttpResponse:
    children = selectors.contributable_children(request.user, setting)
    initial = {}
    if request.GET.get("child", "").isdigit():
        initial["children"] = [int(request.GET["child"])]
    form = ObservationForm(request.POST or None, request.FILES or None, children=children, initial=initial)
    created = submit(
        request,
        form,
        lambda data: services.create_observation(
            actor=request.user, setting=setting, status=data["status"], **_form_data(data)
        ),
        "The observation has been saved.",
    )
    if created:
        _warn_blocks(request, created)
        return redirect(observation_url(request.user, created))
    context = {"setting": setting, "form": form, "observation": None, "no_children": not form._children}
    return render(request, "journal/observations/form.html", context)


def _warn_blocks(request: AuthedRequest, observation: Observation) -> None:
    if observation.is_published:
        for block in selectors.media_blocks(observation):
            messages.warning(request, block.message)


@action_required(OBSERVATION_EDIT, Observation)
def observation_edit(request: AuthedRequest, observation: Observation) -> HttpResponse:
    user = request.user
    current = list(observation.links.values_list("child_id", flat=True))
    children = selectors.contributable_children(user, observation.setting) | Child.objects.filter(pk__in=current)
    children = children.select_related("room").distinct().order_by("room__name", "first_name", "last_name", "pk")
    initial = {
        "children": current,
        "title": observation.title,
        "text": observation.text,
        "observed_on": observation.observed_on,
        "aspects": list(observation.aspects.values_list("pk", flat=True)),
        "characteristics": list(observation.characteristics.values_list("pk", flat=True)),
    }
    form = ObservationForm(
        request.POST or None, request.FILES or None, children=children, initial=initial, with_status=False
    )
    saved = submit(
        request,
        form,
        lambda data: services.update_observation(actor=user, observation=observation, **_form_data(data)),
        "Your changes have been saved.",
    )
    if saved:
        _warn_blocks(request, saved)
        return redirect(observation_url(user, saved))
    media = observation.media.prefetch_related("children").order_by("order", "pk")
    context = {
        "setting": observation.setting,
        "form": form,
        "observation": observation,
        "media": media,
        "view_child": _view_child(user, observation),
    }
    return render(request, "journal/observations/form.html", context)


def _view_child(user: Any, observation: Observation) -> Child | None:
    children = Child.objects.filter(observation_links__observation=observation).order_by("first_name", "pk")
    return permitted(user, JOURNAL_CONTRIBUTE, children).first()


@action_required(OBSERVATION_EDIT, Observation)
def observation_share(request: AuthedRequest, observation: Observation) -> HttpResponse:
    """Before sharing: which child blocks which photo. Posting shares it."""
    if request.method == "POST":
        try:
            services.publish_observation(actor=request.user, observation=observation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Shared with the families. They can see it in their child's journal now.")
        return redirect(observation_url(request.user, observation))
    context = {
        "observation": observation,
        "blocks": selectors.media_blocks(observation),
        "children": selectors.children_of(observation),
        "view_child": _view_child(request.user, observation),
        "media_count": observation.media.count(),
    }
    return render(request, "journal/observations/share.html", context)


@require_POST
@action_required(OBSERVATION_EDIT, Observation)
def observation_unshare(request: AuthedRequest, observation: Observation) -> HttpResponse:
    form = UnshareForm(request.POST)
    status = form.cleaned_data["status"] if form.is_valid() else Observation.Status.STAFF
    try:
        services.unpublish_observation(actor=request.user, observation=observation, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Families no longer see this observation.")
    return redirect(observation_url(request.user, observation))


# --- the setting's list -------------------------------------------------------------------------


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 19 else None


@action_required(OBSERVATION_CREATE, Setting)
def observation_list(request: AuthedRequest, setting: Setting) -> HttpResponse:
    user = request.user
    status = request.GET.get("status", "")
    if status not in Observation.Status.values:
        status = ""
    rooms = list(Room.objects.filter(setting=setting).order_by("name"))
    room_id = _int(request.GET.get("room"))
    room_id = room_id if room_id in {r.pk for r in rooms} else None
    children = list(selectors.contributable_children(user, setting))
    child_id = _int(request.GET.get("child"))
    child_id = child_id if child_id in {c.pk for c in children} else None
    area = _area(request)
    rows = selectors.editable_observations(user, setting, status=status, room_id=room_id, child_id=child_id, area=area)
    context = {
        "setting": setting,
        "page": paginate(request, rows),
        "query": query_without_page(request),
        "statuses": Observation.Status.choices,
        "status": status,
        "rooms": rooms,
        "room_id": room_id,
        "children": children,
        "child_id": child_id,
        "areas": list(Area.objects.order_by("-prime", "order")),
        "area": area,
        "filtered": bool(status or room_id or child_id or area),
    }
    return render(request, "journal/observations/list.html", context)
