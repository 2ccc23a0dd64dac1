"""Who may authorise, give and see a child's medicines (R9).

* A parent or carer with parental responsibility (never a restricted adult) authorises a medicine
  under the medication consent, stops it, and acknowledges each dose given.
* Any linked parent or carer whom no restriction keeps from information sees the medicines and doses.
* The key person, practitioners of the child's room and leaders receive the medicine, record each
  dose (with a witness) and stop a medicine.
* Today's medicines of the setting: leaders and practitioners (each sees the children they may give to).
"""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult, WorksInChildRoom

# --- on a Child -------------------------------------------------------------------------------
MED_VIEW = Action(
    "attendance.medication.view",
    rules=(IsLinkedAdult(), IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="See a child's medicines and the doses given.",
)
MED_AUTHORISE = Action(
    "attendance.medication.authorise",
    rules=(IsLinkedAdult(parental_responsibility=True, contact=True),),
    description="Authorise a medicine, stop it, and acknowledge doses (parental responsibility, not restricted).",
)
MED_GIVE = Action(
    "attendance.medication.give",
    rules=(IsKeyPerson(), WorksInChildRoom(), HasSettingRole(*LEADERSHIP)),
    description="Receive a child's medicine, record each dose given with a witness, stop a medicine.",
)

# --- on a Setting -----------------------------------------------------------------------------
MED_TODAY = Action(
    "attendance.medication.today",
    rules=(HasSettingRole(*LEADERSHIP, SettingRole.PRACTITIONER, setting=""),),
    description="See today's medicines of the setting (each person: the children they may give medicine to).",
)
