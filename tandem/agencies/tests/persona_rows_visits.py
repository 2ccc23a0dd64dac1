"""Persona-matrix rows for visiting professionals and their visits (R50). The leaders invite and
deactivate professionals and see every visit; the key person books and cancels; the supervisor keeps
the log; the practitioners of the child's room see the child's visits. The professional sees their
own visits, and the child's shared information only during the visit going on now (``w.visit``),
never on the visit booked for next week (``w.later_visit``), never another provider's."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

LEADERS = CHILDREN_LEADERS

ROWS = [
    # --- on a Setting: the setting's professionals and the list of visits ------------------------------
    ("agencies.visits.professionals", "setting", only(*LEADERS)),
    ("agencies.visits.professionals", "other_setting", only("other_manager")),
    ("agencies.visits.professionals", None, only(*LEADERS, "other_manager")),
    ("agencies.visits.list", "setting", only(*LEADERS)),
    ("agencies.visits.list", "other_setting", only("other_manager")),
    ("agencies.visits.list", None, only(*LEADERS, "other_manager")),
    # --- on a Professional: deactivate, reactivate, invite again ------------------------------------------
    ("agencies.visits.professional_manage", "professional_profile", only(*LEADERS)),
    ("agencies.visits.professional_manage", "other_professional_profile", only("other_manager")),
    ("agencies.visits.professional_manage", None, only(*LEADERS, "other_manager")),
    # --- on a Child: book a visit (key person, leaders); see the child's visits (and the room) -------------
    ("agencies.visits.book", "child_a", only("key_person_a", *LEADERS)),
    ("agencies.visits.book", "child_b", only(*LEADERS)),
    ("agencies.visits.book", "other_child", only("other_manager")),
    ("agencies.visits.book", None, only("key_person_a", *LEADERS, "other_manager")),
    ("agencies.visits.child", "child_a", only("key_person_a", "room_practitioner", *LEADERS)),
    # B is in room 2, where A's key person works
    ("agencies.visits.child", "child_b", only("key_person_a", *LEADERS)),
    ("agencies.visits.child", "other_child", only("other_manager")),
    ("agencies.visits.child", None, only("key_person_a", "room_practitioner", *LEADERS, "other_manager")),
    # --- on a Visit: open it and its log --------------------------------------------------------------------
    ("agencies.visits.view", "visit", only("key_person_a", "room_practitioner", *LEADERS)),
    # the room practitioner supervises B's visit though B is not in their room
    ("agencies.visits.view", "later_visit", only("key_person_a", "room_practitioner", *LEADERS)),
    ("agencies.visits.view", "other_visit", only("other_manager")),
    ("agencies.visits.view", None, only("key_person_a", "room_practitioner", *LEADERS, "other_manager")),
    # --- the log: the supervisor and the leaders --------------------------------------------------------------
    ("agencies.visits.log", "visit", only("key_person_a", *LEADERS)),
    ("agencies.visits.log", "later_visit", only("room_practitioner", *LEADERS)),
    ("agencies.visits.log", "other_visit", only("other_manager")),
    ("agencies.visits.log", None, only("key_person_a", "room_practitioner", *LEADERS, "other_manager")),
    # --- cancel, change the share pack: the key person and the leaders -----------------------------------------
    ("agencies.visits.manage", "visit", only("key_person_a", *LEADERS)),
    ("agencies.visits.manage", "later_visit", only(*LEADERS)),
    ("agencies.visits.manage", "other_visit", only("other_manager")),
    ("agencies.visits.manage", None, only("key_person_a", *LEADERS, "other_manager")),
    # --- the professional: their own visits, any time; the child's information only during one -----------------
    ("agencies.visits.mine", "visit", only("professional")),
    ("agencies.visits.mine", "later_visit", only("professional")),
    ("agencies.visits.mine", "other_visit", only()),
    ("agencies.visits.mine", None, only("professional")),
    ("agencies.visits.attend", "visit", only("professional")),
    ("agencies.visits.attend", "later_visit", only()),
    ("agencies.visits.attend", "other_visit", only()),
    ("agencies.visits.attend", None, only("professional")),
]
