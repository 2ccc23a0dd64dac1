"""Summaries pages: a child's summaries, one summary, the staff's form, sharing, the parents' views,
and the setting's list of children without a recent summary."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import MAX_ID, can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.observations import JOURNAL_CONTRIBUTE, JOURNAL_VIEW
from ..actions.summaries import SUMMARY_OVERVIEW, SUMMARY_PARENTS_VIEWS
from ..forms.summaries import ParentsViewsForm, SummaryForm
from ..models import NextStep, Summary
from ..selectors import summaries as selectors
from ..services import summaries as services

MONTH_CHOICES = (3, 6, 9, 12)
DEFAULT_MONTHS = 6


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting", "key_person")


def _name(child: Child) -> str:
    return child.preferred_name or child.first_name


def _summary(request: AuthedRequest, child: Child, summary_id: int) -> Summary:
    staff = can(request.user, JOURNAL_CONTRIBUTE, child)
    found = selectors.summary_of(child=child, summary_id=summary_id, staff=staff) if 0 < summary_id <= MAX_ID else None
    if found is None:
        raise Http404
    return found


def _detail(child: Child, summary: Summary) -> str:
    return reverse("journal:summary", args=[child.pk, summary.pk])


@action_required(JOURNAL_VIEW, Child, queryset=_children)
def summaries(request: AuthedRequest, child: Child) -> HttpResponse:
    staff = can(request.user, JOURNAL_CONTRIBUTE, child)
    page = paginate(request, selectors.summaries_for(child=child, staff=staff))
    return render(request, "journal/summaries/list.html", {"child": child, "page": page, "staff": staff})


@action_required(JOURNAL_VIEW, Child, queryset=_children)
def summary(request: AuthedRequest, child: Child, summary_id: int) -> HttpResponse:
    found = _summary(request, child, summary_id)
    may_views = can(request.user, SUMMARY_PARENTS_VIEWS, child) and found.status == Summary.Status.SHARED
    context = {
        "child": child,
        "summary": found,
        "staff": can(request.user, JOURNAL_CONTRIBUTE, child),
        "may_views": may_views,
        "open_steps": list(
            NextStep.objects.filter(child=child, status=NextStep.Status.OPEN)
            .exclude(pk__in=[s.pk for s in found.next_steps.all()])
            .select_related("area")
        ),
    }
    return render(request, "journal/summaries/detail.html", context)


@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def add(request: AuthedRequest, child: Child) -> HttpResponse:
    form = SummaryForm(request.POST or None, child=child)
    saved = submit(
        request,
        form,
        lambda _data: services.create_summary(actor=request.user, child=child, **form.service_data()),
        "The summary is saved as a draft. Only staff can see it until you share it.",
    )
    if saved:
        return redirect(_detail(child, saved))
    return render(request, "journal/summaries/form.html", {"child": child, "form": form, "summary": None})


@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def edit(request: AuthedRequest, child: Child, summary_id: int) -> HttpResponse:
    found = _summary(request, child, summary_id)
    if found.status != Summary.Status.DRAFT:
        messages.info(request, "This summary has been shared with the family, so it can no longer be changed.")
        return redirect(_detail(child, found))
    form = SummaryForm(request.POST or None, child=child, summary=found)
    saved = submit(
        request,
        form,
        lambda _data: services.change_summary(actor=request.user, child=child, summary=found, **form.service_data()),
        "The draft has been saved.",
    )
    if saved:
        return redirect(_detail(child, saved))
    return render(request, "journal/summaries/form.html", {"child": child, "form": form, "summary": found})


@require_POST
@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def share(request: AuthedRequest, child: Child, summary_id: int) -> HttpResponse:
    found = _summary(request, child, summary_id)
    try:
        services.share_summary(actor=request.user, child=child, summary=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Shared with {_name(child)}'s family. They can read it and add their views.")
    return redirect(_detail(child, found))


@require_POST
@action_required(JOURNAL_CONTRIBUTE, Child, queryset=_children)
def delete(request: AuthedRequest, child: Child, summary_id: int) -> HttpResponse:
    found = _summary(request, child, summary_id)
    try:
        services.delete_draft(actor=request.user, child=child, summary=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_detail(child, found))
    messages.success(request, "The draft has been deleted.")
    return redirect("journal:summaries", pk=child.pk)


@action_required(SUMMARY_PARENTS_VIEWS, Child, queryset=_children)
def parents_views(request: AuthedRequest, child: Child, summary_id: int) -> HttpResponse:
    found = _summary(request, child, summary_id)
    if found.status != Summary.Status.SHARED:
        raise Http404
    staff = can(request.user, JOURNAL_CONTRIBUTE, child)
    form = ParentsViewsForm(request.POST or None, initial={"parents_views": found.parents_views})
    if staff:
        form.fields["parents_views"].label = "The parents' views"
        form.fields["parents_views"].help_text = "What the family told you, in their words as far as you can."
    saved = submit(
        request,
        form,
        lambda data: services.record_parents_views(
            actor=request.user, child=child, summary=found, text=data["parents_views"]
        ),
        "The parents' views have been saved." if staff else "Thank you. Your views have been added to the summary.",
    )
    if saved:
        return redirect(_detail(child, saved) + "#parents-views")
    context = {"child": child, "summary": found, "form": form, "staff": staff}
    return render(request, "journal/summaries/parents_views.html", context)


@action_required(SUMMARY_OVERVIEW, Setting)
def overview(request: AuthedRequest, setting: Setting) -> HttpResponse:
    try:
        months = int(request.GET.get("months", DEFAULT_MONTHS))
    except ValueError:
        months = DEFAULT_MONTHS
    if months not in MONTH_CHOICES:
        months = DEFAULT_MONTHS
    page = paginate(request, selectors.without_recent(actor=request.user, setting=setting, months=months))
    context = {
        "setting": setting,
        "page": page,
        "months": months,
        "month_choices": MONTH_CHOICES,
        "query": query_without_page(request),
        "since": selectors.months_ago(months),
    }
    return render(request, "journal/summaries/overview.html", context)
