"""Views of the setting's schools (R54): thin — parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.agencies.models import Agency
from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.schools import ACTIVITY_CHANGE, ACTIVITY_RECORD, SCHOOL_MANAGE, SCHOOL_VIEW, SCHOOLS_ADD, SCHOOLS_VIEW
from ..forms.schools import ActivityForm, ContactForm, SchoolForm
from ..models import SchoolActivity
from ..selectors import schools as selectors
from ..services import schools as services


def _settings() -> QuerySet[Setting]:
    return Setting.objects.select_related("organisation")


def _schools() -> QuerySet[Agency]:
    return Agency.objects.filter(category=Agency.Category.SCHOOL).select_related("setting")


@action_required(SCHOOLS_VIEW, Setting, queryset=_settings)
def schools(request: AuthedRequest, setting: Setting) -> HttpResponse:
    inactive = request.GET.get("inactive") == "1"
    context = {
        "setting": setting,
        "page": paginate(request, selectors.schools_for(request.user, setting, inactive=inactive)),
        "query": query_without_page(request),
        "inactive": inactive,
        "may_add": can(request.user, SCHOOLS_ADD, setting),
    }
    return render(request, "records/schools/list.html", context)


@action_required(SCHOOLS_ADD, Setting, queryset=_settings)
def school_add(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = SchoolForm(request.POST or None)
    school = submit(
        request,
        form,
        lambda data: services.add_school(actor=request.user, setting=setting, **data),
        "The school is added.",
    )
    if school is not None:
        return redirect("records:school", school.pk)
    context = {"setting": setting, "form": form}
    return render(request, "records/schools/school_form.html", context, status=form_status(form))


@action_required(SCHOOL_VIEW, Agency, queryset=_schools)
def school(request: AuthedRequest, school: Agency) -> HttpResponse:
    context = {
        "school": school,
        "setting": school.setting,
        "contacts": selectors.contacts_of(school),
        "page": paginate(request, selectors.activities_of(school), per_page=10),
        "query": query_without_page(request),
        "moving": selectors.moving_to(school),
        "may_manage": can(request.user, SCHOOL_MANAGE, school),
        "may_record": can(request.user, ACTIVITY_RECORD, school),
        "may_change": can(request.user, ACTIVITY_CHANGE),
    }
    return render(request, "records/schools/school.html", context)


@action_required(SCHOOL_MANAGE, Agency, queryset=_schools)
def contact_add(request: AuthedRequest, school: Agency) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.add_school_contact(actor=request.user, school=school, **data),
        "The contact is added.",
    ):
        return redirect("records:school", school.pk)
    context = {"setting": school.setting, "school": school, "form": form}
    return render(request, "records/schools/contact_form.html", context, status=form_status(form))


@action_required(ACTIVITY_RECORD, Agency, queryset=_schools)
def activity_add(request: AuthedRequest, school: Agency) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.record_activity(actor=request.user, school=school, **data),
        "The activity is recorded.",
    ):
        return redirect("records:school", school.pk)
    context = {"setting": school.setting, "school": school, "form": form}
    return render(request, "records/schools/activity_form.html", context, status=form_status(form))


def _activities() -> QuerySet[SchoolActivity]:
    return SchoolActivity.objects.select_related("school", "setting")


@action_required(ACTIVITY_CHANGE, SchoolActivity, queryset=_activities)
def activity_edit(request: AuthedRequest, activity: SchoolActivity) -> HttpResponse:
    if activity.school.category != Agency.Category.SCHOOL:
        raise Http404
    form = ActivityForm(request.POST or None, instance=SchoolActivity.objects.get(pk=activity.pk))
    if submit(
        request,
        form,
        lambda data: services.update_activity(actor=request.user, activity=activity, **data),
        "The activity is saved.",
    ):
        return redirect("records:school", activity.school_id)
    context = {"setting": activity.setting, "school": activity.school, "activity": activity, "form": form}
    return render(request, "records/schools/activity_form.html", context, status=form_status(form))


@require_POST
@action_required(ACTIVITY_CHANGE, SchoolActivity, queryset=_activities)
def activity_delete(request: AuthedRequest, activity: SchoolActivity) -> HttpResponse:
    services.delete_activity(actor=request.user, activity=activity)
    messages.success(request, "The activity is deleted.")
    return redirect("records:school", activity.school_id)
