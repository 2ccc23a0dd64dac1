"""The demo's messages seed without error, twice (idempotent), and show the feature at work."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tandem.comms.models.messages import Thread
from tandem.comms.selectors.messages import family_threads, inbox
from tandem.core.models import Setting, User
from tandem.people.management.commands.seed_demo import KEY_PERSON_EMAIL, PARENT_EMAIL


@pytest.mark.django_db
def test_demo_seeds_messages(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    setting = Setting.objects.get(name__startswith="Willowbrook")
    assert Thread.objects.count() == 3
    emma, amira = User.objects.get(email=PARENT_EMAIL), User.objects.get(email=KEY_PERSON_EMAIL)
    mine = {t.subject: t.unread for t in family_threads(emma)}
    assert mine == {
        "Isla is very tired this week": True,  # Amira's last reply is new to Emma
        "A change at home: Moving house": False,
        "Funded hours from January": False,
    }
    hers = {t.subject: t.unread for t in inbox(amira, setting)}
    assert hers == {"Isla is very tired this week": False, "A change at home: Moving house": True}
    office = Thread.objects.get(subject="Funded hours from January")
    assert office.assigned_to.email.startswith("admin@") and office.follow_up_on
    assert Thread.objects.get(topic=Thread.Topic.CHANGE_AT_HOME).messages.count() == 1
