"""Persona-matrix rows for summaries (R16): the family (parental responsibility not needed) and the
staff who work with the child record the parents' views; practitioners and leaders see the overview."""

from tandem.core.tests.personas import CHILDREN_LEADERS, only

PRACTITIONERS = ("key_person_a", "room_practitioner", "other_practitioner")

ROWS = [
    (
        "journal.summaries.parents_views",
        "child_a",
        only("parent_a", "key_person_a", "room_practitioner", *CHILDREN_LEADERS),
    ),
    ("journal.summaries.parents_views", "child_b", only("parent_b_no_pr", "key_person_a", *CHILDREN_LEADERS)),
    ("journal.summaries.parents_views", "other_child", only("other_manager")),
    ("journal.summaries.overview", "setting", only(*PRACTITIONERS, *CHILDREN_LEADERS)),
    ("journal.summaries.overview", "other_setting", only("other_manager")),
    ("journal.summaries.overview", None, only(*PRACTITIONERS, *CHILDREN_LEADERS, "other_manager")),
]
