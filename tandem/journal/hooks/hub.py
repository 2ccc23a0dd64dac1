"""One menu entry for staff: the journal page of their setting (no query: from the roles loaded)."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.observations import OBSERVATION_CREATE

navigation.register("Journal", OBSERVATION_CREATE, navigation.setting_page(OBSERVATION_CREATE, "journal:hub"), order=12)
