"""Demo child protection work for Willowbrook (R24, R52). DEMO DATA, INVENTED: every name and
event here is made up to show how the feature works; it is marked "(demo)" where staff read it.

Theo Kaya has a child protection plan in place (never the Morgans, the demo's main family): the
lead social worker from the directory's children's social care service, the next review conference
in five weeks, and the tasks agreed with his parents (one overdue). The DSL's safeguarding referral
and the initial child protection conference sit under multi-agency work, seen only by the DSL, the
manager and Theo's key person (Amira Hussain).

Agencies are looked up by the directory demo's names (the referral is skipped if it is not there).
Idempotent: the plan is found again by child.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Agency, AgencyAction, AgencyMeeting, ProtectionPlan, ProtectionTask, Referral
from . import directory

CHILD = ("Theo", "Kaya")
LEAD = "Marcus Bell, Somerset Children's Social Care (demo)"
Owner = ProtectionTask.Owner


def _day(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _at(days_ago: int, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_day(days_ago), dt.time(hour, 0)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import DSL_EMAIL

    theo = Child.objects.filter(setting=setting, first_name=CHILD[0], last_name=CHILD[1]).first()
    if theo is None or ProtectionPlan.objects.filter(child=theo).exists():
        return
    dsl = User.objects.filter(email=DSL_EMAIL).first()
    social_care_name = getattr(directory, "SOCIAL_CARE", None)
    social_care = Agency.objects.filter(setting=setting, name=social_care_name).first() if social_care_name else None
    if social_care is not None and not Referral.objects.filter(child=theo, agency=social_care).exists():
        Referral.objects.create(
            child=theo,
            agency=social_care,
            reason="(Demo) Theo told his key person about being shut in his room for long periods, and "
            "arrived hungry on several days. The DSL referred to the Children's Front Door the same day.",
            made_on=_day(60),
            status=Referral.Status.ACCEPTED,
            outcome="(Demo) Accepted for a child and family assessment; a strategy discussion led to an "
            "initial child protection conference.",
            safeguarding=True,
            shared_with_family=False,
            made_by=dsl,
        )
    conference = AgencyMeeting.objects.create(
        child=theo,
        kind=AgencyMeeting.Kind.CP_CONFERENCE,
        held_at=_at(35, 10),
        venue="Somerset Council offices, Taunton",
        attendees="(Demo) Marcus Bell, social worker (chair's report)\nGrace Mensah, DSL\nClaire Hollis, health "
        "visitor\nTheo's parents",
        notes="(Demo) Theo is made subject to a child protection plan under the category of neglect. The "
        "core group will meet within ten working days.",
        safeguarding=True,
        shared_with_family=False,
        recorded_by=dsl,
    )
    AgencyAction.objects.create(
        meeting=conference,
        action="(Demo) Send the social worker Theo's attendance every Friday.",
        owner="Grace Mensah, DSL",
        due_on=_day(-30),
        visible_to_family=False,
    )
    plan = ProtectionPlan.objects.create(
        child=theo,
        started_on=_day(35),
        lead_professional=LEAD,
        lead_contact="01632 960241 (demo)",
        next_conference_on=_day(-35),
        recorded_by=dsl,
        recorded_at=_at(34, 9),
    )
    for task, owner, detail, due, done in (
        ("(Demo) Attend the Family Hub's parenting course, six Thursday mornings.", Owner.PARENTS, "", 7, None),
        ("(Demo) Give Theo breakfast at preschool each morning and note how he is.", Owner.SETTING, "", -35, None),
        (
            "(Demo) Meet Theo's parents weekly at collection to share how his week went.",
            Owner.KEY_PERSON,
            "",
            -35,
            None,
        ),
        ("(Demo) Home visit to check Theo's weight and sleep.", Owner.AGENCY, "Health visitor", 14, "Visit done."),
    ):
        ProtectionTask.objects.create(
            plan=plan,
            task=task,
            owner=owner,
            owner_detail=detail,
            due_on=_day(due),
            agreed_with_parents_on=_day(35),
            done_at=timezone.now() - dt.timedelta(days=16) if done else None,
            done_note=done or "",
            recorded_by=dsl,
        )
