from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tandem.people"
    label = "people"
    verbose_name = "Children and families"

    def ready(self) -> None:
        from tandem.core import actions as core_actions
        from tandem.core import navigation

        from . import actions

        navigation.register("Home", core_actions.HOME, "people:home", order=0)
        navigation.register("Children", actions.CHILD_LIST, "people:children", order=10)
        navigation.register("Families", actions.ADULT_LIST, "people:adults", order=20)
