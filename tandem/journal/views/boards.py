"""Pages of the room boards (R19, R20). Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tandem.core.decorators import action_required
from tandem.core.forms import submit
from tandem.core.http import AuthedRequest
from tandem.core.models import Room
from tandem.core.pagination import paginate
from tandem.people.models import Child

from ..actions.boards import BOARD_OF_CHILD, BOARD_VIEW, BOARD_WRITE
from ..forms.boards import BoardForm, BoardPhotoForm, FocusForm
from ..models import DailyBoard, PlanningFocus
from ..selectors import boards as selectors
from ..services import boards as services
from .media import media_response

ARCHIVE_PAGE = 10


def _board(request: AuthedRequest, room: Room, board_id: int) -> DailyBoard:
    board = selectors.board_of(actor=request.user, room=room, board_id=board_id)
    if board is None:
        raise Http404
    return board


def _focus(room: Room, focus_id: int) -> PlanningFocus:
    item = selectors.focus_of(room, focus_id)
    if item is None:
        raise Http404
    return item


# --- the room's page: today, this week, the days before ----------------------------------------


@action_required(BOARD_VIEW, Room)
def room_board(request: AuthedRequest, room: Room) -> HttpResponse:
    user = request.user
    today = selectors.todays_board(actor=user, room=room)
    context = {
        "room": room,
        "today": today,
        "today_photos": selectors.board_photos(actor=user, board=today) if today else [],
        "focuses": selectors.this_weeks_focuses(room),
        "page": paginate(request, selectors.archive(actor=user, room=room), ARCHIVE_PAGE),
        "is_writer": selectors.is_writer(user, room),
        "rooms": selectors.rooms_for(actor=user, room=room),
        "now": timezone.localdate(),
    }
    return render(request, "journal/boards/room.html", context)


@action_required(BOARD_OF_CHILD, Child)
def child_board(request: AuthedRequest, child: Child) -> HttpResponse:
    """The family's link from their child: the board of the child's room."""
    if child.room_id is None:
        return render(request, "journal/boards/no_room.html", {"child": child})
    return redirect("journal:room_board", child.room_id)


# --- one day's board --------------------------------------------------------------------------


@action_required(BOARD_VIEW, Room)
def board_detail(request: AuthedRequest, room: Room, board_id: int) -> HttpResponse:
    board = _board(request, room, board_id)
    return _detail(request, room, board, BoardPhotoForm(children=selectors.children_of_room(room)))


def _detail(
    request: AuthedRequest, room: Room, board: DailyBoard, form: BoardPhotoForm, status: int = 200
) -> HttpResponse:
    user = request.user
    writer = selectors.is_writer(user, room)
    context = {
        "room": room,
        "board": board,
        "is_writer": writer,
        "photos": [] if writer else selectors.board_photos(actor=user, board=board),
        "staff_photos": selectors.staff_photos(actor=user, board=board) if writer else [],
        "form": form,
    }
    return render(request, "journal/boards/detail.html", context, status=status)


@action_required(BOARD_WRITE, Room)
def board_write(request: AuthedRequest, room: Room) -> HttpResponse:
    """Write a new day's board (today's unless another day is chosen); if it exists, change it."""
    existing = DailyBoard.objects.filter(room=room, date=timezone.localdate()).first()
    if request.method == "GET" and existing is not None:
        return redirect("journal:board_edit", room.pk, existing.pk)
    form = BoardForm(request.POST or None)
    saved = submit(
        request,
        form,
        lambda data: services.save_board(
            actor=request.user, room=room, date=data["date"], today=data["today"], try_at_home=data["try_at_home"]
        ),
        "The board is saved. Add photos, then publish it for the room's families.",
    )
    if saved:
        return redirect("journal:board_detail", room.pk, saved.pk)
    return render(request, "journal/boards/form.html", {"room": room, "form": form, "board": None})


@action_required(BOARD_WRITE, Room)
def board_edit(request: AuthedRequest, room: Room, board_id: int) -> HttpResponse:
    board = _board(request, room, board_id)
    initial = {"date": board.date, "today": board.today, "try_at_home": board.try_at_home}
    form = BoardForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.save_board(
            actor=request.user,
            room=room,
            date=data["date"],
            today=data["today"],
            try_at_home=data["try_at_home"],
            board=board,
        ),
        "The board is saved.",
    )
    if saved:
        return redirect("journal:board_detail", room.pk, board.pk)
    return render(request, "journal/boards/form.html", {"room": room, "form": form, "board": board})


@require_POST
@action_required(BOARD_WRITE, Room)
def board_photo_add(request: AuthedRequest, room: Room, board_id: int) -> HttpResponse:
    board = _board(request, room, board_id)
    form = BoardPhotoForm(request.POST, request.FILES, children=selectors.children_of_room(room))
    added = submit(
        request,
        form,
        lambda data: services.add_board_photo(
            actor=request.user,
            board=board,
            upload=data["photo"],
            caption=data["caption"],
            children=[c.pk for c in data["children"]],
            no_children=data["no_children"],
        ),
        "The photo is added. It is being prepared and will appear in a moment.",
    )
    if added:
        return redirect("journal:board_detail", room.pk, board.pk)
    return _detail(request, room, board, form, status=400)


@require_POST
@action_required(BOARD_WRITE, Room)
def board_photo_remove(request: AuthedRequest, room: Room, board_id: int, media_id: int) -> HttpResponse:
    board = _board(request, room, board_id)
    try:
        services.remove_board_photo(actor=request.user, board=board, media_id=media_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The photo is removed from the board.")
    return redirect("journal:board_detail", room.pk, board.pk)


@require_POST
@action_required(BOARD_WRITE, Room)
def board_publish(request: AuthedRequest, room: Room, board_id: int) -> HttpResponse:
    board = _board(request, room, board_id)
    publish = request.POST.get("publish") != "0"
    services.publish_board(actor=request.user, board=board, publish=publish)
    if publish:
        messages.success(request, "The board is published: the room's families can see it now.")
    else:
        messages.success(request, "The board is taken down: families no longer see it.")
    return redirect("journal:board_detail", room.pk, board.pk)


@action_required(BOARD_VIEW, Room)
def board_media(request: AuthedRequest, room: Room, media_id: int, variant: str = "display") -> HttpResponseBase:
    """A board photo or video, only through this check (families: only what consent allows now)."""
    media = selectors.visible_media(actor=request.user, room=room).filter(pk=media_id).first()
    return media_response(request, media, variant)


# --- the planning board -----------------------------------------------------------------------


@action_required(BOARD_VIEW, Room)
def planning(request: AuthedRequest, room: Room) -> HttpResponse:
    context = {
        "room": room,
        "page": paginate(request, selectors.planning(room)),
        "is_writer": selectors.is_writer(request.user, room),
        "this_week": selectors.week_of(timezone.localdate()),
    }
    return render(request, "journal/boards/planning.html", context)


@action_required(BOARD_WRITE, Room)
def focus_add(request: AuthedRequest, room: Room) -> HttpResponse:
    form = FocusForm(request.POST or None, initial={"week_starting": selectors.week_of(timezone.localdate())})
    saved = submit(
        request,
        form,
        lambda data: services.save_focus(actor=request.user, room=room, **data),
        "The focus is on the planning board.",
    )
    if saved:
        return redirect("journal:planning", room.pk)
    return render(request, "journal/boards/focus_form.html", {"room": room, "form": form, "item": None})


@action_required(BOARD_WRITE, Room)
def focus_edit(request: AuthedRequest, room: Room, focus_id: int) -> HttpResponse:
    item = _focus(room, focus_id)
    initial = {
        "week_starting": item.week_starting,
        "area": item.area_id,
        "focus": item.focus,
        "home_ideas": item.home_ideas,
    }
    form = FocusForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.save_focus(actor=request.user, room=room, item=item, **data),
        "The focus is changed.",
    )
    if saved:
        return redirect("journal:planning", room.pk)
    return render(request, "journal/boards/focus_form.html", {"room": room, "form": form, "item": item})


@require_POST
@action_required(BOARD_WRITE, Room)
def focus_delete(request: AuthedRequest, room: Room, focus_id: int) -> HttpResponse:
    item = _focus(room, focus_id)
    services.delete_focus(actor=request.user, item=item)
    messages.success(request, "The focus is taken off the planning board.")
    return redirect("journal:planning", room.pk)
