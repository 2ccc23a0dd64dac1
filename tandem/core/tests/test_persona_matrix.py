"""The persona matrix: for every action, on every kind of object, who may and who may not.

Each row is (action, object in the world, {persona: allowed}) and names every persona, so a
change to a rule shows up here as a changed cell. Each cell checks both faces of the access
layer: ``can`` on the one object, and ``permitted`` over every row of its model (the list
filter must contain the object exactly when the check allows it).

An object key of ``None`` asks "may this person do the action somewhere?" (the question a
list page or a menu entry asks).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import tandem.core.actions
import tandem.people.actions
from tandem.conftest import PERSONAS, discover
from tandem.core.access import ACTIONS, can, forget, permitted
from tandem.core.tests.personas import CHILDREN_LEADERS, RECORD_KEEPERS, SETTING_STAFF, SIGNED_IN, only

assert tandem.core.actions and tandem.people.actions  # imported so that every action is registered

MATRIX: list[tuple[str, str | None, dict[str, bool]]] = [
    # --- core ---------------------------------------------------------------------------------
    ("core.home.view", None, only(*SIGNED_IN)),
    ("core.account.manage", None, only(*SIGNED_IN)),
    ("core.organisation.view", "organisation", only("owner", "line_manager")),
    ("core.organisation.view", "other_organisation", only()),
    ("core.organisation.view", None, only("owner", "line_manager")),
    ("core.office.view", None, only(*CHILDREN_LEADERS, "administrator", "other_manager")),
    # one's own staff profile (photo): anyone who works in a setting, not the provider's owners
    ("core.staff_profile.manage", None, only(*SETTING_STAFF, "other_manager")),
    # --- a child's profile ------------------------------------------------------------------
    (
        "people.child.view",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "administrator"),
    ),
    # B is in room 2, where A's key person works: the room rule, not the key-person rule.
    (
        "people.child.view",
        "child_b",
        only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS, "administrator"),
    ),
    ("people.child.view", "other_child", only("other_manager")),
    (
        "people.child.view",
        None,
        only(
            "parent_a",
            "parent_b_no_pr",
            "key_person_a",
            "room_practitioner",
            *CHILDREN_LEADERS,
            "administrator",
            "other_manager",
        ),
    ),
    ("people.child.list", "child_a", only(*CHILDREN_LEADERS, "administrator")),
    ("people.child.list", "other_child", only("other_manager")),
    ("people.child.list", None, only(*CHILDREN_LEADERS, "administrator", "other_manager")),
    ("people.child.manage", "child_a", only(*RECORD_KEEPERS)),
    ("people.child.manage", "child_b", only(*RECORD_KEEPERS)),
    ("people.child.manage", "other_child", only("other_manager")),
    ("people.child.audit", "child_a", only("manager", "dsl")),
    ("people.child.audit", "other_child", only("other_manager")),
    # --- family -------------------------------------------------------------------------------
    ("people.family.view", "child_a", only("key_person_a", *CHILDREN_LEADERS, "administrator")),
    ("people.family.view", "child_b", only(*CHILDREN_LEADERS, "administrator")),
    ("people.family.view", "other_child", only("other_manager")),
    ("people.family.manage", "child_a", only(*RECORD_KEEPERS)),
    ("people.family.manage", "other_child", only("other_manager")),
    # --- needs (R3): a parent needs parental responsibility -------------------------------------
    ("people.needs.view", "child_a", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("people.needs.view", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("people.needs.view", "other_child", only("other_manager")),
    # only those who may also see the needs: not the administrator
    ("people.needs.manage", "child_a", only("key_person_a", "senco", "manager", "deputy")),
    ("people.needs.manage", "child_b", only("senco", "manager", "deputy")),
    # who the setting calls in an emergency: parents with parental responsibility, and staff who need it
    (
        "people.emergency_contacts.view",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "administrator"),
    ),
    ("people.emergency_contacts.view", "child_b", only("key_person_a", *CHILDREN_LEADERS, "administrator")),
    ("people.emergency_contacts.view", "other_child", only("other_manager")),
    ("people.needs.manage", "other_child", only("other_manager")),
    # --- on a setting -------------------------------------------------------------------------
    ("people.child.create", "setting", only(*RECORD_KEEPERS)),
    ("people.child.create", "other_setting", only("other_manager")),
    (
        "people.setting.contacts",
        "setting",
        only("parent_a", "parent_b_no_pr", *SETTING_STAFF, "owner", "line_manager"),
    ),
    ("people.setting.contacts", "other_setting", only("other_manager")),
    # --- on an adult --------------------------------------------------------------------------
    ("people.adult.list", "adult_a", only(*CHILDREN_LEADERS, "administrator")),
    ("people.adult.list", "other_adult", only("other_manager")),
    ("people.adult.list", None, only(*CHILDREN_LEADERS, "administrator", "other_manager")),
    ("people.adult.manage", "adult_a", only(*RECORD_KEEPERS)),
    ("people.adult.manage", "other_adult", only("other_manager")),
    # --- on a user: a member of staff's photo, for the families and staff of their setting ------
    (
        "people.staff.photo",
        "key_person_a",
        only("parent_a", "parent_b_no_pr", *SETTING_STAFF, "owner", "line_manager"),
    ),
    ("people.staff.photo", "other_manager", only("other_manager")),
    ("people.staff.photo", "parent_a", only()),  # a parent is not staff: no one sees their account
]

# Each feature app adds the rows for its own actions in tandem/<app>/tests/persona_rows_*.py (ROWS).
for module in discover("persona_rows"):
    MATRIX.extend(module.ROWS)

# Cells where the rules in actions.py are wrong in our judgement: (action, object, persona) → why.
# The matrix above holds the correct answer; these cells are expected to fail until fixed.
KNOWN_WRONG: dict[tuple[str, str | None, str], str] = {}


@pytest.fixture
def mworld(world_template: Any) -> Any:
    """The module's world, shared and read in its own transaction (no savepoint per cell: there
    are hundreds of cells, and they only read). Tests that write must ask for ``db`` as well."""
    return world_template


def cells() -> Iterator[Any]:
    for action, key, row in MATRIX:
        for persona in PERSONAS:
            marks = []
            reason = KNOWN_WRONG.get((action, key, persona))
            if reason:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            yield pytest.param(action, key, persona, row[persona], id=f"{action}-{key}-{persona}", marks=marks)


@pytest.mark.parametrize("action_name, key, persona, allowed", list(cells()))
def test_cell(mworld: Any, action_name: str, key: str | None, persona: str, allowed: bool) -> None:
    # The user object keeps what it loaded between cells, as it does between checks in a request.
    user = mworld[persona]
    action = ACTIONS[action_name]
    if key is None:
        assert can(user, action) is allowed
        return
    obj = mworld[key]
    assert can(user, action, obj) is allowed
    listed = permitted(user, action, type(obj)._default_manager.all())
    assert (obj in listed) is allowed, "the list filter disagrees with the check"


def test_every_action_has_a_row() -> None:
    covered = {action for action, _, _ in MATRIX}
    missing = sorted(set(ACTIONS) - covered)
    assert not missing, f"actions without a row in the persona matrix: {missing}"
    unknown = sorted(covered - set(ACTIONS))
    assert not unknown, f"rows for actions that do not exist: {unknown}"


def test_every_row_names_every_persona() -> None:
    for action, key, row in MATRIX:
        assert set(row) == set(PERSONAS), (action, key)
    rows = [(action, key) for action, key, _ in MATRIX]
    assert len(rows) == len(set(rows)), "a row appears twice"


def test_every_object_action_has_a_row_on_this_setting_and_one_elsewhere() -> None:
    """Each action about objects is tried on an object here and on one of the other provider."""
    for name in ACTIONS:
        keys = {key for action, key, _ in MATRIX if action == name}
        if keys == {None}:
            continue  # about the person themselves
        # world objects of the other provider are named other_…
        assert {k for k in keys if k and not k.startswith("other_")}, f"{name} is never tried on an object here"
        assert {k for k in keys if k and k.startswith("other_")}, f"{name} is never tried on another provider's"


def model_of(action_name: str, world: Any) -> type | None:
    for action, key, _ in MATRIX:
        if action == action_name and key is not None:
            return type(world[key])
    return None


@pytest.mark.parametrize("persona", ["nobody", "anonymous"])
def test_strangers_may_do_nothing_about_anyone(mworld: Any, db: None, persona: str) -> None:
    """Beyond their own home and account, a stranger is refused everything, on every row."""
    user = mworld[persona]
    for name, action in ACTIONS.items():
        if name in ("core.home.view", "core.account.manage", "comms.notifications.own"):
            continue
        assert not can(user, action), name
        model = model_of(name, mworld)
        if model is None:
            continue  # only ever asked without an object
        assert not permitted(user, action, model._default_manager.all()).exists(), name


@pytest.mark.parametrize("persona", PERSONAS)
def test_somewhere_agrees_with_the_rows(mworld: Any, db: None, persona: str) -> None:
    """``can(user, action)`` (menus, list pages) is true exactly when some row is permitted."""
    user = mworld[persona]
    if user.is_authenticated:
        forget(user)
    for name, action in ACTIONS.items():
        model = model_of(name, mworld)
        if model is None:
            continue
        somewhere = permitted(user, action, model._default_manager.all()).exists()
        assert can(user, action) is somewhere, name


# Who may change a thing must be allowed to see it: otherwise the edit form shows what the
# person may not read, and no read of it is ever audited.
MANAGE_IMPLIES_VIEW = [
    pytest.param("people.child.manage", "people.child.view", id="child"),
    pytest.param("people.family.manage", "people.family.view", id="family"),
    pytest.param("people.needs.manage", "people.needs.view", id="needs"),
    pytest.param("people.emergency_contacts.view", "people.child.view", id="emergency"),
    pytest.param("people.adult.manage", "people.adult.list", id="adult"),
    pytest.param("enrolment.aboutme.edit", "enrolment.aboutme.view", id="aboutme"),
    pytest.param("enrolment.settling.plan", "enrolment.settling.view", id="settling-plan"),
    pytest.param("enrolment.settling.log", "enrolment.settling.view", id="settling-log"),
    pytest.param("enrolment.settling.reply", "enrolment.settling.view", id="settling-reply"),
    pytest.param("enrolment.information.manage", "enrolment.information.read", id="information"),
    pytest.param("enrolment.information.briefing_manage", "enrolment.information.briefing_view", id="briefing"),
    pytest.param("enrolment.consents.decide", "enrolment.consents.view", id="consents"),
    pytest.param("enrolment.contract.sign", "enrolment.contract.view", id="contract"),
    pytest.param("people.child.audit", "people.child.view", id="audit"),
]


@pytest.mark.parametrize("manage, view", MANAGE_IMPLIES_VIEW)
def test_who_may_change_may_see(mworld: Any, db: None, manage: str, view: str) -> None:
    model = model_of(manage, mworld)
    assert model is not None
    wrong = []
    for persona in PERSONAS:
        user = mworld[persona]
        for obj in model._default_manager.all():
            if can(user, ACTIONS[manage], obj) and not can(user, ACTIONS[view], obj):
                wrong.append((persona, str(obj)))
    assert not wrong, f"may {manage} but not {view}: {wrong}"
