"""Shared fixtures: fast passwords, immediate tasks, a small world of personas, and signing in.

The ``world`` holds two families in one setting, a child of another provider, and one person
for every relationship the access layer knows. Reach them as ``world.manager`` or
``world["manager"]``.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client, override_settings

from tandem.core.models import User
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.factories import (
    AdultFactory,
    ChildAdultFactory,
    ChildFactory,
    NeedFactory,
    OrganisationFactory,
    OrganisationMembershipFactory,
    RoomFactory,
    SettingFactory,
    SettingMembershipFactory,
    UserFactory,
)
from tandem.people.models import Relationship

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"

# Every persona of the world, in the order the persona matrix prints them.
PERSONAS = (
    "parent_a",
    "parent_b_no_pr",
    "restricted_parent",
    "key_person_a",
    "room_practitioner",
    "other_practitioner",
    "senco",
    "dsl",
    "manager",
    "deputy",
    "administrator",
    "owner",
    "line_manager",
    "volunteer",
    "professional",
    "other_manager",
    "nobody",
    "anonymous",
)


@pytest.fixture(autouse=True)
def _fast_and_immediate(settings: Any) -> None:
    """Cheap password hashing, tasks run at once, mail kept in ``mail.outbox``."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.TASKS = IMMEDIATE_TASKS
    settings.EMAIL_BACKEND = LOCMEM_EMAIL


class World(SimpleNamespace):
    """The personas and objects of a test, by attribute or by key."""

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except AttributeError:
            raise KeyError(key) from None


def _staff(setting: Any, role: str, first: str, last: str, room: Any = None) -> User:
    user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@staff.example.org")
    SettingMembershipFactory(user=user, setting=setting, role=role, room=room, title=SettingRole(role).label)
    return user


