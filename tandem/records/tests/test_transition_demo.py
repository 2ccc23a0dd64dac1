"""The demo's schools and Isla's transition seed without error, twice (idempotent)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.agencies.models import AgencyContact
from tandem.core.models import Setting
from tandem.records.demo import schools as school_demo
from tandem.records.demo import transition as demo
from tandem.records.models import SchoolActivity, Transition, TransitionMeeting, TransitionReport


@pytest.mark.django_db
def test_demo_seeds_schools_and_islas_transition_once(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    counts = [
        m.objects.count() for m in (SchoolActivity, Transition, TransitionReport, TransitionMeeting, AgencyContact)
    ]
    school_demo.seed(setting=setting)
    demo.seed(setting=setting)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [
        m.objects.count() for m in (SchoolActivity, Transition, TransitionReport, TransitionMeeting, AgencyContact)
    ] == counts

    transition = Transition.objects.get(child__first_name="Isla", child__last_name="Morgan", setting=setting)
    assert transition.school.name == school_demo.SCHOOL and transition.status == Transition.Status.WITH_FAMILY
    assert transition.teacher is not None and "Reception" in transition.teacher.role
    assert transition.starts_on is not None and (transition.starts_on.month, transition.starts_on.day) == (9, 1)
    report = transition.report
    assert report.status == TransitionReport.Status.WITH_FAMILY and report.sent_to_family_at
    assert report.updated_by is not None and report.updated_by.first_name == "Amira"
    assert all(getattr(report, name) for name in TransitionReport.SECTIONS)
    assert transition.meetings.filter(kind="teacher_visit", shared_with_family=True).exists()
    assert SchoolActivity.objects.filter(school=transition.school).count() >= 3
