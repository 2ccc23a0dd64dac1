"""Every write to a room's boards (R19, R20): keyword-only, one transaction, audited.

Photos are kept by ``services.media.keep_uploads`` (checked in the request, cleaned in the task
queue) with the children pictured: a family sees a board photo only while each of them has
consent to photographs on display.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone

from tandem.core import audit
from tandem.core.access import require
from tandem.core.models import Room, User
from tandem.people.models import Child

from ..actions.boards import BOARD_WRITE
from ..models import Area, DailyBoard, Media, PlanningFocus
from .media import keep_uploads

CAPTION_MAX = 300


def _audit(event: str, actor: User, room: Room, obj: models.Model) -> None:
    audit.record(event, actor, obj=obj, setting_id=room.setting_id)


# --- the daily board --------------------------------------------------------------------------


def save_board(
    *,
    actor: User,
    room: Room,
    date: dt.date,
    today: str,
    try_at_home: str = "",
    board: DailyBoard | None = None,
) -> DailyBoard:
    """Write a day's board for the room (or change it). One board a room a day."""
    require(actor, BOARD_WRITE, room)
    today, try_at_home = (today or "").strip(), (try_at_home or "").strip()
    errors: dict[str, str] = {}
    if not today:
        errors["today"] = "Write what the children explored today."
    if date is None:
        errors["date"] = "Enter the day of the board."
    elif date > timezone.localdate():
        errors["date"] = "A daily board is for today or a day that has passed."
    if errors:
        raise ValidationError(errors)
    if board is not None and board.room_id != room.pk:
        raise ValidationError("This board belongs to another room.")
    taken = ValidationError({"date": "There is already a board for that day: open it from the list to change it."})
    try:
        with transaction.atomic():
            clash = DailyBoard.objects.select_for_update().filter(room=room, date=date)
            if board is not None:
                clash = clash.exclude(pk=board.pk)
            if clash.exists():
                raise taken
            created = board is None
            if board is None:
                board = DailyBoard(room=room, author=actor)
            board.date, board.today, board.try_at_home = date, today, try_at_home
            board.updated_at = timezone.now()
            board.save()
            _audit("journal.board.created" if created else "journal.board.changed", actor, room, board)
    except IntegrityError:  # two people started the day's board at the same moment
        raise taken from None
    return board


def publish_board(*, actor: User, board: DailyBoard, publish: bool) -> DailyBoard:
    """Show the board to the room's families (or take it down)."""
    require(actor, BOARD_WRITE, board.room)
    with transaction.atomic():
        DailyBoard.objects.filter(pk=board.pk).update(published=publish, updated_at=timezone.now())
        board.published = publish
        _audit("journal.board.published" if publish else "journal.board.unpublished", actor, board.room, board)
    return board


def add_board_photo(
    *,
    actor: User,
    board: DailyBoard,
    upload: UploadedFile | None,
    caption: str = "",
    children: list[int] | None = None,
    no_children: bool = False,
) -> Media:
    """Add a photo or video to a board, saying who is pictured: some children of the room, or
    nobody. The choice is required, so no photo of a child is ever shown without the check."""
    require(actor, BOARD_WRITE, board.room)
    chosen = sorted(set(children or []))
    caption = (caption or "").strip()
    errors: dict[str, str] = {}
    if upload is None:
        errors["photo"] = "Choose a photo or a video to add."
    if chosen and no_children:
        errors["children"] = "Choose the children pictured, or tick 'No children are pictured', not both."
    elif not chosen and not no_children:
        errors["children"] = "Choose the children pictured, or tick 'No children are pictured'."
    if len(caption) > CAPTION_MAX:
        errors["caption"] = f"Keep the caption under {CAPTION_MAX} characters."
    if errors:
        raise ValidationError(errors)
    in_room = set(Child.objects.filter(room_id=board.room_id, pk__in=chosen).values_list("pk", flat=True))
    if len(in_room) != len(chosen):
        raise ValidationError({"children": "Choose only children of this room."})
    assert upload is not None
    with transaction.atomic():
        DailyBoard.objects.select_for_update().filter(pk=board.pk).first()
        start = (Media.objects.filter(board=board).aggregate(n=Max("order"))["n"] or 0) + 1
        try:
            (media,) = keep_uploads(
                actor=actor,
                setting=board.room.setting,
                uploads=[upload],
                board_id=board.pk,
                children=chosen,
                start_order=start,
            )
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
        if caption:
            Media.objects.filter(pk=media.pk).update(caption=caption)
            media.caption = caption
        _audit("journal.board.photo_added", actor, board.room, media)
    return media


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def remove_board_photo(*, actor: User, board: DailyBoard, media_id: int) -> None:
    require(actor, BOARD_WRITE, board.room)
    with transaction.atomic():
        media = Media.objects.filter(pk=media_id, board=board).first()
        if media is None:
            raise ValidationError("That photo has already been removed.")
        names = [f.name for f in (media.original, media.display, media.thumbnail) if f]
        _audit("journal.board.photo_removed", actor, board.room, media)
        media.delete()
        transaction.on_commit(lambda: _delete_files(names))


# --- the planning board -----------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week ``day`` falls in."""
    return day - dt.timedelta(days=day.weekday())


def save_focus(
    *,
    actor: User,
    room: Room,
    week_starting: dt.date,
    area: Area | None,
    focus: str,
    home_ideas: str = "",
    item: PlanningFocus | None = None,
) -> PlanningFocus:
    """Add (or change) a focus on the room's planning board for a week, with ideas for home."""
    require(actor, BOARD_WRITE, room)
    focus, home_ideas = (focus or "").strip(), (home_ideas or "").strip()
    errors: dict[str, str] = {}
    if not focus:
        errors["focus"] = "Write what the room will focus on."
    if week_starting is None:
        errors["week_starting"] = "Enter the week."
    if errors:
        raise ValidationError(errors)
    if item is not None and item.room_id != room.pk:
        raise ValidationError("This focus belongs to another room.")
    with transaction.atomic():
        created = item is None
        if item is None:
            item = PlanningFocus(room=room, author=actor)
        item.week_starting = week_start(week_starting)
        item.area, item.focus, item.home_ideas = area, focus, home_ideas
        item.save()
        _audit("journal.planning.created" if created else "journal.planning.changed", actor, room, item)
    return item


def delete_focus(*, actor: User, item: PlanningFocus) -> None:
    require(actor, BOARD_WRITE, item.room)
    with transaction.atomic():
        _audit("journal.planning.deleted", actor, item.room, item)
        PlanningFocus.objects.filter(pk=item.pk).delete()
