"""Who may fill in, review and change a child's registration and sessions (R7, R13)."""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import MANAGERS, RECORD_KEEPERS
from tandem.people.rules import IsLinkedAdult

# --- on a Child -------------------------------------------------------------------------------
REGISTRATION_VIEW = Action(
    "enrolment.registration.view",
    rules=(IsLinkedAdult(parental_responsibility=True), HasSettingRole(*RECORD_KEEPERS)),
    description="Read a child's registration form: sessions, health contacts, languages and needs.",
    audit_read="enrolment.registration.viewed",  # it holds medical and dietary needs: every read is logged
)
REGISTRATION_FILL = Action(
    "enrolment.registration.fill",
    rules=(IsLinkedAdult(parental_responsibility=True), HasSettingRole(*RECORD_KEEPERS)),
    description="Fill in a child's registration form, as a parent or as staff helping a parent.",
)
REGISTRATION_REVIEW = Action(
    "enrolment.registration.review",
    rules=(HasSettingRole(*RECORD_KEEPERS),),
    description="Mark a submitted registration form as reviewed.",
)
SESSIONS_VIEW = Action(
    "enrolment.sessions.view",
    rules=(IsLinkedAdult(parental_responsibility=True), HasSettingRole(*RECORD_KEEPERS)),
    description="See a child's weekly sessions and the requests to change them, with their outcomes.",
)
SESSIONS_REQUEST = Action(
    "enrolment.sessions.request",
    rules=(IsLinkedAdult(parental_responsibility=True), HasSettingRole(*RECORD_KEEPERS)),
    description="Ask to change a child's weekly sessions.",
)
SESSIONS_DECIDE = Action(
    "enrolment.sessions.decide",
    rules=(HasSettingRole(*MANAGERS),),
    description="Approve or decline a request to change a child's sessions.",
)

# --- on a Setting -----------------------------------------------------------------------------
REGISTRATION_LIST = Action(
    "enrolment.registration.list",
    rules=(HasSettingRole(*RECORD_KEEPERS, setting=""),),
    description="List the setting's registration forms and session change requests.",
)
