"""Printing or exporting a child's record: a link under the child for the setting's leaders, and
the exports and prints log on the office page for the manager and the DSL (R51)."""

from __future__ import annotations

from tandem.core import navigation
from tandem.people.panels import Link, register_link

from ..actions.exports import EXPORT_CHILD, EXPORT_LOG

register_link(Link("agencies_export", "Print or export the record", "agencies:export_child", EXPORT_CHILD, 95))
navigation.register_office(
    "Exports and prints",
    "Every export and print of a child's record: who, what, which child, when and why",
    EXPORT_LOG,
    navigation.setting_page(EXPORT_LOG, "agencies:exports_log"),
    order=76,
)
