"""Reading concerns and complaints (R56–R60): lists filtered in the database through the access
layer, the Complaint Investigation Record as each reader may see it, and the choices the forms
offer. Query counts do not grow with the number of complaints or steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from tandem.core.access import can, permitted
from tandem.core.models import Setting, User
from tandem.people.models import Child, ChildAdult
from tandem.people.selectors import current

from ..actions.complaints import COMPLAINT_INTERNAL, COMPLAINT_VIEW
from ..deadlines import RULES, state
from ..models.complaints import Complaint, ComplaintStep, Deadline, InvestigationReport

Stage = Complaint.Stage
OPEN_DEADLINE = Q(deadlines__met_at__isnull=True, deadlines__cancelled_at__isnull=True)


def _with_deadlines(queryset: QuerySet[Complaint], now: datetime | None = None) -> QuerySet[Complaint]:
    """Each complaint with its next open deadline (``next_due``) and whether one is overdue."""
    overdue = _overdue(now or timezone.now())
    return queryset.annotate(next_due=Min("deadlines__due_at", filter=OPEN_DEADLINE), is_overdue=Exists(overdue))


def _overdue(now: datetime) -> QuerySet[Deadline]:
    return Deadline.objects.filter(
        complaint=OuterRef("pk"), met_at__isnull=True, cancelled_at__isnull=True, due_at__lt=now
    )


def setting_complaints(
    actor: User, setting: Setting, *, stage: str = "", kind: str = "", status: str = "", overdue: bool = False
) -> QuerySet[Complaint]:
    """The setting's complaints the person may see as staff (never one about them), newest first.
    ``status``: "open" or "closed"; ``overdue``: only those with a missed time limit."""
    rows = permitted(actor, COMPLAINT_INTERNAL, Complaint.objects.filter(setting=setting))
    if stage:
        rows = rows.filter(stage=stage)
    if kind:
        rows = rows.filter(kind=kind)
    if status == "open":
        rows = rows.filter(closed_at__isnull=True)
    elif status == "closed":
        rows = rows.filter(closed_at__isnull=False)
    if overdue:
        rows = rows.filter(Exists(_overdue(timezone.now())))
    return _with_deadlines(rows.select_related("child", "handler")).order_by("-received_at", "-pk")


def my_complaints(actor: User) -> QuerySet[Complaint]:
    """The concerns and complaints the person raised (and may still open), newest first."""
    rows = permitted(actor, COMPLAINT_VIEW, Complaint.objects.filter(raised_by=actor))
    return _with_deadlines(rows.select_related("child", "setting")).order_by("-received_at", "-pk")


def child_complaints(actor: User, child: Child) -> list[Complaint]:
    """For the child's file: the complaints about the child the person may see as staff, with their
    confidential reports. One query."""
    rows = permitted(actor, COMPLAINT_INTERNAL, Complaint.objects.filter(child=child))
    return list(rows.select_related("report").order_by("-received_at", "-pk")[:20])


# --- one complaint ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineLine:
    deadline: Deadline
    label: str  # what must happen: "Investigate and feed back to the parent"
    state: str  # "met", "met late", "overdue", "due soon", "upcoming", "no longer applies"
    words: str  # the state in words (never colour alone)


def _day(moment: datetime) -> str:
    from django.utils import dateformat

    return dateformat.format(timezone.localtime(moment), "j F Y")


def deadline_lines(complaint: Complaint, now: datetime | None = None) -> list[DeadlineLine]:
    """Every time limit of the complaint with its state, in the order they fell due. One query."""
    now = now or timezone.now()
    lines = []
    for deadline in Deadline.objects.filter(complaint=complaint).order_by("due_at", "pk"):
        rule = RULES.get(deadline.rule)
        label = rule.label if rule else deadline.rule
        if deadline.met_at is None and deadline.cancelled_at is not None:
            found, words = "no longer applies", f"No longer applies (stage ended {_day(deadline.cancelled_at)})"
        else:
            found = state(
                due=deadline.due_at, met=deadline.met_at, now=now, remind_days=rule.remind_days if rule else 0
            )
            words = {
                "met": f"Met on {_day(deadline.met_at)}" if deadline.met_at else "Met",
                "met late": f"Met late, on {_day(deadline.met_at)}" if deadline.met_at else "Met late",
                "overdue": f"Overdue: it was due by {_day(deadline.due_at)}",
                "due soon": f"Due soon: by {_day(deadline.due_at)}",
                "upcoming": f"Due by {_day(deadline.due_at)}",
            }[found]
        lines.append(DeadlineLine(deadline, label, found, words))
    return lines


def next_deadline(complaint: Complaint) -> Deadline | None:
    """The soonest open time limit: what the complainant is waiting for."""
    return (
        Deadline.objects.filter(complaint=complaint, met_at__isnull=True, cancelled_at__isnull=True)
        .order_by("due_at", "pk")
        .first()
    )


def steps_for(actor: User, complaint: Complaint, *, internal: bool) -> list[ComplaintStep]:
    """The Complaint Investigation Record as this reader may see it: every step for its staff, only
    the steps shared with them for the complainant. One query."""
    rows = ComplaintStep.objects.filter(complaint=complaint).select_related("by")
    if not internal:
        rows = rows.filter(shared_with_complainant=True)
    return list(rows.order_by("at", "pk"))


def report_of(actor: User, complaint: Complaint) -> InvestigationReport | None:
    """The confidential report, for the complaint's staff only."""
    if not can(actor, COMPLAINT_INTERNAL, complaint):
        return None
    return InvestigationReport.objects.select_related("written_by").filter(complaint=complaint).first()


# --- choices for the forms --------------------------------------------------------------------------
def staff_choices(setting: Setting | int) -> list[tuple[int, str]]:
    """The setting's staff by name, for "which member of staff is it about?". One query."""
    setting_id = setting if isinstance(setting, int) else setting.pk
    rows = (
        User.objects.filter(
            is_active=True, setting_memberships__setting_id=setting_id, setting_memberships__active=True
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
        .values_list("pk", "first_name", "last_name")
    )
    return [(pk, f"{first} {last}".strip()) for pk, first, last in rows]


def complainant_choices(child: Child) -> list[tuple[int, str]]:
    """The child's parents and carers, for "who made it?". One query."""
    rows = ChildAdult.objects.filter(child=child).select_related("adult").order_by("adult__first_name", "pk")
    return [
        (link.pk, f"{link.adult.first_name} {link.adult.last_name} ({link.get_relationship_display()})")
        for link in rows
    ]


def child_choices(setting: Setting) -> list[tuple[int, str]]:
    """The setting's current children, for a complaint recorded from the setting's list. One query."""
    rows = current(Child.objects.filter(setting=setting)).order_by("first_name", "last_name", "pk")
    return [(c.pk, f"{c.first_name} {c.last_name}") for c in rows]


def filters_in_words(data: dict[str, Any]) -> str:
    parts = []
    if data.get("stage"):
        parts.append(Stage(data["stage"]).label.lower())
    if data.get("kind"):
        parts.append(Complaint.Kind(data["kind"]).label.lower())
    if data.get("status"):
        parts.append(data["status"])
    if data.get("overdue"):
        parts.append("overdue")
    return ", ".join(parts)
