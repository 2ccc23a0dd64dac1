"""World objects for allegations against staff (R61), made directly (no notifications).

* ``allegation_a``: about Rowan (room_practitioner), for Amelia (child_a).
* ``allegation_about_manager``: about the manager: the DSL and the owners only.
* ``other_allegation``: the other provider's, about agency staff without an account.
"""

from __future__ import annotations

from typing import Any

from tandem.complaints.models.allegations import Allegation


def extend(w: Any) -> None:
    w.allegation_a = Allegation.objects.create(
        setting=w.setting,
        child=w.child_a,
        about=w.room_practitioner,
        summary="Amelia went home with a bruise on her arm and said Rowan grabbed her.",
        recorded_by=w.dsl,
    )
    w.allegation_about_manager = Allegation.objects.create(
        setting=w.setting,
        child=w.child_b,
        about=w.manager,
        summary="A parent saw the manager shake Barnaby.",
        recorded_by=w.deputy,
    )
    w.other_allegation = Allegation.objects.create(
        setting=w.other_setting,
        child=w.other_child,
        about_name="Agency cover worker",
        summary="Ottilie said the cover worker shut her in the cupboard.",
        recorded_by=w.other_manager,
    )
