"""Pages of sharing with agencies and schools (R48, R51): thin — parse, call a service or selector,
render.

The recipient's link ``/agencies/share-pack/<token>/`` keeps the token in the session and sends
the browser on to ``/agencies/share-pack/``, so the token leaves the address bar (and history)
after the first hop, as the invitation link does. Documents in the pack are served under the same
session token. Every answer about a link that does not work is the same 404 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from tandem.core.access import can
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status, posted, secret_link
from tandem.core.models import Setting
from tandem.core.pagination import paginate, query_without_page
from tandem.people.models import Child

from ..actions.sharing import (
    SHARE_VIEW,
    SHARING_DECIDE,
    SHARING_DECISIONS,
    SHARING_FAMILY,
    SHARING_LOG,
    SHARING_MANAGE,
)
from ..forms.sharing import DecisionForm, ItemsForm, LogFilterForm, ParentsToldForm, RecordForm, ShareForm
from ..models import ReceivedItem, Share, ShareItem, SharingDecision
from ..selectors import sharing as selectors
from ..services import sharing as services

SESSION_KEY = "agencies_share_token"


# --- a child's shares -----------------------------------------------------------------------------------


@action_required(SHARING_MANAGE, Child)
def child_shares(request: AuthedRequest, child: Child) -> HttpResponse:
    """The child's "Information shared" list (shares without consent: the DSL and the manager only)."""
    context = {
        "child": child,
        "page": paginate(request, selectors.child_shares(actor=request.user, child=child)),
        "may_decide": can(request.user, SHARING_DECIDE, child),
        "may_see_decisions": selectors.may_see_decisions(request.user, child),
    }
    return render(request, "agencies/sharing/child.html", context)


def _recipients(child: Child) -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for contact in selectors.contacts_for(child.setting_id):
        text = contact.name + (f", {contact.role}" if contact.role else "")
        groups.setdefault(contact.agency.name, []).append((f"contact:{contact.pk}", text))
    professionals = [
        (f"professional:{p.pk}", f"{p.user.get_full_name() or p.user.email}, {p.job_title}")
        for p in selectors.professionals_for(child.setting_id)
    ]
    choices: list[tuple[str, Any]] = list(groups.items())
    if professionals:
        choices.append(("Visiting professionals (read it during their visit)", professionals))
    return choices


def _recipient_value(share: Share) -> str:
    if share.contact_id:
        return f"contact:{share.contact_id}"
    if share.professional_id:
        found = selectors.professionals_for(share.child.setting_id).filter(user_id=share.professional_id).first()
        return f"professional:{found.pk}" if found else ""
    return ""


@action_required(SHARING_MANAGE, Child)
def start(request: AuthedRequest, child: Child) -> HttpResponse:
    """Prepare a share pack: who for, why, how. Items are chosen on the next page."""
    form = ShareForm(posted(request), recipients=_recipients(child))
    share = submit(
        request,
        form,
        lambda data: services.start_share(
            actor=request.user,
            child=child,
            recipient=data["recipient"],
            purpose=data["purpose"],
            delivery=data["delivery"],
        ),
        "Now choose what goes into the share pack.",
    )
    if share is not None:
        return redirect("agencies:share_items", share.pk)
    context = {"child": child, "form": form, "share": None, "no_recipients": not _recipients(child)}
    return render(request, "agencies/sharing/start.html", context, status=form_status(form))


# --- one share -----------------------------------------------------------------------------------------


@action_required(SHARE_VIEW, Share)
def share_page(request: AuthedRequest, share: Share) -> HttpResponse:
    """What was shared, with whom, when, why, on what basis; the pack; each opening of its link."""
    share = selectors.share_detail(share)
    context = {
        "share": share,
        "child": share.child,
        "entries": selectors.render_pack(
            share, withhold_safeguarding=not selectors.may_see_safeguarding(request.user, share.child)
        ),
        "openings": share.openings.all()[:50],
        "link_works": selectors.link_works(share),
        "is_draft": share.status == Share.Status.DRAFT,
    }
    return render(request, "agencies/sharing/share.html", context)


def _not_draft(request: HttpRequest, share: Share) -> HttpResponse | None:
    if share.status != Share.Status.DRAFT:
        messages.error(request, services.not_draft(share))
        return redirect("agencies:share", share.pk)
    return None


