"""Where change requests and record history appear: the menu, under each child, on the child's record."""

from __future__ import annotations

from typing import Any

from tandem.core import navigation
from tandem.core.access import can, permitted
from tandem.people.models import Adult, Child
from tandem.people.panels import Link, Panel, register_link, register_panel

from ..actions.changes import ADULT_HISTORY, CHANGE_DECIDE, CHANGE_SUBMIT, CHILD_HISTORY


def _history_panel(user: Any, child: Child) -> dict[str, Any]:
    from ..selectors.changes import pending_count

    adults = permitted(user, ADULT_HISTORY, Adult.objects.filter(links__child=child)).order_by(
        "last_name", "first_name", "pk"
    )
    pending = pending_count(child=child) if can(user, CHANGE_DECIDE, child.setting) else 0
    return {"adults": list(adults.distinct()), "pending": pending}


navigation.register_office(
    "Change requests",
    "Parents' changes to their details, to apply or decline",
    CHANGE_DECIDE,
    navigation.setting_page(CHANGE_DECIDE, "enrolment:change_queue"),
    order=10,
)
register_link(Link("changes", "Tell us about a change", "enrolment:change_home", CHANGE_SUBMIT, order=90))
register_panel(Panel("record_history", "enrolment/changes/panel.html", CHILD_HISTORY, _history_panel, order=90))
