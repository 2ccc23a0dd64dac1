"""The complaints procedure as the organisation configured it (R59, R60) and the setting's deadlines (R64).

* :func:`stage_holders` and :func:`stage_title`: who holds each stage of a setting's procedure and
  what the organisation calls it. Every feature routes and notifies through these.
* :func:`procedure_for`: the procedure text shown to parents and to other services, *generated*
  from that configuration and from the time limits in :mod:`tandem.complaints.deadlines`, so it
  always says what the system does.
* :func:`deadlines_for`: the open time limits of a setting's complaints a person may open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tandem.comms.selectors.board import OFSTED
from tandem.core.access import permitted
from tandem.core.models import Organisation, OrganisationMembership, Setting, SettingMembership, User
from tandem.core.roles import MANAGERS, OrganisationRole, SettingRole
from tandem.people.models import Child

from ..actions.complaints import COMPLAINT_VIEW
from ..actions.procedure import PROCEDURE_VIEW
from ..deadlines import RULES, Rule, rules_for, state
from ..models.complaints import Complaint, Deadline
from ..models.procedure import ProcedureSettings

Stage = Complaint.Stage
Track = Complaint.Track
OPEN_STAGES = (Stage.KEY_PERSON, Stage.MANAGER, Stage.LINE_MANAGER, Stage.APPEAL)
# Who is told when a limit is missed (``Rule.escalate_to``) → the stage they hold.
ESCALATE_TO = {"manager": Stage.MANAGER, "line_manager": Stage.LINE_MANAGER, "appeal": Stage.APPEAL}
DEFAULT_TITLES: dict[str, str] = {
    Stage.KEY_PERSON: "Key person",
    Stage.MANAGER: "Setting manager",
    Stage.LINE_MANAGER: ProcedureSettings._meta.get_field("line_manager_title").get_default(),
    Stage.APPEAL: ProcedureSettings._meta.get_field("appeal_title").get_default(),
}


# --- the configuration --------------------------------------------------------------------------


def settings_of(organisation_id: int) -> ProcedureSettings:
    """The organisation's configuration, or the defaults (an unsaved row) when it has none. One query."""
    found = ProcedureSettings.objects.filter(organisation_id=organisation_id).first()
    return found or ProcedureSettings(organisation_id=organisation_id)


def _organisation_people(organisation_id: int, role: str) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            organisation_memberships__organisation_id=organisation_id,
            organisation_memberships__role=role,
            organisation_memberships__active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def line_manager_choices(organisation: Organisation) -> QuerySet[User]:
    """Who may be named to hold the line-manager stage: the organisation's active line managers."""
    return _organisation_people(organisation.pk, OrganisationRole.LINE_MANAGER)


def appeal_choices(organisation: Organisation) -> QuerySet[User]:
    """Who may be named to hear appeals: the organisation's active owners, directors or trustees."""
    return _organisation_people(organisation.pk, OrganisationRole.OWNER)


@dataclass(frozen=True)
class OrganisationStage:
    """The line-manager or appeal stage as configured: its title, the person named (if any) and
    who actually holds it now."""

    stage: str
    title: str
    named: User | None  # the one person configured, while they still hold the role
    holders: list[User]
    named_gone: bool = False  # someone was named who no longer holds the role: everyone holds it


