"""Persona-matrix rows for sending records to the receiving school (R55, R67): each kind by those whose
records they are (learning: manager, deputy; SEN: SENCO, manager; child protection: DSL, manager); the
key person and the leaders see the transition's transfers, SEN and child protection ones only their
roles; the family with parental responsibility sees the learning and SEN records sent. Nobody else:
not room practitioners, administrators, volunteers, owners or visiting professionals."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

STAFF_A = ("key_person_a", *CHILDREN_LEADERS)

ROWS = [
    # --- on a Transition ------------------------------------------------------------------------------
    ("records.transfer.list", "transition", only(*STAFF_A)),
    ("records.transfer.list", "other_transition", only("other_manager")),
    ("records.transfer.list", None, only(*STAFF_A, "other_manager")),
    ("records.transfer.send", "transition", only(*CHILDREN_LEADERS)),
    ("records.transfer.send", "other_transition", only("other_manager")),
    ("records.transfer.send", None, only(*CHILDREN_LEADERS, "other_manager")),
    ("records.transfer.send_learning", "transition", only("manager", "deputy")),
    ("records.transfer.send_learning", "other_transition", only("other_manager")),
    ("records.transfer.send_learning", None, only("manager", "deputy", "other_manager")),
    ("records.transfer.send_sen", "transition", only("senco", "manager")),
    ("records.transfer.send_sen", "other_transition", only("other_manager")),
    ("records.transfer.send_sen", None, only("senco", "manager", "other_manager")),
    ("records.transfer.send_protection", "transition", only("dsl", "manager")),
    ("records.transfer.send_protection", "other_transition", only("other_manager")),
    ("records.transfer.send_protection", None, only("dsl", "manager", "other_manager")),
    # --- on a RecordTransfer ----------------------------------------------------------------------------
    ("records.transfer.view", "transfer_learning", only(*STAFF_A)),
    ("records.transfer.view", "transfer_sen", only("senco", "manager")),
    ("records.transfer.view", "transfer_protection", only("dsl", "manager")),
    ("records.transfer.view", "other_transfer", only("other_manager")),
    ("records.transfer.view", None, only(*STAFF_A, "other_manager")),
    ("records.transfer.manage", "transfer_learning", only("manager", "deputy")),
    ("records.transfer.manage", "transfer_sen", only("senco", "manager")),
    ("records.transfer.manage", "transfer_protection", only("dsl", "manager")),
    ("records.transfer.manage", "other_transfer", only("other_manager")),
    ("records.transfer.manage", None, only(*CHILDREN_LEADERS, "other_manager")),
    # --- on a Child: the family's "Records sent to school" ------------------------------------------------
    ("records.transfer.family", "child_a", only("parent_a")),
    ("records.transfer.family", "child_b", only()),
    ("records.transfer.family", "other_child", only()),
    ("records.transfer.family", None, only("parent_a")),
]
