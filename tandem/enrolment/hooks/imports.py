"""Managers reach the import from the main menu."""

from __future__ import annotations

from tandem.core import navigation

from ..actions.imports import IMPORT_FAMILIES

navigation.register_office(
    "Import families",
    "Bring children and parents in from a spreadsheet",
    IMPORT_FAMILIES,
    navigation.setting_page(IMPORT_FAMILIES, "enrolment:import_upload"),
    order=90,
)
