"""Child protection plans in the test world (R24): a plan in place for child A (lead social worker,
next conference) with an overdue task for the parents and a task for the key person; the same for
the other provider's child."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import ProtectionPlan, ProtectionTask

Owner = ProtectionTask.Owner


def _plan(child: Any, author: Any) -> dict[str, Any]:
    today = timezone.localdate()
    plan = ProtectionPlan.objects.create(
        child=child,
        started_on=today - dt.timedelta(days=40),
        lead_professional="Jo Fenwick-Quillfeather, Children's Social Care",
        lead_contact="01632 960555",
        next_conference_on=today + dt.timedelta(days=50),
        recorded_by=author,
    )
    overdue = ProtectionTask.objects.create(
        plan=plan,
        task="Attend the parenting course (Marmoset).",
        owner=Owner.PARENTS,
        due_on=today - dt.timedelta(days=3),
        agreed_with_parents_on=today - dt.timedelta(days=39),
        recorded_by=author,
    )
    key_person_task = ProtectionTask.objects.create(
        plan=plan,
        task="Record attendance and share it with the social worker weekly (Capybara).",
        owner=Owner.KEY_PERSON,
        due_on=today + dt.timedelta(days=10),
        recorded_by=author,
    )
    return {"protection_plan": plan, "protection_task": overdue, "protection_key_task": key_person_task}


def extend(w: Any) -> None:
    for key, value in _plan(w.child_a, w.dsl).items():
        setattr(w, key, value)
    for key, value in _plan(w.other_child, w.other_manager).items():
        setattr(w, f"other_{key}", value)
