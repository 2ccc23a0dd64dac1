"""Persona-matrix rows for messages (R26)."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

# The staff who answer families: leaders and the office, for every child; the key person for theirs.
OFFICE = (*CHILDREN_LEADERS, "administrator")

ROWS = [
    # a thread: its family participants while linked and unrestricted (never the restricted parent,
    # though they were put in thread A), the key person, leaders and the office
    ("comms.message.read", "thread_a", only("parent_a", "key_person_a", *OFFICE)),
    ("comms.message.read", "thread_b", only("parent_b_no_pr", *OFFICE)),  # B has no key person
    ("comms.message.read", "other_thread", only("other_manager")),
    ("comms.message.read", None, only("parent_a", "parent_b_no_pr", "key_person_a", *OFFICE, "other_manager")),
    ("comms.message.manage", "thread_a", only("key_person_a", *OFFICE)),
    ("comms.message.manage", "thread_b", only(*OFFICE)),
    ("comms.message.manage", "other_thread", only("other_manager")),
    ("comms.message.manage", None, only("key_person_a", *OFFICE, "other_manager")),
    # a child's conversations (and starting one): the family, the key person, leaders, the office
    ("comms.message.child", "child_a", only("parent_a", "key_person_a", *OFFICE)),
    ("comms.message.child", "child_b", only("parent_b_no_pr", *OFFICE)),
    ("comms.message.child", "other_child", only("other_manager")),
    ("comms.message.child", None, only("parent_a", "parent_b_no_pr", "key_person_a", *OFFICE, "other_manager")),
    # "Tell us about a change at home": the family only
    ("comms.message.change_at_home", "child_a", only("parent_a")),
    ("comms.message.change_at_home", "child_b", only("parent_b_no_pr")),
    ("comms.message.change_at_home", "other_child", only()),
    ("comms.message.change_at_home", None, only("parent_a", "parent_b_no_pr")),
    # the setting's inbox: staff who answer families (the key person: for their key children)
    ("comms.message.inbox", "setting", only("key_person_a", *OFFICE)),
    ("comms.message.inbox", "other_setting", only("other_manager")),
    ("comms.message.inbox", None, only("key_person_a", *OFFICE, "other_manager")),
    # "Messages" in the menu: families of the setting and the staff who answer them
    ("comms.message.use", "setting", only("parent_a", "parent_b_no_pr", "key_person_a", *OFFICE)),
    ("comms.message.use", "other_setting", only("other_manager")),
    ("comms.message.use", None, only("parent_a", "parent_b_no_pr", "key_person_a", *OFFICE, "other_manager")),
]
