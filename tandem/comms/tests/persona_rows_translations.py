"""Persona-matrix rows for translations (R31). The page also needs the item's own manage action
(tested in test_translations.py): this row is only the door to it."""

from tandem.core.tests.personas import only

ROWS = [
    # staff who could manage a parent-facing item: not volunteers, parents or the provider's owners
    (
        "comms.translations.manage",
        None,
        only(
            "key_person_a",
            "room_practitioner",
            "other_practitioner",
            "senco",
            "dsl",
            "manager",
            "deputy",
            "administrator",
            "other_manager",
        ),
    ),
]
