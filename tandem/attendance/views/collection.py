"""Views of collection (R43, R44). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from tandem.core.access import ACTIONS, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.people.models import Child

from ..actions.collection import COLLECTORS_MANAGE, COLLECTORS_VIEW, ONE_OFF_GRANT, PASSWORD_SET, RELEASE
from ..forms.collection import CollectorForm, OneOffForm, PasswordForm, ReleaseForm
from ..models import Attendance, Collector, OneOffCollector
from ..selectors import collection as selectors
from ..services import collection as services


def _is_staff(user: object, child: Child) -> bool:
    return bool(getattr(user, "is_setting_staff", False)) and not can(user, PASSWORD_SET, child)


@action_required(COLLECTORS_VIEW, Child)
def collectors(request: AuthedRequest, child: Child) -> HttpResponse:
    rows = selectors.collectors_today(child)
    staff = _is_staff(request.user, child)
    context = {
        "child": child,
        "is_staff": staff,
        "parents": [r for r in rows if r.kind == selectors.PARENT],
        "named": [r for r in rows if r.kind == selectors.COLLECTOR],
        "blocked": [r for r in rows if r.kind == selectors.BLOCKED] if staff else [],
        "one_offs": selectors.upcoming_one_offs(child),
        "password_set_at": selectors.password_set_at(child),
        "may_manage": can(request.user, COLLECTORS_MANAGE, child),
        "may_one_off": can(request.user, ONE_OFF_GRANT, child),
        "may_password": can(request.user, PASSWORD_SET, child),
        "may_release": can(request.user, RELEASE, child),
    }
    return render(request, "attendance/collection/collectors.html", context)


@action_required(COLLECTORS_MANAGE, Child)
def add_collector(request: AuthedRequest, child: Child) -> HttpResponse:
    form = CollectorForm(request.POST or None, request.FILES or None)
    saved = submit(
        request,
        form,
        lambda data: services.add_collector(
            actor=request.user,
            child=child,
            name=data["name"],
            relationship=data["relationship"],
            phone=data["phone"],
            photo=data.get("photo"),
            is_adult=data["is_adult"],
        ),
        "Added. Staff will see them on the list at the door.",
    )
    if saved:
        return redirect("attendance:collectors", child.pk)
    return render(request, "attendance/collection/collector_form.html", {"child": child, "form": form})


@require_POST
@action_required(COLLECTORS_MANAGE, Child)
def remove_collector(request: AuthedRequest, child: Child, collector_id: int) -> HttpResponse:
    collector = Collector.objects.filter(child=child, pk=collector_id).select_related("child").first()
    if collector is None:
        raise Http404
    try:
        services.remove_collector(actor=request.user, collector=collector)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{collector.name} can no longer collect {child.display_name}.")
    return redirect("attendance:collectors", child.pk)


@action_required(COLLECTORS_VIEW, Child)
def collector_photo(request: AuthedRequest, child: Child, collector_id: int) -> FileResponse:
    """A collector's photo, only through this permission-checked view; never cached."""
    collector = Collector.objects.filter(child=child, pk=collector_id, removed_at__isnull=True).first()
    if collector is None or not collector.photo:
        raise Http404
    response = FileResponse(collector.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


@action_required(ONE_OFF_GRANT, Child)
def one_off(request: AuthedRequest, child: Child) -> HttpResponse:
    form = OneOffForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.grant_one_off(
            actor=request.user,
            child=child,
            date=data["date"],
            name=data["name"],
            relationship=data["relationship"],
            description=data["description"],
            is_adult=data["is_adult"],
            typed_name=data["typed_name"],
        ),
        "Thank you. Your permission is saved: staff will ask them for proof of identity.",
    )
    if saved:
        return redirect("attendance:collectors", child.pk)
    return render(request, "attendance/collection/one_off_form.html", {"child": child, "form": form})


@require_POST
@action_required(ONE_OFF_GRANT, Child)
def cancel_one_off(request: AuthedRequest, child: Child, one_off_id: int) -> HttpResponse:
    found = OneOffCollector.objects.filter(child=child, pk=one_off_id).select_related("child").first()
    if found is None:
        raise Http404
    try:
        services.cancel_one_off(actor=request.user, one_off=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Cancelled: {found.name} can no longer collect {child.display_name} that day.")
    return redirect("attendance:collectors", child.pk)


@sensitive_post_parameters("password")
@action_required(PASSWORD_SET, Child)
def password(request: AuthedRequest, child: Child) -> HttpResponse:
    form = PasswordForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.set_password(actor=request.user, child=child, password=data["password"]),
        "The collection password is saved. Nobody can read it back: remember it.",
    )
    if saved:
        return redirect("attendance:collectors", child.pk)
    context = {"child": child, "form": form, "password_set_at": selectors.password_set_at(child)}
    return render(request, "attendance/collection/password_form.html", context)


def _back_to_register(user: object, child: Child) -> str:
    """The child's room register, if this person may open it (the register feature's page)."""
    register_action = ACTIONS.get("attendance.register.room")
    if child.room is None or register_action is None or not can(user, register_action, child.room):
        return ""
    try:
        return reverse("attendance:register", args=[child.room_id])
    except NoReverseMatch:
        return ""


@sensitive_post_parameters("password")
@action_required(RELEASE, Child)
def release(request: AuthedRequest, child: Child) -> HttpResponse:
    """The door: who is collecting, are they allowed, how staff know it is them."""
    attendance = selectors.attendance_today(child)
    rows = selectors.collectors_today(child)
    password_set = selectors.password_set_at(child) is not None
    locked = password_set and selectors.password_locked(child)
    form = ReleaseForm(request.POST or None, rows=rows, password_available=password_set)
    present = attendance is not None and attendance.state == Attendance.State.PRESENT
    if request.method == "POST" and attendance is not None:
        today = attendance
        done = submit(
            request,
            form,
            lambda data: services.release(
                actor=request.user,
                attendance=today,
                collector=data["collector"],
                check=form.check(),
                identity_note=data["identity_note"],
                password=data["password"],
                collector_name=data["collector_name"],
                collector_is_adult=data["is_adult"],
            ),
            f"{child.display_name} has gone home.",
        )
        if done:
            return redirect(_back_to_register(request.user, child) or reverse("attendance:release", args=[child.pk]))
        attendance = selectors.attendance_today(child)
        present = attendance is not None and attendance.state == Attendance.State.PRESENT
        locked = password_set and selectors.password_locked(child)
    chosen = form.data.get("collector") if form.is_bound else None
    chosen_blocked = next((r for r in rows if r.key == chosen and r.kind == selectors.BLOCKED), None)
    context = {
        "child": child,
        "attendance": attendance,
        "present": present,
        "rows": rows,
        "allowed": [r for r in rows if r.allowed],
        "blocked": [r for r in rows if r.kind == selectors.BLOCKED],
        "blocked_alert": services.blocked_message(child, chosen_blocked) if chosen_blocked else "",
        "password_set": password_set,
        "password_locked": locked,
        "form": form,
        "register_url": _back_to_register(request.user, child),
    }
    status = 200 if request.method == "GET" or not form.errors else 400
    return render(request, "attendance/collection/release.html", context, status=status)
