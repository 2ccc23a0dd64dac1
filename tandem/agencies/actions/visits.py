"""Who may invite visiting professionals, book their visits and keep the visit log, and what the
professional themselves may open (R50). Built on the shared rules of ``tandem/agencies/rules.py``.

* **Visiting professionals** (their accounts): invited, listed, deactivated by the setting's leaders
  (manager, deputy, SENCO, DSL).
* **Booking** a visit for a child, cancelling it or changing the share pack it may read: the child's
  key person and the setting's leaders (:func:`child_staff_rules`).
* **The visit log** (arrival, departure, the note): the visit's supervisor, while they work in the
  child's setting, and the setting's leaders.
* **Seeing** a child's visits and their log: the key person, the practitioners of the child's room,
  the leaders (:func:`child_room_rules`), and the visit's supervisor. The setting-wide list: leaders.
* **The professional** sees their own visits (when and where) while their account is active
  (:class:`IsProfessional`), and the child's shared information only during a visit going on now
  (:class:`OnActiveVisit`): inside its window, once the supervisor has recorded their arrival and
  until their departure. Nothing else: they hold no membership and no child link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasSettingRole, Rule, memo, path, setting_roles
from tandem.core.roles import LEADERSHIP

from ..rules import IsProfessional, OnActiveVisit, child_room_rules, child_staff_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class IsSupervisor(Rule):
    """The named supervisor of the visit (``visit`` is the path to the Visit, "" for a Visit), while
    they still work in the child's setting."""

    visit: str = ""

    def q(self, user: User) -> Q:
        active = sorted({s for s, _, _ in setting_roles(user)})
        if not active:
            return NOTHING
        return Q(**{path(self.visit, "supervisor"): user, path(self.visit, "child__setting_id__in"): active})

    def holds(self, user: User) -> bool:
        def load() -> bool:
            from ..models import Visit

            active = {s for s, _, _ in setting_roles(user)}
            return bool(active) and Visit.objects.filter(supervisor=user, child__setting_id__in=active).exists()

        return bool(getattr(user, "is_authenticated", False)) and memo(user, "agencies_supervises", load)


# --- on a Setting -----------------------------------------------------------------------------------
PROFESSIONALS = Action(
    "agencies.visits.professionals",
    rules=(HasSettingRole(*LEADERSHIP, setting=""),),
    description="See the setting's visiting professionals and invite one: the manager, deputy, SENCO and DSL.",
)
VISITS_LIST = Action(
    "agencies.visits.list",
    rules=(HasSettingRole(*LEADERSHIP, setting=""),),
    description="The setting's visits by professionals, upcoming and past: the manager, deputy, SENCO and DSL.",
)

# --- on a Professional ------------------------------------------------------------------------------
PROFESSIONAL_MANAGE = Action(
    "agencies.visits.professional_manage",
    rules=(HasSettingRole(*LEADERSHIP, setting="setting"),),
    description="Deactivate or reactivate a visiting professional's account, or send them a new invitation: "
    "the leaders of the setting that invited them.",
)

# --- on a Child -------------------------------------------------------------------------------------
VISIT_BOOK = Action(
    "agencies.visits.book",
    rules=child_staff_rules(),
    description="Book a visiting professional's visit to a child: the key person and the setting's leaders.",
)
CHILD_VISITS = Action(
    "agencies.visits.child",
    rules=child_room_rules(),
    description="See a child's visits by professionals (who, when, who supervised): the key person, the "
    "practitioners of the child's room and the setting's leaders.",
)

# --- on a Visit -------------------------------------------------------------------------------------
VISIT_VIEW = Action(
    "agencies.visits.view",
    rules=(*child_room_rules("child"), IsSupervisor()),
    description="Open a visit and its log: the key person, the practitioners of the child's room, the "
    "setting's leaders and the visit's supervisor.",
)
VISIT_LOG = Action(
    "agencies.visits.log",
    rules=(HasSettingRole(*LEADERSHIP, setting="child__setting"), IsSupervisor()),
    description="Record the professional's arrival (inside the window) and departure, and the note of the "
    "visit: the supervisor and the setting's leaders.",
)
VISIT_MANAGE = Action(
    "agencies.visits.manage",
    rules=child_staff_rules("child"),
    description="Cancel a visit or change the share pack it may read: the key person and the setting's leaders.",
)
MY_VISITS = Action(
    "agencies.visits.mine",
    rules=(IsProfessional(),),
    description="A visiting professional sees their own visits: when and where, while their account is active.",
)
VISIT_ATTEND = Action(
    "agencies.visits.attend",
    rules=(OnActiveVisit(),),
    description="A visiting professional reads the child's shared information during their visit: inside its "
    "window, once the supervisor has recorded their arrival and until their departure.",
)