@action_required(SHARE_VIEW, Share)
def change(request: AuthedRequest, share: Share) -> HttpResponse:
    if (done := _not_draft(request, share)) is not None:
        return done
    child = share.child
    initial = {"recipient": _recipient_value(share), "purpose": share.purpose, "delivery": share.delivery}
    form = ShareForm(posted(request), initial=initial, recipients=_recipients(child))
    changed = submit(
        request,
        form,
        lambda data: services.change_share(
            actor=request.user,
            share=share,
            recipient=data["recipient"],
            purpose=data["purpose"],
            delivery=data["delivery"],
        ),
        "Saved.",
    )
    if changed is not None:
        return redirect("agencies:share", share.pk)
    context = {"child": child, "form": form, "share": share}
    return render(request, "agencies/sharing/start.html", context, status=form_status(form))


@action_required(SHARE_VIEW, Share)
def items(request: AuthedRequest, share: Share) -> HttpResponse:
    """The share pack builder: choose items; third-party items without consent are greyed out."""
    if (done := _not_draft(request, share)) is not None:
        return done
    groups = selectors.pack_groups(actor=request.user, child=share.child)
    values = [choice.value for group in groups for choice in group.choices]
    form = ItemsForm(posted(request), values=values, initial={"items": selectors.chosen_values(share)})
    saved = submit(
        request,
        form,
        lambda data: services.choose_items(actor=request.user, share=share, values=data["items"]),
        "The share pack is saved. Check it, then record the share.",
    )
    if saved is not None:
        return redirect("agencies:share", share.pk)
    chosen = set(form["items"].value() or [])
    context = {"share": share, "child": share.child, "form": form, "groups": groups, "chosen": chosen}
    return render(request, "agencies/sharing/items.html", context, status=form_status(form))


@action_required(SHARE_VIEW, Share)
def record(request: AuthedRequest, share: Share) -> HttpResponse:
    """Record the share: its basis (consent, or the DSL's decision), then it is made and logged."""
    if (done := _not_draft(request, share)) is not None:
        return done
    child = share.child
    adults = [(a.pk, f"{a.first_name} {a.last_name}") for a in selectors.consenting_adults(child)]
    decisions = None
    if selectors.may_see_decisions(request.user, child):
        decisions = [
            (d.pk, f"{timezone.localtime(d.decided_at):%-d %B %Y}: {d.with_whom}"[:200])
            for d in selectors.decisions_for(child)
        ]
    form = RecordForm(posted(request), adults=adults, decisions=decisions)
    done_share = submit(
        request,
        form,
        lambda data: services.record_share(
            actor=request.user,
            share=share,
            basis=data["basis"],
            consent_by=int(data["consent_by"]) if data.get("consent_by") else None,
            consent_on=data.get("consent_on"),
            consent_how=data.get("consent_how", ""),
            decision=int(data["decision"]) if data.get("decision") else None,
        ),
        "The share is recorded.",
    )
    if done_share is not None:
        if done_share.delivery == Share.Delivery.LINK:
            messages.info(request, f"We are emailing {done_share.recipient_name} a secure link that works for 14 days.")
        return redirect("agencies:share", share.pk)
    context = {
        "share": share,
        "child": child,
        "form": form,
        "entries": selectors.render_pack(
            share, withhold_safeguarding=not selectors.may_see_safeguarding(request.user, child)
        ),
        "may_decide": can(request.user, SHARING_DECIDE, child),
    }
    return render(request, "agencies/sharing/record.html", context, status=form_status(form))


def _post_action(request: AuthedRequest, share: Share, run: Any, success: str) -> HttpResponse:
    try:
        run(actor=request.user, share=share)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("agencies:share", share.pk)


@require_POST
@action_required(SHARE_VIEW, Share)
def cancel(request: AuthedRequest, share: Share) -> HttpResponse:
    return _post_action(request, share, services.cancel_share, "The share pack is cancelled: nothing was shared.")


@require_POST
@action_required(SHARE_VIEW, Share)
def revoke(request: AuthedRequest, share: Share) -> HttpResponse:
    return _post_action(request, share, services.revoke_share, "Revoked: the share pack can no longer be opened.")


# --- the DSL's decisions ---------------------------------------------------------------------------------


@action_required(SHARING_DECISIONS, Child)
def decisions(request: AuthedRequest, child: Child) -> HttpResponse:
    context = {
        "child": child,
        "page": paginate(request, selectors.decisions_for(child)),
        "may_decide": can(request.user, SHARING_DECIDE, child),
    }
    return render(request, "agencies/sharing/decisions.html", context)


