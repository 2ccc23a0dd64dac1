"""Persona-matrix rows for information received from other agencies (R49): the key person and the
leaders; safeguarding items the DSL, the manager and the key person only; consent to pass on a
safeguarding item the DSL and the manager. Never parents, administrators, volunteers, room
practitioners, the provider's owners or visiting professionals."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

PROTECTION = ("dsl", "manager")

ROWS = [
    # --- record, and the list on a child -------------------------------------------------------------
    ("agencies.received.record", "child_a", only("key_person_a", *CHILDREN_LEADERS)),
    ("agencies.received.record", "child_b", only(*CHILDREN_LEADERS)),
    ("agencies.received.record", "other_child", only("other_manager")),
    ("agencies.received.record", None, only("key_person_a", *CHILDREN_LEADERS, "other_manager")),
    # --- read an item ---------------------------------------------------------------------------------
    ("agencies.received.view", "received_note_a", only("key_person_a", *CHILDREN_LEADERS)),
    ("agencies.received.view", "received_safeguarding_a", only("key_person_a", *PROTECTION)),
    ("agencies.received.view", "other_received_item", only("other_manager")),
    ("agencies.received.view", None, only("key_person_a", *CHILDREN_LEADERS, "other_manager")),
    # --- the agency's consent to pass it on -------------------------------------------------------------
    ("agencies.received.consent", "received_note_a", only("key_person_a", *CHILDREN_LEADERS)),
    ("agencies.received.consent", "received_safeguarding_a", only(*PROTECTION)),
    ("agencies.received.consent", "other_received_item", only("other_manager")),
]
