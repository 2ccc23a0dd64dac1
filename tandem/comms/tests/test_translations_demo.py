"""The demo: outings carry translations families read in their own language."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from tandem.comms.models import Outing, Translation
from tandem.comms.selectors.translations import localise_many


@pytest.mark.django_db
def test_demo_translations_and_notification_choices(settings: Any) -> None:
    settings.TANDEM_DEMO = True
    from tandem.comms.models import Notification, NotificationPreference
    from tandem.people.management.commands.seed_demo import PARENT_EMAIL

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115  (idempotent)
    outing_type = ContentType.objects.get_for_model(Outing)
    translated = Translation.objects.filter(content_type=outing_type).values_list("language", flat=True)
    assert sorted(translated) == ["ro", "ur", "vi"]
    park = Outing.objects.get(title="Walk to Brook Meadow park")
    [loc] = localise_many([park], "ur")
    assert loc.translated and not loc.stale and loc.title == "بروک میڈو پارک تک سیر" and loc.dir == "rtl"
    assert NotificationPreference.objects.filter(user__email=PARENT_EMAIL).count() == 2
    assert Notification.objects.filter(recipient__email=PARENT_EMAIL, read_at__isnull=False).count() == 1
