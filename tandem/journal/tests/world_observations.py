"""The world's observations: a staff-only observation of child A, and one in the other setting.

Staff only, so that other features' counts of what families see are not changed; the observation
tests share it themselves (``helpers_observations.share``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from tandem.journal.models import Observation, ObservationChild


def _observation(setting: Any, author: Any, children: list[Any], title: str) -> Observation:
    observation = Observation.objects.create(
        setting=setting,
        status=Observation.Status.STAFF,
        title=title,
        text="Built a tower of ten blocks and counted them aloud.",
        author=author,
        created_at=timezone.now(),
    )
    ObservationChild.objects.bulk_create([ObservationChild(observation=observation, child=c) for c in children])
    return observation


def extend(w: Any) -> None:
    w.observation_a = _observation(w.setting, w.key_person_a, [w.child_a], "Tower of blocks")
    w.other_observation = _observation(w.other_setting, w.other_manager, [w.other_child], "Sand play")
