"""Pages for retention and archiving (R67): the schedule, archiving leavers, reviewing and destroying
records past their period, and the destruction log. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.retention import ARCHIVE, ARCHIVE_LIST, DESTROY, DESTRUCTION_LOG, SCHEDULE, UNARCHIVE
from ..forms.retention import ConfirmDestroyForm, NoteForm, ReasonForm, RuleForm
from ..retention import MINIMUMS
from ..selectors import retention as selectors
from ..services import retention as services


@action_required(SCHEDULE, Setting)
def schedule(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Each type of record: the minimum and its basis, the setting's period and where it comes from."""
    rows = selectors.schedule(actor=request.user, setting=setting)
    return render(request, "records/retention/schedule.html", {"setting": setting, "rows": rows})


@action_required(SCHEDULE, Setting)
def rule_edit(request: AuthedRequest, setting: Setting, record_type: str) -> HttpResponse:
    minimum = MINIMUMS.get(record_type)
    if minimum is None:
        raise Http404
    rule = selectors.rule_for(setting, record_type)
    initial = {"years": rule.years if rule else minimum.years, "policy_note": rule.policy_note if rule else ""}
    form = RuleForm(request.POST if request.method == "POST" else None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.save_rule(actor=request.user, setting=setting, record_type=record_type, **data),
        f"The period for {minimum.label.lower()} has been saved.",
    )
    if done is not None:
        return redirect("records:retention_schedule", setting.pk)
    context = {"setting": setting, "minimum": minimum, "form": form}
    return render(request, "records/retention/rule_form.html", context, status=400 if form.errors else 200)


@action_required(ARCHIVE_LIST, Setting)
def archived(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The archived children: how long each type of their records is kept, and what is due for review."""
    page = paginate(request, selectors.archived(actor=request.user, setting=setting))
    rules = services.rules_of(setting)
    context = {
        "setting": setting,
        "page": page,
        "rows": selectors.archive_rows(list(page.object_list), rules),
        "labels": [m.label for code, m in MINIMUMS.items() if code != "financial"],
        "waiting": selectors.leavers_waiting(setting),
    }
    return render(request, "records/retention/archived.html", context)


@require_POST
@action_required(ARCHIVE_LIST, Setting)
def archive_leavers(request: AuthedRequest, setting: Setting) -> HttpResponse:
    n = services.archive_leavers(actor=request.user, setting=setting)
    were = "children who had left were" if n != 1 else "child who had left was"
    messages.success(request, f"{n} {were} archived.")
    return redirect("records:retention_archived", setting.pk)


@action_required(DESTRUCTION_LOG, Setting)
def destruction_log(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.destruction_log(actor=request.user, setting=setting))
    return render(request, "records/retention/log.html", {"setting": setting, "page": page})


@action_required(ARCHIVE, Child)
def archive_child(request: AuthedRequest, child: Child) -> HttpResponse:
    form = NoteForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda data: services.archive(actor=request.user, child=child, note=data["note"]),
        f"{child.display_name}'s record is archived: it can be read but not changed.",
    )
    if done is not None:
        return redirect(child)
    context = {"child": child, "form": form, "archive": selectors.archive_of(child)}
    return render(request, "records/retention/archive.html", context, status=400 if form.errors else 200)


@action_required(UNARCHIVE, Child)
def unarchive_child(request: AuthedRequest, child: Child) -> HttpResponse:
    archive = selectors.archive_of(child)
    if archive is None:
        raise Http404
    form = ReasonForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda data: services.unarchive(actor=request.user, child=child, reason=data["reason"]),
        f"{child.display_name}'s record is no longer archived.",
    )
    if done is not None:
        return redirect(child)
    context = {"child": child, "form": form, "archive": archive}
    return render(request, "records/retention/unarchive.html", context, status=400 if form.errors else 200)


@action_required(DESTROY, Child)
def review(request: AuthedRequest, child: Child) -> HttpResponse:
    """An archived child's records by type: kept until when, what destroying would delete."""
    archive, types = selectors.review(actor=request.user, child=child)
    return render(request, "records/retention/review.html", {"child": child, "archive": archive, "types": types})


@action_required(DESTROY, Child)
def destroy(request: AuthedRequest, child: Child, record_type: str) -> HttpResponse:
    if record_type not in MINIMUMS:
        raise Http404
    form = ConfirmDestroyForm(request.POST if request.method == "POST" else None)
    label = MINIMUMS[record_type].label
    setting_id = child.setting_id
    done = submit(
        request,
        form,
        lambda data: services.destroy(actor=request.user, child=child, record_type=record_type, reason=data["reason"]),
        f"{label} destroyed. The destruction log has a line for it.",
    )
    if done is not None:
        if record_type == "child":
            return redirect("records:retention_log", setting_id)
        return redirect("records:retention_review", child.pk)
    item = selectors.review_one(actor=request.user, child=child, record_type=record_type)
    context = {"child": child, "form": form, "item": item, "label": label}
    return render(request, "records/retention/destroy.html", context, status=400 if form.errors else 200)
