"""Demo school partnership (R54): what Willowbrook Community Preschool does with the village primary
school (the agencies demo adds the school and its Reception teacher). Idempotent: activities are
found by school and summary; the Reception teacher is added only if the school has none."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.core.models import Setting, User

from ..models import SchoolActivity

SCHOOL = "Willowbrook Church of England Primary School"  # as tandem/agencies/demo/directory.py
TEACHER = ("Rachel Thornton", "Reception teacher and early years lead", "r.thornton@willowbrook-primary.example.org")

ACTIVITIES = [
    (
        SchoolActivity.Kind.SHARED_PRACTICE,
        75,
        "Joint training on early reading with the Reception team: we shared how we introduce rhyme and sound "
        "games, they shared the phonics scheme children meet in Reception.",
        "Use the same words for the first sounds as the school's scheme from next term.",
    ),
    (
        SchoolActivity.Kind.VISIT_TO_SCHOOL,
        40,
        "Our pre-school room visited the Reception class for a story and the outdoor area. The children "
        "found the toilets, the cloakroom and where lunch is eaten.",
        "",
    ),
    (
        SchoolActivity.Kind.MEETING,
        12,
        "Summer term transition planning with Rachel Thornton: dates for teacher visits, the transition "
        "report and when records go to the school.",
        "Send the transition reports once families have agreed them.",
    ),
]


def reception_teacher(school: Agency) -> AgencyContact:
    """The school's Reception teacher (made if the school names none)."""
    found = AgencyContact.objects.filter(agency=school, active=True, role__icontains="reception").order_by("pk").first()
    if found is not None:
        return found
    name, role, email = TEACHER
    contact, _ = AgencyContact.objects.get_or_create(agency=school, name=name, defaults={"role": role, "email": email})
    return contact


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import MANAGER_EMAIL

    school = Agency.objects.filter(setting=setting, name=SCHOOL).first()
    if school is None:
        return
    reception_teacher(school)
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    today = timezone.localdate()
    for kind, days_ago, summary, follow_up in ACTIVITIES:
        SchoolActivity.objects.get_or_create(
            setting=setting,
            school=school,
            summary=summary,
            defaults={
                "kind": kind,
                "on": today - dt.timedelta(days=days_ago),
                "follow_up": follow_up,
                "led_by": manager,
            },
        )
