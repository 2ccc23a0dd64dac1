"""Reading the agency track (R62, R53): a setting's complaints from other services, one complaint's
record, letters and time limits, and the acknowledgement letter Tandem drafts from the procedure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from tandem.comms.selectors.board import OFSTED
from tandem.core.access import permitted
from tandem.core.models import OrganisationMembership, Setting, SettingMembership, User

from ..actions.agency import AGENCY_VIEW
from ..deadlines import RULES, Rule, due_at, rules_for
from ..models import Complaint, ComplaintStep, Deadline
from ..models.agency import AgencyLetter
from .procedure import organisation_stages, state_words, the, who

Stage = Complaint.Stage
AGENCY = Complaint.Track.AGENCY


def agency_complaints(user: User, setting: Setting) -> QuerySet[Complaint]:
    """The setting's complaints from other services the person may open, open ones first."""
    rows = Complaint.objects.filter(setting=setting, track=AGENCY).select_related("handler")
    return permitted(user, AGENCY_VIEW, rows).order_by("closed_at", "-received_at", "-pk")


def steps_of(complaint: Complaint) -> list[ComplaintStep]:
    return list(complaint.steps.select_related("by").order_by("at", "pk"))


def letters_of(complaint: Complaint) -> list[AgencyLetter]:
    return list(AgencyLetter.objects.filter(complaint=complaint).order_by("received_at", "pk"))


def letter_of(complaint: Complaint, letter_id: int) -> AgencyLetter | None:
    return AgencyLetter.objects.filter(complaint=complaint, pk=letter_id).first()


def acknowledgement_of(complaint: Complaint, step_id: int) -> ComplaintStep | None:
    return complaint.steps.filter(pk=step_id, kind=ComplaintStep.Kind.ACKNOWLEDGED).select_related("by").first()


@dataclass(frozen=True)
class LimitRow:
    deadline: Deadline
    rule: Rule | None
    state: str
    words: str


def limits_of(complaint: Complaint, now: dt.datetime | None = None) -> list[LimitRow]:
    """Every time limit the complaint has had, with its state in words (never colour alone)."""
    rows = []
    for deadline in complaint.deadlines.order_by("due_at", "pk"):
        rule = RULES.get(deadline.rule)
        if deadline.met_at is not None:
            late = deadline.met_at > deadline.due_at
            found, words = ("met late", "Met late") if late else ("met", "Met in time")
        elif deadline.cancelled_at is not None:
            found, words = "closed", "No longer applies"
        else:
            found, words = state_words(deadline, rule, now)
        rows.append(LimitRow(deadline, rule, found, words))
    return rows


def acknowledged_at_stage(steps: list[ComplaintStep], stage: str) -> bool:
    return any(s.kind == ComplaintStep.Kind.ACKNOWLEDGED and s.stage == stage for s in steps)


def reported_at_stage(steps: list[ComplaintStep], stage: str) -> bool:
    return any(s.kind == ComplaintStep.Kind.FEEDBACK and s.stage == stage for s in steps)


# --- the acknowledgement letter -------------------------------------------------------------------
def long_date(moment: dt.datetime | dt.date) -> str:
    day = timezone.localtime(moment).date() if isinstance(moment, dt.datetime) else moment
    return f"{day.day} {day:%B %Y}"


def job_title(user: User, setting: Setting, stage: str) -> str:
    """How the author signs: their job title in the setting (or the organisation), else the stage's."""
    if stage == Stage.MANAGER:
        title = (
            SettingMembership.objects.filter(setting=setting, user=user, active=True)
            .exclude(title="")
            .values_list("title", flat=True)
            .first()
        )
    else:
        title = (
            OrganisationMembership.objects.filter(organisation_id=setting.organisation_id, user=user, active=True)
            .exclude(title="")
            .values_list("title", flat=True)
            .first()
        )
    return title or (
        "Setting manager" if stage == Stage.MANAGER else organisation_stages(setting.organisation_id)[stage].title
    )


