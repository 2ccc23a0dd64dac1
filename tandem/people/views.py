from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core import actions as core_actions
from tandem.core import audit
from tandem.core.access import can, permitted, setting_roles
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Organisation, Setting, User
from tandem.core.pagination import paginate, query_without_page
from tandem.core.roles import LEADERSHIP, RECORD_KEEPERS
from tandem.core.selectors import actors_by_id, audit_trail

from . import actions, selectors, services
from .forms import AcceptInvitationForm, AdultForm, AdultSearchForm, ChildForm, LinkForm, NeedForm, SearchForm
from .models import Adult, Child
from .panels import flag_children, links_for, links_for_children, panels_for

INVITATION_SESSION_KEY = "tandem_invitation"


@action_required(core_actions.HOME)
def home(request: AuthedRequest) -> HttpResponse:
    """One home for everyone, with the sections their relationships give them."""
    user = request.user
    roles = setting_roles(user)
    managed = {s for s, r, _ in roles if r in RECORD_KEEPERS or r in LEADERSHIP}
    children = list(selectors.children_of_parent(actor=user))
    contacts = selectors.setting_contacts_for(setting_ids={c.setting_id for c in children})
    parent_settings = list({c.setting_id: c.setting for c in children}.values())
    child_links = links_for_children(user, children)
    for child in children:
        child.links_for_me = child_links[child.pk]  # type: ignore[attr-defined]
    for setting in parent_settings:
        setting.contacts = contacts.get(setting.pk, [])  # type: ignore[attr-defined]
    context = {
        "children": children,
        "parent_settings": parent_settings,
        "key_children": flag_children(user, selectors.key_children(actor=user)) if roles else [],
        "room_children": flag_children(user, selectors.room_children(actor=user)) if roles else [],
        "overview": selectors.setting_overview(setting_ids=managed) if managed else [],
        "organisations": permitted(user, core_actions.ORGANISATION_VIEW, Organisation.objects.order_by("name")),
    }
    return render(request, "people/home.html", context)


