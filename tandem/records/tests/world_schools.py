"""Schools and transitions in the test world (R54, R55): the setting's receiving school with its
Reception teacher and its data protection lead (DSL), an activity with it, and child A's move to it
with a report being written. The other provider has its own school and transition.

Later modules (transfer, requests, retention, viewers) build on these keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.records.models import SchoolActivity, Transition, TransitionMeeting, TransitionReport


def extend(w: Any) -> None:
    today = timezone.localdate()
    w.school = Agency.objects.create(
        setting=w.setting,
        name="Hollowfield Primary School",
        category=Agency.Category.SCHOOL,
        phone="01632 960700",
        email="office@hollowfield.example.org",
    )
    w.school_teacher = AgencyContact.objects.create(
        agency=w.school,
        name="Tamsin Teachwell",
        role="Reception class teacher",
        email="tteachwell@hollowfield.example.org",
    )
    w.school_dsl = AgencyContact.objects.create(
        agency=w.school,
        name="Dominic Dslworth",
        role="Designated safeguarding lead",
        email="dsl@hollowfield.example.org",
    )
    w.school_activity = SchoolActivity.objects.create(
        setting=w.setting,
        school=w.school,
        kind=SchoolActivity.Kind.VISIT_FROM_SCHOOL,
        on=today - dt.timedelta(days=20),
        summary="The Reception team watched our outdoor phonics games.",
        led_by=w.manager,
    )
    w.transition = Transition.objects.create(
        setting=w.setting,
        child=w.child_a,
        school=w.school,
        teacher=w.school_teacher,
        starts_on=today + dt.timedelta(days=200),
        created_by=w.key_person_a,
    )
    w.report = TransitionReport.objects.create(
        transition=w.transition,
        about_me="Amelia loves the mud kitchen and counting conkers.",
        communication="Speaks in long sentences and tells stories to friends.",
        next_steps="Practise putting on her coat by herself.",
        updated_by=w.key_person_a,
    )
    w.transition_meeting = TransitionMeeting.objects.create(
        transition=w.transition,
        kind=TransitionMeeting.Kind.TEACHER_VISIT,
        at=timezone.now() + dt.timedelta(days=30),
        with_whom="Tamsin Teachwell, Reception teacher",
        notes="Mrs Teachwell will play with Amelia in the garden.",
        shared_with_family=True,
        created_by=w.key_person_a,
    )

    w.other_school = Agency.objects.create(
        setting=w.other_setting, name="Riverside Infant School", category=Agency.Category.SCHOOL
    )
    w.other_school_teacher = AgencyContact.objects.create(
        agency=w.other_school,
        name="Ursula Upstream",
        role="Reception teacher",
        email="uu@riverside-infants.example.org",
    )
    w.other_school_activity = SchoolActivity.objects.create(
        setting=w.other_setting,
        school=w.other_school,
        kind=SchoolActivity.Kind.MEETING,
        on=today - dt.timedelta(days=10),
        summary="Termly cluster meeting.",
        led_by=w.other_manager,
    )
    w.other_transition = Transition.objects.create(
        setting=w.other_setting, child=w.other_child, school=w.other_school, teacher=w.other_school_teacher
    )
    w.other_report = TransitionReport.objects.create(
        transition=w.other_transition, about_me="Ottilie likes drawing boats.", updated_by=w.other_manager
    )
    w.other_transition_meeting = TransitionMeeting.objects.create(
        transition=w.other_transition,
        kind=TransitionMeeting.Kind.MEETING,
        at=timezone.now() + dt.timedelta(days=12),
        with_whom="Ursula Upstream",
        created_by=w.other_manager,
    )
