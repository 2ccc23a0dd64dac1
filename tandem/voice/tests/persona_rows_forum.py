"""Persona-matrix rows for the parent forum (R38). Families of the setting (not the restricted adult;
the step-parent without parental responsibility is a parent here) and the manager and deputy take
part; no other member of staff does, nor the provider's owners and line managers. The manager, the
deputy and parent_a (an active parent representative) moderate; parent_b_no_pr's appointment has
ended, so they do not. Only parents vote, only while a proposal is open. Only the manager and deputy
run the forum (minutes, proposals, representatives). Nobody outside the setting sees anything."""

from tandem.core.tests.personas import only

PARENTS = ("parent_a", "parent_b_no_pr")
LEADERS = ("manager", "deputy")
MEMBERS = (*PARENTS, *LEADERS)
MODERATORS = (*LEADERS, "parent_a")
OTHER = "other_manager"

ROWS = [
    # --- on the setting
    ("voice.forum.take_part", "setting", only(*MEMBERS)),
    ("voice.forum.take_part", "other_setting", only(OTHER)),
    ("voice.forum.take_part", None, only(*MEMBERS, OTHER)),
    ("voice.forum.manage", "setting", only(*LEADERS)),
    ("voice.forum.manage", "other_setting", only(OTHER)),
    ("voice.forum.manage", None, only(*LEADERS, OTHER)),
    # --- topics
    ("voice.forum.topic", "forum_topic", only(*MEMBERS)),
    ("voice.forum.topic", "forum_topic_locked", only(*MEMBERS)),
    ("voice.forum.topic", "other_forum_topic", only(OTHER)),
    ("voice.forum.topic", None, only(*MEMBERS, OTHER)),
    ("voice.forum.reply", "forum_topic", only(*MEMBERS)),
    ("voice.forum.reply", "forum_topic_locked", only()),
    ("voice.forum.reply", "other_forum_topic", only(OTHER)),
    ("voice.forum.reply", None, only(*MEMBERS, OTHER)),
    ("voice.forum.moderate", "forum_topic", only(*MODERATORS)),
    ("voice.forum.moderate", "forum_topic_locked", only(*MODERATORS)),
    ("voice.forum.moderate", "other_forum_topic", only(OTHER)),
    ("voice.forum.moderate", None, only(*MODERATORS, OTHER)),
    # --- posts
    ("voice.forum.moderate_post", "forum_post", only(*MODERATORS)),
    ("voice.forum.moderate_post", "forum_post_hidden", only(*MODERATORS)),
    ("voice.forum.moderate_post", "other_forum_post", only(OTHER)),
    ("voice.forum.moderate_post", None, only(*MODERATORS, OTHER)),
    # --- minutes
    ("voice.forum.minutes", "forum_minutes", only(*MEMBERS)),
    ("voice.forum.minutes", "other_forum_minutes", only(OTHER)),
    ("voice.forum.minutes", None, only(*MEMBERS, OTHER)),
    # --- proposals and votes
    ("voice.forum.proposal", "forum_proposal_open", only(*MEMBERS)),
    ("voice.forum.proposal", "forum_proposal_closed", only(*MEMBERS)),
    ("voice.forum.proposal", "other_forum_proposal", only(OTHER)),
    ("voice.forum.proposal", None, only(*MEMBERS, OTHER)),
    ("voice.forum.vote", "forum_proposal_open", only(*PARENTS)),
    ("voice.forum.vote", "forum_proposal_closed", only()),
    ("voice.forum.vote", "other_forum_proposal", only()),
    ("voice.forum.vote", None, only(*PARENTS)),
    ("voice.forum.proposal_manage", "forum_proposal_open", only(*LEADERS)),
    ("voice.forum.proposal_manage", "forum_proposal_closed", only(*LEADERS)),
    ("voice.forum.proposal_manage", "other_forum_proposal", only(OTHER)),
    ("voice.forum.proposal_manage", None, only(*LEADERS, OTHER)),
    # --- parent representatives
    ("voice.forum.representative_end", "forum_representative", only(*LEADERS)),
    ("voice.forum.representative_end", "other_forum_representative", only(OTHER)),
    ("voice.forum.representative_end", None, only(*LEADERS, OTHER)),
]
