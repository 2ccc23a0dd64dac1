"""Parents in the setting (R21): a family offers help, the office answers, the family reads it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.journal.models import Offer

pytestmark = pytest.mark.django_db


def mine(world: Any) -> str:
    return reverse("journal:offers_mine", args=[world.setting.pk])


def listing(world: Any) -> str:
    return reverse("journal:offers_setting", args=[world.setting.pk])


def offer(world: Any, **extra: Any) -> Offer:
    values = {"setting": world.setting, "adult": world.adult_a, "offered_by": world.parent_a, "kind": "skill"}
    return Offer.objects.create(**{**values, "text": "I can play the guitar.", **extra})


def test_a_parent_offers_and_reads_the_answer(world: Any, client: Any, committed: Any) -> None:
    login(client, world.parent_a)
    assert mine(world) in client.get("/").content.decode()  # the menu entry
    with committed():
        response = client.post(
            mine(world), {"kind": "time", "text": "I could help on the farm trip.", "availability": "Fridays"}
        )
    assert response.status_code == 302
    made = Offer.objects.get()
    assert (made.adult, made.offered_by, made.kind, made.status) == (world.adult_a, world.parent_a, "time", "new")
    assert "Waiting for a reply" in client.get(mine(world)).content.decode()

    login(client, world.manager)
    page = client.get(listing(world)).content.decode()
    assert "I could help on the farm trip." in page and "Penny Parentish" in page
    respond = reverse("journal:offer_respond", args=[world.setting.pk, made.pk])
    with committed():
        response = client.post(respond, {"status": "accepted", "response": "Thank you! The trip is on 12 June."})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == "accepted" and made.responded_by == world.manager
    assert AuditEvent.objects.filter(event="journal.offer.answered", object_id=made.pk).exists()

    login(client, world.parent_a)
    page = client.get(mine(world)).content.decode()
    assert "We would love to" in page and "The trip is on 12 June." in page


def test_bad_offers_and_answers_are_explained(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(mine(world), {"kind": "money", "text": ""})
    assert response.status_code == 200 and not Offer.objects.exists()
    assert "Select a valid choice" in response.content.decode()
    made = offer(world)
    login(client, world.administrator)
    respond = reverse("journal:offer_respond", args=[world.setting.pk, made.pk])
    response = client.post(respond, {"status": "accepted", "response": "   "})
    assert response.status_code == 200
    made.refresh_from_db()
    assert made.status == "new"


def test_a_parent_sees_only_their_own_offers(world: Any, client: Any) -> None:
    offer(world, text="Guitar from Penny")
    offer(world, adult=world.adult_b, offered_by=world.parent_b_no_pr, text="Woodwork from Stefan")
    login(client, world.parent_b_no_pr)
    page = client.get(mine(world)).content.decode()
    assert "Woodwork from Stefan" in page and "Guitar from Penny" not in page


@pytest.mark.parametrize("persona", ["restricted_parent", "other_manager", "nobody"])
def test_strangers_and_restricted_adults_are_kept_out(world: Any, client: Any, persona: str) -> None:
    made = offer(world)
    login(client, world[persona])
    assert client.get(mine(world)).status_code == 404
    assert client.get(listing(world)).status_code == 404
    assert client.get(reverse("journal:offer_respond", args=[world.setting.pk, made.pk])).status_code == 404


def test_practitioners_read_but_do_not_answer(world: Any, client: Any) -> None:
    made = offer(world)
    login(client, world.room_practitioner)
    page = client.get(listing(world)).content.decode()
    assert "I can play the guitar." in page and "Answer" not in page
    assert client.get(reverse("journal:offer_respond", args=[world.setting.pk, made.pk])).status_code == 404
    login(client, world.parent_a)
    assert client.get(listing(world)).status_code == 404


def test_another_settings_offer_is_not_reached_through_ours(world: Any, client: Any) -> None:
    theirs = Offer.objects.create(setting=world.other_setting, kind="idea", text="Elsewhere")
    login(client, world.manager)
    assert client.get(reverse("journal:offer_respond", args=[world.setting.pk, theirs.pk])).status_code == 404


def test_the_list_filters_in_the_database_and_its_queries_do_not_grow(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(60):
        offer(world, kind="time" if i % 2 else "resource", status="new" if i % 3 else "used", text=f"Offer {i}")
    login(client, world.manager)
    client.get(listing(world))
    with django_assert_max_num_queries(18):
        page = client.get(listing(world) + "?kind=time&status=new").content.decode()
    assert "20 offers" in page
    assert "Page 1 of" in page or "Offer" in page


def test_the_office_page_lists_the_offers(world: Any, client: Any) -> None:
    login(client, world.manager)
    assert listing(world) in client.get(reverse("core:office")).content.decode()
