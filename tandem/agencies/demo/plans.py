"""Demo support plan for Willowbrook (R22, R23): an agreed SEN support plan for Alfie Morgan (speech and
language), written six weeks ago by Chloe, his key person, with Emma, his mum, who agreed it. Three
targets, one review a week ago (carry on), comments from Emma and Fiona, the SENCO; the next review
is in five weeks. Idempotent: found again by Alfie and the plan's concern.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.people.models import Adult, Child

from ..models import PlanComment, PlanReview, PlanTarget, SupportPlan

CONCERN = (
    "Alfie uses about 20 single words and points to show what he wants. He gets frustrated when he is not "
    "understood, and he finds it hard to listen in a group for more than a minute or two. His progress "
    "check at two showed that his talking is behind what we would expect for his age."
)
STRENGTHS = (
    "Alfie loves vehicles, the water tray and action songs. He copies actions quickly, is gentle with the "
    "younger children, and his big sister Isla is his favourite person."
)
TARGETS = [
    (
        "Puts two words together to ask for what he wants",
        "Chloe models two-word phrases at snack time and in play ('more milk', 'red car') and offers a choice "
        "of two, waiting for Alfie to say his choice.",
        "Offer a choice of two at mealtimes and wait; name things together at bath time.",
        "Chloe (key person) every day; Bethan when Chloe is away; Emma and Jack at home.",
        PlanTarget.Progress.WORKING,
    ),
    (
        "Listens and answers to his name in a small group",
        "Short small-group games with his name in the songs, twice a week with Bethan.",
        "Say his name and get down to his level before asking him something.",
        "Bethan on Tuesdays and Thursdays; the whole family at home.",
        PlanTarget.Progress.WORKING,
    ),
    (
        "Joins in with action songs and rhymes",
        "Action songs at circle time, with the same three songs each week so he knows them.",
        "Sing the songs from the setting's song sheet in the car.",
        "Chloe at circle time; Emma in the car.",
        PlanTarget.Progress.ACHIEVED,
    ),
]


def _at(days_ago: int, hour: int = 15) -> dt.datetime:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import CHLOE, PARENT_EMAIL, SENCO_EMAIL

    alfie = Child.objects.filter(setting=setting, first_name="Alfred", last_name="Morgan").first()
    if alfie is None or SupportPlan.objects.filter(child=alfie, concern=CONCERN).exists():
        return
    chloe = User.objects.filter(email=CHLOE).first()
    fiona = User.objects.filter(email=SENCO_EMAIL).first()
    emma = Adult.objects.filter(setting=setting, email=PARENT_EMAIL).first()
    if chloe is None or fiona is None or emma is None:
        return
    today = timezone.localdate()
    plan = SupportPlan.objects.create(
        child=alfie,
        kind=SupportPlan.Kind.SEN,
        status=SupportPlan.Status.AGREED,
        concern=CONCERN,
        strengths=STRENGTHS,
        review_on=today + dt.timedelta(days=35),
        created_by=chloe,
        created_at=_at(42),
        updated_at=_at(7),
        version=6,
        agreed_by=emma,
        agreed_at=_at(38, 9),
    )
    for order, (target, in_setting, at_home, who, progress) in enumerate(TARGETS):
        PlanTarget.objects.create(
            plan=plan, target=target, in_setting=in_setting, at_home=at_home, who=who, progress=progress, order=order
        )
    PlanReview.objects.create(
        plan=plan,
        held_on=today - dt.timedelta(days=7),
        who_attended="Emma Morgan (Mum), Chloe (key person), Fiona Gallagher (SENCO)",
        progress="Alfie now uses about 35 words and has started putting two together ('more juice', 'bye car'). "
        "He joins in with the action songs every day. Listening in a group is still hard after a few minutes.",
        family_views="Emma hears more words at bath time and is pleased. She asked for ideas for car journeys.",
        outcome=PlanReview.Outcome.CONTINUE,
        next_review_on=today + dt.timedelta(days=35),
        recorded_by=chloe,
        recorded_at=_at(7, 16),
    )
    PlanComment.objects.create(
        plan=plan,
        author=emma.user,
        author_role="Parent",
        body="He said 'more juice' at breakfast today and was so proud of himself! Thank you for the ideas.",
        created_at=_at(20, 8),
    )
    PlanComment.objects.create(
        plan=plan,
        author=fiona,
        author_role="SENCO",
        body="Lovely progress. I have asked the speech and language therapy service to see Alfie, and I will "
        "let you know the date as soon as I have it.",
        created_at=_at(6, 11),
    )
