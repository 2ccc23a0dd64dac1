"""Demo news for Willowbrook (R28, R31, R32).

* The spring term newsletter, sent to every family five days ago, with a translation into Urdu
  by a person: Sana Ahmed, who prefers Urdu, got it (and reads it) in Urdu.
* An important notice about a change to collection (the garden gate), pinned to the notice board: Emma Morgan has
  confirmed it, it was explained in person to Janet Osborne, Sana Ahmed has read it but not
  confirmed, and Jack Morgan and Liam Carter have not opened it.
* A sports day newsletter scheduled for next week, and a draft.
Idempotent: each post is found by its title and made, and delivered, only once.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from tandem.core.models import Setting, User
from tandem.core.scheduling import enqueue_at

from ..models.news import Post, PostRecipient
from ..models.translations import Translation
from ..selectors.translations import fields_hash, original_fields
from ..tasks_news import deliver_post

NEWSLETTER = "Spring term newsletter"
NEWSLETTER_BODY = """## Welcome back

We hope you all had a restful half term. This term our topic is **Growing**: we will plant seeds, \
visit the allotment on Church Lane and watch our caterpillars turn into butterflies.

## Dates for your diary

- Stay and play: every Wednesday morning, 9:30 to 10:30
- Parents' evening: the last Thursday of the month
- Last day of term: Friday, home time at 1pm

## Reminders

- Please label your child's coat, wellies and water bottle.
- Sun cream: please put it on your child before they arrive.
- If your child has been sick or had diarrhoea, please keep them at home for 48 hours.

Thank you for your support,
Sarah Whitfield, Setting manager"""

NEWSLETTER_URDU = {
    "title": "بہار کی ٹرم کا نیوز لیٹر",
    "body": """## خوش آمدید

ہمیں امید ہے کہ آپ سب نے چھٹیوں میں آرام کیا۔ اس ٹرم ہمارا موضوع **اُگنا** ہے: ہم بیج بوئیں گے، \
چرچ لین کے باغیچے کی سیر کریں گے اور اپنی سنڈیوں کو تتلیاں بنتے دیکھیں گے۔

## یاد رکھنے کی تاریخیں

- کھیل اور ملاقات: ہر بدھ کی صبح، 9:30 سے 10:30 تک
- والدین کی شام: مہینے کی آخری جمعرات
- ٹرم کا آخری دن: جمعہ، دوپہر 1 بجے چھٹی

## یاد دہانیاں

- براہِ کرم اپنے بچے کے کوٹ، جوتوں اور پانی کی بوتل پر نام لکھیں۔
- سن کریم: براہِ کرم بچے کے آنے سے پہلے لگا دیں۔
- اگر آپ کے بچے کو اُلٹی یا دست ہوئے ہوں تو براہِ کرم اسے 48 گھنٹے گھر پر رکھیں۔

آپ کے تعاون کا شکریہ،
سارہ وائٹ فیلڈ، سیٹنگ مینیجر""",  # noqa: RUF001
}

NOTICE = "Collection from the garden gate from Monday"
NOTICE_BODY = """From **Monday**, while the hall entrance is repaired, please collect your child from the \
**garden gate on Church Lane**, not the main door. Session times do not change.

- Staff will bring the children to the gate and check who is collecting, as now.
- If someone else is collecting, tell us in the morning or send a message in Tandem.
- The gate has a step-free path; ring the bell if you need the ramp.

If anything about this is unclear, please ask any of us at the gate."""

SCHEDULED = "Sports day: what to bring"
SCHEDULED_BODY = """Sports day is on the field behind the hall. Please bring:

- a sun hat and a water bottle, with your child's name on them
- trainers, and clothes that can get grassy

Families are welcome to watch from 10am."""

DRAFT = "Autumn term dates"
DRAFT_BODY = "Term starts on the first Wednesday of September. More to follow."


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _deliver(post: Post, days_ago: int) -> None:
    """Send it as the task would, then date it back."""
    deliver_post.call(post.pk)
    when = timezone.now() - dt.timedelta(days=days_ago)
    Post.objects.filter(pk=post.pk).update(publish_at=when, published_at=when, created_at=when, updated_at=when)


def seed(*, setting: Setting) -> None:
    from tandem.people.management.commands.seed_demo import (
        FOSTER_CARER_EMAIL,
        MANAGER_EMAIL,
        OTHER_PARENT_EMAIL,
        PARENT_EMAIL,
    )

    manager = _user(MANAGER_EMAIL)
    existing = set(Post.objects.filter(setting=setting).values_list("title", flat=True))
    now = timezone.now()

    if NEWSLETTER not in existing:
        post = Post.objects.create(
            setting=setting,
            kind=Post.Kind.NEWSLETTER,
            title=NEWSLETTER,
            body=NEWSLETTER_BODY,
            created_by=manager,
            publish_at=now,
        )
        Translation.objects.create(
            content_type=ContentType.objects.get_for_model(Post),
            object_id=post.pk,
            language="ur",
            fields=NEWSLETTER_URDU,
            source=Translation.Source.HUMAN,
            translated_by=manager,
            original_hash=fields_hash(original_fields(post)),
        )
        _deliver(post, days_ago=5)
        PostRecipient.objects.filter(post=post, user__email__in=[PARENT_EMAIL, OTHER_PARENT_EMAIL]).update(
            read_at=now - dt.timedelta(days=4)
        )

    if NOTICE not in existing:
        post = Post.objects.create(
            setting=setting,
            kind=Post.Kind.NOTICE,
            title=NOTICE,
            body=NOTICE_BODY,
            important=True,
            pinned=True,
            created_by=manager,
            publish_at=now,
        )
        _deliver(post, days_ago=2)
        rows = PostRecipient.objects.filter(post=post)
        yesterday = now - dt.timedelta(days=1)
        rows.filter(user__email=PARENT_EMAIL).update(
            read_at=yesterday, confirmed_at=yesterday, confirmed_how=PostRecipient.How.APP
        )
        rows.filter(user__email=FOSTER_CARER_EMAIL).update(
            read_at=yesterday,
            confirmed_at=yesterday,
            confirmed_how=PostRecipient.How.IN_PERSON,
            confirmed_recorded_by=manager,
            confirmation_note="Explained by Sarah at collection; Janet will tell Mike.",
        )
        rows.filter(user__email=OTHER_PARENT_EMAIL).update(read_at=yesterday)

    if SCHEDULED not in existing:
        when = timezone.localtime(now + dt.timedelta(days=7)).replace(hour=8, minute=0, second=0, microsecond=0)
        post = Post.objects.create(
            setting=setting,
            kind=Post.Kind.NEWSLETTER,
            title=SCHEDULED,
            body=SCHEDULED_BODY,
            created_by=manager,
            publish_at=when,
        )
        transaction.on_commit(lambda: enqueue_at(deliver_post, when, post.pk))

    if DRAFT not in existing:
        Post.objects.create(setting=setting, kind=Post.Kind.NEWS, title=DRAFT, body=DRAFT_BODY, created_by=manager)
