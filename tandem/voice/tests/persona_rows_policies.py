"""Persona-matrix rows for the policy library (R40) and staff acknowledgements (R41).

Families (parents and carers not kept from information; a step-parent without parental
responsibility too) read the policies for families, never a draft, never a staff-only policy;
they comment on a version open for comments and acknowledge the version in force. Every member of
staff (volunteers and students too) reads every policy of their setting but drafts, and
acknowledges the versions in force that ask staff to. The manager and deputy keep the library.
The provider's owners and line managers, the visiting professional and strangers: nothing."""

from tandem.core.tests.personas import SETTING_STAFF, only

PARENTS = ("parent_a", "parent_b_no_pr")
LEADERS = ("manager", "deputy")

ROWS = [
    # --- the library (the "Policies" menu entry) ----------------------------------------------------
    ("voice.policies.library", "setting", only(*PARENTS, *SETTING_STAFF)),
    ("voice.policies.library", "other_setting", only("other_manager")),
    ("voice.policies.library", None, only(*PARENTS, *SETTING_STAFF, "other_manager")),
    # --- keeping it ------------------------------------------------------------------------------
    ("voice.policies.manage", "setting", only(*LEADERS)),
    ("voice.policies.manage", "other_setting", only("other_manager")),
    ("voice.policies.manage", None, only(*LEADERS, "other_manager")),
    # --- a policy ----------------------------------------------------------------------------------
    ("voice.policies.read", "policy", only(*PARENTS, *SETTING_STAFF)),
    ("voice.policies.read", "staff_policy", only(*SETTING_STAFF)),  # never families
    ("voice.policies.read", "draft_policy", only(*LEADERS)),  # nothing published yet
    ("voice.policies.read", "other_policy", only("other_manager")),
    ("voice.policies.edit", "policy", only(*LEADERS)),
    ("voice.policies.edit", "staff_policy", only(*LEADERS)),
    ("voice.policies.edit", "other_policy", only("other_manager")),
    # --- a version ---------------------------------------------------------------------------------
    ("voice.policies.version", "policy_v1", only(*PARENTS, *SETTING_STAFF)),
    ("voice.policies.version", "policy_v2", only(*PARENTS, *SETTING_STAFF)),  # open for comments
    ("voice.policies.version", "staff_policy_v1", only(*SETTING_STAFF)),
    ("voice.policies.version", "draft_policy_v1", only(*LEADERS)),
    ("voice.policies.version", "other_policy_v1", only("other_manager")),
    # families comment while it is open for comments, never on a version in force or a staff-only one
    ("voice.policies.comment", "policy_v2", only(*PARENTS)),
    ("voice.policies.comment", "policy_v1", only()),
    ("voice.policies.comment", "staff_policy_v1", only()),
    ("voice.policies.comment", "draft_policy_v1", only()),
    ("voice.policies.comment", "other_policy_v2", only()),  # its parent is no persona
    # the version in force: families if the policy asks parents, staff if it asks staff
    ("voice.policies.acknowledge", "policy_v1", only(*PARENTS, *SETTING_STAFF)),
    ("voice.policies.acknowledge", "policy_v2", only()),  # not in force yet
    ("voice.policies.acknowledge", "staff_policy_v1", only(*SETTING_STAFF)),
    ("voice.policies.acknowledge", "draft_policy_v1", only()),
    ("voice.policies.acknowledge", "other_policy_v1", only("other_manager")),
    ("voice.policies.version_manage", "policy_v2", only(*LEADERS)),
    ("voice.policies.version_manage", "draft_policy_v1", only(*LEADERS)),
    ("voice.policies.version_manage", "other_policy_v1", only("other_manager")),
    # --- a parent's comment: the manager and deputy answer it --------------------------------------------
    ("voice.policies.respond", "policy_comment", only(*LEADERS)),
    ("voice.policies.respond", "other_policy_comment", only("other_manager")),
]
