"""Who may see and act on a concern or complaint (R56–R60, R64): the shared access model of the
complaints app. The agency, allegations, procedure and record features build on these rules.

* **Never about oneself.** No rule here lets a person see a complaint (or an allegation) about
  them (``about_staff``).
* **The complainant** (a parent or carer) sees only the complaints they raised, at any stage,
  while they are linked to the child and no restriction keeps them from information about the
  child. The pages show them the stage, the next deadline and the steps shared with them, never
  internal notes or the confidential report. Another parent of the same child sees nothing.
* **The key person** (or back-up) of the complaint's child sees it while it is not about them and
  not an allegation; they hold the first stage.
* **The setting manager and deputy** see every complaint of the setting not about them.
* **The organisation's line managers and owners** see every complaint of its settings not about
  them (they hold the line-manager and appeal stages, the Ofsted record and reviews of practice).
* **Allegations** (a complaint passed to the allegations procedure, stage ``allegation``): only the
  setting manager (not the deputy), the DSL and the organisation's owners, never the person it is
  about. The complainant still sees their own complaint's stage.
* Administrators, SENCOs (unless key person), practitioners and volunteers: nothing.

Who acts at each stage (:data:`COMPLAINT_ACT`): the key person stage, the key person or the
manager/deputy; the manager stage, the manager/deputy; the line-manager stage, the line manager
named in the organisation's ``ProcedureSettings`` (else any line manager of the organisation); the
appeal, the appeal contact named there (else any owner). Other models reach the complaint through
a path: build their rules with :func:`view_rules`, :func:`staff_rules` or :func:`stage_rules`
(``complaint="complaint"`` for a ``ComplaintStep``, a ``Deadline`` or a ``PracticeReview``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q

from tandem.core.access import (
    NOTHING,
    Action,
    HasOrganisationRole,
    HasSettingRole,
    Rule,
    organisation_roles,
    path,
)
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole
from tandem.people.rules import IsKeyPerson, IsLinkedAdult

if TYPE_CHECKING:
    from tandem.core.models import User

# Stage values (Complaint.Stage), as plain strings so this module imports no model.
KEY_PERSON = "key_person"
MANAGER = "manager"
LINE_MANAGER = "line_manager"
APPEAL = "appeal"
CLOSED = "closed"
ALLEGATION = "allegation"
OPEN_STAGES = (KEY_PERSON, MANAGER, LINE_MANAGER, APPEAL)
ORGANISATION_ROLES = (OrganisationRole.LINE_MANAGER, OrganisationRole.OWNER)


@dataclass(frozen=True)
class OnComplaint(Rule):
    """``rule``, narrowed to complaints not about the user, and by stage and track.

    ``complaint`` is the path from the action's model to the complaint ("" for a Complaint).
    ``stages``: only complaints at these stages (empty: any stage but those in ``exclude``).
    ``exclude``: stages never allowed (by default, a complaint passed to the allegations procedure).
    ``track``: only complaints of this track ("parent" or "agency"; empty: both).
    """

    rule: Rule
    complaint: str = ""
    stages: tuple[str, ...] = ()
    exclude: tuple[str, ...] = (ALLEGATION,)
    track: str = ""

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        if inner is NOTHING:
            return NOTHING
        q = inner & ~Q(**{path(self.complaint, "about_staff_id"): user.pk})
        if self.stages:
            q &= Q(**{path(self.complaint, "stage__in"): list(self.stages)})
        if self.exclude:
            q &= ~Q(**{path(self.complaint, "stage__in"): list(self.exclude)})
        if self.track:
            q &= Q(**{path(self.complaint, "track"): self.track})
        return q

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


@dataclass(frozen=True)
class IsComplainant(Rule):
    """Raised the complaint, and is still a linked adult of its child whom no restriction keeps
    from information about the child. ``complaint`` is the path to the complaint."""

    complaint: str = ""
    linked: IsLinkedAdult = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "linked", IsLinkedAdult(child=path(self.complaint, "child")))

    def q(self, user: User) -> Q:
        linked = self.linked.q(user)
        if linked is NOTHING:
            return NOTHING
        return Q(**{path(self.complaint, "raised_by_id"): user.pk}) & linked

    def holds(self, user: User) -> bool:
        return self.linked.holds(user)


@dataclass(frozen=True)
class HoldsOrganisationStage(Rule):
    """The person the organisation named for a stage above the setting (its ``ProcedureSettings``
    ``line_manager`` or ``appeal_contact``); when no one is named, or the one named no longer holds
    ``role`` there, anyone with ``role`` in the organisation. Either way the person must hold
    ``role`` in the complaint's organisation now (the same answer as
    ``selectors.procedure.organisation_stages``)."""

    named: str  # "line_manager" or "appeal_contact"
    role: str
    complaint: str = ""

    def _ids(self, user: User) -> list[int]:
        return sorted({o for o, role in organisation_roles(user) if role == self.role})

    def q(self, user: User) -> Q:
        ids = self._ids(user)
        if not ids:
            return NOTHING
        from tandem.core.models import OrganisationMembership

        organisation = path(self.complaint, "setting__organisation")
        named = path(organisation, f"complaint_procedure__{self.named}")
        named_holds_role = OrganisationMembership.objects.filter(
            user_id=OuterRef(named),
            organisation_id=OuterRef(path(organisation, "id")),
            role=self.role,
            active=True,
            user__is_active=True,
        )
        stage_is_mine = Q(**{named: user.pk}) | Q(**{f"{named}__isnull": True}) | Q(~Exists(named_holds_role))
        return Q(**{path(organisation, "id__in"): ids}) & stage_is_mine

    def holds(self, user: User) -> bool:
        return bool(self._ids(user))


# --- rule builders (other features reach the complaint by a path) ---------------------------------
def _key_person(complaint: str) -> Rule:
    return IsKeyPerson(child=path(complaint, "child"))


def _managers(complaint: str) -> Rule:
    return HasSettingRole(*MANAGERS, setting=path(complaint, "setting"))


def _organisation(complaint: str) -> Rule:
    return HasOrganisationRole(*ORGANISATION_ROLES, organisation=path(complaint, "setting__organisation"))


@dataclass(frozen=True)
class NotAllegedAbout(Rule):
    """``rule``, never for the person the complaint's allegation (``Allegation.about``) is about."""

    rule: Rule
    complaint: str = ""

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        if inner is NOTHING:
            return NOTHING
        return inner & ~Q(**{path(self.complaint, "allegation__about_id"): user.pk})

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