def organisation_stages(organisation: Organisation | int) -> dict[str, OrganisationStage]:
    """The line-manager and appeal stages of an organisation (or its id). Two queries."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    config = settings_of(organisation_id)
    rows = (
        OrganisationMembership.objects.filter(
            organisation_id=organisation_id,
            active=True,
            user__is_active=True,
            role__in=(OrganisationRole.LINE_MANAGER, OrganisationRole.OWNER),
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    by_role: dict[str, list[User]] = {OrganisationRole.LINE_MANAGER: [], OrganisationRole.OWNER: []}
    for row in rows:
        if row.user not in by_role[row.role]:
            by_role[row.role].append(row.user)
    stages: dict[str, OrganisationStage] = {}
    for stage, role, title, named_id in (
        (Stage.LINE_MANAGER, OrganisationRole.LINE_MANAGER, config.line_manager_title, config.line_manager_id),
        (Stage.APPEAL, OrganisationRole.OWNER, config.appeal_title, config.appeal_contact_id),
    ):
        everyone = by_role[role]
        named = next((u for u in everyone if u.pk == named_id), None) if named_id else None
        stages[stage] = OrganisationStage(
            stage=stage,
            title=title or DEFAULT_TITLES[stage],
            named=named,
            holders=[named] if named else list(everyone),
            named_gone=bool(named_id) and named is None,
        )
    return stages


def settings_of_organisation(user: User, organisation: Organisation) -> list[Setting]:
    """The organisation's settings whose procedure page the person may open."""
    return list(permitted(user, PROCEDURE_VIEW, Setting.objects.filter(organisation=organisation)).order_by("name"))


