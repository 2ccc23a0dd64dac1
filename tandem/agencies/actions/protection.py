"""Who may see and keep a child's child protection plan and its tasks (R24). Built on the shared
rules of ``tandem/agencies/rules.py``.

* **Seeing** a child's plan and tasks, adding tasks and marking them done: the DSL, the manager and
  the child's key person (:func:`protection_rules`). Nobody else: not the deputy, the SENCO, room
  practitioners, the administrator, volunteers, the provider's owners, parents or visiting
  professionals. Every read is audited (``agencies.protection.viewed``).
* **Recording** a plan, changing its details and ending it: the DSL and the manager.
* **The setting's list** of active plans: the DSL and the manager.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole

from ..rules import PROTECTION_ROLES, protection_rules

VIEWED = "agencies.protection.viewed"

# --- on a Child -------------------------------------------------------------------------------------
PROTECTION_VIEW = Action(
    "agencies.protection.view",
    rules=protection_rules(),
    description="See a child's child protection plan and the tasks agreed with the parents (every read is "
    "audited): the DSL, the manager and the child's key person.",
)
PROTECTION_RECORD = Action(
    "agencies.protection.record",
    rules=(HasSettingRole(*PROTECTION_ROLES, setting="setting"),),
    description="Record that a child protection plan is in place for a child: the DSL and the manager.",
)

# --- on a ProtectionPlan ----------------------------------------------------------------------------
PLAN_MANAGE = Action(
    "agencies.protection.manage",
    rules=(HasSettingRole(*PROTECTION_ROLES, setting="child__setting"),),
    description="Change a child protection plan's details (lead social worker, next conference) and end it: "
    "the DSL and the manager.",
)
TASK_ADD = Action(
    "agencies.protection.task_add",
    rules=protection_rules("child"),
    description="Add a task agreed with the parents to a child protection plan: the DSL, the manager and the "
    "child's key person.",
)

# --- on a ProtectionTask ----------------------------------------------------------------------------
TASK_DONE = Action(
    "agencies.protection.task_done",
    rules=protection_rules("plan__child"),
    description="Mark a child protection task done, with a note: the DSL, the manager and the child's key person.",
)

# --- on a Setting -----------------------------------------------------------------------------------
PROTECTION_OVERVIEW = Action(
    "agencies.protection.overview",
    rules=(HasSettingRole(*PROTECTION_ROLES, setting=""),),
    description="See the setting's active child protection plans and their overdue tasks (the read is audited "
    "for each child listed): the DSL and the manager.",
)
