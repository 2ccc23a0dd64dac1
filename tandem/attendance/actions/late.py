"""Who may handle a child who has not been collected (R45).

* The child's key person, practitioners of the child's room and leaders (manager, deputy, SENCO,
  DSL) see the alert, open the case, work through the contact cascade (with phone numbers: the
  same people who may see a child's emergency contacts, staff only) and close it.
* The manager and deputy see every case of the setting, and set the day's times, the late
  threshold and the emergency plan.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, MANAGERS
from tandem.people.rules import IsKeyPerson, WorksInChildRoom

# --- on a Child -------------------------------------------------------------------------------
LATE_HANDLE = Action(
    "attendance.late.handle",
    rules=(IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="Open and work a late collection case: call the family and emergency contacts, "
    "follow the emergency plan, close the case.",
)

# --- on a Setting -----------------------------------------------------------------------------
LATE_CASES = Action(
    "attendance.late.cases",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="See every late collection case of the setting (manager and deputy).",
)
DAY_SETTINGS = Action(
    "attendance.late.day_settings",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Set the session times, when a child counts as late collected, and the emergency plan.",
)
