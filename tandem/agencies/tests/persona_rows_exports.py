"""Persona-matrix rows for exports and prints of a child's record (R51): the setting's leaders print
or export a child's record; the manager and the DSL see the log. Nobody else: not the key person,
practitioners, administrators, volunteers, parents, the provider's owners or visiting professionals."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

ROWS = [
    # --- print or export a child's record (on a Child) -----------------------------------------------
    ("agencies.exports.child", "child_a", only(*CHILDREN_LEADERS)),
    ("agencies.exports.child", "child_b", only(*CHILDREN_LEADERS)),
    ("agencies.exports.child", "other_child", only("other_manager")),
    ("agencies.exports.child", None, only(*CHILDREN_LEADERS, "other_manager")),
    # --- the exports and prints log (on a Setting) ----------------------------------------------------
    ("agencies.exports.log", "setting", only("manager", "dsl")),
    ("agencies.exports.log", "other_setting", only("other_manager")),
    ("agencies.exports.log", None, only("manager", "dsl", "other_manager")),
]
