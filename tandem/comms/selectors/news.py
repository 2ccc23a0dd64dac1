"""Reading news, newsletters and notices (R28) and who has confirmed them (R32).

Every list is filtered in the database (``permitted``) and keeps a fixed number of queries
however many posts or recipients there are: counts are correlated subqueries, the reader's own
delivery row is a subquery, and the children of a page of recipients come in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from tandem.core.access import can, permitted, setting_roles
from tandem.core.models import Setting, User
from tandem.people.models import Child, ChildAdult
from tandem.people.selectors import current

from ..actions.news import NEWS_READ, NEWS_WRITE
from ..languages import ENGLISH, languages_of_users, name_of
from ..models.news import Post, PostRecipient
from ..models.translations import Translation

DRAFT, SCHEDULED, SENDING, PUBLISHED, WITHDRAWN = "draft", "scheduled", "sending", "published", "withdrawn"
STATUSES = (
    (DRAFT, "Draft"),
    (SCHEDULED, "Scheduled"),
    (SENDING, "Being sent"),
    (PUBLISHED, "Published"),
    (WITHDRAWN, "Withdrawn"),
)
STATUS_LABELS = dict(STATUSES)


def status_of(post: Post, now: Any = None) -> str:
    now = now or timezone.now()
    if post.withdrawn_at:
        return WITHDRAWN
    if post.published_at:
        return PUBLISHED
    if post.publish_at is None:
        return DRAFT
    return SCHEDULED if post.publish_at > now else SENDING


def _status_expression() -> Case:
    now = timezone.now()
    return Case(
        When(withdrawn_at__isnull=False, then=Value(WITHDRAWN)),
        When(published_at__isnull=False, then=Value(PUBLISHED)),
        When(publish_at__isnull=True, then=Value(DRAFT)),
        When(publish_at__gt=now, then=Value(SCHEDULED)),
        default=Value(SENDING),
        output_field=CharField(),
    )


def _count(condition: Q) -> Coalesce:
    rows = (
        PostRecipient.objects.filter(condition, post=OuterRef("pk"))
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


# --- staff ------------------------------------------------------------------------------------


def staff_posts(*, setting: Setting, kind: str = "", status: str = "") -> QuerySet[Post]:
    """Every post of the setting, newest first, with its status and read and confirmed counts."""
    posts = Post.objects.filter(setting=setting).select_related("created_by").annotate(status=_status_expression())
    if kind in Post.Kind.values:
        posts = posts.filter(kind=kind)
    if status in STATUS_LABELS:
        posts = posts.filter(status=status)
    posts = posts.annotate(
        read_count=_count(Q(read_at__isnull=False)),
        confirmed_count=_count(Q(confirmed_at__isnull=False)),
    )
    return posts.order_by(F("published_at").desc(nulls_first=True), F("publish_at").desc(nulls_first=True), "-pk")


def counts_of(post: Post) -> dict[str, int]:
    """How many received, read and (for an important post) confirmed it. One query."""
    found = PostRecipient.objects.filter(post=post).aggregate(
        total=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        in_person=Count("pk", filter=Q(confirmed_how=PostRecipient.How.IN_PERSON)),
    )
    found["waiting"] = found["total"] - found["confirmed"]
    return found


@dataclass
class RecipientRow:
    recipient: PostRecipient
    children: list[str]
    preferred: str = ENGLISH  # the parent's preferred language now

    @property
    def language_name(self) -> str:
        return name_of(self.preferred)

    @property
    def sent_in_name(self) -> str:
        """The language it was sent in, when not the parent's own (no translation existed)."""
        sent = self.recipient.language or ENGLISH
        return name_of(sent) if sent != self.preferred else ""


def recipients_of(post: Post, *, waiting_only: bool = False) -> QuerySet[PostRecipient]:
    rows = PostRecipient.objects.filter(post=post).select_related("user", "confirmed_recorded_by")
    if waiting_only:
        rows = rows.filter(confirmed_at__isnull=True)
    return rows.order_by("confirmed_at", "user__last_name", "user__first_name", "pk")


