"""The demo loader: idempotent, every role and family shape (R1), staff enrolled in MFA."""

from __future__ import annotations

import io

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from tandem.core.middleware import has_mfa
from tandem.core.models import Organisation, OrganisationMembership, Room, Setting, SettingMembership, User
from tandem.core.roles import OrganisationRole, SettingRole
from tandem.people.management.commands import seed_demo
from tandem.people.management.commands.seed_demo import DEMO_PASSWORD, totp_secret
from tandem.people.models import Adult, Child, ChildAdult, Need, Relationship
from tandem.people.rules import IsLinkedAdult

MODELS = [
    User,
    Organisation,
    Setting,
    Room,
    OrganisationMembership,
    SettingMembership,
    Child,
    Adult,
    ChildAdult,
    Need,
    Authenticator,
    Child.history.model,
    Adult.history.model,
    ChildAdult.history.model,
    Need.history.model,
]
DEMO_EMAILS = [
    seed_demo.OWNER_EMAIL,
    seed_demo.LINE_MANAGER_EMAIL,
    seed_demo.MANAGER_EMAIL,
    seed_demo.DEPUTY_EMAIL,
    seed_demo.DSL_EMAIL,
    seed_demo.SENCO_EMAIL,
    seed_demo.KEY_PERSON_EMAIL,
    seed_demo.PRACTITIONER_EMAIL,
    seed_demo.ADMINISTRATOR_EMAIL,
    seed_demo.VOLUNTEER_EMAIL,
    seed_demo.PARENT_EMAIL,
    seed_demo.SEPARATED_PARENT_EMAIL,
    seed_demo.STEP_PARENT_EMAIL,
    seed_demo.RESTRICTED_PARENT_EMAIL,
    seed_demo.OTHER_PARENT_EMAIL,
    seed_demo.FOSTER_CARER_EMAIL,
]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in MODELS}


def staff_users() -> list[User]:
    return list(
        User.objects.filter(Q(setting_memberships__isnull=False) | Q(organisation_memberships__isnull=False)).distinct()
    )


@pytest.mark.django_db
def test_running_twice_changes_nothing_and_prints_the_same():
    first = seed()
    after_first = counts()
    second = seed()
    assert counts() == after_first
    assert first == second
    for email in DEMO_EMAILS:
        assert email in first
    for user in User.objects.all():
        assert user.email in first
    assert DEMO_PASSWORD in first
    assert "http://127.0.0.1:8000/" in first
    assert "Staff must enter a 6-digit code" in first
    assert max(len(line) for line in first.splitlines()) <= 100
    for user in staff_users():
        assert totp_secret(user.email) in first


@pytest.mark.django_db
def test_one_setting_with_rooms_and_children():
    seed()
    setting = Setting.objects.get()
    assert setting.organisation.legal_form == "charity"
    assert setting.ofsted_urn and setting.emergency_phone and setting.phone and setting.email
    assert setting.rooms.count() == 3
    today = timezone.localdate()
    children = Child.objects.filter(setting=setting)
    assert children.count() >= 20
    assert any(child.leaving_date and child.leaving_date < today for child in children)
    key_people = set(
        SettingMembership.objects.filter(
            setting=setting, role__in=[SettingRole.PRACTITIONER, SettingRole.SENCO]
        ).values_list("user_id", flat=True)
    )
    for child in children:
        assert child.room is not None
        assert child.start_date is not None and child.start_date < today
        assert child.key_person_id in key_people
        assert child.backup_key_person_id in key_people
        assert child.backup_key_person_id != child.key_person_id
        if child.is_current:
            assert 2 <= child.age_on(today)[0] <= 4
        assert child.links.filter(emergency_contact=True).exists()
    for room in setting.rooms.all():
        assert room.children.count() >= 6
        assert SettingMembership.objects.filter(room=room, role=SettingRole.PRACTITIONER).exists()


@pytest.mark.django_db
def test_every_role_is_held_and_titled():
    seed()
    for role in SettingRole:
        assert SettingMembership.objects.filter(role=role, active=True).exclude(title="").exists(), role
    for role in OrganisationRole:
        assert OrganisationMembership.objects.filter(role=role, active=True).exclude(title="").exists(), role
    assert OrganisationMembership.objects.filter(role=OrganisationRole.OWNER, title="Chair of trustees").exists()
    senco = User.objects.get(email=seed_demo.SENCO_EMAIL)
    assert {m.role for m in senco.setting_memberships.all()} == {SettingRole.SENCO, SettingRole.PRACTITIONER}
    assert SettingMembership.objects.filter(role=SettingRole.PRACTITIONER).values("user").distinct().count() >= 4
    assert not User.objects.filter(is_staff=True).exists()


