"""Loading the EYFS data (areas, aspects, characteristics, bands) and a setting's journal settings."""

from __future__ import annotations

from typing import Any

from tandem.core.models import Setting

from ..eyfs_data import AREAS, CHARACTERISTICS, FRAMEWORKS


def ensure_eyfs(apps: Any = None) -> None:
    """Create or update the EYFS rows from ``eyfs_data``. Idempotent; usable from a migration."""
    if apps is None:
        from django.apps import apps as live

        apps = live
    area_model = apps.get_model("journal", "Area")
    aspect_model = apps.get_model("journal", "Aspect")
    characteristic_model = apps.get_model("journal", "Characteristic")
    band_model = apps.get_model("journal", "Band")
    for order, (code, name, prime, aspects) in enumerate(AREAS):
        area, _ = area_model.objects.update_or_create(
            code=code, defaults={"name": name, "prime": prime, "order": order}
        )
        for aspect_order, aspect in enumerate(aspects):
            aspect_model.objects.update_or_create(area=area, name=aspect, defaults={"order": aspect_order})
    for order, (code, name) in enumerate(CHARACTERISTICS):
        characteristic_model.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for framework, _, bands in FRAMEWORKS:
        for order, (name, start, end) in enumerate(bands):
            band_model.objects.update_or_create(
                framework=framework, name=name, defaults={"from_months": start, "to_months": end, "order": order}
            )


def journal_settings(setting: Setting | int) -> Any:
    """The setting's journal settings, created with the defaults on first use."""
    from ..models import JournalSettings

    setting_id = setting if isinstance(setting, int) else setting.pk
    found, _ = JournalSettings.objects.get_or_create(setting_id=setting_id)
    return found


def update_journal_settings(
    *, actor: Any, setting: Setting, framework: str, check_due_months: int, check_overdue_months: int
) -> Any:
    """The manager chooses the framework and the ages at which progress checks fall due."""
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from tandem.core import audit
    from tandem.core.access import require

    from ..actions.eyfs import JOURNAL_SETTINGS_MANAGE
    from ..models import JournalSettings

    require(actor, JOURNAL_SETTINGS_MANAGE, setting)
    if not 24 <= check_due_months < check_overdue_months <= 36:
        raise ValidationError("The check falls due from 24 months and is overdue by 36 months at the latest.")
    with transaction.atomic():
        found, _ = JournalSettings.objects.select_for_update().get_or_create(setting=setting)
        found.framework = framework
        found.check_due_months = check_due_months
        found.check_overdue_months = check_overdue_months
        found.save()
        audit.record("journal.settings.updated", actor, obj=found, setting_id=setting.pk)
    return found
