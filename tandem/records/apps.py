import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = ("schools", "transition", "transfer", "requests", "retention", "viewers")


class RecordsConfig(AppConfig):
    name = "tandem.records"
    label = "records"
    verbose_name = "Schools and the record's life"

    def ready(self) -> None:
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.records.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.records.hooks.{feature}")