@action_required(actions.CHILD_LIST)
def child_list(request: AuthedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text, include_left = "", False
    if form.is_valid():
        text, include_left = form.cleaned_data["q"], form.cleaned_data["left"]
    page = paginate(request, selectors.search_children(actor=request.user, text=text, include_left=include_left))
    page.object_list = flag_children(request.user, page.object_list)
    settings_for_new = permitted(request.user, actions.CHILD_CREATE, Setting.objects.order_by("name"))
    template = "people/_child_rows.html" if request.htmx else "people/child_list.html"
    return render(
        request,
        template,
        {"form": form, "page": page, "query": query_without_page(request), "settings_for_new": settings_for_new},
    )


@action_required(actions.CHILD_VIEW, Child)
def child_detail(request: AuthedRequest, child: Child) -> HttpResponse:
    user = request.user
    needs = list(selectors.needs_of(actor=user, child=child))
    may_see_needs = can(user, actions.NEEDS_VIEW, child)
    if may_see_needs:
        audit.record("people.needs.viewed", user, child_ids=[child.pk], obj=child, setting_id=child.setting_id)
    may_see_family = can(user, actions.FAMILY_VIEW, child)
    family = list(selectors.family_links(actor=user, child=child)) if may_see_family else []
    if may_see_family:
        audit.record("people.family.viewed", user, child_ids=[child.pk], obj=child, setting_id=child.setting_id)
    context = {
        "child": child,
        "needs": needs,
        "may_see_needs": may_see_needs,
        "family": family,
        "may_see_family": may_see_family,
        "emergency_contacts": (
            list(selectors.emergency_contacts(child=child))
            if not may_see_family and can(user, actions.EMERGENCY_CONTACTS_VIEW, child)
            else []
        ),
        "may_manage": can(user, actions.CHILD_MANAGE, child),
        "may_manage_family": can(user, actions.FAMILY_MANAGE, child),
        "may_manage_needs": can(user, actions.NEEDS_MANAGE, child),
        "may_audit": can(user, actions.CHILD_AUDIT, child),
        "panels": panels_for(user, child),
        "flags": flag_children(user, [child])[0].flags,  # type: ignore[attr-defined]
        "child_links": links_for(user, child),
    }
    return render(request, "people/child_detail.html", context)


@action_required(actions.CHILD_CREATE, Setting)
def child_create(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = ChildForm(request.POST or None, setting=setting)
    created = submit(
        request,
        form,
        lambda data: services.create_child(actor=request.user, setting=setting, **data),
        "The child has been added.",
    )
    if created:
        return redirect(created)
    return render(request, "people/child_form.html", {"form": form, "setting": setting})


@action_required(actions.CHILD_MANAGE, Child)
def child_edit(request: AuthedRequest, child: Child) -> HttpResponse:
    form = ChildForm(request.POST or None, instance=Child.objects.get(pk=child.pk), setting=child.setting)
    if submit(
        request,
        form,
        lambda data: services.update_child(actor=request.user, child=child, **data),
        "The child's record has been saved.",
    ):
        return redirect(child)
    return render(request, "people/child_form.html", {"form": form, "child": child, "setting": child.setting})


@action_required(actions.FAMILY_MANAGE, Child)
def link_add(request: AuthedRequest, child: Child) -> HttpResponse:
    adult_form = AdultForm(request.POST or None, prefix="adult")
    link_form = LinkForm(request.POST or None, prefix="link")
    if request.method == "POST":
        link_form.is_valid()  # validate both forms, so every error shows at once
    if request.method == "POST" and adult_form.is_valid():
        added = submit(
            request,
            link_form,
            lambda data: services.add_adult_to_child(
                actor=request.user, child=child, adult_fields=adult_form.cleaned_data, **data
            ),
            "The adult has been added to the child's family.",
        )
        if added:
            return redirect(child)
    return render(request, "people/link_form.html", {"child": child, "adult_form": adult_form, "link_form": link_form})


@action_required(actions.FAMILY_MANAGE, Child)
def link_edit(request: AuthedRequest, child: Child, link_id: int) -> HttpResponse:
    link = get_object_or_404(child.links.select_related("adult"), pk=link_id)
    form = LinkForm(request.POST or None, instance=child.links.get(pk=link.pk), prefix="link")
    if submit(
        request,
        form,
        lambda data: services.update_link(actor=request.user, link=link, **data),
        "The family link has been saved.",
    ):
        return redirect(child)
    return render(request, "people/link_form.html", {"child": child, "link": link, "link_form": form})


@action_required(actions.NEEDS_MANAGE, Child)
def need_edit(request: AuthedRequest, child: Child, need_id: int | None = None) -> HttpResponse:
    need = get_object_or_404(child.needs, pk=need_id) if need_id else None
    if need is not None and request.method == "GET":
        audit.record("people.needs.viewed", request.user, child_ids=[child.pk], obj=need, setting_id=child.setting_id)
    form = NeedForm(request.POST or None, instance=child.needs.get(pk=need.pk) if need else None)
    if submit(
        request,
        form,
        lambda data: services.save_need(actor=request.user, child=child, need=need, **data),
        "The need has been saved.",
    ):
        return redirect(child)
    return render(request, "people/need_form.html", {"child": child, "need": need, "form": form})


@action_required(actions.CHILD_AUDIT, Child)
def child_audit(request: AuthedRequest, child: Child) -> HttpResponse:
    page = paginate(request, audit_trail(child_id=child.pk))
    actors = actors_by_id(list(page.object_list))
    return render(request, "people/child_audit.html", {"child": child, "page": page, "actors": actors})


@action_required(actions.ADULT_LIST)
def adult_list(request: AuthedRequest) -> HttpResponse:
    form = AdultSearchForm(request.GET or None)
    text, unsigned = (form.cleaned_data["q"], form.cleaned_data["unsigned"]) if form.is_valid() else ("", False)
    page = paginate(request, selectors.search_adults(actor=request.user, text=text, without_sign_in=unsigned))
    template = "people/_adult_rows.html" if request.htmx else "people/adult_list.html"
    return render(request, template, {"form": form, "page": page, "query": query_without_page(request)})


@action_required(actions.ADULT_MANAGE, Adult)
def adult_edit(request: AuthedRequest, adult: Adult) -> HttpResponse:
    form = AdultForm(request.POST or None, instance=Adult.objects.get(pk=adult.pk))
    if submit(
        request,
        form,
        lambda data: services.update_adult(actor=request.user, adult=adult, **data),
        "The details have been saved.",
    ):
        return redirect("people:adults")
    invitations = adult.invitations.all()[:5]
    return render(request, "people/adult_form.html", {"adult": adult, "form": form, "invitations": invitations})


@require_POST
@action_required(actions.ADULT_MANAGE, Adult)
def adult_invite(request: AuthedRequest, adult: Adult) -> HttpResponse:
    try:
        services.invite_adult(actor=request.user, adult=adult)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"An invitation has been emailed to {adult.first_name}. It works once, for a limited time."
        )
    return redirect("people:adult_edit", pk=adult.pk)


@action_required(actions.SETTING_CONTACTS, Setting)
def setting_contacts(request: AuthedRequest, setting: Setting) -> HttpResponse:
    staff = selectors.setting_contacts(setting=setting)
    return render(request, "people/setting_contacts.html", {"setting": setting, "staff": staff})


@action_required(actions.STAFF_PHOTO, User, queryset=lambda: User.objects.filter(setting_memberships__active=True))
def staff_photo(request: AuthedRequest, person: User) -> FileResponse:
    """A staff photo, only to those who share a setting with them; never at a public URL."""
    if not person.photo:
        raise Http404
    response = FileResponse(person.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@public
def invitation_link(request: AuthedRequest, token: str) -> HttpResponse:
    """The emailed link: keep the token in the session and drop it from the address bar."""
    request.session[INVITATION_SESSION_KEY] = token
    return HttpResponseRedirect(reverse("people:accept_invitation_form"))


@public
def accept_invitation(request: AuthedRequest) -> HttpResponse:
    token = request.session.get(INVITATION_SESSION_KEY, "")
    try:
        invitation = services.find_invitation(token)
    except services.InvitationError as error:
        return render(request, "people/invitation_problem.html", {"problem": str(error)}, status=400)
    form = AcceptInvitationForm(request.POST or None, adult=invitation.adult, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.accept_invitation(token=token, password=form.cleaned_data["password1"])
        except services.InvitationError as error:
            return render(request, "people/invitation_problem.html", {"problem": str(error)}, status=400)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, "Your sign-in is ready. Sign in with your email address and new password.")
        return redirect("account_login")
    return render(request, "people/accept_invitation.html", {"form": form, "invitation": invitation})
