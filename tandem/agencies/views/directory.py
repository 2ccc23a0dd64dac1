"""Views of the directory (R46) and of signposting (R47): thin — parse, call a service or selector,
render."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.directory import (
    AGENCY_MANAGE,
    AGENCY_VIEW,
    DIRECTORY_MANAGE,
    DIRECTORY_VIEW,
    SIGNPOST,
    SIGNPOSTING_LIST,
    SIGNPOSTING_UPDATE,
    SUGGESTED,
    SUPPORT_DIRECTORY,
)
from ..forms.directory import (
    AgencyForm,
    ContactForm,
    DirectorySearchForm,
    OutcomeForm,
    SignpostForm,
    SignpostingFilterForm,
    StaffSearchForm,
)
from ..models import Agency, AgencyContact, Signposting
from ..selectors import directory as selectors
from ..services import directory as services


def _settings() -> QuerySet[Setting]:
    return Setting.objects.select_related("organisation")


def _agencies() -> QuerySet[Agency]:
    return Agency.objects.select_related("setting")


def _children() -> QuerySet[Child]:
    return Child.objects.select_related("setting")


def _signpostings() -> QuerySet[Signposting]:
    return Signposting.objects.select_related("child", "child__setting", "agency", "adult", "recorded_by")


# --- the staff directory ------------------------------------------------------------------------


@action_required(DIRECTORY_VIEW, Setting, queryset=_settings)
def directory(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = StaffSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.staff_directory(
        request.user,
        setting,
        text=data.get("q", ""),
        category=data.get("category", ""),
        inactive=data.get("inactive", False),
    )
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, agencies),
        "query": query_without_page(request),
        "inactive": data.get("inactive", False),
        "may_add": can(request.user, DIRECTORY_MANAGE, setting),
    }
    template = "agencies/directory/_directory_rows.html" if request.htmx else "agencies/directory/directory.html"
    return render(request, template, context)


@action_required(DIRECTORY_MANAGE, Setting, queryset=_settings)
def agency_add(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = AgencyForm(request.POST or None)
    agency = submit(
        request,
        form,
        lambda data: services.create_agency(actor=request.user, setting=setting, **data),
        "The agency is in the directory.",
    )
    if agency is not None:
        return redirect("agencies:directory_agency", agency.pk)
    context = {"setting": setting, "form": form}
    return render(request, "agencies/directory/agency_form.html", context, status=form_status(form))


@action_required(AGENCY_VIEW, Agency, queryset=_agencies)
def agency(request: AuthedRequest, agency: Agency) -> HttpResponse:
    may_manage = can(request.user, AGENCY_MANAGE, agency)
    context = {
        "agency": agency,
        "setting": agency.setting,
        "contacts": selectors.contacts_of(agency),
        "old_contacts": selectors.contacts_of(agency, inactive=True) if may_manage else [],
        "may_manage": may_manage,
    }
    return render(request, "agencies/directory/agency.html", context)


@action_required(AGENCY_MANAGE, Agency, queryset=_agencies)
def agency_edit(request: AuthedRequest, agency: Agency) -> HttpResponse:
    form = AgencyForm(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if submit(
        request,
        form,
        lambda data: services.update_agency(actor=request.user, agency=agency, **data),
        "The agency's details are saved.",
    ):
        return redirect("agencies:directory_agency", agency.pk)
    context = {"setting": agency.setting, "agency": agency, "form": form}
    return render(request, "agencies/directory/agency_form.html", context, status=form_status(form))


@require_POST
@action_required(AGENCY_MANAGE, Agency, queryset=_agencies)
def agency_active(request: AuthedRequest, agency: Agency) -> HttpResponse:
    active = request.POST.get("active") == "1"
    services.set_agency_active(actor=request.user, agency=agency, active=active)
    if active:
        messages.success(request, f"{agency.name} is listed in the directory again.")
    else:
        messages.success(request, f"{agency.name} is no longer listed. Its signposting is kept.")
    return redirect("agencies:directory_agency", agency.pk)


# --- contacts -----------------------------------------------------------------------------------


def _contact(agency: Agency, contact_id: int) -> AgencyContact:
    contact = selectors.contact_of(agency, contact_id)
    if contact is None:
        raise Http404
    return contact


@action_required(AGENCY_MANAGE, Agency, queryset=_agencies)
def contact_add(request: AuthedRequest, agency: Agency) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if submit(
        request,
        form,
        lambda data: services.add_contact(actor=request.user, agency=agency, **data),
        "The contact is added.",
    ):
        return redirect("agencies:directory_agency", agency.pk)
    context = {"setting": agency.setting, "agency": agency, "form": form}
    return render(request, "agencies/directory/contact_form.html", context, status=form_status(form))


@action_required(AGENCY_MANAGE, Agency, queryset=_agencies)
def contact_edit(request: AuthedRequest, agency: Agency, contact_id: int) -> HttpResponse:
    contact = _contact(agency, contact_id)
    form = ContactForm(request.POST or None, instance=AgencyContact.objects.get(pk=contact.pk))
    if submit(
        request,
        form,
        lambda data: services.update_contact(actor=request.user, contact=contact, **data),
        "The contact's details are saved.",
    ):
        return redirect("agencies:directory_agency", agency.pk)
    context = {"setting": agency.setting, "agency": agency, "contact": contact, "form": form}
    return render(request, "agencies/directory/contact_form.html", context, status=form_status(form))


@require_POST
@action_required(AGENCY_MANAGE, Agency, queryset=_agencies)
def contact_active(request: AuthedRequest, agency: Agency, contact_id: int) -> HttpResponse:
    contact = _contact(agency, contact_id)
    active = request.POST.get("active") == "1"
    services.set_contact_active(actor=request.user, contact=contact, active=active)
    messages.success(request, f"{contact.name} is {'a contact again' if active else 'no longer a contact'}.")
    return redirect("agencies:directory_agency", agency.pk)


# --- the parents' support directory --------------------------------------------------------------


@action_required(SUPPORT_DIRECTORY, Setting, queryset=_settings)
def support(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = DirectorySearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.family_directory(setting, text=data.get("q", ""), category=data.get("category", ""))
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, agencies),
        "query": query_without_page(request),
    }
    template = "agencies/directory/_support_rows.html" if request.htmx else "agencies/directory/support.html"
    return render(request, template, context)


# --- signposting ----------------------------------------------------------------------------------


@action_required(SIGNPOST, Child, queryset=_children)
def signpost(request: AuthedRequest, child: Child) -> HttpResponse:
    """Record that the family was signposted, above the child's earlier signposting."""
    form = SignpostForm(request.POST or None, child=child)
    made = submit(
        request,
        form,
        lambda data: services.record_signposting(actor=request.user, child=child, **data),
        "The signposting is recorded.",
    )
    if made is not None:
        return redirect("agencies:signpost", child.pk)
    context = {
        "child": child,
        "form": form,
        "page": paginate(request, selectors.signpostings_of(child), per_page=10),
        "query": query_without_page(request),
    }
    return render(request, "agencies/directory/signpost.html", context, status=form_status(form))


