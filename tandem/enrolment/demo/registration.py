"""Demo: registration forms and session changes at Willowbrook.

The main demo parent (Emma Morgan) has a registration form in draft for Alfie and a pending
request to change Isla's sessions. Other families' forms show each stage, including one the
administrator completed over the phone with a grandmother who needed an interpreter.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Child

from ..models.registration import Registration, SessionChangeRequest


def _child(setting: Setting, name: str) -> Child | None:
    first, last = name.split(" ", 1)
    return Child.objects.filter(setting=setting, first_name=first, last_name=last).first()


FORMS = [
    # (child, status, sessions, fields, helped)
    (
        "Alfred Morgan",
        Registration.Status.DRAFT,
        ["mon_am", "tue_am", "thu_day"],
        {
            "gp_name": "Dr Priya Shah",
            "gp_surgery": "Willowbrook Health Centre",
            "home_languages": "English",
            "dietary_needs": "",
            "medical_needs": "Mild eczema: we use an emollient cream morning and evening.",
        },
        False,
    ),
    (
        "Isla Morgan",
        Registration.Status.REVIEWED,
        ["mon_day", "tue_day", "wed_am"],
        {
            "gp_name": "Dr Priya Shah",
            "gp_surgery": "Willowbrook Health Centre",
            "gp_phone": "01632 960555",
            "health_visitor": "Claire Benson, 01632 960777",
            "home_languages": "English",
            "medical_needs": "",
            "anything_else": "Isla loves drawing and is a little shy at first.",
        },
        False,
    ),
    (
        "Zara Ahmed",
        Registration.Status.REVIEWED,
        ["mon_day", "wed_day", "fri_am"],
        {
            "gp_name": "Dr Hannah Okafor",
            "gp_surgery": "Station Road Surgery",
            "gp_phone": "01632 960444",
            "home_languages": "Urdu, Punjabi, English",
            "dietary_needs": "Halal meat only.",
        },
        True,
    ),
    (
        "Aarav Sharma",
        Registration.Status.SUBMITTED,
        ["tue_pm", "wed_pm", "thu_pm"],
        {
            "gp_name": "Dr Tom Hale",
            "gp_surgery": "Willowbrook Health Centre",
            "home_languages": "Hindi, English",
            "dietary_needs": "Vegetarian: no meat, fish or eggs.",
        },
        False,
    ),
    (
        "Harry O'Brien",
        Registration.Status.SUBMITTED,
        ["mon_am", "tue_am", "wed_am", "thu_am", "fri_am"],
        {"gp_name": "Dr Tom Hale", "gp_surgery": "Willowbrook Health Centre", "home_languages": "English"},
        True,
    ),
]


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import ADMINISTRATOR_EMAIL, DEPUTY_EMAIL, PARENT_EMAIL

    admin = User.objects.filter(email=ADMINISTRATOR_EMAIL).first()
    deputy = User.objects.filter(email=DEPUTY_EMAIL).first()
    parent = User.objects.filter(email=PARENT_EMAIL).first()
    now = timezone.now().replace(microsecond=0)
    for days, (name, status, sessions, fields, helped) in enumerate(FORMS):
        child = _child(setting, name)
        if child is None or Registration.objects.filter(child=child).exists():
            continue
        sent = now - dt.timedelta(days=30 - days * 3)
        by_parent = name.endswith("Morgan")
        registration = Registration(
            child=child,
            status=status,
            revision=1,
            sessions=sessions,
            preferred_start_date=child.start_date,
            created_at=sent - dt.timedelta(days=2),
            updated_at=sent,
            submitted_by=None if status == Registration.Status.DRAFT else (parent if by_parent else admin),
            submitted_at=None if status == Registration.Status.DRAFT else sent,
            completed_with_help=helped,
            helped_by=admin if helped else None,
            help_note=(
                "Completed over the phone with Grandma, with an Urdu interpreter on the line"
                if name == "Zara Ahmed"
                else "Filled in together with Dad at the settling-in visit"
            )
            if helped
            else "",
            reviewed_by=deputy if status == Registration.Status.REVIEWED else None,
            reviewed_at=sent + dt.timedelta(days=2) if status == Registration.Status.REVIEWED else None,
            **fields,
        )
        registration.save()

    isla = _child(setting, "Isla Morgan")
    if isla is not None and not SessionChangeRequest.objects.filter(child=isla).exists():
        SessionChangeRequest.objects.create(
            child=isla,
            sessions=["mon_day", "tue_day", "wed_day"],
            from_date=timezone.localdate() + dt.timedelta(days=21),
            reason="I am going back to work three days a week from next month.",
            requested_by=parent,
            requested_at=now - dt.timedelta(days=2),
        )
    zara = _child(setting, "Zara Ahmed")
    if zara is not None and not SessionChangeRequest.objects.filter(child=zara).exists():
        SessionChangeRequest.objects.create(
            child=zara,
            sessions=["mon_day", "wed_day", "fri_day"],
            from_date=timezone.localdate() - dt.timedelta(days=30),
            reason="Could Zara stay for lunch on Fridays too?",
            requested_by=User.objects.filter(email__startswith="parent2@").first(),
            requested_at=now - dt.timedelta(days=45),
            status=SessionChangeRequest.Status.APPROVED,
            decided_by=deputy,
            decided_at=now - dt.timedelta(days=40),
            decision_reason="Yes: there is room in Ladybirds on Friday afternoons.",
        )
