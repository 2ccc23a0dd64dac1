"""Pages of sending to another setting (R25): the share log, sending, revoking, and the public link.

The public link ``/shared/<token>/`` keeps the token in the session and sends the browser on to
``/shared/view/``, so the token leaves the address bar (and browser history) after the first hop,
as the invitation link does. Every answer about a link that does not work is the same page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, secret_link
from tandem.core.pagination import paginate
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consent_now
from tandem.people.models import Child

from ..actions.sharing import SHARE_MANAGE, SHARE_VIEW
from ..forms.sharing import ShareForm
from ..selectors import sharing as selectors
from ..services import sharing as services

SESSION_KEY = "journal_outside_share_token"


# --- staff and family: the log ------------------------------------------------------------------


@action_required(SHARE_VIEW, Child)
def share_log(request: AuthedRequest, child: Child) -> HttpResponse:
    staff = can(request.user, SHARE_MANAGE, child)
    context = {
        "child": child,
        "page": paginate(request, selectors.share_log(child=child)),
        "is_staff": staff,
        "consent": consent_now(child, ConsentCode.SHARE_OTHER_SETTING) if staff else None,
    }
    return render(request, "journal/sharing/log.html", context)


@action_required(SHARE_MANAGE, Child)
def send(request: AuthedRequest, child: Child) -> HttpResponse:
    consent = consent_now(child, ConsentCode.SHARE_OTHER_SETTING)
    items = selectors.shareable_items(child)
    form = ShareForm(request.POST or None, items=items)
    sent = submit(
        request,
        form,
        lambda data: services.send_share(
            actor=request.user,
            child=child,
            item=data["item"],
            recipient_setting=data["recipient_setting"],
            recipient_name=data["recipient_name"],
            recipient_email=data["recipient_email"],
            reason=data["reason"],
        ),
        "Sent. We have emailed them a secure link that works for 14 days.",
    )
    if sent:
        return redirect("journal:sharing_log", child.pk)
    missing = "" if consent.given else services.NO_CONSENT.format(name=child.display_name, status=consent.label.lower())
    context = {"child": child, "form": form, "items": items, "missing_consent": missing}
    return render(request, "journal/sharing/send.html", context)


@require_POST
@action_required(SHARE_MANAGE, Child)
def revoke(request: AuthedRequest, child: Child, share_id: int) -> HttpResponse:
    share = selectors.share_of(actor=request.user, child=child, share_id=share_id)
    try:
        services.revoke_share(actor=request.user, share=share)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The link sent to {share.recipient_name} no longer works.")
    return redirect("journal:sharing_log", child.pk)


# --- the recipient (public) ---------------------------------------------------------------------


@public
@require_GET
def shared_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: keep the token in the session and drop it from the address bar."""
    request.session[SESSION_KEY] = token
    return secret_link(HttpResponseRedirect(reverse("journal:shared_view")))


@public
@require_GET
def shared_view(request: HttpRequest) -> HttpResponse:
    """The summary or check sent, read-only; the same "not valid" page for any link that does not work."""
    share = services.open_share(token=request.session.get(SESSION_KEY, ""))
    if share is None:
        return secret_link(render(request, "journal/sharing/invalid.html", status=404))
    context = selectors.shared_item_context(share)
    return secret_link(render(request, "journal/sharing/shared.html", context))
