"""Demo progress checks at two in Willowbrook (R17).

* Alfie Morgan (2 years 5 months; the main demo parent's son): a completed check, signed off by the
  manager and shared with the family, not yet acknowledged, so Emma Morgan can read, download and
  acknowledge it.
* Poppy Williams (2 years 3 months): a draft, with the family asked for their part.
* Harry O'Brien (2 years 2 months) is due; Rosie Green (2 years 11 months) is overdue: no check yet.
Idempotent: a child who already has a check is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models import ProgressCheck, ProgressCheckArea
from ..selectors.twocheck import prime_areas
from ..services.eyfs import ensure_eyfs

ALFIE = {
    "CL": (
        "Alfie joins in with songs and rhymes and uses around 50 words, putting two together "
        '("more juice", "daddy gone"). He follows simple instructions like "get your coat".',
        "",
    ),
    "PD": (
        "Alfie runs, climbs the low frame and kicks a ball. He feeds himself with a spoon and is starting "
        "to pull his own socks off.",
        "",
    ),
    "PSED": (
        "Alfie settles quickly with Chloe and plays alongside the others. He shows us what he has made and "
        "is proud when we notice.",
        "Alfie finds it hard to wait or share a favourite toy, and can get upset at tidy-up time.",
    ),
}
POPPY = {
    "CL": ("Poppy points to pictures in books and names animals.", ""),
    "PD": ("Poppy loves the slide and is very confident on the stairs.", ""),
    "PSED": ("", ""),
}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _child(setting: Setting, first: str, last: str) -> Child | None:
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


def _check(child: Child, author: User | None, texts: dict[str, tuple[str, str]], **fields: object) -> ProgressCheck:
    check = ProgressCheck.objects.create(child=child, author=author, **fields)
    areas = {a.code: a for a in prime_areas()}
    ProgressCheckArea.objects.bulk_create(
        [
            ProgressCheckArea(
                progress_check=check,
                area=area,
                strengths=texts.get(code, ("", ""))[0],
                less_than_expected=texts.get(code, ("", ""))[1],
            )
            for code, area in areas.items()
        ]
    )
    return check


def alfie_check(setting: Setting) -> ProgressCheck | None:
    """Alfie's completed, shared check (made once)."""
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL, PRACTITIONER_EMAIL

    alfie = _child(setting, "Alfred", "Morgan")
    if alfie is None:
        return None
    found = ProgressCheck.objects.filter(child=alfie).first()
    if found is not None:
        return found
    if not prime_areas().exists():
        ensure_eyfs()
    now = timezone.now().replace(microsecond=0)
    return _check(
        alfie,
        _user(PRACTITIONER_EMAIL),
        ALFIE,
        status=ProgressCheck.Status.SHARED,
        completed_on=timezone.localdate() - dt.timedelta(days=9),
        concerns=False,
        parents_contribution=(
            "Emma and Liam say Alfie chats all the time at home, loves the bus and helps feed the cat. "
            "Bedtime and sharing with Isla can be tricky."
        ),
        plan=(
            "At the setting: a sand timer for turn-taking, and a five-minute warning before tidy-up. "
            "At home: the same timer for turns with Isla. We will talk again at parents' evening."
        ),
        created_at=now - dt.timedelta(days=20),
        signed_off_at=now - dt.timedelta(days=8),
        signed_off_by=_user(MANAGER_EMAIL),
        shared_at=now - dt.timedelta(days=7),
        shared_by=_user(PRACTITIONER_EMAIL),
    )


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import PRACTITIONER_EMAIL

    alfie_check(setting)
    poppy = _child(setting, "Poppy", "Williams")
    if poppy is not None and not ProgressCheck.objects.filter(child=poppy).exists():
        now = timezone.now().replace(microsecond=0)
        author = poppy.key_person or _user(PRACTITIONER_EMAIL)
        _check(
            poppy,
            author,
            POPPY,
            created_at=now - dt.timedelta(days=3),
            family_asked_at=now - dt.timedelta(days=2),
            family_asked_by=author,
        )