def with_children(post: Post, recipients: list[PostRecipient]) -> list[RecipientRow]:
    """Each recipient with the names of their children in the post's setting and their preferred
    language. Two queries a page."""
    links = ChildAdult.objects.filter(
        adult__user_id__in=[r.user_id for r in recipients],
        child__setting_id=post.setting_id,
        no_information=False,
    ).order_by("child__first_name", "child__last_name")
    names: dict[int, list[str]] = {}
    for link in links.values_list("adult__user_id", "child__preferred_name", "child__first_name", "child__last_name"):
        user_id, preferred, first, last = link
        names.setdefault(user_id, []).append(f"{preferred or first} {last}")
    languages = languages_of_users([r.user_id for r in recipients])
    return [RecipientRow(r, names.get(r.user_id, []), languages[r.user_id]) for r in recipients]


def recipient(post: Post, recipient_id: int) -> PostRecipient | None:
    return PostRecipient.objects.select_related("user").filter(post=post, pk=recipient_id).first()


def last_reminder(post: Post) -> Any:
    return (
        PostRecipient.objects.filter(post=post, reminded_at__isnull=False)
        .order_by("-reminded_at")
        .values_list("reminded_at", flat=True)
        .first()
    )


# --- who receives a post ------------------------------------------------------------------------


def audience_children(post: Post) -> QuerySet[Child]:
    """The current children of the setting whose families the post is for."""
    children = current(Child.objects.filter(setting_id=post.setting_id))
    if post.audience == Post.Audience.ROOMS:
        children = children.filter(room_id__in=Post.rooms.through.objects.filter(post_id=post.pk).values("room_id"))
    elif post.audience == Post.Audience.FAMILIES:
        children = children.filter(pk__in=Post.children.through.objects.filter(post_id=post.pk).values("child_id"))
    return children


def audience_user_ids(post: Post) -> QuerySet[Any]:
    """The distinct accounts of the adults linked to those children whom no restriction keeps from
    information about them. Computed in the database."""
    links = ChildAdult.objects.filter(no_information=False, child__in=audience_children(post))
    return (
        User.objects.filter(is_active=True, adult__links__in=links)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


# --- parents ------------------------------------------------------------------------------------


def _mine(user: User, field: str) -> Subquery:
    return Subquery(PostRecipient.objects.filter(post=OuterRef("pk"), user=user).values(field)[:1])


def archive(*, actor: User, kind: str = "") -> QuerySet[Post]:
    """The posts this parent may read, newest first, each with their own read and confirmed time."""
    posts = permitted(actor, NEWS_READ, Post.objects.select_related("setting"))
    if kind in Post.Kind.values:
        posts = posts.filter(kind=kind)
    return posts.annotate(
        my_read_at=_mine(actor, "read_at"),
        my_confirmed_at=_mine(actor, "confirmed_at"),
        my_recipient=_mine(actor, "pk"),
    ).order_by("-published_at", "-pk")


def to_confirm(*, actor: User) -> QuerySet[Post]:
    """Important posts sent to this parent that they have not yet confirmed."""
    waiting = PostRecipient.objects.filter(user=actor, confirmed_at__isnull=True).values("post_id")
    return (
        permitted(actor, NEWS_READ, Post.objects.filter(important=True, pk__in=waiting))
        .select_related("setting")
        .order_by("-published_at", "-pk")
    )


def has_translation(post: Post, language: str) -> bool:
    return Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(Post), object_id=post.pk, language=language
    ).exists()


def delivery_of(post: Post, user: User) -> PostRecipient | None:
    return PostRecipient.objects.filter(post=post, user=user).first()


def pinned_for(user: User, setting: Setting) -> list[Post]:
    """The published pinned notices of the setting this person may see: for a parent, those
    addressed to their family; for its staff, those to every family or to rooms, and also those to
    chosen families for the staff who write them (a notice to chosen families may be about them)."""
    posts = Post.objects.filter(
        setting=setting, pinned=True, published_at__isnull=False, withdrawn_at__isnull=True
    ).order_by("-published_at", "-pk")
    if can(user, NEWS_WRITE, setting):
        visible = posts
    elif setting.pk in {s for s, _, _ in setting_roles(user)}:
        staff = posts.filter(audience__in=[Post.Audience.SETTING, Post.Audience.ROOMS])
        visible = staff | permitted(user, NEWS_READ, posts)
    else:
        visible = permitted(user, NEWS_READ, posts)
    return list(visible[:10])


def rooms_and_children(setting: Setting) -> tuple[QuerySet[Any], QuerySet[Child]]:
    """What a writer may choose from: the setting's rooms and its current children."""
    return (
        setting.rooms.order_by("name"),
        current(Child.objects.filter(setting=setting)).order_by("first_name", "last_name"),
    )