@action_required(SIGNPOSTING_UPDATE, Signposting, queryset=_signpostings)
def signposting(request: AuthedRequest, signposting: Signposting) -> HttpResponse:
    form = OutcomeForm(request.POST or None, instance=Signposting.objects.get(pk=signposting.pk))
    if submit(
        request,
        form,
        lambda data: services.update_signposting(actor=request.user, signposting=signposting, **data),
        "The signposting is updated.",
    ):
        return redirect("agencies:signposting", signposting.pk)
    context = {
        "signposting": signposting,
        "child": signposting.child,
        "form": form,
        "may_list": can(request.user, SIGNPOSTING_LIST, signposting.child.setting),
    }
    return render(request, "agencies/directory/signposting.html", context, status=form_status(form))


@action_required(SIGNPOSTING_LIST, Setting, queryset=_settings)
def signpostings(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = SignpostingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.setting_signpostings(
        request.user, setting, category=data.get("category", ""), due=data.get("due", False)
    )
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, rows),
        "query": query_without_page(request),
    }
    return render(request, "agencies/directory/signpostings.html", context)


@action_required(SUGGESTED, Child, queryset=_children)
def suggested(request: AuthedRequest, child: Child) -> HttpResponse:
    """The family's page: the support staff suggested and shared with them."""
    context = {
        "child": child,
        "page": paginate(request, selectors.shared_with_family(child), per_page=10),
        "query": query_without_page(request),
        "may_browse": can(request.user, SUPPORT_DIRECTORY, child.setting),
    }
    return render(request, "agencies/directory/suggested.html", context)
