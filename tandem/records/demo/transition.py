"""Demo transition to school (R55): Isla Morgan moves to Willowbrook Church of England Primary School
next September. Amira, her key person, has written the report (from the journal, then her own
words) and sent it to the family, so Emma can read, add to and agree it; Rachel Thornton, the
Reception teacher, is due to visit. Idempotent: one transition a child, one report a transition,
the meeting found by kind."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.agencies.models import Agency
from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import Transition, TransitionMeeting, TransitionReport
from ..selectors.transition import draft_from_journal, next_september
from .schools import SCHOOL, reception_teacher

REPORT = {
    "about_me": "I love drawing, the role-play kitchen and stories about animals. "
    "I play best with one friend at a time.",
    "personal_social": "Isla settles well with a familiar adult and is growing in confidence in small groups. She "
    "is learning to ask an adult for help when she needs it.",
    "communication": "Isla listens carefully to stories and talks in full sentences with adults she knows well.",
    "physical": "Isla climbs confidently, uses scissors with care and is learning to put on her coat by herself.",
    "specific_areas": "Literacy: Isla recognises her name and enjoys rhyming games.\n\nMathematics: she counts "
    "reliably to ten and loves sorting the shells by size.",
    "learning_characteristics": "Isla concentrates for a long time on what interests her and tries new ideas in "
    "her drawings.",
    "support": "A quiet word before a change of activity helps Isla, and time to watch before she joins a group.",
    "next_steps": "- Ask an adult for help when she needs it.\n- Join a small group for a short story.",
}


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL

    school = Agency.objects.filter(setting=setting, name=SCHOOL).first()
    isla = Child.objects.filter(
        setting=setting, first_name="Isla", last_name="Morgan", leaving_date__isnull=True
    ).first()
    amira = User.objects.filter(email=KEY_PERSON_EMAIL).first()
    if school is None or isla is None or amira is None:
        return
    teacher = reception_teacher(school)
    now = timezone.now()
    transition, _ = Transition.objects.get_or_create(
        child=isla,
        defaults={
            "setting": setting,
            "school": school,
            "teacher": teacher,
            "starts_on": next_september(),
            "status": Transition.Status.WITH_FAMILY,
            "created_by": amira,
            "created_at": now - dt.timedelta(days=20),
        },
    )
    if not TransitionReport.objects.filter(transition=transition).exists():
        sections = {**REPORT, **draft_from_journal(amira, isla)}  # what the journal says, else Amira's words
        TransitionReport.objects.create(
            transition=transition,
            status=TransitionReport.Status.WITH_FAMILY,
            sent_to_family_at=now - dt.timedelta(days=2),
            updated_by=amira,
            updated_at=now - dt.timedelta(days=2),
            **sections,
        )
    TransitionMeeting.objects.get_or_create(
        transition=transition,
        kind=TransitionMeeting.Kind.TEACHER_VISIT,
        defaults={
            "at": (now + dt.timedelta(days=10)).replace(hour=10, minute=0, second=0, microsecond=0),
            "with_whom": f"{teacher.name}, {teacher.role}",
            "attendees": "Amira Hussain, Isla's key person",
            "notes": "Mrs Thornton will spend the morning in Butterflies and play with Isla in the garden.",
            "shared_with_family": True,
            "created_by": amira,
        },
    )
