"""The demo's morning: some children in, one waiting for staff, one off sick; Isla left for the morning run."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tandem.attendance.demo import register as register_demo
from tandem.attendance.models import Absence, Attendance
from tandem.attendance.selectors.register import setting_today
from tandem.core.models import User
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int]:
    return Attendance.objects.count(), Absence.objects.count()


def test_demo_morning(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    loader = seed_demo.Loader()
    loader.run()
    register_demo.seed(setting=loader.setting)
    first = counts()
    register_demo.seed(setting=loader.setting)
    assert counts() == first
    isla = Child.objects.get(first_name="Isla", last_name="Morgan")
    assert not Attendance.objects.filter(child=isla).exists()
    if timezone.localdate().weekday() < 5:
        assert Attendance.objects.filter(state="present").count() >= 5
        assert Attendance.objects.filter(state="waiting").count() == 1
        assert Absence.objects.filter(reason="illness").exists()
        manager = User.objects.get(email=seed_demo.MANAGER_EMAIL)
        day = setting_today(actor=manager, setting=loader.setting)
        assert day["counts"].present == Attendance.objects.filter(state="present").count()
        assert day["counts"].expected > 0
