"""Persona-matrix rows for "Who has seen this record" (R65): only a parent or carer with parental
responsibility whom no restriction keeps from information, for their own child. Not the restricted
parent, not the step-parent without parental responsibility, not staff (they have their own audit
page), not the provider's owners, not visiting professionals."""

from tandem.core.tests.personas import only

ROWS = [
    ("records.viewers.view", "child_a", only("parent_a")),
    ("records.viewers.view", "child_b", only()),  # the step-parent has no parental responsibility
    ("records.viewers.view", "other_child", only()),  # the other provider's parent is no persona
    ("records.viewers.view", None, only("parent_a")),
]
