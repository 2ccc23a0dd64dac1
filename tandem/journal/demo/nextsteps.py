"""Demo next steps for Isla: two Amira set (one already achieved), and one Emma suggested that Amira
has taken on; Emma's suggestion from the bus ride waits (from ``demo/home.py``)."""

from __future__ import annotations

from tandem.core.models import Setting, User
from tandem.people.management.commands import seed_demo

from ..models import Area, NextStep
from ..services import nextsteps as services
from .home import isla

STEPS = [
    # (text, area code, from the family, final status, note)
    ("Writing the first letter of her name on her pictures.", "L", False, NextStep.Status.OPEN, ""),
    (
        "Taking turns in a board game with two friends.",
        "PSED",
        False,
        NextStep.Status.ACHIEVED,
        "Isla played snakes and ladders with Ruby and Theo and waited for her turn every time.",
    ),
    ("Doing up the zip on her coat by herself.", "PD", True, NextStep.Status.OPEN, ""),
]


def seed(*, setting: Setting) -> None:
    child = isla(setting)
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    for text, code, family, status, note in STEPS:
        if NextStep.objects.filter(child=child, text=text).exists():
            continue
        area = Area.objects.get(code=code)
        if family:
            step = services.suggest_step(actor=emma, child=child, text=text, area=area)
            step = services.take_on(actor=amira, child=child, step=step)
        else:
            step = services.add_step(actor=amira, child=child, text=text, area=area)
        if status != step.status:
            services.change_step(actor=amira, child=child, step=step, status=status, note=note, keep_area=True)
