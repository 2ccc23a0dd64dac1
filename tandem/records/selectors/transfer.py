"""Reads for the transfer of records to the receiving school (R55, R67): the transfers a person may
see, the school's contacts to send to, a transfer's state, what goes into each kind's PDF, and what a
family sees.

The PDF lives in private storage under a name only the server can work out from the row
(:func:`pdf_name`); it is deleted once the school has opened it or it was handed over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from django.core.files.storage import default_storage
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from tandem.agencies.models import (
    AgencyContact,
    AgencyMeeting,
    PlanReview,
    ProtectionPlan,
    ReceivedItem,
    Referral,
    SupportPlan,
)
from tandem.agencies.selectors.received import origin_of
from tandem.core.access import can, permitted
from tandem.core.models import AuditEvent, User
from tandem.enrolment.models import AllAboutMe
from tandem.journal.models import ProgressCheck, Summary
from tandem.people.models import Child, Need

from ..actions.transfer import FAMILY_KINDS, SEND_BY_KIND, TRANSFER_MANAGE, TRANSFER_VIEW
from ..models import RecordTransfer, Transition, TransitionReport

LINK_DAYS = 7
HASH_FORM = re.compile(r"[0-9a-f]{64}")
NOT_AGREED_EVENT = "records.transfer.not_agreed"
NOT_AGREED_SINCE = "The report changed after the family agreed it: ask them to agree it again, then send."
Kind, Status, Delivery = RecordTransfer.Kind, RecordTransfer.Status, RecordTransfer.Delivery


def pdf_name(transfer: RecordTransfer) -> str:
    """Where the transfer's PDF is kept: private, named by a keyed hash of the row, never a name."""
    token = salted_hmac("tandem.records.transfer.pdf", str(transfer.pk)).hexdigest()[:32]
    return f"records/transfers/{transfer.setting_id}/{token}.pdf"


def pdf_ready(transfer: RecordTransfer) -> bool:
    return default_storage.exists(pdf_name(transfer))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def by_token(token: str) -> RecordTransfer | None:
    """The link's transfer, or None for a token that matches none (or is not one)."""
    if not token or len(token) > 100:
        return None
    return by_hash(token_hash(token))


def by_hash(digest: str) -> RecordTransfer | None:
    """The link's transfer from its token's SHA-256 (what the session keeps), or None."""
    if not isinstance(digest, str) or not HASH_FORM.fullmatch(digest):
        return None
    return RecordTransfer.objects.select_related("setting").filter(token_hash=digest, delivery=Delivery.LINK).first()


def is_expired(transfer: RecordTransfer, now: dt.datetime | None = None) -> bool:
    return transfer.expires_at is not None and transfer.expires_at <= (now or timezone.now())


def refusal(transfer: RecordTransfer) -> str:
    """Why the link may not be used now (a TransferOpening outcome), or "" when it works."""
    if transfer.status == Status.REVOKED:
        return "revoked"
    if transfer.status == Status.OPENED or transfer.opened_at is not None:
        return "already_used"
    if transfer.status != Status.SENT or is_expired(transfer):
        return "expired"
    return ""


def state(transfer: RecordTransfer) -> str:
    """What staff see: "preparing", "ready" (in person, to hand over), "sent", "expired", "opened",
    "handed_over", "revoked" or "failed"."""
    if transfer.status == Status.OPENED:
        return "handed_over" if transfer.handed_over_at else "opened"
    if transfer.status == Status.SENT:
        return "expired" if is_expired(transfer) else "sent"
    if transfer.status == Status.PREPARING and transfer.delivery == Delivery.IN_PERSON and pdf_ready(transfer):
        return "ready"
    return str(transfer.status)


STATE_LABELS = {
    "preparing": "Being prepared",
    "ready": "Ready to download and hand over",
    "sent": "Sent: waiting to be opened",
    "expired": "Link expired: not opened",
    "opened": "Opened by the school",
    "handed_over": "Handed over in person",
    "revoked": "Withdrawn",
    "failed": "Could not be prepared",
}


# --- staff -----------------------------------------------------------------------------------------


def transfers_for(*, actor: User, transition: Transition) -> QuerySet[RecordTransfer]:
    """The transition's transfers this person may see (each kind as its rules allow), newest first."""
    rows = RecordTransfer.objects.filter(transition=transition).select_related("contact", "created_by")
    return permitted(actor, TRANSFER_VIEW, rows).order_by("-created_at", "-pk")


def failure_reason(transfer: RecordTransfer) -> str:
    """Why a failed transfer failed, when staff can act on it (the report no longer agreed)."""
    if transfer.status != Status.FAILED:
        return ""
    unagreed = AuditEvent.objects.filter(
        event=NOT_AGREED_EVENT, object_type=RecordTransfer._meta.label_lower, object_id=transfer.pk
    ).exists()
    return NOT_AGREED_SINCE if unagreed else ""


