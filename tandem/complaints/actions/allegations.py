"""Who may see and work an allegation of serious harm to a child by a member of staff or a
volunteer (R61). It leaves the complaints track: access narrows to the people who run the
allegations procedure (6.2) with the local authority designated officer (LADO).

* **An allegation** (and the list of a setting's allegations): the setting manager (not the
  deputy), the designated safeguarding lead and the organisation's owners — never the person it
  is about (when it is about the manager, the DSL and the owners only). They record that the DSL
  was informed, the referral to the LADO, Ofsted notified, the outcome, and close it.
* **Passing a complaint to the allegations procedure**: the staff who may open the complaint's
  whole record while it is open (its key person, the manager and deputy, the organisation's line
  managers and owners), never the person it is about. After that the complaint is visible only to
  the allegation's viewers (``allegation_rules`` of ``actions/complaints.py``) and, as a bare
  "being dealt with under the safeguarding procedure", to the parent who raised it.
* **Recording an allegation directly**: anyone who works in the setting except volunteers and
  students (they tell the DSL or the manager in person), and the organisation's owners and line
  managers. Recording it does not let them see it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasOrganisationRole, HasSettingRole, Rule, path
from tandem.core.roles import OrganisationRole, SettingRole

from .complaints import ALLEGATION, OPEN_STAGES, OnComplaint, staff_rules

if TYPE_CHECKING:
    from tandem.core.models import User

# Who runs the allegations procedure in a setting.
ALLEGATION_ROLES = (SettingRole.MANAGER, SettingRole.DSL)
# Who may record one directly: everyone who works there but volunteers and students.
REPORTING_ROLES = tuple(r for r in SettingRole.values if r != SettingRole.VOLUNTEER)


@dataclass(frozen=True)
class NotAbout(Rule):
    """``rule``, never for the person the object is about (``about``: the path to that user's id)."""

    rule: Rule
    about: str = "about_id"

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        if inner is NOTHING:
            return NOTHING
        return inner & ~Q(**{self.about: user.pk})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


def allegation_view_rules(allegation: str = "") -> tuple[Rule, ...]:
    """The manager (not the deputy), the DSL and the owners, never the person it is about, nor the
    person the complaint it came from was about (its page shows that complaint's whole record)."""

    def not_about(rule: Rule) -> Rule:
        return NotAbout(NotAbout(rule, path(allegation, "about_id")), path(allegation, "complaint__about_staff_id"))

    return (
        not_about(HasSettingRole(*ALLEGATION_ROLES, setting=path(allegation, "setting"))),
        not_about(HasOrganisationRole(OrganisationRole.OWNER, organisation=path(allegation, "setting__organisation"))),
    )


# --- on an Allegation -------------------------------------------------------------------------------
ALLEGATION_VIEW = Action(
    "complaints.allegation.view",
    rules=allegation_view_rules(),
    audit_read="complaints.allegation.viewed",
    description="Open and work an allegation against a member of staff or a volunteer: record the DSL "
    "informed, the referral to the LADO, Ofsted notified, the outcome, close it. The setting manager (not "
    "the deputy), the DSL and the organisation's owners; never the person it is about.",
)

# --- on a Complaint ---------------------------------------------------------------------------------
ALLEGATION_DIVERT = Action(
    "complaints.allegation.divert",
    rules=tuple(
        OnComplaint(rule.rule, stages=OPEN_STAGES)
        for rule in staff_rules()
        if isinstance(rule, OnComplaint) and ALLEGATION not in rule.stages
    ),
    description="Say that an open complaint is an allegation of serious harm to a child by a member of staff "
    "or a volunteer, which passes it to the allegations procedure at once: the staff who may open its "
    "whole record, never the person it is about.",
)

# --- on a Setting -----------------------------------------------------------------------------------
ALLEGATION_LIST = Action(
    "complaints.allegation.list",
    rules=(
        HasSettingRole(*ALLEGATION_ROLES, setting=""),
        HasOrganisationRole(OrganisationRole.OWNER, organisation="organisation"),
    ),
    description="List a setting's allegations against staff: the manager, the DSL and the owners (each "
    "sees only those not about them).",
)
ALLEGATION_RECORD = Action(
    "complaints.allegation.record",
    rules=(
        HasSettingRole(*REPORTING_ROLES, setting=""),
        HasOrganisationRole(OrganisationRole.OWNER, OrganisationRole.LINE_MANAGER, organisation="organisation"),
    ),
    description="Record an allegation against a member of staff or a volunteer directly: anyone who works in "
    "the setting but volunteers and students, the organisation's owners and line managers. The manager and the "
    "DSL are told at once; recording it does not let one see it afterwards.",
)