def allegation_rules(complaint: str = "") -> tuple[Rule, ...]:
    """A complaint passed to the allegations procedure: the manager (not the deputy), the DSL and
    the organisation's owners, never the person it is about nor the person its allegation is about."""
    return (
        NotAllegedAbout(
            OnComplaint(
                HasSettingRole(SettingRole.MANAGER, SettingRole.DSL, setting=path(complaint, "setting")),
                complaint=complaint,
                stages=(ALLEGATION,),
                exclude=(),
            ),
            complaint=complaint,
        ),
        NotAllegedAbout(
            OnComplaint(
                HasOrganisationRole(OrganisationRole.OWNER, organisation=path(complaint, "setting__organisation")),
                complaint=complaint,
                stages=(ALLEGATION,),
                exclude=(),
            ),
            complaint=complaint,
        ),
    )


def staff_rules(complaint: str = "") -> tuple[Rule, ...]:
    """Staff who may see the whole Complaint Investigation Record (internal notes, the report)."""
    return (
        OnComplaint(_key_person(complaint), complaint=complaint),
        OnComplaint(_managers(complaint), complaint=complaint),
        OnComplaint(_organisation(complaint), complaint=complaint),
        *allegation_rules(complaint),
    )


def view_rules(complaint: str = "") -> tuple[Rule, ...]:
    """Everyone who may open the complaint: its staff, and the complainant (their view only)."""
    return (IsComplainant(complaint=complaint), *staff_rules(complaint))


def stage_rules(stage: str, complaint: str = "") -> tuple[Rule, ...]:
    """Who holds ``stage`` of a complaint (any track), only while the complaint is at that stage."""
    if stage == KEY_PERSON:
        inner: tuple[Rule, ...] = (_key_person(complaint), _managers(complaint))
    elif stage == MANAGER:
        inner = (_managers(complaint),)
    elif stage == LINE_MANAGER:
        inner = (HoldsOrganisationStage("line_manager", OrganisationRole.LINE_MANAGER, complaint=complaint),)
    elif stage == APPEAL:
        inner = (HoldsOrganisationStage("appeal_contact", OrganisationRole.OWNER, complaint=complaint),)
    else:
        raise ValueError(f"no one holds the stage {stage!r}")
    return tuple(OnComplaint(rule, complaint=complaint, stages=(stage,)) for rule in inner)