def _parent(child: Any, first: str, last: str, **link: Any) -> tuple[User, Any, Any]:
    user = UserFactory(first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@family.example.org")
    adult = AdultFactory(user=user, setting=child.setting, first_name=first, last_name=last, email=user.email)
    link = ChildAdultFactory(child=child, adult=adult, **link)
    return user, adult, link


def build_world() -> World:
    """Build the world. Names are distinctive so a page can be searched for them."""
    w = World()
    w.organisation = OrganisationFactory(name="Meadowbank Early Years Trust")
    w.setting = SettingFactory(organisation=w.organisation, name="Meadowbank Preschool", emergency_phone="07700 900111")
    w.room_1 = RoomFactory(setting=w.setting, name="Acorn Room")
    w.room_2 = RoomFactory(setting=w.setting, name="Bluebell Room")

    w.other_organisation = OrganisationFactory(name="Riverside Nurseries Ltd")
    w.other_setting = SettingFactory(
        organisation=w.other_organisation, name="Riverside Nursery", emergency_phone="07700 900222"
    )
    w.other_room = RoomFactory(setting=w.other_setting, name="Conker Room")

    # Staff of the setting. The key person of A works in room 2, not in A's room (room 1), so
    # the key-person rule and the room rule are tested apart.
    w.key_person_a = _staff(w.setting, SettingRole.PRACTITIONER, "Keira", "Keyworth", room=w.room_2)
    w.room_practitioner = _staff(w.setting, SettingRole.PRACTITIONER, "Rowan", "Roomfield", room=w.room_1)
    w.other_practitioner = _staff(w.setting, SettingRole.PRACTITIONER, "Otto", "Outfield")
    w.senco = _staff(w.setting, SettingRole.SENCO, "Selma", "Sencourt")
    w.dsl = _staff(w.setting, SettingRole.DSL, "Dara", "Safeguard")
    w.manager = _staff(w.setting, SettingRole.MANAGER, "Mona", "Manningham")
    w.deputy = _staff(w.setting, SettingRole.DEPUTY, "Dev", "Deputyson")
    w.administrator = _staff(w.setting, SettingRole.ADMINISTRATOR, "Ada", "Adminton")
    # A volunteer in A's very room: the room rule is for practitioners only.
    w.volunteer = _staff(w.setting, SettingRole.VOLUNTEER, "Val", "Volunteer", room=w.room_1)

    w.owner = UserFactory(first_name="Olwen", last_name="Ownership", email="olwen@trust.example.org")
    OrganisationMembershipFactory(user=w.owner, organisation=w.organisation, role=OrganisationRole.OWNER)
    w.line_manager = UserFactory(first_name="Lina", last_name="Linemanager", email="lina@trust.example.org")
    OrganisationMembershipFactory(user=w.line_manager, organisation=w.organisation, role=OrganisationRole.LINE_MANAGER)

    w.other_manager = _staff(w.other_setting, SettingRole.MANAGER, "Rhea", "Riversmith")

    w.child_a = ChildFactory(
        setting=w.setting,
        room=w.room_1,
        first_name="Amelia",
        last_name="Ashcombe",
        key_person=w.key_person_a,
    )
    w.child_b = ChildFactory(setting=w.setting, room=w.room_2, first_name="Barnaby", last_name="Brackenbury")
    w.other_child = ChildFactory(
        setting=w.other_setting,
        room=w.other_room,
        first_name="Ottilie",
        last_name="Otterburn",
        key_person=w.other_manager,
    )

    w.parent_a, w.adult_a, w.link_a = _parent(
        w.child_a,
        "Penny",
        "Parentish",
        parental_responsibility=True,
        emergency_contact=True,
        emergency_priority=1,
    )
    w.parent_b_no_pr, w.adult_b, w.link_b = _parent(
        w.child_b, "Stefan", "Stepfordson", relationship=Relationship.STEP_PARENT, parental_responsibility=False
    )
    w.restricted_parent, w.restricted_adult, w.restricted_link = _parent(
        w.child_a,
        "Rex",
        "Restrictham",
        parental_responsibility=True,
        lives_with_child=False,
        no_information=True,
        no_contact=True,
        no_collection=True,
        restriction_reference="Prohibited steps order, family court, case ZZ00Z000",
    )
    w.other_parent, w.other_adult, w.other_link = _parent(w.other_child, "Olga", "Otherparent")

    w.need_a = NeedFactory(child=w.child_a, summary="Peanut allergy", severe=True)
    w.need_b = NeedFactory(child=w.child_b, kind="dietary", summary="Vegetarian diet")
    w.other_need = NeedFactory(child=w.other_child, summary="Egg allergy")

    w.nobody = UserFactory(first_name="Nora", last_name="Nobodyknows", email="nora@elsewhere.example.org")
    w.anonymous = AnonymousUser()
    for module in discover("world"):
        module.extend(w)
    return w


def discover(prefix: str) -> list[Any]:
    """The modules ``tandem/<app>/tests/<prefix>_*.py`` that feature apps add, in a stable order.

    ``world_*.py`` modules have ``extend(world)``, adding their objects to the world (keys of
    the other provider's objects start with ``other_``); ``persona_rows_*.py`` modules have
    ``ROWS`` for the persona matrix."""
    import importlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    found = sorted(root.glob(f"*/tests/{prefix}_*.py"))
    return [importlib.import_module(f"tandem.{p.parent.parent.name}.tests.{p.stem}") for p in found]


@pytest.fixture(scope="module")
def world_template(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """The world, built once per test module inside a transaction that is rolled back at the end.

    Each test runs in a savepoint inside it (pytest-django's ``db``), so whatever a test writes
    is undone before the next one. Do not change these objects: use ``world``. A module that uses
    the world cannot also hold ``transactional_db`` tests (they need no open transaction).
    """
    with django_db_blocker.unblock(), fast_hashers(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(world_template: World, db: None) -> World:
    """A fresh copy of the world's objects for one test (the rows are the module's, unchanged)."""
    return copy.deepcopy(world_template)


# --- after commit ---------------------------------------------------------------------------


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], contextlib.AbstractContextManager[Any]]:
    """``with committed(): ...`` runs the on-commit callbacks (audit rows, tasks) at the end.

    Tests run inside a transaction that never commits, so without this no audit row is written
    and no task is enqueued.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


# --- signing in -----------------------------------------------------------------------------

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enrol_mfa(user: User) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def login(client: Client, user: Any) -> Client:
    """Sign ``user`` in; staff also get a TOTP authenticator so the MFA gate lets them through."""
    if user is None or not user.is_authenticated:
        client.logout()
        return client
    if user.is_setting_staff:
        enrol_mfa(user)
    client.force_login(user)
    return client


@pytest.fixture(name="login")
def login_fixture() -> Callable[[Client, Any], Client]:
    return login


@pytest.fixture
def as_user(client: Client) -> Callable[[Any], Client]:
    """``as_user(world.manager).get(url)``: the test client, signed in as that person."""

    def sign_in(user: Any) -> Client:
        return login(client, user)

    return sign_in


@contextlib.contextmanager
def fast_hashers() -> Iterator[None]:
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield
