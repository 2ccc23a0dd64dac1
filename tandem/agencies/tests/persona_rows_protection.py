"""Persona-matrix rows for child protection plans (R24): the DSL, the manager and the key person,
nobody else: not the deputy, the SENCO, room practitioners, the administrator, volunteers, owners,
line managers, parents or visiting professionals. Recording, changing and ending a plan, and the
setting's list: the DSL and the manager."""

from tandem.core.tests.personas import only

PROTECTION = ("key_person_a", "dsl", "manager")
KEEPERS = ("dsl", "manager")

ROWS = [
    # --- on a Child ---------------------------------------------------------------------------------
    ("agencies.protection.view", "child_a", only(*PROTECTION)),
    ("agencies.protection.view", "child_b", only(*KEEPERS)),  # no key person: the room does not count
    ("agencies.protection.view", "other_child", only("other_manager")),
    ("agencies.protection.view", None, only(*PROTECTION, "other_manager")),
    ("agencies.protection.record", "child_a", only(*KEEPERS)),
    ("agencies.protection.record", "other_child", only("other_manager")),
    ("agencies.protection.record", None, only(*KEEPERS, "other_manager")),
    # --- on a ProtectionPlan ------------------------------------------------------------------------
    ("agencies.protection.manage", "protection_plan", only(*KEEPERS)),
    ("agencies.protection.manage", "other_protection_plan", only("other_manager")),
    ("agencies.protection.manage", None, only(*KEEPERS, "other_manager")),
    ("agencies.protection.task_add", "protection_plan", only(*PROTECTION)),
    ("agencies.protection.task_add", "other_protection_plan", only("other_manager")),
    ("agencies.protection.task_add", None, only(*PROTECTION, "other_manager")),
    # --- on a ProtectionTask ------------------------------------------------------------------------
    ("agencies.protection.task_done", "protection_task", only(*PROTECTION)),
    ("agencies.protection.task_done", "protection_key_task", only(*PROTECTION)),
    ("agencies.protection.task_done", "other_protection_task", only("other_manager")),
    ("agencies.protection.task_done", None, only(*PROTECTION, "other_manager")),
    # --- on a Setting -------------------------------------------------------------------------------
    ("agencies.protection.overview", "setting", only(*KEEPERS)),
    ("agencies.protection.overview", "other_setting", only("other_manager")),
    ("agencies.protection.overview", None, only(*KEEPERS, "other_manager")),
]