# --- on a Complaint ---------------------------------------------------------------------------------
COMPLAINT_VIEW = Action(
    "complaints.complaint.view",
    rules=view_rules(),
    description="Open a concern or complaint: the complainant (their own, shared steps only), the key "
    "person, the manager and deputy, the organisation's line managers and owners; never one about oneself.",
    audit_read="complaints.complaint.viewed",
)
COMPLAINT_INTERNAL = Action(
    "complaints.complaint.internal",
    rules=staff_rules(),
    description="See the whole Complaint Investigation Record of a complaint (internal notes, the "
    "confidential report): its staff only, never the complainant, never one about oneself.",
)
COMPLAINT_ACT = Action(
    "complaints.complaint.act",
    rules=tuple(rule for stage in OPEN_STAGES for rule in stage_rules(stage)),
    description="Act on a complaint at its current stage: the key person or manager/deputy at the key "
    "person stage, the manager/deputy at the manager stage, the named line manager (else any line "
    "manager), the named appeal contact (else any owner) at the appeal.",
)


@dataclass(frozen=True)
class ResponseGiven(Rule):
    """``rule``, once the stage's holder has given their response (an outcome): a parent is "still not
    satisfied" with the manager's or line manager's response only after it (policy 10.2)."""

    rule: Rule

    def q(self, user: User) -> Q:
        inner = self.rule.q(user)
        return NOTHING if inner is NOTHING else inner & ~Q(outcome="")

    def holds(self, user: User) -> bool:
        return self.rule.holds(user)


COMPLAINT_NOT_SATISFIED = Action(
    "complaints.complaint.not_satisfied",
    rules=(
        # unhappy with the key person's response, at any time: on to the manager
        OnComplaint(IsComplainant(), stages=(KEY_PERSON,), track="parent"),
        # still not satisfied once the manager (or the line manager) has fed back
        ResponseGiven(OnComplaint(IsComplainant(), stages=(MANAGER, LINE_MANAGER), track="parent")),
    ),
    description="Say 'I am not satisfied' on one's own complaint, which takes it to the next stage: with the "
    "key person at any time, with the manager or line manager once they have given their response.",
)
COMPLAINT_WITHDRAW = Action(
    "complaints.complaint.withdraw",
    rules=(OnComplaint(IsComplainant(), stages=OPEN_STAGES, track="parent"),),
    description="Withdraw one's own concern or complaint while it is open.",
)

# --- on a Child -------------------------------------------------------------------------------------
COMPLAINT_RAISE = Action(
    "complaints.complaint.raise",
    rules=(IsLinkedAdult(),),
    description="Raise a concern or complaint about one's own child's care (a parent or carer whom no "
    "restriction keeps from information about the child).",
)
COMPLAINT_RECORD = Action(
    "complaints.complaint.record",
    rules=(IsKeyPerson(), HasSettingRole(*MANAGERS)),
    description="Record a concern or complaint made in person or by phone about a child's care: the "
    "child's key person, the manager and deputy.",
)
COMPLAINT_CHILD_PANEL = Action(
    "complaints.complaint.child_panel",
    rules=(HasSettingRole(*MANAGERS),),
    description="See, in a child's file, the complaints about the child and their confidential "
    "investigation reports: the manager and deputy (never one about themselves).",
)

# --- on a Setting -----------------------------------------------------------------------------------
COMPLAINT_LIST = Action(
    "complaints.complaint.list",
    rules=(
        HasSettingRole(*MANAGERS, setting=""),
        HasOrganisationRole(*ORGANISATION_ROLES, organisation="organisation"),
    ),
    description="List a setting's concerns and complaints: the manager and deputy, the organisation's "
    "line managers and owners (each sees only those not about them).",
)
COMPLAINT_RECORD_SETTING = Action(
    "complaints.complaint.record_setting",
    rules=(HasSettingRole(*MANAGERS, setting=""),),
    description="Record a concern or complaint made in person, by phone or in writing, about any child "
    "of the setting or none: the manager and deputy.",
)

# --- about oneself ----------------------------------------------------------------------------------
COMPLAINT_OWN = Action(
    "complaints.complaint.own",
    rules=(IsLinkedAdult(),),
    description="A parent's 'Concerns and complaints' page: their own complaints and a way to raise one.",
)
