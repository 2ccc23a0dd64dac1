"""Views of suggestions (R37): thin — parse, call a service or selector, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.suggestions import (
    SUGGESTION_ANSWER,
    SUGGESTION_LIST,
    SUGGESTION_MAKE,
    SUGGESTION_OWN,
    SUGGESTION_PUBLIC,
    SUGGESTION_VIEW,
)
from ..forms.suggestions import AnswerForm, FilterForm, SuggestionForm
from ..models import Suggestion
from ..selectors import suggestions as selectors
from ..services import suggestions as services


@action_required(SUGGESTION_MAKE, Setting)
def make(request: AuthedRequest, setting: Setting) -> HttpResponse:
    form = SuggestionForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.make_suggestion(
            actor=request.user, setting=setting, tone=data["tone"], text=data["text"], anonymous=data["anonymous"]
        ),
        "Thank you. Your suggestion has reached the setting's manager.",
    )
    if made is not None:
        if made.author_id:
            return redirect("voice:my_suggestion", made.pk)
        return redirect("voice:you_said_we_did", setting.pk)
    status = 400 if form.is_bound else 200
    return render(request, "voice/suggestions/make.html", {"setting": setting, "form": form}, status=status)


@action_required(SUGGESTION_MAKE, Setting)
def mine(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.mine(request.user, setting))
    return render(request, "voice/suggestions/mine.html", {"setting": setting, "page": page})


@action_required(SUGGESTION_OWN, Suggestion, queryset=lambda: Suggestion.objects.select_related("setting"))
def own(request: AuthedRequest, suggestion: Suggestion) -> HttpResponse:
    return render(request, "voice/suggestions/own.html", {"suggestion": suggestion, "setting": suggestion.setting})


@action_required(SUGGESTION_PUBLIC, Setting)
def public(request: AuthedRequest, setting: Setting) -> HttpResponse:
    page = paginate(request, selectors.you_said_we_did(setting))
    context = {"setting": setting, "page": page, "may_suggest": can(request.user, SUGGESTION_MAKE, setting)}
    return render(request, "voice/suggestions/public.html", context)


@action_required(SUGGESTION_LIST, Setting)
def received(request: AuthedRequest, setting: Setting) -> HttpResponse:
    filters = FilterForm(request.GET or None)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    found = selectors.received(request.user, setting, status=wanted.get("status", ""), tone=wanted.get("tone", ""))
    context = {
        "setting": setting,
        "filters": filters,
        "page": paginate(request, found),
        "query": query_without_page(request),
        "counts": selectors.counts(request.user, setting),
    }
    return render(request, "voice/suggestions/list.html", context)


@action_required(SUGGESTION_VIEW, Suggestion, queryset=lambda: Suggestion.objects.select_related("setting", "author"))
def suggestion(request: AuthedRequest, suggestion: Suggestion) -> HttpResponse:
    may_answer = can(request.user, SUGGESTION_ANSWER, suggestion)
    initial = {
        "reply": suggestion.reply,
        "reply_public": suggestion.reply_public,
        "status": suggestion.status if suggestion.status != Suggestion.Status.NEW else Suggestion.Status.DONE,
        "we_did": suggestion.we_did,
    }
    form = AnswerForm(request.POST or None, initial=initial) if may_answer else None
    if form is not None:
        done = submit(
            request,
            form,
            lambda data: services.answer(
                actor=request.user,
                suggestion=suggestion,
                reply=data["reply"],
                reply_public=data["reply_public"],
                status=data["status"],
                we_did=data["we_did"],
            ),
            "Your answer is saved.",
        )
        if done is not None:
            return redirect("voice:suggestion", suggestion.pk)
    context = {"suggestion": suggestion, "setting": suggestion.setting, "form": form}
    return render(request, "voice/suggestions/suggestion.html", context, status=400 if form and form.is_bound else 200)
