"""Pages of information received from other agencies (R49): thin — parse, call a service or
selector, render. Every read of an item (its page, its document) is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.received import RECEIVED_CONSENT, RECEIVED_RECORD, RECEIVED_VIEW
from ..forms.received import ConsentForm, ReceivedItemForm
from ..models import ReceivedItem
from ..selectors import received as selectors
from ..services import received as services


def _items() -> Any:
    return ReceivedItem.objects.select_related("agency", "child", "child__setting", "recorded_by")


@action_required(RECEIVED_RECORD, Child)
def child_items(request: AuthedRequest, child: Child) -> HttpResponse:
    """What other agencies have sent or told the setting about the child (those this person may read)."""
    page = paginate(request, selectors.items_for(actor=request.user, child=child))
    context = {"child": child, "page": page, "query": query_without_page(request)}
    return render(request, "agencies/received/list.html", context)


@action_required(RECEIVED_RECORD, Child)
def record(request: AuthedRequest, child: Child) -> HttpResponse:
    posted = request.method == "POST"
    form = ReceivedItemForm(
        request.POST if posted else None, request.FILES if posted else None, setting_id=child.setting_id
    )
    item = submit(
        request,
        form,
        lambda data: services.record_item(
            actor=request.user,
            child=child,
            kind=data["kind"],
            title=data["title"],
            from_name=data["from_name"],
            received_on=data["received_on"],
            agency=data["agency"],
            body=data["body"],
            upload=data["file"] or None,
            safeguarding=data["safeguarding"],
        ),
        "The information is recorded, with where it came from.",
    )
    if item is not None:
        if can(request.user, RECEIVED_VIEW, item):
            return redirect("agencies:received_item", item.pk)
        messages.info(request, "Only the DSL, the manager and the key person can open safeguarding information.")
        return redirect("agencies:received_list", child.pk)
    status = 400 if form.is_bound else 200
    return render(request, "agencies/received/record.html", {"child": child, "form": form}, status=status)


def _page(request: AuthedRequest, item: ReceivedItem, consent_form: ConsentForm | None = None) -> HttpResponse:
    services.record_read(actor=request.user, item=item)
    context = {
        "item": item,
        "child": item.child,
        "origin": selectors.origin_of(item),
        "consents": selectors.consents_of(item),
        "may_consent": selectors.may_consent(request.user, item),
        "consent_form": consent_form or ConsentForm(),
    }
    return render(request, "agencies/received/item.html", context, status=400 if consent_form else 200)


@action_required(RECEIVED_VIEW, ReceivedItem, queryset=_items)
def item(request: AuthedRequest, item: ReceivedItem) -> HttpResponse:
    return _page(request, item)


@action_required(RECEIVED_VIEW, ReceivedItem, queryset=_items)
def document(request: AuthedRequest, item: ReceivedItem) -> FileResponse:
    """The document: to those who may read the item only, never cached, never sniffed, always saved."""
    if item.kind != ReceivedItem.Kind.DOCUMENT or not item.file:
        raise Http404
    try:
        handle = item.file.open("rb")
    except (OSError, ValueError):
        raise Http404 from None
    services.record_read(actor=request.user, item=item, downloaded=True)
    response = FileResponse(
        handle, as_attachment=True, filename=f"received-{item.pk}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@action_required(RECEIVED_CONSENT, ReceivedItem, queryset=_items)
def consent(request: AuthedRequest, item: ReceivedItem) -> HttpResponse:
    form = ConsentForm(request.POST)
    done = submit(
        request,
        form,
        lambda data: services.record_consent(
            actor=request.user,
            item=item,
            given_by=data["given_by"],
            given_on=data["given_on"],
            scope=data["scope"],
            how=data["how"],
        ),
        "The agency's consent to pass it on is recorded.",
    )
    if done is not None:
        return redirect("agencies:received_item", item.pk)
    return _page(request, item, consent_form=form)


@require_POST
@action_required(RECEIVED_CONSENT, ReceivedItem, queryset=_items)
def withdraw(request: AuthedRequest, item: ReceivedItem) -> HttpResponse:
    try:
        services.withdraw_consent(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The consent is withdrawn: the item cannot be passed on now.")
    return redirect("agencies:received_item", item.pk)
