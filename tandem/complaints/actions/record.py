"""Who may see the Ofsted complaints record, export it, review practice and delete expired
complaints (R63, R60, R51). Built on the shared rules of ``actions/complaints.py``.

* **The record** (summative: no child's name, no complainant's name) of a setting: its manager and
  deputy, the organisation's owners and line managers. Each sees every complaint of the setting
  that is not about them; a complaint passed to the allegations procedure is listed only as
  "referred under the allegations procedure", with no detail.
* **A complaint's full documentation** (R60, every step with who and when, the confidential report):
  the manager and deputy, the line managers and owners, never about themselves; for a complaint
  passed to the allegations procedure, only the manager (not the deputy) and the owners.
* **Reviews of practice** after an upheld complaint: the organisation's owners.
* **Deleting complaints whose retention has ended** (closed more than three years ago): owners.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from tandem.core.access import NOTHING, Action, HasOrganisationRole, HasSettingRole, Rule, path
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole

from .complaints import ALLEGATION, ORGANISATION_ROLES, OnComplaint

if TYPE_CHECKING:
    from tandem.core.models import User


@dataclass(frozen=True)
class NotAlleged(Rule):
    """``rule``, leaving out complaints passed to an allegation about the user (``Allegation.about``),
    in case it names someone other than the complaint's ``about_staff``."""

    rule: Rule
    complaint: str = ""

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        if inner is NOTHING:
            return NOTHING
        return inner & ~Q(**{path(self.complaint, "allegation__about_id"): user.pk})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


def _managers(complaint: str) -> HasSettingRole:
    return HasSettingRole(*MANAGERS, setting=f"{complaint}__setting" if complaint else "setting")


def _organisation(complaint: str, *roles: str) -> HasOrganisationRole:
    prefix = f"{complaint}__" if complaint else ""
    return HasOrganisationRole(*(roles or ORGANISATION_ROLES), organisation=f"{prefix}setting__organisation")


# --- on a Setting ---------------------------------------------------------------------------------
RECORD_VIEW = Action(
    "complaints.record.view",
    rules=(
        HasSettingRole(*MANAGERS, setting=""),
        HasOrganisationRole(*ORGANISATION_ROLES, organisation="organisation"),
    ),
    description="See a setting's Ofsted complaints record (summative, no names) and export it as CSV or "
    "PDF, stating why: the manager and deputy, the organisation's line managers and owners.",
)
RECORD_DELETE_EXPIRED = Action(
    "complaints.record.delete_expired",
    rules=(HasOrganisationRole(OrganisationRole.OWNER, organisation="organisation"),),
    description="Delete a setting's complaints closed more than three years ago (the owners).",
)

# --- on a Complaint -------------------------------------------------------------------------------
RECORD_LINE = Action(
    "complaints.record.line",
    rules=(
        NotAlleged(OnComplaint(_managers(""), exclude=())),
        NotAlleged(OnComplaint(_organisation(""), exclude=())),
    ),
    description="See a complaint's line in the Ofsted record (a complaint passed to the allegations "
    "procedure only as such): those who see the record, never a complaint about themselves.",
)
RECORD_CLASSIFY = Action(
    "complaints.record.classify",
    rules=(OnComplaint(_managers("")), OnComplaint(_organisation(""))),
    description="Say which area of the EYFS requirements a complaint is about, in brief and without "
    "names, for the Ofsted record: the manager and deputy, line managers and owners.",
)
DOCUMENTATION = Action(
    "complaints.record.documentation",
    rules=(
        OnComplaint(_managers("")),
        OnComplaint(_organisation("")),
        NotAlleged(
            OnComplaint(HasSettingRole(SettingRole.MANAGER, setting="setting"), stages=(ALLEGATION,), exclude=())
        ),
        NotAlleged(OnComplaint(_organisation("", OrganisationRole.OWNER), stages=(ALLEGATION,), exclude=())),
    ),
    description="Export a complaint's full documentation (every step, who and when, deadlines, the "
    "confidential report, the outcome) as a PDF, stating why: the manager and deputy, line managers "
    "and owners; for an allegation, the manager and owners only. Never about oneself.",
)

# --- on a PracticeReview --------------------------------------------------------------------------
REVIEW_MANAGE = Action(
    "complaints.review.manage",
    rules=(OnComplaint(_organisation("complaint", OrganisationRole.OWNER), complaint="complaint"),),
    description="See and write a review of practice after an upheld complaint, and complete it: the "
    "organisation's owners (never about themselves).",
)
