"""Demo retention for Willowbrook (R67). DEMO DATA, INVENTED: every name here is made up.

* The schedule from Willowbrook's record-keeping policy: the minimums, with complaints kept for 3
  years ("A record of complaints will be kept for at least 3 years", the complaints policy) and
  children's records for 3 years after they leave.
* Two former children, archived: Poppy Hartley, who left four summers ago (her children's records
  are past their 3 years, so due for review), and Oscar Bramwell, who left last summer (inside the
  period). Each has a parent linked to no other child and a dietary need.

Idempotent: the rules are found by type, the children by name.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child, ChildAdult, Need, Relationship

from ..models import Archive, RecordType, RetentionRule
from ..retention import MINIMUMS

POLICY: dict[str, str] = {
    RecordType.CHILD: "Record keeping policy: children's records kept 3 years after they leave.",
    RecordType.SEN: "SEND policy: kept until the child is 25.",
    RecordType.SAFEGUARDING: "Safeguarding policy: kept until the child is 25.",
    RecordType.ACCIDENTS: "Health and safety policy: kept until the child is 21.",
    RecordType.COMPLAINTS: "Complaints policy: a record of complaints kept for at least 3 years.",
    RecordType.FINANCIAL: "Finance policy: 6 years after the end of the financial year.",
}
OLD_LEAVER = ("Poppy", "Hartley", "Rachel")  # child first, last, parent's first name
RECENT_LEAVER = ("Oscar", "Bramwell", "Daniela")


def _summer(years_before_last: int) -> dt.date:
    """The 31 July of last summer (the latest one before today), or of ``years_before_last`` summers before it."""
    today = timezone.localdate()
    year = today.year if today > dt.date(today.year, 7, 31) else today.year - 1
    return dt.date(year - years_before_last, 7, 31)


def _former_child(setting: Setting, names: tuple[str, str, str], left: dt.date, manager: User | None) -> None:
    from tandem.attendance.demo.register import PATTERNS
    from tandem.enrolment.models.registration import Registration
    from tandem.people.management.commands.seed_demo import DANIEL, KEY_PERSON_EMAIL

    first, last, parent = names
    child = Child.objects.filter(setting=setting, first_name=first, last_name=last).first()
    if child is None:
        child = Child.objects.create(
            setting=setting,
            room=setting.rooms.filter(name="Butterflies").first(),  # the year before school, where they left from
            key_person=User.objects.filter(email=KEY_PERSON_EMAIL).first(),
            backup_key_person=User.objects.filter(email=DANIEL).first(),
            first_name=first,
            last_name=last,
            date_of_birth=dt.date(left.year - 4, 11, 14),
            start_date=dt.date(left.year - 2, 9, 1),
            leaving_date=left,
            created_at=timezone.make_aware(dt.datetime(left.year - 2, 8, 20, 10, 0)),
        )
        adult = Adult.objects.create(
            setting=setting,
            first_name=parent,
            last_name=last,
            email=f"{parent.lower()}.{last.lower()}@example.org",
            phone="07700 900" + str(500 + len(first)),
        )
        ChildAdult.objects.create(
            child=child,
            adult=adult,
            relationship=Relationship.BIRTH_PARENT,
            parental_responsibility=True,
            lives_with_child=True,
            emergency_contact=True,
            emergency_priority=1,
        )
        Need.objects.create(child=child, kind=Need.Kind.DIETARY, summary="(Demo) No pork")
        # The sessions they came for, as every demo child has (so a second seed adds none).
        Registration.objects.create(child=child, status=Registration.Status.REVIEWED, revision=1, sessions=PATTERNS[0])
    if not Archive.objects.filter(child=child).exists():
        Archive.objects.create(
            child=child,
            setting=setting,
            archived_by=manager,
            archived_at=timezone.make_aware(dt.datetime.combine(left + dt.timedelta(days=1), dt.time(9, 0))),
            note="(Demo) Left for school.",
        )


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    for code, minimum in MINIMUMS.items():
        RetentionRule.objects.get_or_create(
            setting=setting,
            record_type=code,
            defaults={"years": minimum.years, "policy_note": POLICY[code], "updated_by": manager},
        )
    _former_child(setting, OLD_LEAVER, _summer(4), manager)  # four summers before last: well past 3 years
    _former_child(setting, RECENT_LEAVER, _summer(0), manager)
