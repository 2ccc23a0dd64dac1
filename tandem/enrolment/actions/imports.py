"""Who may bring families in from a file."""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import RECORD_KEEPERS

IMPORT_FAMILIES = Action(
    "enrolment.imports.run",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="Import children, parents and their links into a setting from a CSV file.",
)
