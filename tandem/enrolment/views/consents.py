"""Consents (R9): the parent's screen per child, the staff overview, and the consent catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.consents import CONSENT_TYPES_MANAGE, CONSENTS_DECIDE, CONSENTS_OVERVIEW, CONSENTS_VIEW
from ..forms.consents import ConsentTypeForm, DecisionForm, OverviewFilterForm
from ..models.consents import ConsentDecision, ConsentType
from ..selectors import consents as selectors
from ..services import consents as services

SUCCESS: dict[str, str] = {
    ConsentDecision.Kind.GIVEN.value: "Thank you: you have given consent for “{title}”.",
    ConsentDecision.Kind.REFUSED.value: "You have refused consent for “{title}”. You can change your mind at any time.",
    ConsentDecision.Kind.WITHDRAWN.value: "You have withdrawn consent for “{title}”. This takes effect now, and we "
    "have let the staff who work with {child} know.",
}


def _child_page(request: AuthedRequest, child: Child, *, failed: dict[int, Any] | None = None) -> HttpResponse:
    user = request.user
    may_decide = selectors.decider_link_exists(actor=user, child=child)
    linked = child.links.filter(adult__user=user).exists()
    context = {
        "child": child,
        "states": selectors.consents_of_child(child),
        "history": list(selectors.consent_history(actor=user, child=child)),
        "may_decide": may_decide,
        "cannot_decide_message": services.ONLY_PARENTAL_RESPONSIBILITY if linked and not may_decide else "",
        "failed": failed or {},
        "may_manage_types": can(user, CONSENT_TYPES_MANAGE, child.setting),
    }
    return render(request, "enrolment/consents/child.html", context)


@action_required(CONSENTS_VIEW, Child)
def child_consents(request: AuthedRequest, child: Child) -> HttpResponse:
    """Each consent with its explanation and current state; buttons for those who may decide; full history."""
    return _child_page(request, child)


@require_POST
@action_required(CONSENTS_DECIDE, Child)
def consent_decide(request: AuthedRequest, child: Child, type_id: int) -> HttpResponse:
    consent_type = get_object_or_404(ConsentType, pk=type_id, setting_id=child.setting_id, active=True)
    form = DecisionForm(request.POST)
    kind = request.POST.get("kind", "")
    success = SUCCESS.get(kind, "Saved.").format(title=consent_type.title, child=child.display_name)
    decided = submit(
        request,
        form,
        lambda data: services.decide_consent(
            actor=request.user,
            child=child,
            consent_type=consent_type,
            kind=data["kind"],
            seen_version=data["seen_version"],
        ),
        success,
    )
    if decided is not None:
        return redirect(reverse("enrolment:child_consents", args=[child.pk]) + f"#consent-{consent_type.code}")
    errors = [str(e) for errors in form.errors.values() for e in errors]
    return _child_page(request, child, failed={consent_type.pk: errors})


@action_required(CONSENTS_OVERVIEW, Setting)
def consents_overview(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """Children × consents for a whole setting, a page at a time, with "missing photo consent"."""
    form = OverviewFilterForm(request.GET or None)
    missing = bool(form.is_valid() and form.cleaned_data["missing_photo"])
    children = selectors.overview_children(actor=request.user, setting=setting, missing_photo_consent=missing)
    page = paginate(request, children)
    types = list(selectors.consent_types_of(setting))
    without_photo = selectors.overview_children(actor=request.user, setting=setting, missing_photo_consent=True)
    context = {
        "setting": setting,
        "form": form,
        "page": page,
        "types": types,
        "rows": selectors.consent_grid(list(page.object_list), types),
        "without_photo_count": without_photo.count(),
        "photo_code": selectors.PHOTO_CONSENT,
        "short_labels": {str(code): label for code, label in selectors.SHORT_LABELS.items()},
        "query": query_without_page(request),
        "may_manage_types": can(request.user, CONSENT_TYPES_MANAGE, setting),
    }
    return render(request, "enrolment/consents/overview.html", context)


@action_required(CONSENT_TYPES_MANAGE, Setting)
def consent_types(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """The consents a setting asks for; a button adds the standard ones it does not ask yet."""
    if request.method == "POST":
        try:
            services.set_up_consent_types(actor=request.user, setting=setting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The standard consents are set up. Check their wording.")
        return redirect("enrolment:consent_types", pk=setting.pk)
    types = list(selectors.consent_types_of(setting, include_inactive=True))
    missing = len(services.DEFAULT_CONSENT_TYPES) - len({t.code for t in types})
    return render(request, "enrolment/consents/types.html", {"setting": setting, "types": types, "missing": missing})


@action_required(CONSENT_TYPES_MANAGE, Setting)
def consent_type_edit(request: AuthedRequest, setting: Setting, type_id: int) -> HttpResponse:
    consent_type = get_object_or_404(ConsentType, pk=type_id, setting=setting)
    initial = {
        "title": consent_type.title,
        "explanation": consent_type.explanation,
        "active": consent_type.active,
        "seen_version": consent_type.version,
    }
    form = ConsentTypeForm(request.POST or None, initial=initial)
    if submit(
        request,
        form,
        lambda data: services.update_consent_type(actor=request.user, consent_type=consent_type, **data),
        "The consent has been saved.",
    ):
        return redirect("enrolment:consent_types", pk=setting.pk)
    return render(
        request, "enrolment/consents/type_form.html", {"setting": setting, "consent_type": consent_type, "form": form}
    )
