"""Persona-matrix rows for news, newsletters and notices (R28) and "read and understood" (R32)."""

from tandem.core.tests.personas import RECORD_KEEPERS, only

# writers: the manager, deputy and administrator of the setting
ROWS = [
    ("comms.news.write", "setting", only(*RECORD_KEEPERS)),
    ("comms.news.write", "other_setting", only("other_manager")),
    ("comms.news.write", None, only(*RECORD_KEEPERS, "other_manager")),
    ("comms.news.manage", "post_setting", only(*RECORD_KEEPERS)),
    ("comms.news.manage", "post_draft", only(*RECORD_KEEPERS)),
    ("comms.news.manage", "other_post", only("other_manager")),
    ("comms.news.manage", None, only(*RECORD_KEEPERS, "other_manager")),
    # readers: the families the post is addressed to, never the restricted parent, never staff as such
    ("comms.news.read", "post_setting", only("parent_a", "parent_b_no_pr")),
    ("comms.news.read", "post_room_1", only("parent_a")),
    ("comms.news.read", "post_child_b", only("parent_b_no_pr")),
    ("comms.news.read", "post_draft", only()),
    ("comms.news.read", "other_post", only()),
    ("comms.news.read", None, only("parent_a", "parent_b_no_pr")),
]