def _due(complaint: Complaint, rule: Rule) -> str:
    found = complaint.deadlines.filter(rule=rule.code).values_list("due_at", flat=True).first()
    return long_date(found or due_at(rule, complaint.stage_started_at))


def acknowledgement_draft(complaint: Complaint, author: User, today: dt.date | None = None) -> str:
    """The written acknowledgement, from the setting, in plain English: what happens next and the time
    limits, taken from the rules and the organisation's names for its stages. The author edits it."""
    setting = complaint.setting
    today = today or timezone.localdate()
    stages = organisation_stages(setting.organisation_id)
    line_manager, appeal = stages[Stage.LINE_MANAGER], stages[Stage.APPEAL]
    lm_rules = {r.code: r for r in rules_for(AGENCY, Stage.LINE_MANAGER)}
    appeal_days = RULES["agency.appeal_response"].days
    letterhead = [setting.name, *[line.strip() for line in setting.address.splitlines() if line.strip()]]
    contact = " · ".join(x for x in (setting.phone, setting.email) if x)
    if contact:
        letterhead.append(contact)
    recipient = [complaint.complainant_name, complaint.complainant_organisation]
    received = long_date(complaint.received_at if complaint.stage == Stage.MANAGER else complaint.stage_started_at)
    what = "letter" if complaint.via == Complaint.Via.LETTER else "email"
    if complaint.stage == Stage.MANAGER:
        ack, meeting = RULES["agency.acknowledge"], RULES["agency.meeting"]
        body = [
            f"Thank you for your {what}, which we received on {received}. This letter acknowledges your "
            f"complaint, as our complaints procedure promises, within {ack.days} days of receiving it.",
            "What happens next:",
            f"1. The setting manager investigates the matter and meets you to discuss it within {meeting.days} days "
            f"of receiving your complaint, that is by {_due(complaint, meeting)}. We will contact you to arrange "
            "a time.",
            "2. We aim to reach an agreement with you that resolves the matter.",
            f"3. If we do not reach an agreement, you may write to {who(line_manager)}, who acknowledges your "
            f"complaint within {lm_rules['agency.line_manager_acknowledge'].days} days and reports back to you "
            f"within {lm_rules['agency.line_manager_report'].days} days.",
            f"4. If you are not satisfied with the outcome of that investigation, you may appeal: your appeal is "
            f"referred to {who(appeal)}, who respond within {appeal_days} days.",
        ]
    else:
        report = lm_rules["agency.line_manager_report"]
        body = [
            f"Thank you for your {what}, which reached me on {received}. As {the(line_manager.title)} of "
            f"{setting.name}, I acknowledge your complaint.",
            "What happens next:",
            f"1. I investigate the matter and report back to you within {report.days} days, that is by "
            f"{_due(complaint, report)}.",
            f"2. If you are not satisfied with the outcome of my investigation, you may appeal: your appeal is "
            f"referred to {who(appeal)}, who respond within {appeal_days} days.",
        ]
    address = ", ".join(OFSTED["address"])
    ofsted = (
        f"You may also contact Ofsted at any time: Applications, Regulatory and Contact (ARC) Team, "
        f"{OFSTED['name']}, {address}; telephone {OFSTED['phone']}; email {OFSTED['email']}."
    )
    lines = [
        *letterhead,
        "",
        long_date(today),
        "",
        *[x for x in recipient if x],
        "",
        f"Dear {complaint.complainant_name},",
        "",
        f"Your complaint (our reference {complaint.reference})",
        "",
    ]
    for paragraph in body:
        lines += [paragraph, ""] if not paragraph[:1].isdigit() else [paragraph]
    lines += [
        "",
        ofsted,
        "",
        "Yours sincerely,",
        "",
        author.get_full_name(),
        job_title(author, setting, complaint.stage),
        setting.name,
    ]
    return "\n".join(lines).strip() + "\n"
