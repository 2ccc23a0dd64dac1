"""The demo's late collection and medication seed without error, twice (idempotent)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.attendance.models import AttendanceSettings, Dose, LateCase, Medicine
from tandem.core.models import Setting
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.selectors.consents import consent_now
from tandem.people.models import Child


@pytest.mark.django_db
def test_demo_seeds_late_and_medication(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    rules = AttendanceSettings.objects.get(setting=setting)
    assert rules.emergency_plan and rules.late_after_minutes == 10
    case = LateCase.objects.get()
    assert case.closed_at and case.summary and case.steps.count() >= 4
    medicine = Medicine.objects.get()
    assert medicine.child.first_name == "Alfred" and medicine.consent_decision is not None
    assert Dose.objects.get().acknowledged_at is not None
    isla = Child.objects.get(setting=setting, first_name="Isla", last_name="Morgan")
    assert consent_now(isla, ConsentCode.ADMINISTERING_MEDICATION).given
    assert not Medicine.objects.filter(child=isla).exists()
