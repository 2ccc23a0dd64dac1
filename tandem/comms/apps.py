import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = (
    "notifications",
    "translations",
    "messages",
    "news",
    "board",
    "outings",
    "events",
    "meetings",
)


class CommsConfig(AppConfig):
    name = "tandem.comms"
    label = "comms"
    verbose_name = "Communication hub"

    def ready(self) -> None:
        # Each feature registers its menu entries, child panels and links (tandem.people.panels).
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.comms.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.comms.hooks.{feature}")
