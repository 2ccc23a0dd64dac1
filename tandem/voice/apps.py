import importlib
import importlib.util

from django.apps import AppConfig

# One module a feature in each package (models, actions, services, selectors, views, forms, urls, hooks).
FEATURES = ("questionnaires", "suggestions", "forum", "consultations", "policies")


class VoiceConfig(AppConfig):
    name = "tandem.voice"
    label = "voice"
    verbose_name = "Parents' voice"

    def ready(self) -> None:
        for feature in FEATURES:
            if importlib.util.find_spec(f"tandem.voice.hooks.{feature}") is not None:
                importlib.import_module(f"tandem.voice.hooks.{feature}")