@action_required(SHARING_DECIDE, Child)
def decide(request: AuthedRequest, child: Child) -> HttpResponse:
    form = DecisionForm(posted(request))
    decision = submit(
        request,
        form,
        lambda data: services.record_decision(
            actor=request.user,
            child=child,
            reason=data["reason"],
            with_whom=data["with_whom"],
            parents_told=data["parents_told"],
            parents_told_on=data.get("parents_told_on"),
            not_told_reason=data.get("not_told_reason", ""),
        ),
        "Your decision is recorded. It can now be chosen as the basis of a share without consent.",
    )
    if decision is not None:
        return redirect("agencies:sharing_decisions", child.pk)
    return render(request, "agencies/sharing/decide.html", {"child": child, "form": form}, status=form_status(form))


@action_required(SHARING_DECIDE, Child)
def parents_told(request: AuthedRequest, child: Child, decision_id: int) -> HttpResponse:
    decision = SharingDecision.objects.filter(child=child, pk=decision_id).first()
    if decision is None:
        raise Http404
    initial = {
        "parents_told": decision.parents_told,
        "parents_told_on": decision.parents_told_on,
        "not_told_reason": decision.not_told_reason,
    }
    form = ParentsToldForm(posted(request), initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.update_parents_told(
            actor=request.user,
            decision=decision,
            parents_told=data["parents_told"],
            parents_told_on=data.get("parents_told_on"),
            not_told_reason=data.get("not_told_reason", ""),
        ),
        "Saved.",
    )
    if saved is not None:
        return redirect("agencies:sharing_decisions", child.pk)
    context = {"child": child, "form": form, "decision": decision}
    return render(request, "agencies/sharing/parents_told.html", context, status=form_status(form))


# --- the setting's log -----------------------------------------------------------------------------------


@action_required(SHARING_LOG, Setting)
def sharing_log(request: AuthedRequest, setting: Setting) -> HttpResponse:
    agencies = [(a.pk, a.name) for a in selectors.log_agencies(setting)]
    form = LogFilterForm(request.GET or None, agencies=agencies)
    basis, agency = "", None
    if form.is_valid():
        basis, agency = form.cleaned_data["basis"], form.cleaned_data["agency"]
    shares = selectors.sharing_log(setting=setting, basis=basis, agency=agency)
    context = {
        "setting": setting,
        "form": form,
        "page": paginate(request, shares),
        "query": query_without_page(request),
    }
    return render(request, "agencies/sharing/log.html", context)


# --- families ------------------------------------------------------------------------------------------------


@action_required(SHARING_FAMILY, Child)
def family(request: AuthedRequest, child: Child) -> HttpResponse:
    """What the setting has shared about the child (never a decision's reason)."""
    context = {"child": child, "page": paginate(request, selectors.family_shares(child))}
    return render(request, "agencies/sharing/family.html", context)


# --- the recipient (public) ------------------------------------------------------------------------------------


@public
@require_GET
def shared_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: keep the token in the session and drop it from the address bar."""
    request.session[SESSION_KEY] = token
    return secret_link(HttpResponseRedirect(reverse("agencies:shared_view")))


def _invalid(request: HttpRequest) -> HttpResponse:
    return secret_link(render(request, "agencies/sharing/invalid.html", status=404))


@public
@require_GET
def shared_view(request: HttpRequest) -> HttpResponse:
    """The share pack, read-only and printable; the same "not valid" page for any link that does not work."""
    share = services.open_share(token=request.session.get(SESSION_KEY, ""))
    if share is None:
        return _invalid(request)

    def document_url(item: ShareItem) -> str:
        return f"{reverse('agencies:shared_document')}?item={item.pk}"

    context = {
        "share": share,
        "child": share.child,
        "setting": share.child.setting,
        "entries": selectors.render_pack(share, document_url=document_url),
    }
    return secret_link(render(request, "agencies/sharing/shared.html", context))


@public
@require_GET
def shared_document(request: HttpRequest) -> HttpResponseBase:
    """A received document in the pack, under the session's token, while the link and the
    originating agency's consent both hold. The item is named by ``?item=<id>`` (an id in the path
    would make this public page look like one that needs signing in)."""
    raw = request.GET.get("item", "")
    item_id = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else 0
    share = selectors.share_by_token(request.session.get(SESSION_KEY, ""))
    if share is None or not selectors.link_works(share):
        return _invalid(request)
    item = ShareItem.objects.filter(share=share, pk=item_id, received_item__isnull=False).first()
    received = ReceivedItem.objects.filter(pk=item.received_item_id).first() if item and item.received_item_id else None
    if item is None or received is None or not received.file or selectors.received_blocked(received):
        return _invalid(request)
    services.document_opened(share=share, item=item)
    name = f"{slugify(received.title) or 'document'}.pdf"
    response = FileResponse(received.file.open("rb"), content_type="application/pdf", filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
