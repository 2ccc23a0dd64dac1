"""Persona-matrix rows for sharing with agencies and schools (R48, R51). The key person and the
leaders prepare and record shares; only the DSL decides to share without consent, and only the
DSL and the manager see those decisions, the shares made on them and the setting's log; parents
with parental responsibility (not kept from information) see what was shared; nobody else."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

STAFF_A = ("key_person_a", *CHILDREN_LEADERS)
PROTECTORS = ("dsl", "manager")

ROWS = [
    # --- on a child: see the child's shares, prepare and record one ------------------------------
    ("agencies.sharing.manage", "child_a", only(*STAFF_A)),
    ("agencies.sharing.manage", "child_b", only(*CHILDREN_LEADERS)),
    ("agencies.sharing.manage", "other_child", only("other_manager")),
    ("agencies.sharing.manage", None, only(*STAFF_A, "other_manager")),
    # --- the decision to share without consent: the DSL alone records it -------------------------
    ("agencies.sharing.decide", "child_a", only("dsl")),
    ("agencies.sharing.decide", "child_b", only("dsl")),
    ("agencies.sharing.decide", "other_child", only()),  # their setting has no DSL among the personas
    ("agencies.sharing.decide", None, only("dsl")),
    # --- ... and the DSL and the manager see it --------------------------------------------------
    ("agencies.sharing.decisions", "child_a", only(*PROTECTORS)),
    ("agencies.sharing.decisions", "other_child", only("other_manager")),
    ("agencies.sharing.decisions", None, only(*PROTECTORS, "other_manager")),
    # --- safeguarding material received from another agency into a pack -------------------------
    ("agencies.sharing.safeguarding", "child_a", only("key_person_a", *PROTECTORS)),
    ("agencies.sharing.safeguarding", "child_b", only(*PROTECTORS)),
    ("agencies.sharing.safeguarding", "other_child", only("other_manager")),
    # --- families: parents with parental responsibility, not kept from information --------------
    ("agencies.sharing.family", "child_a", only("parent_a")),
    ("agencies.sharing.family", "child_b", only()),  # parent B has no parental responsibility
    ("agencies.sharing.family", "other_child", only()),
    ("agencies.sharing.family", None, only("parent_a")),
    # --- on a share: consent shares and drafts for the child's staff; without consent DSL/manager -
    ("agencies.sharing.view", "share_draft_a", only(*STAFF_A)),
    ("agencies.sharing.view", "share_consent_a", only(*STAFF_A)),
    ("agencies.sharing.view", "share_without_consent_a", only(*PROTECTORS)),
    ("agencies.sharing.view", "other_share", only("other_manager")),
    ("agencies.sharing.view", None, only(*STAFF_A, "other_manager")),
    # --- the setting's information sharing log ----------------------------------------------------
    ("agencies.sharing.log", "setting", only(*PROTECTORS)),
    ("agencies.sharing.log", "other_setting", only("other_manager")),
    ("agencies.sharing.log", None, only(*PROTECTORS, "other_manager")),
]
