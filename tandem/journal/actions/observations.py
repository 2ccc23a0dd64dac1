"""Who may read, write, share and comment on observations (R14).

Parents reach observations only through their own child (``JOURNAL_VIEW`` on the child, then the
selectors, which show a family only what is shared and only photos every pictured child's family
has consented to). Staff reach them through the children their role covers.
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

JOURNAL_STAFF_RULES = (IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP))

# --- on a Child -------------------------------------------------------------------------------
JOURNAL_VIEW = Action(
    "journal.journal.view",
    rules=(IsLinkedAdult(), *JOURNAL_STAFF_RULES),
    description="Read a child's learning journal (a family: only what is shared with them).",
)
JOURNAL_CONTRIBUTE = Action(
    "journal.journal.contribute",
    rules=JOURNAL_STAFF_RULES,
    description="Put a child in an observation; see the child's drafts and staff-only observations.",
)
JOURNAL_COMMENT = Action(
    "journal.journal.comment",
    rules=(IsLinkedAdult(), *JOURNAL_STAFF_RULES),
    description="Comment on a shared observation about a child (a family: only their own child).",
)

# --- on an Observation ------------------------------------------------------------------------
OBSERVATION_EDIT = Action(
    "journal.observation.edit",
    rules=(
        IsKeyPerson(child="links__child"),
        WorksInChildRoom(child="links__child"),
        HasSettingRole(*LEADERSHIP, setting="setting"),
    ),
    description="Change, add photos to, share or unshare an observation of children one works with.",
)

# --- on a Setting -----------------------------------------------------------------------------
OBSERVATION_CREATE = Action(
    "journal.observation.create",
    rules=(HasSettingRole(SettingRole.PRACTITIONER, *LEADERSHIP, setting=""),),
    description="Record a new observation in the setting, of one child or a group.",
)
