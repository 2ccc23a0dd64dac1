"""Demo: one change request from the main demo parent, waiting in the administrator's queue (R2)."""

from __future__ import annotations

from tandem.core.models import Setting
from tandem.people.models import Adult, Child

from ..models.changes import ChangeRequest

NEW_PHONE = "07700 900987"


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MAIN_CHILD, PARENT_EMAIL

    emma = Adult.objects.select_related("user").filter(setting=setting, user__email=PARENT_EMAIL).first()
    isla = Child.objects.filter(setting=setting, first_name=MAIN_CHILD[0], last_name=MAIN_CHILD[1]).first()
    if emma is None or isla is None or emma.user is None:
        return
    if ChangeRequest.objects.filter(setting=setting, submitted_by=emma.user).exists():
        return  # made once; whatever the demo's staff decided since stays as it is
    wanted = {
        "phone": NEW_PHONE,
        "access_needs": "I have hearing loss in my left ear: please face me when you speak to me at the door.",
    }
    proposed = {name: value for name, value in wanted.items() if getattr(emma, name) != value}
    ChangeRequest.objects.create(
        setting=setting,
        child=isla,
        adult=emma,
        submitted_by=emma.user,
        kind=ChangeRequest.Kind.OWN_DETAILS,
        proposed=proposed,
        original={name: getattr(emma, name) for name in proposed},
    )
    ChangeRequest.objects.create(
        setting=setting,
        child=isla,
        submitted_by=emma.user,
        kind=ChangeRequest.Kind.CHILD_CIRCUMSTANCES,
        category=ChangeRequest.Category.MEDICAL,
        description="Isla saw the GP last week and has been diagnosed with mild asthma. She has a blue "
        "inhaler (salbutamol) to use when she is wheezy. I will bring a spare inhaler and the GP's letter on "
        "Monday.",
    )
