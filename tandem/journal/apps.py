import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = (
    "eyfs",
    "observations",
    "media",
    "home",
    "nextsteps",
    "summaries",
    "twocheck",
    "book",
    "boards",
    "offers",
    "sharing",
    "hub",
)


class JournalConfig(AppConfig):
    name = "tandem.journal"
    label = "journal"
    verbose_name = "Learning journal"

    def ready(self) -> None:
        # Each feature registers its menu entries, child panels and links (tandem.people.panels).
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.journal.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.journal.hooks.{feature}")
