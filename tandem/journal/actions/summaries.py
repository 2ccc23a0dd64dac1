"""Who may write, share and respond to summaries of a child's learning (R16).

Reading a child's summaries is ``JOURNAL_VIEW`` (a family: only those shared), writing and sharing
them ``JOURNAL_CONTRIBUTE`` (both on the Child, from ``actions.observations``)."""

from __future__ import annotations

from tandem.core.access import Action, HasSettingRole
from tandem.core.roles import LEADERSHIP, SettingRole
from tandem.people.rules import IsLinkedAdult

from .observations import JOURNAL_STAFF_RULES

SUMMARY_PARENTS_VIEWS = Action(
    "journal.summaries.parents_views",
    rules=(IsLinkedAdult(), *JOURNAL_STAFF_RULES),
    description="Add the parents' views to a shared summary: the family themselves (parental responsibility "
    "is not needed), or staff writing down what the family said in person.",
)
SUMMARY_OVERVIEW = Action(
    "journal.summaries.overview",
    rules=(HasSettingRole(SettingRole.PRACTITIONER, *LEADERSHIP, setting=""),),
    description="See which children have had no summary shared for a while (only the children one works with).",
)
