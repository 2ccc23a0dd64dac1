"""Persona-matrix rows for the progress check at two (R17)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

SIGNERS = ("senco", "manager", "deputy")

ROWS = [
    # reading: families with parental responsibility (never restricted; shared checks only), the key
    # person, practitioners of the child's room, leaders
    ("journal.twocheck.view", "child_a", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("journal.twocheck.view", "child_b", only("key_person_a", *CHILDREN_LEADERS)),  # B's parent has no PR
    ("journal.twocheck.view", "other_child", only("other_manager")),
    (
        "journal.twocheck.view",
        None,
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS, "other_manager"),
    ),
    # writing: the key person and leaders (not any practitioner of the room)
    ("journal.twocheck.write", "child_a", only("key_person_a", *CHILDREN_LEADERS)),
    ("journal.twocheck.write", "child_b", only(*CHILDREN_LEADERS)),
    ("journal.twocheck.write", "other_child", only("other_manager")),
    ("journal.twocheck.write", None, only("key_person_a", *CHILDREN_LEADERS, "other_manager")),
    # sign-off: manager, deputy or SENCO (the service also refuses the check's own author)
    ("journal.twocheck.sign_off", "child_a", only(*SIGNERS)),
    ("journal.twocheck.sign_off", "other_child", only("other_manager")),
    ("journal.twocheck.sign_off", None, only(*SIGNERS, "other_manager")),
    # the PDF: as reading (a family: once shared; the view checks that)
    ("journal.twocheck.download", "child_a", only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS)),
    ("journal.twocheck.download", "child_b", only("key_person_a", *CHILDREN_LEADERS)),
    ("journal.twocheck.download", "other_child", only("other_manager")),
    # the family's part and acknowledgement: parental responsibility, not restricted
    ("journal.twocheck.family", "child_a", only("parent_a")),
    ("journal.twocheck.family", "child_b", only()),
    ("journal.twocheck.family", "other_child", only()),
    ("journal.twocheck.family", None, only("parent_a")),
    # the due list: leaders, and key persons (who see only their own key children)
    ("journal.twocheck.due", "setting", only("key_person_a", *CHILDREN_LEADERS)),
    ("journal.twocheck.due", "other_setting", only("other_manager")),
    ("journal.twocheck.due", None, only("key_person_a", *CHILDREN_LEADERS, "other_manager")),
]
