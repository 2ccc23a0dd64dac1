"""The demo's visiting professional seeds without error, twice (idempotent): Hannah Lewis signs in
with the demo password, has a visit to Isla today (07:00 to 19:00, arrival left for Amira) and a
past visit with arrival and departure recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Professional, Visit
from tandem.core.models import User
from tandem.people.management.commands.seed_demo import DEMO_PASSWORD, KEY_PERSON_EMAIL, demo_email


@pytest.mark.django_db
def test_demo_seeds_a_visiting_professional(settings: Any, tmp_path: Any, client: Any) -> None:
    settings.TANDEM_DEMO = True
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    hannah = User.objects.get(email=demo_email("slt"))
    assert hannah.check_password(DEMO_PASSWORD) and not hannah.is_setting_staff
    profile = Professional.objects.get(user=hannah)
    assert profile.active and profile.agency is not None and "Speech" in profile.agency.name
    visits = list(Visit.objects.filter(professional=profile).order_by("starts_at"))
    assert len(visits) == 2
    past, today = visits
    assert past.arrived_at and past.departed_at and past.arrival_recorded_by == past.supervisor and past.notes
    assert timezone.localtime(today.starts_at).time() == dt.time(7, 0)
    assert timezone.localtime(today.ends_at).time() == dt.time(19, 0)
    assert timezone.localdate(today.starts_at) == timezone.localdate()
    assert today.arrived_at is None and today.supervisor.email == KEY_PERSON_EMAIL
    assert today.child.first_name == "Isla" and today.share is not None and today.share.professional == hannah
    # Hannah signs in without two-factor and sees her visits, but not Isla's record before her arrival
    client.force_login(hannah)
    assert client.get(reverse("agencies:my_visits")).status_code == 200
    page = client.get(reverse("agencies:my_visit", args=[today.pk])).content.decode()
    assert "Morgan" not in page and "Observe" not in page
    assert client.get(reverse("people:child", args=[today.child_id])).status_code == 404
