"""Demo summaries: Isla's last term, shared with Emma, who added her views; and a draft for Freddie
that Amira is still writing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.management.commands import seed_demo
from tandem.people.models import Child

from ..models import Area, NextStep, Summary
from ..services import summaries as services
from ..services.eyfs import journal_settings
from .home import isla

ISLA_AREAS = {
    "CL": "Isla talks confidently in long sentences and loves retelling stories, adding her own endings.",
    "PSED": "She has made firm friends with Ruby and Theo and now waits for her turn in games.",
    "PD": "She climbs, balances and pedals the trikes with control; her pencil grip is getting stronger.",
    "M": "She counts reliably to 20 and spots numbers everywhere: on buses, doors and clocks.",
    "UW": "She is fascinated by how things grow and checks the bean plants every morning.",
}


def _band(child: Child, day: dt.date) -> object:
    years, months = child.age_on(day)
    return services.band_for_age(journal_settings(child.setting_id).framework, years * 12 + months)


def seed(*, setting: Setting) -> None:
    amira = User.objects.get(email=seed_demo.KEY_PERSON_EMAIL)
    emma = User.objects.get(email=seed_demo.PARENT_EMAIL)
    child = isla(setting)
    today = timezone.localdate()
    end = today - dt.timedelta(days=14)
    start = end - dt.timedelta(days=84)
    areas = {a.code: a for a in Area.objects.all()}
    if not Summary.objects.filter(child=child, title="Last term").exists():
        band = _band(child, end)
        summary = services.create_summary(
            actor=amira,
            child=child,
            title="Last term",
            period_start=start,
            period_end=end,
            overview=(
                "Isla has had a **wonderful** term. She comes in happily, goes straight to her friends and is "
                "always the first to help tidy up. She is curious, asks lots of questions and is proud of her work."
            ),
            areas=[(areas[code], band, text) for code, text in ISLA_AREAS.items()],  # type: ignore[misc]
            next_steps=NextStep.objects.filter(child=child, status=NextStep.Status.OPEN),
        )
        services.share_summary(actor=amira, child=child, summary=summary)
        services.record_parents_views(
            actor=emma,
            child=child,
            summary=summary,
            text=(
                "We are so pleased with how Isla is doing. At home she is always counting and wants to write "
                "everyone's names on her cards. She is a bit shy with new grown-ups, so we are practising saying "
                "hello to the neighbours."
            ),
        )
    freddie = Child.objects.filter(setting=setting, first_name="Freddie", last_name="Hughes").first()
    if freddie is not None and not Summary.objects.filter(child=freddie, title="This term").exists():
        services.create_summary(
            actor=amira,
            child=freddie,
            title="This term",
            period_start=today - dt.timedelta(days=70),
            period_end=today,
            overview="Freddie has enjoyed the garden most of all this term. (Draft: still writing.)",
            areas=[(areas["PD"], _band(freddie, today), "Freddie can hop on one foot and catch a big ball.")],  # type: ignore[list-item]
        )
