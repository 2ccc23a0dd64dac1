"""Who may do what with a child's settling in (R12). Declared on the Child."""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, MANAGERS
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

SETTLING_VIEW = Action(
    "enrolment.settling.view",
    rules=(IsLinkedAdult(), IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="See a child's settling-in plan, visits, log entries and replies.",
)
SETTLING_PLAN = Action(
    "enrolment.settling.plan",
    rules=(IsKeyPerson(), HasSettingRole(*MANAGERS)),
    description="Make and change the settling-in plan and its visits, and complete the review.",
)
SETTLING_LOG = Action(
    "enrolment.settling.log",
    rules=(IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="Write a settling-in log entry the family reads.",
)
SETTLING_REPLY = Action(
    "enrolment.settling.reply",
    rules=(IsLinkedAdult(),),
    description="A parent or carer answers a settling-in log entry (parental responsibility is not needed).",
)
