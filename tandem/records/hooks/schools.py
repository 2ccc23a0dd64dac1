"""The setting's schools on the office page (R54)."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.schools import SCHOOLS_VIEW

navigation.register_office(
    "Schools",
    "The schools children move on to, their contacts and what we do together",
    SCHOOLS_VIEW,
    navigation.setting_page(SCHOOLS_VIEW, "records:schools"),
    order=62,
)
