"""The relationship rules behind the matrix, at their edges: back-up key persons, people who
leave, restrictions one at a time, and the per-request memo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tandem.core.access import can, forget, get_permitted, permitted
from tandem.factories import ChildAdultFactory, ChildFactory
from tandem.people import actions
from tandem.people.models import Child
from tandem.people.selectors import children_of_parent, key_children, room_children

pytestmark = pytest.mark.django_db


def visible(user: Any, action: Any = actions.CHILD_VIEW) -> set[str]:
    forget(user)
    return set(permitted(user, action, Child.objects.all()).values_list("last_name", flat=True))


def test_backup_key_person_has_the_key_persons_access(world: Any) -> None:
    assert not can(world.other_practitioner, actions.NEEDS_VIEW, world.child_b)
    Child.objects.filter(pk=world.child_b.pk).update(backup_key_person=world.other_practitioner)
    forget(world.other_practitioner)
    assert can(world.other_practitioner, actions.CHILD_VIEW, world.child_b)
    assert can(world.other_practitioner, actions.NEEDS_VIEW, world.child_b)
    assert can(world.other_practitioner, actions.FAMILY_VIEW, world.child_b)
    assert visible(world.other_practitioner) == {"Brackenbury"}


def test_key_person_who_leaves_loses_access(world: Any) -> None:
    assert can(world.key_person_a, actions.CHILD_VIEW, world.child_a)
    world.key_person_a.setting_memberships.update(active=False)
    forget(world.key_person_a)
    assert not can(world.key_person_a, actions.CHILD_VIEW, world.child_a)
    assert visible(world.key_person_a) == set()


def test_key_person_who_moves_to_another_setting_loses_access(world: Any) -> None:
    membership = world.key_person_a.setting_memberships.get()
    membership.setting = world.other_setting
    membership.room = None
    membership.save()
    assert visible(world.key_person_a) == set()


def test_room_rule_follows_the_childs_room(world: Any) -> None:
    assert visible(world.room_practitioner) == {"Ashcombe"}
    Child.objects.filter(pk=world.child_a.pk).update(room=world.room_2)
    assert visible(world.room_practitioner) == set()
    assert visible(world.key_person_a) == {"Ashcombe", "Brackenbury"}


@pytest.mark.parametrize(
    "restriction, sees",
    [("no_information", False), ("no_contact", True), ("no_collection", True)],
)
def test_only_no_information_hides_the_child(world: Any, restriction: str, sees: bool) -> None:
    type(world.link_a).objects.filter(pk=world.link_a.pk).update(**{restriction: True})
    forget(world.parent_a)
    assert can(world.parent_a, actions.CHILD_VIEW, world.child_a) is sees
    assert can(world.parent_a, actions.NEEDS_VIEW, world.child_a) is sees


def test_parent_gaining_pr_may_see_needs(world: Any) -> None:
    assert not can(world.parent_b_no_pr, actions.NEEDS_VIEW, world.child_b)
    world.link_b.parental_responsibility = True
    world.link_b.save()
    forget(world.parent_b_no_pr)
    assert can(world.parent_b_no_pr, actions.NEEDS_VIEW, world.child_b)


def test_inactive_user_may_do_nothing(world: Any) -> None:
    world.manager.is_active = False
    assert not can(world.manager, actions.CHILD_VIEW, world.child_a)
    assert visible(world.manager) == set()


def test_parent_of_two_sees_both_but_no_one_else(world: Any) -> None:
    sibling = ChildFactory(setting=world.setting, first_name="Arlo", last_name="Ashcombe-Sibling")
    ChildAdultFactory(child=sibling, adult=world.adult_a)
    assert visible(world.parent_a) == {"Ashcombe", "Ashcombe-Sibling"}
    assert [c.last_name for c in children_of_parent(actor=world.parent_a)] == ["Ashcombe", "Ashcombe-Sibling"]


def test_children_who_left_are_not_on_the_home_pages(world: Any) -> None:
    Child.objects.filter(pk=world.child_a.pk).update(start_date=dt.date(2020, 1, 6), leaving_date=dt.date(2021, 7, 16))
    forget(world.parent_a)
    assert list(children_of_parent(actor=world.parent_a)) == []
    assert list(key_children(actor=world.key_person_a)) == []
    assert list(room_children(actor=world.room_practitioner)) == []


def test_home_selectors_follow_the_rules(world: Any) -> None:
    assert [c.last_name for c in children_of_parent(actor=world.parent_a)] == ["Ashcombe"]
    assert list(children_of_parent(actor=world.restricted_parent)) == []
    assert [c.last_name for c in key_children(actor=world.key_person_a)] == ["Ashcombe"]
    assert [c.last_name for c in room_children(actor=world.key_person_a)] == ["Brackenbury"]
    assert [c.last_name for c in room_children(actor=world.room_practitioner)] == ["Ashcombe"]
    assert list(room_children(actor=world.volunteer)) == []


@pytest.mark.parametrize("pk", ["abc", "", None, -1, 0, 2**63, "1e3", "1.0"])
def test_get_permitted_turns_bad_ids_into_404(world: Any, pk: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        get_permitted(world.manager, actions.CHILD_VIEW, Child.objects.all(), pk)


def test_memo_is_per_user_object_and_forget_clears_it(world: Any) -> None:
    user = world.room_practitioner
    assert can(user, actions.CHILD_VIEW, world.child_a)
    user.setting_memberships.update(active=False)
    # the same request (same user object) keeps what it loaded ...
    assert can(user, actions.CHILD_VIEW, world.child_a)
    # ... and a new request starts afresh
    forget(user)
    assert not can(user, actions.CHILD_VIEW, world.child_a)


def test_key_person_who_moved_may_not_view_children_somewhere(world: Any) -> None:
    membership = world.key_person_a.setting_memberships.get()
    membership.setting = world.other_setting
    membership.room = None
    membership.save()
    forget(world.key_person_a)
    assert visible(world.key_person_a) == set()
    # "may this person view children somewhere?" (menus, list endpoints) must agree with the rows
    assert not can(world.key_person_a, actions.CHILD_VIEW)
    assert not can(world.key_person_a, actions.NEEDS_VIEW)
