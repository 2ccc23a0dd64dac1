"""Demo concerns and complaints for Willowbrook (R56–R60).

* Sana Ahmed's concern about Zara's wet clothes, three weeks ago: listened to, explained and
  apologised for by Zara's key person, Jamal, and resolved at the key person stage.
* Emma Morgan's complaint about Isla being left out of the nativity rehearsals: Amira listened, Emma
  was not satisfied, and it is with the setting manager, Sarah, whose 28 days to feed back are running.
* Linda Evans's complaint, made in person two months ago, that Ruby's inhaler was left behind on an
  outing: investigated by Sarah with a confidential report, fed back within the time limit, upheld
  and closed, and a review of practice opened for the trustees.

Idempotent: each complaint is made once (found by its summary). No one is notified.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..deadlines import RULES, due_at
from ..models.complaints import Complaint, ComplaintStep, Deadline, InvestigationReport
from ..services.complaints import create_with_reference
from ..services.deadlines import open_deadlines

Stage = Complaint.Stage
Kind = ComplaintStep.Kind

SANA = "Zara's spare clothes came home wet in a plastic bag, with no note to say what had happened."
EMMA = (
    "Isla was left out of the nativity rehearsals two days running and came home upset. Nobody told me why, "
    "and when I asked at collection I was told it was 'just how the groups worked out'."
)
LINDA = (
    "Ruby's inhaler was left behind at the preschool when her group went to the park. She was wheezy when she "
    "came back. Her care plan says it goes everywhere with her."
)


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _ago(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _child(setting: Setting, first: str, last: str) -> Child | None:
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


def _steps(complaint: Complaint, rows: list[tuple[dt.datetime, str, str, Any, str, bool]]) -> None:
    ComplaintStep.objects.bulk_create(
        [
            ComplaintStep(
                complaint=complaint, at=at, stage=stage, kind=kind, by=by, text=text, shared_with_complainant=sh
            )
            for at, stage, kind, by, text, sh in rows
        ]
    )


def _parent(child: Child, first: str) -> tuple[User | None, str, str]:
    link = child.links.select_related("adult__user").filter(adult__first_name=first).first()
    if link is None:
        return None, first, ""
    adult = link.adult
    return adult.user, f"{adult.first_name} {adult.last_name}", adult.email or adult.phone


def _sana(setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import demo_email

    zara, jamal = _child(setting, "Zara", "Ahmed"), _user(demo_email("jamal"))
    if zara is None or Complaint.objects.filter(setting=setting, summary=SANA).exists():
        return
    user, name, contact = _parent(zara, "Sana")
    raised, closed = _ago(21, 18, 5), _ago(20, 15, 40)
    complaint = create_with_reference(
        setting_id=setting.pk,
        received_at=raised,
        child=zara,
        kind=Complaint.Kind.CONCERN,
        stage=Stage.CLOSED,
        stage_started_at=raised,
        via=Complaint.Via.ONLINE,
        raised_by=user,
        complainant_name=name,
        complainant_contact=contact,
        recorded_by=user,
        summary=SANA,
        desired_outcome="A quick note in her bag when her clothes have to be changed.",
        handler=jamal,
        outcome=Complaint.Outcome.RESOLVED,
        outcome_summary="Wet clothes now go home with a note, and the key person mentions it at collection.",
        closed_at=closed,
    )
    k = Stage.KEY_PERSON
    _steps(
        complaint,
        [
            (raised, k, Kind.RAISED, user, "Raised online in Tandem.", True),
            (_ago(20, 15, 20), k, Kind.LISTENED, jamal, "Spoke to Sana at collection and listened.", True),
            (
                _ago(20, 15, 25),
                k,
                Kind.EXPLAINED,
                jamal,
                "Zara had a drink spilt on her at snack time; we changed her, but forgot the note.",
                True,
            ),
            (_ago(20, 15, 30), k, Kind.APOLOGISED, jamal, "Apologised to Sana for not telling her.", True),
            (closed, k, Kind.OUTCOME, jamal, "Closed: wet clothes now go home with a note.", True),
        ],
    )


def _emma(setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, MANAGER_EMAIL

    isla = _child(setting, "Isla", "Morgan")
    amira, sarah = _user(KEY_PERSON_EMAIL), _user(MANAGER_EMAIL)
    if isla is None or Complaint.objects.filter(setting=setting, summary=EMMA).exists():
        return
    user, name, contact = _parent(isla, "Emma")
    raised, escalated = _ago(6, 20, 15), _ago(4, 9, 30)
    complaint = create_with_reference(
        setting_id=setting.pk,
        received_at=raised,
        child=isla,
        kind=Complaint.Kind.COMPLAINT,
        stage=Stage.MANAGER,
        stage_started_at=escalated,
        via=Complaint.Via.ONLINE,
        raised_by=user,
        complainant_name=name,
        complainant_contact=contact,
        recorded_by=user,
        summary=EMMA,
        desired_outcome="An explanation, and for Isla to have a part in the nativity like everyone else.",
        handler=sarah,
    )
    k, m = Stage.KEY_PERSON, Stage.MANAGER
    _steps(
        complaint,
        [
            (raised, k, Kind.RAISED, user, "Raised online in Tandem.", True),
            (_ago(5, 15, 30), k, Kind.LISTENED, amira, "Met Emma at collection and listened to her.", True),
            (
                _ago(5, 15, 40),
                k,
                Kind.EXPLAINED,
                amira,
                "The rehearsal groups were chosen by the room leader on those two days; Isla will be in "
                "Thursday's group.",
                True,
            ),
            (
                escalated,
                k,
                Kind.ESCALATED,
                amira,
                "Emma is not satisfied and would like the manager to look into it.",
                True,
            ),
            (
                _ago(2, 11, 0),
                m,
                Kind.INVESTIGATION,
                sarah,
                "Spoke to Amira and to the Butterflies room leader; checked the rehearsal lists for both days.",
                False,
            ),
        ],
    )
    open_deadlines(complaint, start=escalated)  # 28 days to feed back, counted from when it reached Sarah


def _linda(setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, demo_email

    ruby, daniel, sarah = _child(setting, "Ruby", "Evans"), _user(demo_email("daniel")), _user(MANAGER_EMAIL)
    if ruby is None or Complaint.objects.filter(setting=setting, summary=LINDA).exists():
        return
    _, name, contact = _parent(ruby, "Linda")
    raised, escalated, closed = _ago(62, 16, 10), _ago(61, 9, 0), _ago(40, 17, 0)
    feedback_at = _ago(45, 16, 0)
    complaint = create_with_reference(
        setting_id=setting.pk,
        received_at=raised,
        child=ruby,
        kind=Complaint.Kind.COMPLAINT,
        stage=Stage.CLOSED,
        stage_started_at=escalated,
        via=Complaint.Via.IN_PERSON,
        complainant_name=name,
        complainant_contact=contact,
        recorded_by=sarah,
        summary=LINDA,
        desired_outcome="To know it will not happen again.",
        handler=sarah,
        outcome=Complaint.Outcome.UPHELD,
        outcome_summary="Upheld. Medicines are now checked out and back in on every outing, by name.",
        closed_at=closed,
    )
    k, m = Stage.KEY_PERSON, Stage.MANAGER
    _steps(
        complaint,
        [
            (raised, k, Kind.RAISED, sarah, "Made in person; recorded by Sarah Whitfield.", True),
            (_ago(62, 16, 30), k, Kind.LISTENED, daniel, "Listened to Linda with Sarah.", True),
            (_ago(62, 16, 35), k, Kind.APOLOGISED, daniel, "Apologised that the inhaler was left behind.", True),
            (escalated, k, Kind.ESCALATED, daniel, "Linda asked for a formal investigation.", True),
            (_ago(55, 10, 0), m, Kind.INVESTIGATION, sarah, "Spoke to the three staff on the outing.", False),
            (_ago(50, 14, 0), m, Kind.MEETING, sarah, "Met Linda and Gareth to go through what happened.", True),
            (_ago(48, 12, 0), m, Kind.NOTE, sarah, "Confidential investigation report written.", False),
            (feedback_at, m, Kind.FEEDBACK, sarah, "Wrote to Linda with what we found and what will change.", True),
            (
                _ago(45, 16, 5),
                m,
                Kind.OUTCOME,
                sarah,
                "Upheld. Medicines are now checked out and back in on every outing, by name.",
                True,
            ),
            (closed, m, Kind.OUTCOME, sarah, "Closed: Linda is satisfied with the changes.", True),
        ],
    )
    InvestigationReport.objects.create(
        complaint=complaint,
        text="The outing bag was packed from the old list, which did not include Ruby's inhaler. Staff did not "
        "check individual medicines before leaving. Ruby recovered with her inhaler on return; no further "
        "treatment was needed. Recommendations: a named medicines check on leaving and returning.",
        written_by=sarah,
        written_at=_ago(48, 12, 0),
    )
    rule = RULES["parent.manager_feedback"]
    Deadline.objects.create(
        complaint=complaint, rule=rule.code, starts_at=escalated, due_at=due_at(rule, escalated), met_at=feedback_at
    )
    try:
        from ..services.record import open_practice_review
    except ImportError:
        return
    open_practice_review(complaint=complaint)


def seed(*, setting: Setting) -> None:
    _sana(setting)
    _emma(setting)
    _linda(setting)
