"""The demo's meetings seed without error, twice (idempotent), and show the feature working."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.comms.models.meetings import Meeting, MeetingAvailability, MeetingRound
from tandem.comms.services import meetings as services
from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, PARENT_EMAIL


@pytest.mark.django_db
def test_demo_seeds_meetings(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    emma, amira = User.objects.get(email=PARENT_EMAIL), User.objects.get(email=KEY_PERSON_EMAIL)
    isla = Meeting.objects.get(child__first_name="Isla", title="Isla's progress this term")
    assert isla.status == Meeting.Status.ASKING and isla.mode == Meeting.Mode.ASK
    assert MeetingAvailability.objects.filter(option__meeting=isla, user=emma, suits=True).count() == 2
    assert (
        Meeting.objects.filter(child=isla.child, status=Meeting.Status.HELD, notes_shared_at__isnull=False).count() == 1
    )
    zara = Meeting.objects.get(child__first_name="Zara")
    assert zara.status == Meeting.Status.FIXED and (zara.interpreter_needed, zara.interpreter_language) == (
        True,
        "Urdu",
    )
    evening = MeetingRound.objects.get(setting=setting)
    assert evening.room and evening.room.name == "Butterflies"
    assert evening.meetings.filter(status=Meeting.Status.FIXED).count() == 3
    assert evening.meetings.count() == 7  # Archie has left
    visit = Meeting.objects.get(kind=Meeting.Kind.HOME_VISIT)
    assert visit.status == Meeting.Status.REQUESTED and visit.child.first_name == "Jayden"
    # the key person can fix Isla's meeting from the family's answers
    best = max(isla.options.all(), key=lambda o: o.availability.filter(suits=True).count())
    services.fix_meeting(actor=amira, meeting=isla, option_id=best.pk)
    isla.refresh_from_db()
    assert isla.status == Meeting.Status.FIXED
