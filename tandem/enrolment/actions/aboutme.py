"""Who may read and write a child's All About Me (R11). Declared on the Child.

Who writes All About Me, and why parental responsibility is not asked for.

All About Me records the child's everyday life (what they love, how they sleep, who matters to
them), not a decision about the child. The adults who know that best are the ones who live with
the child, and they do not always hold parental responsibility: a foster carer (the local
authority holds it), a step-parent, a kinship carer. So every linked adult whom no restriction
keeps from information about the child may write it — the same adults who may read it. A
restricted adult can neither read nor write it. Decisions that need parental responsibility
(consents, the contract) are asked for elsewhere.

Staff may write it too, but only the key person (who often fills it in *with* a parent at a home
visit or the first settling-in session, for a parent who finds forms hard) and the manager or
deputy. Room practitioners, the SENCO and the DSL read it; they do not rewrite the family's words.
"""

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, MANAGERS
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

ABOUT_ME_VIEW = Action(
    "enrolment.aboutme.view",
    rules=(IsLinkedAdult(), IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="Read (and print) a child's All About Me: the family, the key person, the room and leadership.",
    audit_read="enrolment.aboutme.viewed",
)

ABOUT_ME_EDIT = Action(
    "enrolment.aboutme.edit",
    rules=(IsLinkedAdult(), IsKeyPerson(), HasSettingRole(*MANAGERS)),
    description="Fill in or update a child's All About Me.",
)
