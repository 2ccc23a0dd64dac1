"""Every write about children and families: permission first, invariants, and one audit row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from tandem.core.models import AuditEvent, AuditSubject
from tandem.core.roles import SettingRole
from tandem.factories import AdultFactory, RoomFactory, SettingMembershipFactory
from tandem.people import services
from tandem.people.models import Adult, Child, ChildAdult, Invitation, Need

pytestmark = pytest.mark.django_db

REFUSED = (Http404, PermissionDenied)


def new_child_fields(**extra: Any) -> dict[str, Any]:
    fields = {
        "first_name": "Nell",
        "last_name": "Newcombe",
        "date_of_birth": dt.date(2022, 5, 14),
        "start_date": dt.date(2025, 9, 1),
    }
    fields.update(extra)
    return fields


def subjects(event: AuditEvent) -> set[tuple[str, int]]:
    return set(AuditSubject.objects.filter(event=event).values_list("kind", "subject_id"))


# --- audit ------------------------------------------------------------------------------------


def test_create_child_records_one_audit_event_with_ids_only(world: Any, committed: Any) -> None:
    with committed():
        child = services.create_child(
            actor=world.manager, setting=world.setting, room=world.room_1, **new_child_fields()
        )
    event = AuditEvent.objects.get(event="people.child.created")
    assert event.actor_id == world.manager.pk
    assert event.setting_id == world.setting.pk
    assert (event.object_type, event.object_id) == ("people.child", child.pk)
    assert subjects(event) == {("child", child.pk)}
    # nothing but ids and the event's name: no name, date of birth or other detail
    row = AuditEvent.objects.filter(pk=event.pk).values().get()
    assert set(row) == {"id", "at", "event", "actor_id", "setting_id", "object_type", "object_id"}
    assert not any("Nell" in str(v) or "Newcombe" in str(v) or "2022" in str(v) for v in row.values() if v)


def test_no_audit_event_before_commit(world: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.create_child(actor=world.manager, setting=world.setting, **new_child_fields())
    assert len(callbacks) == 1
    assert not AuditEvent.objects.filter(event="people.child.created").exists()


def test_rolled_back_change_leaves_no_audit_event(world: Any, committed: Any) -> None:
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        services.create_child(actor=world.manager, setting=world.setting, **new_child_fields())
        raise RuntimeError("something later in the same transaction failed")
    assert not Child.objects.filter(last_name="Newcombe").exists()
    assert not AuditEvent.objects.filter(event="people.child.created").exists()


def test_update_child_records_an_event_only_when_something_changed(world: Any, committed: Any) -> None:
    with committed():
        services.update_child(actor=world.manager, child=world.child_a, first_name=world.child_a.first_name)
    assert not AuditEvent.objects.filter(event="people.child.updated").exists()
    with committed():
        services.update_child(actor=world.manager, child=world.child_a, preferred_name="Millie")
    event = AuditEvent.objects.get(event="people.child.updated")
    assert (event.actor_id, event.object_id) == (world.manager.pk, world.child_a.pk)
    assert subjects(event) == {("child", world.child_a.pk)}
    assert Child.objects.get(pk=world.child_a.pk).preferred_name == "Millie"


def test_adding_a_new_adult_records_adult_and_link(world: Any, committed: Any) -> None:
    with committed():
        link = services.add_adult_to_child(
            actor=world.administrator,
            child=world.child_b,
            adult_fields={"first_name": "Greta", "last_name": "Grandmother", "email": "greta@example.org"},
            relationship="grandparent",
            emergency_contact=True,
            emergency_priority=2,
        )
    assert link.adult.setting == world.setting
    created = AuditEvent.objects.get(event="people.adult.created")
    assert subjects(created) == {("person", link.adult.pk)}
    linked = AuditEvent.objects.get(event="people.link.created")
    assert subjects(linked) == {("child", world.child_b.pk), ("person", link.adult.pk)}


def test_save_need_records_created_then_updated(world: Any, committed: Any) -> None:
    with committed():
        need = services.save_need(actor=world.senco, child=world.child_b, kind="sen", summary="Speech and language")
    with committed():
        services.save_need(actor=world.senco, child=world.child_b, need=need, summary="Speech, language and hearing")
    events = list(AuditEvent.objects.filter(object_type="people.need").order_by("id").values_list("event", flat=True))
    assert events == ["people.need.created", "people.need.updated"]


# --- invariants -------------------------------------------------------------------------------


def test_add_adult_refuses_an_adult_from_another_setting(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.add_adult_to_child(
            actor=world.manager, child=world.child_a, adult=world.other_adult, relationship="other"
        )
    assert not ChildAdult.objects.filter(child=world.child_a, adult=world.other_adult).exists()


def test_add_adult_links_an_existing_adult_of_the_same_setting(world: Any) -> None:
    link = services.add_adult_to_child(
        actor=world.manager, child=world.child_b, adult=world.adult_a, relationship="kinship_carer"
    )
    assert link.adult == world.adult_a
    assert Adult.objects.filter(pk=world.adult_a.pk).count() == 1


def test_the_same_adult_cannot_be_linked_twice(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.add_adult_to_child(
            actor=world.manager, child=world.child_a, adult=world.adult_a, relationship="birth_parent"
        )


@pytest.mark.parametrize("field", ["key_person", "backup_key_person"])
def test_key_person_must_work_in_the_childs_setting(world: Any, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_child(
            actor=world.manager, setting=world.setting, **new_child_fields(**{field: world.other_manager})
        )
    assert field in error.value.message_dict
    assert not Child.objects.filter(last_name="Newcombe").exists()
    with pytest.raises(ValidationError):
        services.update_child(actor=world.manager, child=world.child_b, **{field: world.other_manager})
    assert getattr(Child.objects.get(pk=world.child_b.pk), field) is None


def test_a_parent_cannot_be_made_key_person(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.update_child(actor=world.manager, child=world.child_b, key_person=world.parent_a)


def test_former_staff_cannot_be_made_key_person(world: Any) -> None:
    membership = world.other_practitioner.setting_memberships.get()
    membership.active = False
    membership.save()
    with pytest.raises(ValidationError):
        services.update_child(actor=world.manager, child=world.child_b, key_person=world.other_practitioner)


@pytest.mark.parametrize("field", ["key_person", "backup_key_person"])
def test_a_volunteer_cannot_be_made_key_person(world: Any, field: str) -> None:
    """The key-person rule opens the child's record: a volunteer or student must never hold it."""
    with pytest.raises(ValidationError) as error:
        services.update_child(actor=world.manager, child=world.child_b, **{field: world.volunteer})
    assert field in error.value.message_dict
    assert getattr(Child.objects.get(pk=world.child_b.pk), field) is None


