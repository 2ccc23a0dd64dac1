"""Who keeps the retention schedule, archives leavers and destroys records past their period (R67).

* **The schedule** (how long the setting keeps each type of record, from its policy, never less than
  the minimum): the manager.
* **Archiving** a child who has left (their record becomes read-only) and the archived-children page,
  with "archive everyone who has left": the manager and the deputy. Undoing an archive made by
  mistake, with a reason: the manager.
* **Destruction** of a type of record past its period, after reviewing what would go: the manager.
* **The destruction log** (what was destroyed, when, by whose decision and why): the manager and the
  provider's owners.

Nobody else: not practitioners, the SENCO, the DSL, administrators, volunteers, parents or visiting
professionals.
"""

from __future__ import annotations

from tandem.core.access import Action

from ..rules import ARCHIVE_ROLES, RETENTION_ROLES, owners, roles

# --- on a Setting -----------------------------------------------------------------------------
SCHEDULE = Action(
    "records.retention.schedule",
    rules=(roles(*RETENTION_ROLES, setting=""),),
    description="See and change the setting's retention schedule (never below the minimum): the manager.",
)
ARCHIVE_LIST = Action(
    "records.retention.archived",
    rules=(roles(*ARCHIVE_ROLES, setting=""),),
    description="The archived children, with how long each type of record is kept and what is due for review; "
    "archive everyone who has left: the manager and the deputy.",
)
DESTRUCTION_LOG = Action(
    "records.retention.log",
    rules=(roles(*RETENTION_ROLES, setting=""), *owners("organisation")),
    description="The setting's destruction log: the manager and the provider's owners.",
)

# --- on a Child -------------------------------------------------------------------------------
ARCHIVE = Action(
    "records.retention.archive",
    rules=(roles(*ARCHIVE_ROLES, setting="setting"),),
    description="Archive a child who has left, so their record is read-only: the manager and the deputy.",
)
UNARCHIVE = Action(
    "records.retention.unarchive",
    rules=(roles(*RETENTION_ROLES, setting="setting"),),
    description="Undo an archive made by mistake, with a reason: the manager.",
)
DESTROY = Action(
    "records.retention.destroy",
    rules=(roles(*RETENTION_ROLES, setting="setting"),),
    description="Review an archived child's records past their period and destroy them, with a reason: the manager.",
)
