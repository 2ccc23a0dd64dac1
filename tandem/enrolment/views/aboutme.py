"""All About Me pages: read it, fill it in, print it."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.enrolment.actions.aboutme import ABOUT_ME_EDIT, ABOUT_ME_VIEW
from tandem.enrolment.forms.aboutme import AboutMeForm
from tandem.enrolment.models.aboutme import ABOUT_ME_FIELDS
from tandem.enrolment.selectors import aboutme as selectors
from tandem.enrolment.services import aboutme as services
from tandem.people.models import Child


@action_required(ABOUT_ME_VIEW, Child, queryset=lambda: Child.objects.select_related("setting", "key_person"))
def about_me(request: AuthedRequest, child: Child) -> HttpResponse:
    booklet = selectors.booklet_for(actor=request.user, child=child)
    context = {
        "child": child,
        "booklet": booklet,
        "may_edit": can(request.user, ABOUT_ME_EDIT, child),
        "revisions": selectors.revisions(actor=request.user, child=child) if booklet else [],
    }
    return render(request, "enrolment/aboutme/detail.html", context)


@action_required(ABOUT_ME_VIEW, Child, queryset=lambda: Child.objects.select_related("setting", "key_person"))
def about_me_print(request: AuthedRequest, child: Child) -> HttpResponse:
    booklet = selectors.booklet_for(actor=request.user, child=child)
    return render(request, "enrolment/aboutme/print.html", {"child": child, "booklet": booklet})


@action_required(ABOUT_ME_EDIT, Child, queryset=lambda: Child.objects.select_related("setting", "key_person"))
def about_me_edit(request: AuthedRequest, child: Child) -> HttpResponse:
    booklet = selectors.booklet_for(actor=request.user, child=child)
    form = AboutMeForm(request.POST or None, booklet=booklet)
    saved = submit(
        request,
        form,
        lambda data: services.save_all_about_me(actor=request.user, child=child, **data),
        f"Thank you. {child.preferred_name or child.first_name}'s All About Me has been saved.",
    )
    if saved:
        return redirect("enrolment:aboutme", pk=child.pk)
    conflict = None
    if form.has_error(NON_FIELD_ERRORS, code=services.CONFLICT):
        # Show what is saved now beside what this person wrote, and let them save over it knowingly.
        current = selectors.booklet_for(actor=request.user, child=child)
        data = request.POST.copy()
        data["version"] = str(current.version if current else 0)
        form.data = data
        if current is not None:
            conflict = {
                "booklet": current,
                "differences": [
                    {
                        "label": form[name].label,
                        "theirs": getattr(current, name),
                        "yours": form.cleaned_data.get(name, ""),
                    }
                    for name in ABOUT_ME_FIELDS
                    if getattr(current, name) != (form.cleaned_data.get(name) or "").strip()
                ],
            }
    return render(
        request, "enrolment/aboutme/form.html", {"child": child, "form": form, "booklet": booklet, "conflict": conflict}
    )
