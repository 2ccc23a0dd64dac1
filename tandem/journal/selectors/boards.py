"""Reading a room's boards (R19, R20): what a family sees, and what the staff see before publishing.

A family sees only published boards and, on them, only the photos ``family_visible`` allows now
(every child pictured has consent to photographs on display). Staff who write the board see
everything, with the children who keep each photo from families.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from tandem.core.access import can, memo, permitted
from tandem.core.models import Room, Setting, User
from tandem.enrolment.selectors.consents import consents_for_children
from tandem.people.models import Child

from ..actions.boards import BOARD_VIEW, BOARD_WRITE
from ..models import DailyBoard, Media, PlanningFocus
from .media import BOARD_PHOTO_CONSENT, family_visible


def is_writer(actor: User, room: Room) -> bool:
    """May this person write the room's board (and so see it whole)? Asked once per request."""
    return bool(memo(actor, f"journal_board_writer_{room.pk}", lambda: can(actor, BOARD_WRITE, room)))


def boards_of(*, actor: User, room: Room) -> QuerySet[DailyBoard]:
    """The room's boards this person may read: all for the staff who write them, published for families."""
    boards = DailyBoard.objects.filter(room=room)
    if not is_writer(actor, room):
        boards = boards.filter(published=True)
    return boards.select_related("room").order_by("-date", "-pk")


def board_of(*, actor: User, room: Room, board_id: int) -> DailyBoard | None:
    return boards_of(actor=actor, room=room).filter(pk=board_id).first()


def todays_board(*, actor: User, room: Room) -> DailyBoard | None:
    return boards_of(actor=actor, room=room).filter(date=timezone.localdate()).first()


def archive(*, actor: User, room: Room) -> QuerySet[DailyBoard]:
    """The days before today, newest first (paginate it)."""
    return boards_of(actor=actor, room=room).filter(date__lt=timezone.localdate())


def visible_media(*, actor: User, room: Room) -> QuerySet[Media]:
    """The board photos this person may open: families only those on published boards that every
    pictured child's consent allows now."""
    media = Media.objects.filter(board__room=room)
    if is_writer(actor, room):
        return media
    return family_visible(media.filter(board__published=True), BOARD_PHOTO_CONSENT)


def board_photos(*, actor: User, board: DailyBoard) -> list[Media]:
    """The board's photos as this person may see them, in order. One or two queries."""
    media = visible_media(actor=actor, room=board.room).filter(board=board).order_by("order", "pk")
    return list(media)


@dataclass
class StaffPhoto:
    media: Media
    pictured: list[Child] = field(default_factory=list)
    blocking: list[Child] = field(default_factory=list)

    @property
    def families_see(self) -> bool:
        return self.media.is_ready and not self.blocking


def staff_photos(*, actor: User, board: DailyBoard) -> list[StaffPhoto]:
    """Every photo of the board with the children pictured and those whose consent to photographs
    on display is missing now (they keep the photo from families). Three queries in all."""
    if not is_writer(actor, board.room):
        return []
    media = list(
        Media.objects.filter(board=board)
        .prefetch_related(Prefetch("children", queryset=Child.objects.order_by("first_name", "last_name")))
        .order_by("order", "pk")
    )
    pictured = {c.pk: c for m in media for c in m.children.all()}
    states = consents_for_children(list(pictured.values()), BOARD_PHOTO_CONSENT) if pictured else {}
    return [
        StaffPhoto(
            media=m,
            pictured=list(m.children.all()),
            blocking=[c for c in m.children.all() if not states[c.pk].given],
        )
        for m in media
    ]


def children_of_room(room: Room) -> QuerySet[Child]:
    """The children who may be pictured on the room's board: those in the room who have not left."""
    today = timezone.localdate()
    current = Child.objects.filter(room=room).exclude(leaving_date__lt=today)
    return current.order_by("first_name", "last_name")


def rooms_for(*, actor: User, room: Room) -> QuerySet[Room]:
    """The rooms of the same setting whose boards this person may read (to switch between them)."""
    return permitted(actor, BOARD_VIEW, Room.objects.filter(setting_id=room.setting_id)).order_by("name")


def writable_rooms(*, actor: User, setting: Setting) -> QuerySet[Room]:
    """The rooms of the setting whose boards ``actor`` may write (for the journal page)."""
    return permitted(actor, BOARD_WRITE, Room.objects.filter(setting=setting).order_by("name"))


# --- the planning board -----------------------------------------------------------------------


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def this_weeks_focuses(room: Room) -> list[PlanningFocus]:
    week = week_of(timezone.localdate())
    return list(PlanningFocus.objects.filter(room=room, week_starting=week).select_related("area").order_by("pk"))


def planning(room: Room) -> QuerySet[PlanningFocus]:
    """Every focus of the room's planning board, newest week first (paginate it)."""
    return PlanningFocus.objects.filter(room=room).select_related("area").order_by("-week_starting", "pk")


def focus_of(room: Room, focus_id: int) -> PlanningFocus | None:
    return PlanningFocus.objects.filter(room=room, pk=focus_id).first()
