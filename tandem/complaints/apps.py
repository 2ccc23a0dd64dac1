import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = ("procedure", "complaints", "agency", "allegations", "record")


class ComplaintsConfig(AppConfig):
    name = "tandem.complaints"
    label = "complaints"
    verbose_name = "Concerns and complaints"

    def ready(self) -> None:
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.complaints.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.complaints.hooks.{feature}")
