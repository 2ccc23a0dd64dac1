import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = ("register", "collection", "late", "medication")


class AttendanceConfig(AppConfig):
    name = "tandem.attendance"
    label = "attendance"
    verbose_name = "The day: register, collection, medication"

    def ready(self) -> None:
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.attendance.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.attendance.hooks.{feature}")
