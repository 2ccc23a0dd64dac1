from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = "Tandem core"

    def ready(self) -> None:
        from . import actions, navigation
        from .selectors import organisations_for

        def provider_url(user: object) -> str | None:
            from django.urls import reverse

            org = organisations_for(user).first()  # type: ignore[arg-type]
            return reverse("core:organisation", args=[org.pk]) if org else None

        navigation.register("Office", actions.OFFICE, "core:office", order=25)
        navigation.register("Provider", actions.ORGANISATION_VIEW, provider_url, order=90)
