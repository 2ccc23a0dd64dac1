"""The room boards (R19, R20): written by the room's staff, read by the room's families, with
photos shown to families only while every child pictured has consent to photos on display."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import ConsentCode
from tandem.factories import ChildAdultFactory, ChildFactory
from tandem.journal.models import DailyBoard, Media, PlanningFocus
from tandem.journal.services import boards as services

from .helpers_boards_book import decide, ready_photo, upload

pytestmark = pytest.mark.django_db
DISPLAY = ConsentCode.PHOTOS_DISPLAY


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def board(world: Any, *, published: bool = True, date: dt.date | None = None, room: Any = None) -> DailyBoard:
    return DailyBoard.objects.create(
        room=room or world.room_1,
        date=date or timezone.localdate(),
        today="We explored **floating and sinking**.",
        try_at_home="Try the bath toys.",
        published=published,
        author=world.room_practitioner,
    )


def media_url(room: Any, media: Any, variant: str = "thumb") -> str:
    name = "journal:board_media_thumb" if variant == "thumb" else "journal:board_media"
    return reverse(name, args=[room.pk, media.pk])


def test_staff_write_add_a_photo_and_publish_then_the_family_reads_it(world: Any, client: Any, committed: Any) -> None:
    decide(world, world.child_a, DISPLAY)
    login(client, world.room_practitioner)
    write = reverse("journal:board_write", args=[world.room_1.pk])
    with committed():
        response = client.post(
            write, {"date": timezone.localdate().isoformat(), "today": "We made boats.", "try_at_home": "Fold a boat."}
        )
    the_board = DailyBoard.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/board/{the_board.pk}/")
    add = reverse("journal:board_photo_add", args=[world.room_1.pk, the_board.pk])
    with committed():
        response = client.post(add, {"photo": upload(), "caption": "Boats", "children": [world.child_a.pk]})
    assert response.status_code == 302
    media = Media.objects.get()
    assert media.board == the_board and media.is_ready and list(media.children.all()) == [world.child_a]
    page = client.get(reverse("journal:board_detail", args=[world.room_1.pk, the_board.pk])).content.decode()
    assert "Families can see this" in page and "Not published" in page
    with committed():
        client.post(reverse("journal:board_publish", args=[world.room_1.pk, the_board.pk]), {"publish": "1"})
    the_board.refresh_from_db()
    assert the_board.published
    assert AuditEvent.objects.filter(event="journal.board.published").exists()

    login(client, world.parent_a)
    page = client.get(reverse("journal:room_board", args=[world.room_1.pk])).content.decode()
    assert "We made boats." in page and "Fold a boat." in page
    assert media_url(world.room_1, media) in page
    response = client.get(media_url(world.room_1, media))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "image/jpeg"


def test_a_photo_needs_the_children_pictured_or_none(world: Any, client: Any) -> None:
    the_board = board(world)
    login(client, world.room_practitioner)
    add = reverse("journal:board_photo_add", args=[world.room_1.pk, the_board.pk])
    response = client.post(add, {"photo": upload(), "caption": "Boats"})
    assert response.status_code == 400
    assert "Choose the children pictured, or tick" in response.content.decode()
    response = client.post(add, {"photo": upload(), "children": [world.child_a.pk], "no_children": "on"})
    assert "not both" in response.content.decode()
    # a child of another room is not offered and cannot be posted
    response = client.post(add, {"photo": upload(), "children": [world.child_b.pk]})
    assert response.status_code == 400
    assert not Media.objects.exists()
    response = client.post(add, {"photo": upload(), "no_children": "on"})
    assert response.status_code == 302 and Media.objects.get().children.count() == 0


def test_not_a_photo_is_refused_plainly(world: Any, client: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    the_board = board(world)
    login(client, world.room_practitioner)
    fake = SimpleUploadedFile("x.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(
        reverse("journal:board_photo_add", args=[world.room_1.pk, the_board.pk]), {"photo": fake, "no_children": "on"}
    )
    assert response.status_code == 400
    assert "not a photo or video we can use" in response.content.decode()
    assert not Media.objects.exists()


def test_a_photo_is_hidden_from_families_when_one_child_pictured_lacks_consent(world: Any, client: Any) -> None:
    friend = ChildFactory(setting=world.setting, room=world.room_1, first_name="Fenella", last_name="Fairweather")
    decide(world, world.child_a, DISPLAY)
    the_board = board(world)
    alone = ready_photo(children=[world.child_a], board=the_board, caption="Alone")
    together = ready_photo(children=[world.child_a, friend], board=the_board, caption="Together")
    nobody = ready_photo(children=[], board=the_board, caption="The water tray")

    login(client, world.room_practitioner)
    page = client.get(reverse("journal:board_detail", args=[world.room_1.pk, the_board.pk])).content.decode()
    assert "Hidden from families:" in page and "Fenella Fairweather" in page  # told which child blocks it

    login(client, world.parent_a)
    page = client.get(reverse("journal:room_board", args=[world.room_1.pk])).content.decode()
    assert media_url(world.room_1, alone) in page and media_url(world.room_1, nobody) in page
    assert media_url(world.room_1, together) not in page and "Together" not in page
    assert client.get(media_url(world.room_1, together)).status_code == 404
    assert client.get(media_url(world.room_1, together, "display")).status_code == 404

    decide(world, world.child_a, DISPLAY, "withdrawn")  # hidden at once, nothing to update
    assert client.get(media_url(world.room_1, alone)).status_code == 404
    assert (
        media_url(world.room_1, alone)
        not in client.get(reverse("journal:room_board", args=[world.room_1.pk])).content.decode()
    )
    assert client.get(media_url(world.room_1, nobody)).status_code == 200


def test_families_see_only_published_boards(world: Any, client: Any) -> None:
    draft = board(world, published=False)
    photo = ready_photo(children=[], board=draft)
    login(client, world.parent_a)
    page = client.get(reverse("journal:room_board", args=[world.room_1.pk])).content.decode()
    assert "floating and sinking" not in page and "not up yet" in page
    assert client.get(reverse("journal:board_detail", args=[world.room_1.pk, draft.pk])).status_code == 404
    assert client.get(media_url(world.room_1, photo)).status_code == 404


@pytest.mark.parametrize("persona", ["parent_b_no_pr", "restricted_parent", "other_manager", "nobody", "volunteer"])
def test_others_cannot_see_the_rooms_board(world: Any, client: Any, persona: str) -> None:
    the_board = board(world)
    photo = ready_photo(children=[], board=the_board)
    login(client, world[persona])
    for url in (
        reverse("journal:room_board", args=[world.room_1.pk]),
        reverse("journal:board_detail", args=[world.room_1.pk, the_board.pk]),
        reverse("journal:planning", args=[world.room_1.pk]),
        media_url(world.room_1, photo),
    ):
        assert client.get(url).status_code == 404, url


def test_a_board_of_another_room_is_not_reached_through_ones_own(world: Any, client: Any) -> None:
    other = board(world, room=world.room_2)
    photo = ready_photo(children=[], board=other)
    login(client, world.parent_a)
    assert client.get(reverse("journal:board_detail", args=[world.room_1.pk, other.pk])).status_code == 404
    assert client.get(media_url(world.room_1, photo)).status_code == 404


def test_families_cannot_write(world: Any, client: Any) -> None:
    the_board = board(world)
    login(client, world.parent_a)
    assert client.get(reverse("journal:board_write", args=[world.room_1.pk])).status_code == 404
    assert client.post(reverse("journal:board_publish", args=[world.room_1.pk, the_board.pk])).status_code == 404
    assert client.post(reverse("journal:focus_add", args=[world.room_1.pk]), {"focus": "x"}).status_code == 404


def test_bad_board_input_is_explained_and_writes_nothing(world: Any, client: Any) -> None:
    board(world, date=timezone.localdate())
    login(client, world.room_practitioner)
    write = reverse("journal:board_write", args=[world.room_1.pk])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(write, {"date": tomorrow, "today": "Later"})
    assert "today or a day that has passed" in response.content.decode()
    response = client.post(write, {"date": timezone.localdate().isoformat(), "today": "Again"})
    assert "already a board for that day" in response.content.decode()
    response = client.post(write, {"date": "2026-01-02", "today": ""})
    assert "This field is required" in response.content.decode() or "Write what" in response.content.decode()
    assert DailyBoard.objects.count() == 1


def test_planning_board_with_ideas_for_home(world: Any, client: Any) -> None:
    login(client, world.key_person_a)  # key person of a child in room 1, though working in room 2
    wednesday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday()) + dt.timedelta(days=2)
    response = client.post(
        reverse("journal:focus_add", args=[world.room_1.pk]),
        {
            "week_starting": wednesday.isoformat(),
            "area": world.areas["CL"].pk if "CL" in world.areas else "",
            "focus": "Stories with repeated refrains",
            "home_ideas": "Read *We're Going on a Bear Hunt* together.",
        },
    )
    assert response.status_code == 302
    item = PlanningFocus.objects.get()
    assert item.week_starting.weekday() == 0  # the Monday of that week
    login(client, world.parent_a)
    page = client.get(reverse("journal:room_board", args=[world.room_1.pk])).content.decode()
    assert "Stories with repeated refrains" in page and "Bear Hunt" in page
    assert (
        "Stories with repeated refrains"
        in client.get(reverse("journal:planning", args=[world.room_1.pk])).content.decode()
    )


def test_the_family_home_links_to_the_childs_room_board(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    link = reverse("journal:child_board", args=[world.child_a.pk])
    assert link in client.get("/").content.decode()
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("journal:room_board", args=[world.room_1.pk])
    assert client.get(reverse("journal:child_board", args=[world.child_b.pk])).status_code == 404


def test_staff_reach_their_room_board_from_the_journal_page(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    hub = reverse("journal:hub", args=[world.setting.pk])
    assert hub in client.get("/").content.decode()  # "Journal" in the menu
    page = client.get(hub).content.decode()
    assert reverse("journal:room_board", args=[world.room_1.pk]) in page
    assert reverse("journal:room_board", args=[world.room_2.pk]) not in page  # not their room


def test_archive_is_paginated_and_its_queries_do_not_grow(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    decide(world, world.child_a, DISPLAY)
    today = timezone.localdate()
    todays = board(world, date=today)
    for i in range(6):
        ready_photo(children=[world.child_a], board=todays)
    for i in range(1, 40):
        board(world, date=today - dt.timedelta(days=i))
    for i in range(5):
        PlanningFocus.objects.create(
            room=world.room_1, week_starting=today - dt.timedelta(days=today.weekday()), focus=f"F{i}"
        )
    login(client, world.parent_a)
    client.get(reverse("journal:room_board", args=[world.room_1.pk]))
    with django_assert_max_num_queries(19):
        response = client.get(reverse("journal:room_board", args=[world.room_1.pk]))
    page = response.content.decode()
    assert "Page 1 of 4" in page and page.count("board_media") == 0
    login(client, world.room_practitioner)
    client.get(reverse("journal:board_detail", args=[world.room_1.pk, todays.pk]))
    with django_assert_max_num_queries(23):
        assert client.get(reverse("journal:board_detail", args=[world.room_1.pk, todays.pk])).status_code == 200


def test_removing_a_photo(world: Any, client: Any) -> None:
    the_board = board(world)
    photo = ready_photo(children=[], board=the_board)
    login(client, world.room_practitioner)
    response = client.post(reverse("journal:board_photo_remove", args=[world.room_1.pk, the_board.pk, photo.pk]))
    assert response.status_code == 302 and not Media.objects.exists()


def test_a_family_with_a_child_in_two_rooms_sees_both(world: Any) -> None:
    from tandem.core.access import can
    from tandem.journal.actions.boards import BOARD_VIEW

    sibling = ChildFactory(setting=world.setting, room=world.room_2)
    ChildAdultFactory(child=sibling, adult=world.adult_a, parental_responsibility=True)
    assert can(world.parent_a, BOARD_VIEW, world.room_1) and can(world.parent_a, BOARD_VIEW, world.room_2)


def test_services_require_the_room(world: Any) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        services.save_board(actor=world.parent_a, room=world.room_1, date=timezone.localdate(), today="x")
