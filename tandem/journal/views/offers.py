"""Pages of parents' offers of help (R21). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page

from ..actions.offers import OFFER_LIST, OFFER_MAKE, OFFER_RESPOND
from ..forms.offers import FilterForm, OfferForm, ResponseForm
from ..selectors import offers as selectors
from ..services import offers as services


@action_required(OFFER_MAKE, Setting)
def my_offers(request: AuthedRequest, setting: Setting) -> HttpResponse:
    """A family's page: offer help, and see earlier offers with the setting's answers."""
    form = OfferForm(request.POST or None)
    made = submit(
        request,
        form,
        lambda data: services.make_offer(actor=request.user, setting=setting, **data),
        "Thank you for your offer. The setting will reply here.",
    )
    if made:
        return redirect("journal:offers_mine", setting.pk)
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, selectors.my_offers(actor=request.user, setting=setting)),
    }
    return render(request, "journal/offers/mine.html", context)


@action_required(OFFER_LIST, Setting)
def setting_offers(request: AuthedRequest, setting: Setting) -> HttpResponse:
    filters = FilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    offers = selectors.setting_offers(
        actor=request.user, setting=setting, kind=data.get("kind", ""), status=data.get("status", "")
    )
    context = {
        "setting": setting,
        "filters": filters,
        "page": paginate(request, offers),
        "query": query_without_page(request),
        "may_respond": can(request.user, OFFER_RESPOND, setting),
    }
    return render(request, "journal/offers/list.html", context)


@action_required(OFFER_RESPOND, Setting)
def respond(request: AuthedRequest, setting: Setting, offer_id: int) -> HttpResponse:
    offer = selectors.offer_of(actor=request.user, setting=setting, offer_id=offer_id)
    if offer is None:
        raise Http404
    initial = {"status": offer.status if offer.status != "new" else "", "response": offer.response}
    form = ResponseForm(request.POST or None, initial=initial)
    answered = submit(
        request,
        form,
        lambda data: services.respond(actor=request.user, offer=offer, **data),
        "Your answer is saved. The family will see it on their offers page.",
    )
    if answered:
        return redirect("journal:offers_setting", setting.pk)
    return render(request, "journal/offers/respond.html", {"setting": setting, "offer": offer, "form": form})
