"""Who may see and change who collects a child, and who may release a child at the door (R43, R44).

* A parent with parental responsibility whom no restriction touches (no contact, no collection,
  no information) manages the child's collectors, gives one-off permission, sets the collection
  password. Record keepers (manager, deputy, administrator) add and remove named collectors on the
  family's behalf (a parent on the phone, a paper form); one-off permission and the password are
  the family's own: only a parent can give them.
* The list "Who collects" is seen by those parents and by the staff who hand children over or keep
  the records: the key person, practitioners of the child's room, leaders and the administrator.
  Restricted adults are listed (as blocked) for staff only.
* Release at the door: the key person (or back-up), practitioners of the child's room and leaders.
  Not volunteers or students (they may not hand a child over on their own), not the administrator
  (office work, not the door).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, RECORD_KEEPERS
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

if TYPE_CHECKING:
    pass


# A parent with parental responsibility whom no restriction touches (no-information, no-contact, no-collection).
UNRESTRICTED_PARENT = IsLinkedAdult(parental_responsibility=True, collection=True)

STAFF_WHO_SEE = (IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP, *RECORD_KEEPERS))

# --- on a Child -------------------------------------------------------------------------------
COLLECTORS_VIEW = Action(
    "attendance.collection.view",
    rules=(UNRESTRICTED_PARENT, *STAFF_WHO_SEE),
    description="See who may collect a child (staff also see who may not).",
)
COLLECTORS_MANAGE = Action(
    "attendance.collection.manage",
    rules=(UNRESTRICTED_PARENT, HasSettingRole(*RECORD_KEEPERS)),
    description="Add and remove the named adults who may collect a child (a parent with parental "
    "responsibility, or the office on their behalf).",
)
ONE_OFF_GRANT = Action(
    "attendance.collection.one_off",
    rules=(UNRESTRICTED_PARENT,),
    description="Give and cancel written permission for another adult to collect on one day "
    "(a parent with parental responsibility only).",
)
PASSWORD_SET = Action(
    "attendance.collection.password",
    rules=(UNRESTRICTED_PARENT,),
    description="Set or change a child's collection password (a parent with parental responsibility only).",
)
RELEASE = Action(
    "attendance.collection.release",
    rules=(IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="Hand a child over at the door: check who is collecting, the password, proof of identity.",
)
