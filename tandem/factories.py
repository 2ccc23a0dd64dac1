"""factory_boy factories for tests: one per model of ``core`` and ``people``.

Every user signs in with :data:`PASSWORD`. Factories build valid rows with the fewest
relationships: a child's room, for instance, is left empty unless a test gives one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from tandem.core.models import Organisation, OrganisationMembership, Room, Setting, SettingMembership, User
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.people.models import Adult, Child, ChildAdult, Need, Relationship

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who signs in with ``password`` (:data:`PASSWORD` unless given), set with ``set_password``."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Userfirst{n}")
    last_name = factory.Sequence(lambda n: f"Userlast{n}")
    is_active = True
    password = PASSWORD

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, password: str = PASSWORD, **kwargs: Any) -> User:
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        return user

    @classmethod
    def _build(cls, model_class: type[User], *args: Any, password: str = PASSWORD, **kwargs: Any) -> User:
        user = model_class(*args, **kwargs)
        user.set_password(password)
        return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Provider {n}")
    legal_form = "charity"


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Setting {n} Preschool")
    phone = "01632 960000"
    emergency_phone = factory.Sequence(lambda n: f"07700 9{n % 100000:05d}")
    email = factory.Sequence(lambda n: f"office{n}@setting.example.org")


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    setting = factory.SubFactory(SettingFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    age_range = "2–4 years"


class SettingMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettingMembership

    user = factory.SubFactory(UserFactory)
    setting = factory.SubFactory(SettingFactory)
    role = SettingRole.PRACTITIONER
    room = None
    title = ""
    active = True


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.OWNER
    active = True


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    setting = factory.SubFactory(SettingFactory)
    room = None
    first_name = factory.Sequence(lambda n: f"Childfirst{n}")
    last_name = factory.Sequence(lambda n: f"Childlast{n}")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3 * 365))
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    leaving_date = None
    key_person = None
    backup_key_person = None


class AdultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adult

    user = None
    setting = factory.SubFactory(SettingFactory)
    first_name = factory.Sequence(lambda n: f"Adultfirst{n}")
    last_name = factory.Sequence(lambda n: f"Adultlast{n}")
    email = factory.Sequence(lambda n: f"adult{n}@family.example.org")
    phone = "07700 900123"


class ChildAdultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildAdult

    child = factory.SubFactory(ChildFactory)
    adult = factory.SubFactory(AdultFactory, setting=factory.SelfAttribute("..child.setting"))
    relationship = Relationship.BIRTH_PARENT
    parental_responsibility = True
    lives_with_child = True


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    child = factory.SubFactory(ChildFactory)
    kind = Need.Kind.ALLERGY
    summary = factory.Sequence(lambda n: f"Allergy to ingredient {n}")
    details = ""
    action_plan = "Give the antihistamine in the medicine box and call the parent."
    severe = False
