"""The visiting professional persona (R50): a speech and language therapist with a visit to
child A going on now (arrival recorded by the key person, who supervises), and a visit to child B
booked for next week, which gives them nothing today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact, Professional, Visit
from tandem.factories import UserFactory


def extend(w: Any) -> None:
    now = timezone.now()
    w.agency = Agency.objects.create(
        setting=w.setting,
        name="Meadowbank Speech and Language Service",
        category=Agency.Category.HEALTH,
        email="slt@nhs.example.org",
        phone="01632 960001",
    )
    w.agency_contact = AgencyContact.objects.create(
        agency=w.agency, name="Priya Therapistson", role="Speech and language therapist", email="priya@nhs.example.org"
    )
    w.other_agency = Agency.objects.create(
        setting=w.other_setting, name="Riverside Health Visiting", category=Agency.Category.HEALTH
    )
    w.professional = UserFactory(first_name="Priya", last_name="Therapistson", email="priya@nhs.example.org")
    w.professional_profile = Professional.objects.create(
        user=w.professional,
        setting=w.setting,
        agency=w.agency,
        job_title="Speech and language therapist",
        invited_by=w.manager,
    )
    w.visit = Visit.objects.create(
        child=w.child_a,
        professional=w.professional_profile,
        supervisor=w.key_person_a,
        purpose="Observe Amelia's speech in play",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=6),
        arrived_at=now - dt.timedelta(minutes=30),
        arrival_recorded_by=w.key_person_a,
        booked_by=w.manager,
    )
    w.later_visit = Visit.objects.create(
        child=w.child_b,
        professional=w.professional_profile,
        supervisor=w.room_practitioner,
        purpose="Screen Barnaby's speech",
        starts_at=now + dt.timedelta(days=7),
        ends_at=now + dt.timedelta(days=7, hours=2),
        booked_by=w.manager,
    )
    # The other provider's professional, with a visit to their child going on now (arrival recorded):
    # it gives our professional, and our staff, nothing.
    w.other_professional = UserFactory(first_name="Orla", last_name="Occupationalist", email="orla@nhs.example.org")
    w.other_professional_profile = Professional.objects.create(
        user=w.other_professional,
        setting=w.other_setting,
        agency=w.other_agency,
        job_title="Occupational therapist",
        invited_by=w.other_manager,
    )
    w.other_visit = Visit.objects.create(
        child=w.other_child,
        professional=w.other_professional_profile,
        supervisor=w.other_manager,
        purpose="Fine motor assessment",
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=6),
        arrived_at=now - dt.timedelta(minutes=20),
        arrival_recorded_by=w.other_manager,
        booked_by=w.other_manager,
    )
