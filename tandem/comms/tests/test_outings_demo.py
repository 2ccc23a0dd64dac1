"""The demo's outings and events seed without error, twice (idempotent), and show the features at
work: consent being collected for the library visit, a standing-consent walk, a closure day, and
two events with replies (one translated into Urdu for Sana Ahmed)."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.core.management import call_command

from tandem.comms.models import Event, EventReply, Notification, Outing
from tandem.comms.selectors.events import feed_items, to_ics
from tandem.comms.selectors.outings import who_may_go
from tandem.comms.selectors.translations import localise
from tandem.core.models import User
from tandem.people.management.commands.seed_demo import OTHER_PARENT_EMAIL, PARENT_EMAIL


@pytest.mark.django_db
def test_demo_seeds_outings_and_events(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Outing.objects.count() == 2 and Event.objects.count() == 3
    library = Outing.objects.get(title__contains="Library")
    who = who_may_go(library)
    states = {row.child.first_name: row.state for row in who.rows}
    assert states["Isla"] == "no_answer" and states["Theo"] == "refused" and who.going >= 4
    emma, sana = User.objects.get(email=PARENT_EMAIL), User.objects.get(email=OTHER_PARENT_EMAIL)
    assert Notification.objects.filter(recipient=emma, kind="comms.outing", title__contains="Isla").count() == 1
    park = Outing.objects.get(title__contains="park")
    assert park.consent_mode == Outing.ConsentMode.STANDING and who_may_go(park).going >= 1
    workshop = Event.objects.get(title="Helping your child's speech at home")
    assert EventReply.objects.filter(event=workshop).count() == 2 and workshop.capacity == 12
    assert localise(workshop, "ur").machine
    assert Event.objects.get(kind=Event.Kind.DIARY).all_day
    calendar = icalendar.Calendar.from_ical(to_ics(feed_items(emma)))
    summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert {"Closed: staff training day", "Stay and play: autumn crafts"} <= summaries
    assert any(s.startswith("Outing: Visit to Willowbrook Library (Isla") for s in summaries)
    urdu = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(to_ics(feed_items(sana))).walk("VEVENT")}
    assert "گھر پر اپنے بچے کی بول چال میں مدد" in urdu
