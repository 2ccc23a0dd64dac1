"""Persona-matrix rows for the partnership agreement (R8)."""

from tandem.core.tests.personas import RECORD_KEEPERS, only

ROWS = [
    # reading the agreement: linked adults (with or without parental responsibility) and record keepers
    ("enrolment.contract.view", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.contract.view", "child_b", only("parent_b_no_pr", *RECORD_KEEPERS)),
    ("enrolment.contract.view", "other_child", only("other_manager")),
    ("enrolment.contract.view", None, only("parent_a", "parent_b_no_pr", *RECORD_KEEPERS, "other_manager")),
    # signing: parental responsibility, never a restricted adult, never staff
    ("enrolment.contract.sign", "child_a", only("parent_a")),
    ("enrolment.contract.sign", "child_b", only()),
    ("enrolment.contract.sign", "other_child", only()),
    ("enrolment.contract.sign", None, only("parent_a")),
    # asked to sign: the world's agreements are published and nobody has signed them yet
    ("enrolment.contract.prompt", "child_a", only("parent_a")),
    ("enrolment.contract.prompt", "child_b", only()),
    ("enrolment.contract.prompt", "other_child", only()),
    ("enrolment.contract.prompt", None, only("parent_a")),
    # the signed copy: parents with parental responsibility and record keepers
    ("enrolment.contract.download", "child_a", only("parent_a", *RECORD_KEEPERS)),
    ("enrolment.contract.download", "child_b", only(*RECORD_KEEPERS)),
    ("enrolment.contract.download", "other_child", only("other_manager")),
    ("enrolment.contract.status", "child_a", only(*RECORD_KEEPERS)),
    ("enrolment.contract.status", "other_child", only("other_manager")),
    ("enrolment.contract.countersign", "child_a", only("manager", "deputy")),
    ("enrolment.contract.countersign", "other_child", only("other_manager")),
    # the setting's agreement
    ("enrolment.contract.overview", "setting", only(*RECORD_KEEPERS)),
    ("enrolment.contract.overview", "other_setting", only("other_manager")),
    ("enrolment.contract.overview", None, only(*RECORD_KEEPERS, "other_manager")),
    ("enrolment.contract.manage", "setting", only("manager", "deputy")),
    ("enrolment.contract.manage", "other_setting", only("other_manager")),
]