def _managers(setting_id: int) -> list[User]:
    rows = (
        SettingMembership.objects.filter(setting_id=setting_id, active=True, role__in=MANAGERS, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    found: list[User] = []
    for row in sorted(rows, key=lambda r: MANAGERS.index(SettingRole(r.role))):  # the manager first
        if row.user not in found:
            found.append(row.user)
    return found


def _key_persons(setting_id: int, child: Child | None) -> list[User]:
    if child is None:
        return []
    ids = [i for i in (child.key_person_id, child.backup_key_person_id) if i]
    if not ids:
        return []
    working = User.objects.filter(
        pk__in=ids, is_active=True, setting_memberships__setting_id=setting_id, setting_memberships__active=True
    ).distinct()
    by_id = {u.pk: u for u in working}
    return [by_id[i] for i in ids if i in by_id]


def stage_holders(setting: Setting, child: Child | None = None) -> dict[str, list[User]]:
    """Who holds each open stage of the setting's procedure, as the access rules see it:

    * ``key_person``: the child's key person and back-up while they work in the setting (empty
      without ``child``);
    * ``manager``: the setting's manager and deputies;
    * ``line_manager``: the person the organisation named (``ProcedureSettings.line_manager``), or
      every line manager of the organisation when no one is named (or the one named has left);
    * ``appeal``: the named appeal contact, or every owner, director or trustee.

    Active people only. At most four queries. Leave out the person a complaint is about with
    :func:`holders_of`."""
    organisation = organisation_stages(setting.organisation_id)
    return {
        Stage.KEY_PERSON: _key_persons(setting.pk, child),
        Stage.MANAGER: _managers(setting.pk),
        Stage.LINE_MANAGER: organisation[Stage.LINE_MANAGER].holders,
        Stage.APPEAL: organisation[Stage.APPEAL].holders,
    }


def stage_title(setting: Setting, stage: str) -> str:
    """What the setting's organisation calls a stage ("Area manager", "The board of trustees").
    One query for the stages above the manager, none otherwise."""
    if stage in (Stage.LINE_MANAGER, Stage.APPEAL):
        config = settings_of(setting.organisation_id)
        title = config.line_manager_title if stage == Stage.LINE_MANAGER else config.appeal_title
        return title or DEFAULT_TITLES[stage]
    if stage in DEFAULT_TITLES:
        return DEFAULT_TITLES[stage]
    return Stage(stage).label


def holders_of(complaint: Complaint, stages: Iterable[str]) -> list[User]:
    """The people who hold any of ``stages`` for this complaint, never the person it is about."""
    wanted = set(stages)
    child = complaint.child if Stage.KEY_PERSON in wanted and complaint.child_id else None
    holders = stage_holders(complaint.setting, child)
    found: list[User] = []
    for stage in OPEN_STAGES:
        if stage in wanted:
            for user in holders[stage]:
                if user.pk != complaint.about_staff_id and user not in found:
                    found.append(user)
    return found


# --- the procedure text, generated ---------------------------------------------------------------

# How each time limit reads to the complainant. Every rule in deadlines.RULES must have one (a test
# checks), so a new limit cannot be enforced without being told to parents and other services.
PUBLIC_WORDING: dict[str, str] = {
    "parent.manager_feedback": "You get feedback from the manager within {days} days of them receiving your complaint.",
    "parent.line_manager_response": "You get a response within {days} days of your complaint reaching them.",
    "parent.appeal_response": "You get a response to your appeal within a further {days} days.",
    "agency.acknowledge": "We acknowledge your complaint in writing within {days} days of receiving it.",
    "agency.meeting": "The manager investigates and meets you to discuss it within {days} days of receiving it.",
    "agency.line_manager_acknowledge": "They acknowledge your complaint within {days} days of receiving it.",
    "agency.line_manager_report": "They report back to you within {days} days.",
    "agency.appeal_response": "You get a response to your appeal within {days} days.",
}


@dataclass(frozen=True)
class Limit:
    code: str
    days: int
    text: str


@dataclass(frozen=True)
class Holder:
    title: str
    name: str = ""  # when one person holds the stage by name

    def __str__(self) -> str:
        return f"{self.title} ({self.name})" if self.name else self.title


@dataclass(frozen=True)
class ProcedureStep:
    stage: str
    heading: str
    holder: Holder
    paragraphs: tuple[str, ...]
    limits: tuple[Limit, ...]


@dataclass(frozen=True)
class Procedure:
    setting: Setting
    parent: tuple[ProcedureStep, ...]
    agency: tuple[ProcedureStep, ...]
    line_manager: OrganisationStage
    appeal: OrganisationStage
    ofsted: dict[str, Any]
    counting: str
    allegations: str
    ofsted_anytime: tuple[str, ...]


def limits(track: str, stage: str) -> tuple[Limit, ...]:
    """The time limits a stage opens, in the complainant's words, from the rules."""
    return tuple(
        Limit(rule.code, rule.days, PUBLIC_WORDING[rule.code].format(days=rule.days))
        for rule in rules_for(track, stage)
    )


def _manager_holder(setting: Setting) -> Holder:
    """The setting manager, named when there is exactly one. One query."""
    managers = list(
        User.objects.filter(
            is_active=True,
            setting_memberships__setting_id=setting.pk,
            setting_memberships__role=SettingRole.MANAGER,
            setting_memberships__active=True,
        ).distinct()[:2]
    )
    return Holder(DEFAULT_TITLES[Stage.MANAGER], managers[0].get_full_name() if len(managers) == 1 else "")


def the(title: str) -> str:
    """A stage's title inside a sentence: "Line manager" → "the line manager", "The governors" →
    "the governors", "Area Manager" → "the Area Manager" (capitals kept unless sentence case)."""
    title = " ".join(title.split())
    if title[:4].lower() == "the ":
        title = title[4:]
    rest = title[1:]
    if title and rest == rest.lower():
        title = title[0].lower() + rest
    return f"the {title}"


def who(stage: OrganisationStage) -> str:
    """ "the area manager, Jo Bloggs" or "the board of trustees"."""
    return f"{the(stage.title)}, {stage.named.get_full_name()}" if stage.named else the(stage.title)


def _line_manager(stage: OrganisationStage) -> str:
    if the(stage.title) == "the line manager":
        return who(stage)
    return f"{who(stage)} (the setting manager's line manager)"


def _holder(stage: OrganisationStage) -> Holder:
    return Holder(stage.title, stage.named.get_full_name() if stage.named else "")


def procedure_for(setting: Setting) -> Procedure:
    """The setting's procedure for concerns and complaints, in plain English, as Tandem runs it.
    Three queries."""
    stages = organisation_stages(setting.organisation_id)
    lm, appeal = stages[Stage.LINE_MANAGER], stages[Stage.APPEAL]
    manager = _manager_holder(setting)
    lm_the = the(lm.title)
    parent = (
        ProcedureStep(
            Stage.KEY_PERSON,
            "Talk to your child's key person",
            Holder("Your child's key person"),
            (
                "If you are unhappy about any part of your child's care, or about how you have been treated, "
                "tell your child's key person: in person, by phone, or here in Tandem.",
                "They listen to you and acknowledge what you are unhappy about. They explain, and apologise "
                "where that is right.",
                "They record the issue and how it was resolved in your child's file and in our Complaint "
                "Investigation Record, and whether it is a concern about the quality of our service or "
                "practice, or a complaint.",
            ),
            limits(Track.PARENT, Stage.KEY_PERSON),
        ),
        ProcedureStep(
            Stage.MANAGER,
            "The setting manager",
            manager,
            (
                "If you are not happy with the key person's response, or your complaint is about your child's "
                "key person or any other member of staff, it goes to the setting manager.",
                "You can complain in writing or by telling them. If you tell them, the manager writes down the "
                "key issues of your complaint in the Complaint Investigation Record, kept in your child's file.",
                "The manager investigates your complaint. If it relates directly to your child, a confidential "
                "written report of the investigation is kept in your child's file.",
            ),
            limits(Track.PARENT, Stage.MANAGER),
        ),
        ProcedureStep(
            Stage.LINE_MANAGER,
            lm.title,
            _holder(lm),
            (
                "If you are still not satisfied, or if your complaint is about the setting manager, the setting "
                f"manager passes your complaint on, in writing or by telling them, to {_line_manager(lm)}.",
            ),
            limits(Track.PARENT, Stage.LINE_MANAGER),
        ),
        ProcedureStep(
            Stage.APPEAL,
            appeal.title,
            _holder(appeal),
            (
                "If you are still not satisfied, you are entitled to appeal against the outcome, in writing or by "
                f"telling us. {lm_the[0].upper()}{lm_the[1:]} passes your appeal to {who(appeal)} for further "
                "investigation.",
            ),
            limits(Track.PARENT, Stage.APPEAL),
        ),
    )
    agency = (
        ProcedureStep(
            Stage.MANAGER,
            "Write to the setting manager",
            manager,
            (
                "If you work for another service and wish to make a formal complaint about a member of our "
                "staff or about our practice, write to the setting manager.",
                "The manager investigates the matter. We aim to reach an agreement with you that resolves it.",
            ),
            limits(Track.AGENCY, Stage.MANAGER),
        ),
        ProcedureStep(
            Stage.LINE_MANAGER,
            lm.title,
            _holder(lm),
            (f"If we do not reach an agreement, you may write to {_line_manager(lm)}.",),
            limits(Track.AGENCY, Stage.LINE_MANAGER),
        ),
        ProcedureStep(
            Stage.APPEAL,
            appeal.title,
            _holder(appeal),
            (
                "If you are not satisfied with the outcome of their investigation, you are entitled to appeal: "
                f"your appeal is referred to {who(appeal)}.",
            ),
            limits(Track.AGENCY, Stage.APPEAL),
        ),
    )
    return Procedure(
        setting=setting,
        parent=parent,
        agency=agency,
        line_manager=lm,
        appeal=appeal,
        ofsted=OFSTED,
        counting=(
            "Every day counts, weekends and holidays too. A time limit starts the day after we receive your "
            "complaint (or it reaches the next stage) and ends at midnight at the end of its last day. Tandem "
            "reminds whoever holds the stage before a time limit ends, and tells the next stage up if it is missed."
        ),
        allegations=(
            "If you believe a member of staff or a volunteer has seriously harmed a child, tell the setting "
            "manager straight away. This is not handled as a complaint: we follow our procedure for allegations "
            "against staff, with the local authority designated officer (LADO)."
        ),
        ofsted_anytime=(
            "You may complain to Ofsted at any time, by telephone or in writing, without using our procedure first.",
            "If you believe the matter has not been resolved and the requirements of the Early Years Foundation "
            "Stage (EYFS) have not been met, you are entitled to complain to Ofsted. The setting manager will help "
            "with any investigation and give Ofsted the record of the steps we took in response to your complaint.",
        ),
    )


# --- deadlines ----------------------------------------------------------------------------------


def deadlines_for(user: User, setting: Setting) -> QuerySet[Deadline]:
    """The open time limits of the setting's open complaints that ``user`` may open, soonest due first."""
    visible = permitted(user, COMPLAINT_VIEW, Complaint.objects.filter(setting=setting, closed_at__isnull=True))
    return (
        Deadline.objects.filter(
            complaint__in=visible.values("pk"),
            met_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .select_related("complaint")
        .order_by("due_at", "pk")
    )


@dataclass(frozen=True)
class DeadlineRow:
    deadline: Deadline
    rule: Rule | None
    state: str  # deadlines.state(): "overdue", "due soon", "upcoming"
    words: str  # the state in words: "Overdue by 3 days"
    stage_title: str
    url: str  # the complaint's page, when the complaints feature has one


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def state_words(deadline: Deadline, rule: Rule | None, now: datetime | None = None) -> tuple[str, str]:
    """The deadline's state and a short description in words (never colour alone)."""
    now = now or timezone.now()
    found = state(due=deadline.due_at, met=deadline.met_at, now=now, remind_days=rule.remind_days if rule else 0)
    today = timezone.localtime(now).date()
    due_day = timezone.localtime(deadline.due_at).date()
    if found == "overdue":
        late = (today - due_day).days
        return found, f"Overdue by {_days(late)}" if late else "Overdue: it was due today"
    left = (due_day - today).days
    when = "today" if left == 0 else "tomorrow" if left == 1 else f"in {_days(left)}"
    return found, f"Due soon: {when}" if found == "due soon" else f"Upcoming: due {when}"


# The staff page of a complaint, by track.
COMPLAINT_URLS: dict[str, str] = {Track.PARENT: "complaints:complaint", Track.AGENCY: "complaints:agency_complaint"}


def complaint_url(complaint: Complaint) -> str:
    """The page of a complaint (its track's), or "" while that feature has none."""
    try:
        return reverse(COMPLAINT_URLS.get(complaint.track, COMPLAINT_URLS[Track.PARENT]), args=[complaint.pk])
    except NoReverseMatch:
        return ""


def deadline_rows(deadlines: Iterable[Deadline], setting: Setting, now: datetime | None = None) -> list[DeadlineRow]:
    """Rows for the deadlines page, for one page of deadlines. One query (the stage titles)."""
    config = settings_of(setting.organisation_id)
    titles: dict[str, str] = {
        **DEFAULT_TITLES,
        Stage.LINE_MANAGER: config.line_manager_title or DEFAULT_TITLES[Stage.LINE_MANAGER],
        Stage.APPEAL: config.appeal_title or DEFAULT_TITLES[Stage.APPEAL],
    }
    rows = []
    for deadline in deadlines:
        rule = RULES.get(deadline.rule)
        found, words = state_words(deadline, rule, now)
        stage = rule.stage if rule else deadline.complaint.stage
        rows.append(
            DeadlineRow(deadline, rule, found, words, titles.get(stage, stage), complaint_url(deadline.complaint))
        )
    return rows


def reminders_due(now: datetime) -> QuerySet[Deadline]:
    """Open limits not yet reminded whose reminder time may have come (the caller checks each rule's
    ``remind_at``): for the sweep."""
    window = max((r.remind_days for r in RULES.values()), default=0) + 1  # a reminder goes < this before due
    return Deadline.objects.filter(
        met_at__isnull=True,
        cancelled_at__isnull=True,
        reminded_at__isnull=True,
        escalated_at__isnull=True,
        complaint__closed_at__isnull=True,
        due_at__gt=now,
        due_at__lte=now + timedelta(days=window),
    ).order_by("due_at", "pk")


def missed_due(now: datetime) -> QuerySet[Deadline]:
    """Open limits that have fallen due and not been escalated: for the sweep."""
    return Deadline.objects.filter(
        met_at__isnull=True,
        cancelled_at__isnull=True,
        escalated_at__isnull=True,
        due_at__lte=now,
        complaint__closed_at__isnull=True,
    ).order_by("due_at", "pk")
