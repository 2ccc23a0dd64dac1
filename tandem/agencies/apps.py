import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = ("directory", "received", "sharing", "exports", "visits", "plans", "protection", "multiagency")


class AgenciesConfig(AppConfig):
    name = "tandem.agencies"
    label = "agencies"
    verbose_name = "Other agencies"

    def ready(self) -> None:
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.agencies.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.agencies.hooks.{feature}")
