"""Pages of the transfer of records to the receiving school (R55, R67): thin — parse, call a
service or selector, render.

The school's link ``/school-records/<token>/`` keeps the token's SHA-256 (never the token) in the
session, dropped once the button is used, and sends the browser on to ``/school-records/``, so the
token leaves the address bar (and any Referer) after the first hop. That page names only the setting
and the kind of record; its button POSTs, and only the POST uses the link (mail scanners fetch links
with GET). A token that matches nothing is a 404 page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from tandem.core.access import can
from tandem.core.decorators import action_required, public
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest, form_status, posted, secret_link
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.transfer import TRANSFER_FAMILY, TRANSFER_LIST, TRANSFER_MANAGE, TRANSFER_SEND, TRANSFER_VIEW
from ..forms.transfer import TransferForm
from ..models import RecordTransfer, Transition
from ..selectors import transfer as selectors
from ..services import transfer as services

SESSION_KEY = "records_transfer_link"  # the token's SHA-256, never the token


def _pdf(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return secret_link(response)


def _contact_label(contact: Any) -> str:
    text = contact.name + (f", {contact.role}" if contact.role else "")
    return text if contact.email else f"{text} (no email: by hand only)"


# --- staff: a transition's transfers ----------------------------------------------------------------------


@action_required(TRANSFER_LIST, Transition)
def transfers(request: AuthedRequest, transition: Transition) -> HttpResponse:
    page = paginate(request, selectors.transfers_for(actor=request.user, transition=transition))
    page.object_list = selectors.with_states(list(page.object_list))  # type: ignore[assignment]
    context = {
        "transition": transition,
        "child": transition.child,
        "page": page,
        "may_send": can(request.user, TRANSFER_SEND, transition),
    }
    return render(request, "records/transfer/list.html", context)


@action_required(TRANSFER_SEND, Transition)
def new(request: AuthedRequest, transition: Transition) -> HttpResponse:
    contacts = [(c.pk, _contact_label(c)) for c in selectors.contacts_for(transition)]
    form = TransferForm(posted(request), kinds=selectors.kinds_for(request.user, transition), contacts=contacts)
    transfer = submit(
        request,
        form,
        lambda data: services.send_transfer(
            actor=request.user,
            transition=transition,
            kind=data["kind"],
            contact_id=data["contact"],
            delivery=data["delivery"],
            note=data.get("note", ""),
            purpose=data["purpose"],
        ),
        "Logged. The records are being prepared.",
    )
    if transfer is not None:
        if transfer.delivery == RecordTransfer.Delivery.LINK:
            messages.info(request, f"We are emailing {transfer.recipient_name} a link that works once, for 7 days.")
        return redirect("records:transfer", transfer.pk)
    report = selectors.report_of(transition)
    context = {
        "transition": transition,
        "child": transition.child,
        "form": form,
        "report_agreed": report is not None and report.is_agreed,
        "no_contacts": not contacts,
    }
    return render(request, "records/transfer/new.html", context, status=form_status(form))


@action_required(TRANSFER_VIEW, RecordTransfer)
def detail(request: AuthedRequest, transfer: RecordTransfer) -> HttpResponse:
    transfer = selectors.with_states([transfer])[0]
    context = {
        "transfer": transfer,
        "transition": transfer.transition,
        "child": transfer.child,
        "openings": transfer.openings.all()[:50],
        "failure_reason": selectors.failure_reason(transfer),
        "may_manage": selectors.may_manage(request.user, transfer),
    }
    return render(request, "records/transfer/detail.html", context)


def _post_action(request: AuthedRequest, transfer: RecordTransfer, run: Any, success: str) -> HttpResponse:
    if request.method == "POST":
        try:
            run(actor=request.user, transfer=transfer)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    return redirect("records:transfer", transfer.pk)


@action_required(TRANSFER_MANAGE, RecordTransfer)
def revoke(request: AuthedRequest, transfer: RecordTransfer) -> HttpResponse:
    return _post_action(request, transfer, services.revoke, "Withdrawn: the records can no longer be opened.")


@action_required(TRANSFER_MANAGE, RecordTransfer)
def handed_over(request: AuthedRequest, transfer: RecordTransfer) -> HttpResponse:
    return _post_action(request, transfer, services.handed_over, "Recorded as handed over. The PDF is deleted.")


@action_required(TRANSFER_MANAGE, RecordTransfer)
def family_told(request: AuthedRequest, transfer: RecordTransfer) -> HttpResponse:
    return _post_action(request, transfer, services.family_told, "Recorded: the family has been told.")


@action_required(TRANSFER_MANAGE, RecordTransfer)
def download(request: AuthedRequest, transfer: RecordTransfer) -> HttpResponse:
    """The PDF of a transfer by hand, to print or carry to the school (audited)."""
    try:
        pdf = services.pdf_to_hand_over(actor=request.user, transfer=transfer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("records:transfer", transfer.pk)
    return _pdf(pdf, f"{slugify(transfer.get_kind_display())}-{transfer.pk}.pdf")


# --- the family ---------------------------------------------------------------------------------------------


@action_required(TRANSFER_FAMILY, Child)
def family(request: AuthedRequest, child: Child) -> HttpResponse:
    """The learning and SEN records sent to the child's school: what, where, when, opened or not."""
    context = {"child": child, "page": paginate(request, selectors.family_transfers(child))}
    return render(request, "records/transfer/family.html", context)


# --- the school (public) --------------------------------------------------------------------------------------


@public
def school_link(request: HttpRequest, token: str = "") -> HttpResponse:
    """The emailed link (GET with the token: its hash kept in the session, then on to the page without
    it); the page (GET: the setting and the kind of record, and a button); the button (POST: the PDF,
    once; the hash then leaves the session, whatever the outcome)."""
    if token:
        if request.method != "GET":
            return secret_link(HttpResponse(status=405))
        request.session[SESSION_KEY] = selectors.token_hash(token) if len(token) <= 100 else ""
        return secret_link(HttpResponseRedirect(reverse("records:transfer_open")))
    if request.method == "POST":
        transfer, refused, pdf = services.open_link(digest=request.session.pop(SESSION_KEY, ""))
        if transfer is None:
            return secret_link(render(request, "records/transfer/link_invalid.html", status=404))
        if refused:
            return _gone(request, transfer, refused)
        return _pdf(pdf, f"records-from-{slugify(transfer.setting.name)}.pdf")
    if request.method != "GET":
        return secret_link(HttpResponse(status=405))
    transfer = selectors.by_hash(request.session.get(SESSION_KEY, ""))
    if transfer is None:
        return secret_link(render(request, "records/transfer/link_invalid.html", status=404))
    refused = selectors.refusal(transfer)
    if refused:
        return _gone(request, transfer, refused)  # shown, not logged: only a use of the link is
    context = {"transfer": transfer, "setting": transfer.setting}
    response = secret_link(render(request, "records/transfer/link.html", context))
    # No token in this address; "no-referrer" would make the browser send "Origin: null" with the POST.
    response["Referrer-Policy"] = "same-origin"
    return response


def _gone(request: HttpRequest, transfer: RecordTransfer, refused: str) -> HttpResponse:
    context = {"transfer": transfer, "setting": transfer.setting, "refused": refused}
    return secret_link(render(request, "records/transfer/link_gone.html", context, status=410))
