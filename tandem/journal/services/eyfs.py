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
