import importlib

from django.apps import AppConfig

FEATURES = (
    "aboutme",
    "changes",
    "consents",
    "contract",
    "imports",
    "information",
    "privacy",
    "registration",
    "settling",
)


class EnrolmentConfig(AppConfig):
    name = "tandem.enrolment"
    label = "enrolment"
    verbose_name = "Families and enrolment"

    def ready(self) -> None:
        # Each feature registers its menu entries, child panels and links (tandem.people.panels).
        for feature in FEATURES:
            importlib.import_module(f"tandem.enrolment.hooks.{feature}")
