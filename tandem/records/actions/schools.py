"""Who may use the setting's schools (R54). A school is an agencies ``Agency`` of the category
"Schools" with its contacts: one directory, not two. Built on ``tandem/records/rules.py``.

* **Reading** the schools, their contacts and the partnership activity: the leaders (manager,
  deputy, SENCO, DSL), practitioners and the administrator (:data:`~tandem.records.rules.SCHOOL_READERS`).
* **Keeping the list** (add a school, add a contact): the manager, deputy and administrator
  (:data:`~tandem.records.rules.SCHOOL_KEEPERS`).
* **Recording activity** with a school (visits, shared practice), changing and deleting it: the
  leaders and practitioners (:data:`~tandem.records.rules.ACTIVITY_RECORDERS`).
* Volunteers, families, the provider's owners and visiting professionals: nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import Action, Rule

from ..rules import ACTIVITY_RECORDERS, SCHOOL_KEEPERS, SCHOOL_READERS, roles

if TYPE_CHECKING:
    from tandem.core.models import User

SCHOOL = "school"  # agencies.Agency.Category.SCHOOL


@dataclass(frozen=True)
class OnSchools(Rule):
    """``rule`` (a path from an Agency), only on agencies of the category "Schools"."""

    rule: Rule

    def q(self, user: User) -> Q:
        return self.rule.q(user) & Q(category=SCHOOL)

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


# --- on a Setting -------------------------------------------------------------------------------
SCHOOLS_VIEW = Action(
    "records.schools.view",
    rules=(roles(*SCHOOL_READERS, setting=""),),
    description="See the setting's schools, their contacts and the latest partnership activity: the leaders, "
    "practitioners and the administrator.",
)
SCHOOLS_ADD = Action(
    "records.schools.add",
    rules=(roles(*SCHOOL_KEEPERS, setting=""),),
    description="Add a school to the setting's directory: the manager, deputy and administrator.",
)

# --- on an Agency of the category "Schools" ------------------------------------------------------
SCHOOL_VIEW = Action(
    "records.schools.school",
    rules=(OnSchools(roles(*SCHOOL_READERS)),),
    description="Open a school with its contacts, partnership activity and the children moving there: the "
    "leaders, practitioners and the administrator.",
)
SCHOOL_MANAGE = Action(
    "records.schools.contacts",
    rules=(OnSchools(roles(*SCHOOL_KEEPERS)),),
    description="Add a contact at a school: the manager, deputy and administrator.",
)
ACTIVITY_RECORD = Action(
    "records.schools.record",
    rules=(OnSchools(roles(*ACTIVITY_RECORDERS)),),
    description="Record a partnership activity with a school (a visit, shared practice, a meeting): the "
    "leaders and practitioners.",
)

# --- on a SchoolActivity ------------------------------------------------------------------------
ACTIVITY_CHANGE = Action(
    "records.schools.activity",
    rules=(roles(*ACTIVITY_RECORDERS),),
    description="Change or delete a partnership activity: the leaders and practitioners.",
)