@pytest.mark.django_db
def test_every_family_shape_of_r1():
    seed()
    links = ChildAdult.objects.all()
    restricted = links.get(adult__user__email=seed_demo.RESTRICTED_PARENT_EMAIL)
    assert restricted.parental_responsibility
    assert restricted.no_contact and restricted.no_collection and restricted.no_information
    assert restricted.restriction_reference == "Child arrangements order, family court, 2025"
    assert links.filter(relationship=Relationship.FOSTER_CARER, parental_responsibility=False).exists()
    assert links.filter(relationship=Relationship.STEP_PARENT, parental_responsibility=False).exists()
    assert links.filter(
        relationship=Relationship.SPECIAL_GUARDIAN, parental_responsibility=True, legal_guardian=True
    ).exists()
    assert links.filter(relationship=Relationship.KINSHIP_CARER).exists()
    assert links.filter(relationship=Relationship.ADOPTIVE_PARENT).exists()
    assert links.filter(
        relationship=Relationship.GRANDPARENT, parental_responsibility=False, emergency_contact=True
    ).exists()
    assert links.filter(
        relationship=Relationship.BIRTH_PARENT, parental_responsibility=True, lives_with_child=False
    ).exists()
    # Two birth parents living together.
    assert any(
        child.links.filter(
            relationship=Relationship.BIRTH_PARENT, parental_responsibility=True, lives_with_child=True
        ).count()
        == 2
        for child in Child.objects.all()
    )
    # Siblings share an adult.
    assert any(adult.links.count() >= 2 for adult in Adult.objects.all())
    # Emergency contacts: priorities 1 to 3, never someone barred from contact.
    assert set(links.filter(emergency_contact=True).values_list("emergency_priority", flat=True)) == {1, 2, 3}
    assert not links.filter(emergency_contact=True, emergency_priority__isnull=True).exists()
    assert not links.filter(no_contact=True, emergency_contact=True).exists()
    # Language and access (R4), needs (R3).
    languages = " ".join(Adult.objects.values_list("home_languages", flat=True))
    for language in ("Polish", "Urdu", "Romanian"):
        assert language in languages
    assert Adult.objects.filter(interpreter_needed=True).exists()
    assert Adult.objects.exclude(access_needs="").exists()
    assert Need.objects.filter(kind=Need.Kind.ALLERGY, severe=True).exclude(action_plan="").exists()
    for kind in (Need.Kind.DIETARY, Need.Kind.MEDICAL, Need.Kind.SEN, Need.Kind.CULTURAL):
        assert Need.objects.filter(kind=kind).exists(), kind


@pytest.mark.django_db
def test_parent_sign_ins():
    seed()
    parent = User.objects.get(email=seed_demo.PARENT_EMAIL)
    isla = Child.objects.get(first_name=seed_demo.MAIN_CHILD[0], last_name=seed_demo.MAIN_CHILD[1])
    assert isla.room.name == "Butterflies"
    assert isla.key_person.email == seed_demo.KEY_PERSON_EMAIL
    assert isla.pk in IsLinkedAdult(parental_responsibility=True).child_ids(parent)
    step = User.objects.get(email=seed_demo.STEP_PARENT_EMAIL)
    assert IsLinkedAdult().child_ids(step)
    assert not IsLinkedAdult(parental_responsibility=True).child_ids(step)
    restricted = User.objects.get(email=seed_demo.RESTRICTED_PARENT_EMAIL)
    assert not IsLinkedAdult().child_ids(restricted)
    other = User.objects.get(email=seed_demo.OTHER_PARENT_EMAIL)
    assert isla.pk not in IsLinkedAdult().child_ids(other)
    assert IsLinkedAdult().child_ids(other)
    foster = User.objects.get(email=seed_demo.FOSTER_CARER_EMAIL)
    assert foster.adult.links.get().relationship == Relationship.FOSTER_CARER
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD)
        assert user.email.endswith("@demo.tandem.invalid")


@pytest.mark.django_db
def test_staff_have_a_totp_authenticator_that_accepts_their_code():
    seed()
    cache.clear()  # allauth remembers used codes
    staff = staff_users()
    assert len(staff) >= 12
    for user in staff:
        assert user.is_setting_staff
        assert has_mfa(user)
        authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        code = pyotp.TOTP(totp_secret(user.email)).now()
        assert TOTP(authenticator).validate_code(code), user.email
        assert Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists()
    parents = User.objects.filter(adult__isnull=False)
    assert parents.count() >= 5
    assert not Authenticator.objects.filter(user__in=parents).exists()


@pytest.mark.django_db
def test_a_different_totp_secret_is_replaced():
    seed()
    manager = User.objects.get(email=seed_demo.MANAGER_EMAIL)
    Authenticator.objects.filter(user=manager, type=Authenticator.Type.TOTP).update(
        data={"secret": pyotp.random_base32()}
    )
    seed()
    authenticator = Authenticator.objects.get(user=manager, type=Authenticator.Type.TOTP)
    cache.clear()
    assert TOTP(authenticator).validate_code(pyotp.TOTP(totp_secret(manager.email)).now())


def test_secrets_are_fixed_and_distinct():
    assert totp_secret("Manager@demo.tandem.invalid") == totp_secret(seed_demo.MANAGER_EMAIL)
    assert len({totp_secret(email) for email in DEMO_EMAILS}) == len(DEMO_EMAILS)
    assert len(totp_secret(seed_demo.MANAGER_EMAIL)) == 32


@pytest.mark.django_db
@override_settings(TANDEM_DEMO=False)
def test_refuses_when_the_demo_is_off():
    with pytest.raises(CommandError):
        seed()
    assert not User.objects.exists()
