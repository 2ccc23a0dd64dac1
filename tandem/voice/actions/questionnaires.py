"""Who may build, send, answer and read the results of questionnaires (R36).

* The **manager and deputy** build a questionnaire (choice, scale and free-text questions), send it
  to the whole setting or one room, close it, and read its results (``leader_rules``).
* The provider's **owners and line managers** read the results and export them, and nothing more
  (``organisation_rules``).
* **Parents and carers** answer a questionnaire once it is sent: one for the whole setting is for
  every parent of a child in the setting, one for a room for the parents of a child in that room.
  A parent kept from information about their child (no-information) is no parent here; a
  step-parent without parental responsibility is (it is the family's view that is asked). A draft
  is never shown to a parent. One answer a family: see ``services.questionnaires.answer``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, Rule
from tandem.people.rules import IsParentInRoom, IsParentInSetting

from ..rules import leader_rules, organisation_rules

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class IsParentInScope(Rule):
    """A parent or carer (not barred from information) of a child the sent questionnaire is for: in
    its setting when it is for the whole setting, in its room when it is for one room. (On a
    Questionnaire; from the links the access layer loads once a request.)"""

    def q(self, user: User) -> Q:
        settings = IsParentInSetting().setting_ids(user)
        if not settings:
            return NOTHING
        scope = Q(room__isnull=True, setting_id__in=settings)
        rooms = IsParentInRoom().room_ids(user)
        if rooms:
            scope |= Q(room_id__in=rooms, setting_id__in=settings)
        return scope & ~Q(status="draft")

    def holds(self, user: User) -> bool:
        return IsParentInSetting().holds(user)


# --- on a Setting -----------------------------------------------------------------------------
QUESTIONNAIRES_LIST = Action(
    "voice.questionnaires.list",
    rules=(*leader_rules(""), *organisation_rules("")),
    description="See the setting's questionnaires, with how many families have answered each.",
)
QUESTIONNAIRE_CREATE = Action(
    "voice.questionnaires.create",
    rules=leader_rules(""),
    description="Start a new questionnaire for the setting's families.",
)

# --- on a Questionnaire -----------------------------------------------------------------------
QUESTIONNAIRE_EDIT = Action(
    "voice.questionnaires.edit",
    rules=leader_rules(),
    description="Build a questionnaire while it is a draft, preview it, send it to families and close it.",
)
QUESTIONNAIRE_RESULTS = Action(
    "voice.questionnaires.results",
    rules=(*leader_rules(), *organisation_rules()),
    description="Read a questionnaire's results (withheld below its minimum number of answers) and export them.",
)
QUESTIONNAIRE_ANSWER = Action(
    "voice.questionnaires.answer",
    rules=(IsParentInScope(),),
    description="Answer a questionnaire sent to one's family, once a family; read back a named answer.",
)