def with_states(transfers: list[RecordTransfer]) -> list[RecordTransfer]:
    for transfer in transfers:
        transfer.state = state(transfer)  # type: ignore[attr-defined]
        transfer.state_label = STATE_LABELS.get(transfer.state, "")  # type: ignore[attr-defined]
    return transfers


def kinds_for(actor: User, transition: Transition) -> list[tuple[str, str]]:
    """The kinds of record this person may send for this transition."""
    return [(kind, label) for kind, label in Kind.choices if can(actor, SEND_BY_KIND[kind], transition)]


def contacts_for(transition: Transition) -> QuerySet[AgencyContact]:
    """The active named people at the transition's school."""
    return AgencyContact.objects.filter(agency_id=transition.school_id, active=True).order_by("name", "pk")


def may_manage(actor: User, transfer: RecordTransfer) -> bool:
    return can(actor, TRANSFER_MANAGE, transfer)


def report_of(transition: Transition) -> TransitionReport | None:
    return TransitionReport.objects.filter(transition=transition).first()


# --- the family -------------------------------------------------------------------------------------


def family_transfers(child: Child) -> QuerySet[RecordTransfer]:
    """The learning and SEN records sent about the child (never child protection), newest first.
    The caller has checked ``records.transfer.family`` on the child."""
    return (
        RecordTransfer.objects.filter(child=child, kind__in=FAMILY_KINDS, status__in=[Status.SENT, Status.OPENED])
        .select_related("contact", "transition__school")
        .order_by("-created_at", "-pk")
    )


# --- what goes into the PDF -----------------------------------------------------------------------------


def report_sections(report: TransitionReport) -> list[tuple[str, str]]:
    """The report's sections as (label, text): the transition feature's own, or its fields."""
    try:
        from .transition import report_sections as theirs
    except ImportError:
        pass
    else:
        return list(theirs(report))
    fields = TransitionReport._meta
    return [
        (str(getattr(fields.get_field(name), "verbose_name", name)).capitalize(), getattr(report, name))
        for name in (*report.SECTIONS, "family_contribution")
    ]


def _learning(child: Child, transition: Transition) -> dict[str, Any]:
    report = report_of(transition)
    check = (
        ProgressCheck.objects.filter(
            child=child, status__in=[ProgressCheck.Status.SIGNED_OFF, ProgressCheck.Status.SHARED]
        )
        .prefetch_related("areas__area")
        .order_by("-signed_off_at", "-pk")
        .first()
    )
    booklet = AllAboutMe.objects.filter(child=child).first()
    return {
        "report": report,
        "sections": [(label, text) for label, text in report_sections(report) if text] if report else [],
        "summaries": list(
            Summary.objects.filter(child=child, status=Summary.Status.SHARED)
            .prefetch_related("areas__area", "areas__band")
            .order_by("-period_end", "-pk")
        ),
        "check": check,
        "booklet": booklet if booklet is not None and not booklet.is_empty else None,
    }


def _sen(child: Child) -> dict[str, Any]:
    plans = (
        SupportPlan.objects.filter(child=child)
        .exclude(status=SupportPlan.Status.DRAFT)
        .prefetch_related("targets", Prefetch("reviews", PlanReview.objects.order_by("held_on", "pk")))
        .order_by("created_at", "pk")
    )
    return {"plans": list(plans), "needs": list(Need.objects.filter(child=child, kind=Need.Kind.SEN))}


def _protection(child: Child) -> dict[str, Any]:
    received = ReceivedItem.objects.filter(child=child, safeguarding=True).select_related("agency")
    return {
        "protection_plans": list(
            ProtectionPlan.objects.filter(child=child).prefetch_related("tasks").order_by("started_on", "pk")
        ),
        "referrals": list(
            Referral.objects.filter(child=child, safeguarding=True).select_related("agency").order_by("made_on", "pk")
        ),
        "meetings": list(
            AgencyMeeting.objects.filter(child=child, safeguarding=True).prefetch_related("actions").order_by("held_at")
        ),
        # Third-party material: its title and origin only, never its contents.
        "received": [(item.title, origin_of(item), item.received_on) for item in received.order_by("received_on")],
    }


def pdf_context(transfer: RecordTransfer) -> dict[str, Any]:
    child = transfer.child
    context: dict[str, Any] = {
        "transfer": transfer,
        "child": child,
        "setting": transfer.setting,
        "school": transfer.transition.school,
    }
    if transfer.kind == Kind.LEARNING:
        context.update(_learning(child, transfer.transition))
    elif transfer.kind == Kind.SEN:
        context.update(_sen(child))
    else:
        context.update(_protection(child))
    return context
