"""Persona-matrix rows for access on request (R66): any adult on record asks for their own data (the
restricted parent too); a child's records only the parent with parental responsibility and no
restriction; the requester sees their request and downloads it once released; the manager and deputy
answer. Nobody else: not the DSL, the SENCO, the key person, owners or visiting professionals."""

from tandem.core.tests.personas import only

MANAGERS = ("manager", "deputy")
ADULTS = ("parent_a", "parent_b_no_pr", "restricted_parent")

ROWS = [
    # --- about the person themselves ------------------------------------------------------------------
    ("records.requests.ask", None, only(*ADULTS)),
    # --- on a Child -----------------------------------------------------------------------------------
    ("records.requests.child", "child_a", only("parent_a")),  # not the restricted parent
    ("records.requests.child", "child_b", only()),  # the step-parent has no parental responsibility
    ("records.requests.child", "other_child", only()),
    ("records.requests.child", None, only("parent_a")),
    # --- on an AccessRequest --------------------------------------------------------------------------
    ("records.requests.view", "access_request", only("parent_a", *MANAGERS)),
    ("records.requests.view", "self_request", only("restricted_parent", *MANAGERS)),
    ("records.requests.view", "released_request", only("parent_a", *MANAGERS)),
    ("records.requests.view", "other_access_request", only("other_manager")),
    ("records.requests.view", None, only("parent_a", "restricted_parent", *MANAGERS, "other_manager")),
    ("records.requests.manage", "access_request", only(*MANAGERS)),
    ("records.requests.manage", "other_access_request", only("other_manager")),
    ("records.requests.manage", None, only(*MANAGERS, "other_manager")),
    ("records.requests.download", "access_request", only(*MANAGERS)),  # not released yet
    ("records.requests.download", "released_request", only("parent_a", *MANAGERS)),
    ("records.requests.download", "other_access_request", only("other_manager")),
    ("records.requests.download", None, only("parent_a", *MANAGERS, "other_manager")),
    # --- on a ReviewItem ------------------------------------------------------------------------------
    ("records.requests.review", "review_item", only(*MANAGERS)),
    ("records.requests.review", "other_review_item", only("other_manager")),
    ("records.requests.review", None, only(*MANAGERS, "other_manager")),
    # --- on a Setting ---------------------------------------------------------------------------------
    ("records.requests.list", "setting", only(*MANAGERS)),
    ("records.requests.list", "other_setting", only("other_manager")),
    ("records.requests.list", None, only(*MANAGERS, "other_manager")),
    ("records.requests.record", "setting", only(*MANAGERS)),
    ("records.requests.record", "other_setting", only("other_manager")),
    ("records.requests.record", None, only(*MANAGERS, "other_manager")),
]