def test_room_must_belong_to_the_childs_setting(world: Any) -> None:
    """Otherwise the room rule would open the child's record to another setting's practitioners."""
    with pytest.raises(ValidationError) as error:
        services.create_child(actor=world.manager, setting=world.setting, room=world.other_room, **new_child_fields())
    assert "room" in error.value.message_dict
    assert not Child.objects.filter(last_name="Newcombe").exists()
    with pytest.raises(ValidationError):
        services.update_child(actor=world.manager, child=world.child_a, room=world.other_room)
    assert Child.objects.get(pk=world.child_a.pk).room == world.room_1


def test_leaving_before_starting_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.update_child(
            actor=world.manager, child=world.child_a, start_date=dt.date(2025, 9, 1), leaving_date=dt.date(2025, 1, 1)
        )
    assert Child.objects.get(pk=world.child_a.pk).leaving_date is None


def test_need_of_another_child_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.save_need(actor=world.manager, child=world.child_b, need=world.need_a, summary="Moved")
    assert Need.objects.get(pk=world.need_a.pk).summary == "Peanut allergy"


# --- permission -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["key_person_a", "room_practitioner", "senco", "dsl", "parent_a", "other_manager"])
def test_update_child_refused_without_permission(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.update_child(actor=world[persona], child=world.child_a, first_name="Changed")
    assert Child.objects.get(pk=world.child_a.pk).first_name == "Amelia"


@pytest.mark.parametrize("persona", ["key_person_a", "senco", "owner", "other_manager", "nobody", "anonymous"])
def test_create_child_refused_without_permission(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.create_child(actor=world[persona], setting=world.setting, **new_child_fields())
    assert not Child.objects.filter(last_name="Newcombe").exists()


@pytest.mark.parametrize("persona", ["key_person_a", "dsl", "parent_a", "other_manager"])
def test_family_changes_refused_without_permission(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.add_adult_to_child(
            actor=world[persona],
            child=world.child_a,
            adult_fields={"first_name": "Ivan", "last_name": "Intruder"},
            relationship="other",
        )
    with pytest.raises(REFUSED):
        services.update_link(actor=world[persona], link=world.restricted_link, no_contact=False)
    assert not Adult.objects.filter(last_name="Intruder").exists()
    assert ChildAdult.objects.get(pk=world.restricted_link.pk).no_contact is True


@pytest.mark.parametrize("persona", ["room_practitioner", "parent_a", "dsl", "other_manager"])
def test_save_need_refused_without_permission(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.save_need(actor=world[persona], child=world.child_a, kind="medical", summary="Invented")
    assert not Need.objects.filter(summary="Invented").exists()


@pytest.mark.parametrize("persona", ["key_person_a", "dsl", "senco", "parent_a", "other_manager"])
def test_adult_changes_and_invitations_refused_without_permission(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.update_adult(actor=world[persona], adult=world.adult_b, phone="0")
    with pytest.raises(REFUSED):
        services.invite_adult(actor=world[persona], adult=AdultFactory(setting=world.setting))
    assert not Invitation.objects.exists()


def test_refusal_happens_before_any_write(world: Any, committed: Any) -> None:
    with committed(), pytest.raises(REFUSED):
        services.update_child(actor=world.other_manager, child=world.child_a, first_name="Changed")
    assert not AuditEvent.objects.exists()


def test_a_second_setting_role_does_not_leak_across_settings(world: Any) -> None:
    """A manager of one setting who is a mere volunteer in another may not manage children there."""
    SettingMembershipFactory(user=world.other_manager, setting=world.setting, role=SettingRole.VOLUNTEER)
    with pytest.raises(REFUSED):
        services.update_child(actor=world.other_manager, child=world.child_a, first_name="Changed")


def test_room_of_the_same_setting_is_accepted(world: Any) -> None:
    room = RoomFactory(setting=world.setting, name="Conservatory")
    services.update_child(actor=world.manager, child=world.child_b, room=room)
    assert Child.objects.get(pk=world.child_b.pk).room == room
