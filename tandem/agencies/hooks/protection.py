"""Child protection plans on the office page (the DSL and the manager), a block on the staff child
record for those who may see the child's plan (the DSL, the manager, the key person: for anyone
else there is no block at all, so nothing shows that a plan exists), and the key person's
notification of a task."""

from __future__ import annotations

from typing import Any

from tandem.comms.services.notifications import register_kind
from tandem.core import navigation
from tandem.core.access import can
from tandem.people.models import Child
from tandem.people.panels import Panel, register_panel

from ..actions.protection import PROTECTION_OVERVIEW, PROTECTION_RECORD, PROTECTION_VIEW
from ..services.protection import TASK_KIND


def _panel(user: Any, child: Child) -> dict[str, Any]:
    """The plan in place and its counts; showing a plan records the read."""
    from ..selectors.protection import active_plan
    from ..services.protection import record_viewed

    plan = active_plan(child)
    if plan is not None:
        record_viewed(actor=user, child_ids=[child.pk], setting_id=child.setting_id, obj=plan)
    return {"plan": plan, "may_record": plan is None and can(user, PROTECTION_RECORD, child)}


navigation.register_office(
    "Child protection plans",
    "Children with a child protection plan in place, and the tasks agreed with their parents that are overdue",
    PROTECTION_OVERVIEW,
    navigation.setting_page(PROTECTION_OVERVIEW, "agencies:protection_setting"),
    order=74,
)
register_panel(Panel("protection", "agencies/protection/_panel.html", PROTECTION_VIEW, _panel, order=95))
register_kind(
    TASK_KIND, "Child protection: a task agreed with the parents falls to you or the setting", audience="staff"
)
