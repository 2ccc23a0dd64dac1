"""Observations (R14): recording, changing, sharing, the journal feed, comments, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.journal.models import Comment, Observation, ObservationChild
from tandem.journal.selectors.observations import (
    family_cursor,
    family_feed,
    parse_family_cursor,
    staff_feed,
)
from tandem.journal.services import observations as services

from .helpers_observations import observation, share

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _world_observation_shared(world: Any) -> None:
    share(world.observation_a)


def aspect(world: Any, code: str) -> Any:
    return world.areas[code].aspects.all()[0]


# --- services ------------------------------------------------------------------------------------


def test_key_person_records_a_group_observation_and_it_is_audited(world: Any, committed: Any) -> None:
    with committed():
        obs = services.create_observation(
            actor=world.key_person_a,
            setting=world.setting,
            child_ids=[world.child_a.pk, world.child_b.pk],
            title="Tower",
            text="Built a tower together.",
            aspect_ids=[aspect(world, "PD").pk, aspect(world, "M").pk],
            status=Observation.Status.STAFF,
        )
    assert obs.status == "staff" and obs.published_at is None
    assert set(obs.links.values_list("child_id", flat=True)) == {world.child_a.pk, world.child_b.pk}
    assert not obs.links.filter(shared_at__isnull=False).exists()
    assert obs.aspects.count() == 2
    assert AuditEvent.objects.filter(event="journal.observation.created", object_id=obs.pk).exists()


def test_sharing_sets_every_link_and_unsharing_clears_them(world: Any, committed: Any) -> None:
    obs = observation(world, [world.child_a, world.child_b], status=Observation.Status.DRAFT)
    with committed():
        services.publish_observation(actor=world.manager, observation=obs)
    obs.refresh_from_db()
    assert obs.is_published and obs.published_by == world.manager
    assert list(obs.links.values_list("shared_at", flat=True)) == [obs.published_at, obs.published_at]
    assert AuditEvent.objects.filter(event="journal.observation.published", object_id=obs.pk).exists()
    services.unpublish_observation(actor=world.manager, observation=obs, status=Observation.Status.DRAFT)
    obs.refresh_from_db()
    assert obs.status == "draft" and obs.published_at is None and obs.published_by is None
    assert not obs.links.filter(shared_at__isnull=False).exists()


def test_a_child_added_to_a_shared_observation_is_shared_at_the_same_instant(world: Any) -> None:
    obs = observation(world, [world.child_a])
    services.update_observation(
        actor=world.manager, observation=obs, child_ids=[world.child_a.pk, world.child_b.pk], text="More worms."
    )
    obs.refresh_from_db()
    assert set(obs.links.values_list("shared_at", flat=True)) == {obs.published_at}


def test_staff_may_only_choose_children_they_work_with(world: Any) -> None:
    # room_practitioner works in room 1 (child A), not room 2 (child B)
    with pytest.raises(ValidationError) as error:
        services.create_observation(
            actor=world.room_practitioner,
            setting=world.setting,
            child_ids=[world.child_a.pk, world.child_b.pk],
            text="Painted.",
        )
    assert "children" in error.value.error_dict
    with pytest.raises(ValidationError):
        services.create_observation(
            actor=world.manager, setting=world.setting, child_ids=[world.other_child.pk], text="Painted."
        )
    assert not Observation.objects.filter(text="Painted.").exists()


def test_bad_input_is_refused_with_plain_messages(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_observation(actor=world.manager, setting=world.setting, child_ids=[], text="")
    assert "children" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        services.create_observation(
            actor=world.manager,
            setting=world.setting,
            child_ids=[world.child_a.pk],
            text="Tomorrow",
            observed_on=timezone.localdate() + dt.timedelta(days=2),
        )
    assert "observed_on" in error.value.error_dict


def test_families_and_strangers_cannot_write(world: Any) -> None:
    for user in (world.parent_a, world.nobody, world.other_manager):
        with pytest.raises((Http404, ValidationError, Exception)):
            services.create_observation(actor=user, setting=world.setting, child_ids=[world.child_a.pk], text="x")
        with pytest.raises(Http404):
            services.publish_observation(actor=user, observation=observation(world, [world.child_a], status="draft"))


# --- the feed ------------------------------------------------------------------------------------


def test_family_feed_shows_only_shared_newest_first_by_keyset(world: Any) -> None:
    shared = [observation(world, [world.child_b], title=f"Shared {i}") for i in range(5)]
    observation(world, [world.child_b], status=Observation.Status.DRAFT, title="Draft")
    observation(world, [world.child_b], status=Observation.Status.STAFF, title="Staff only")
    base = timezone.now()
    for i, obs in enumerate(shared):
        ObservationChild.objects.filter(observation=obs).update(shared_at=base - dt.timedelta(hours=i))
    first = family_feed(world.child_b, limit=2)
    assert [o.title for o in first.entries] == ["Shared 0", "Shared 1"]
    assert first.next_before
    second = family_feed(world.child_b, before=parse_family_cursor(first.next_before), limit=2)
    assert [o.title for o in second.entries] == ["Shared 2", "Shared 3"]
    third = family_feed(world.child_b, before=parse_family_cursor(second.next_before), limit=2)
    assert [o.title for o in third.entries] == ["Shared 4"] and third.next_before == ""
    assert {o.title for o in staff_feed(world.child_b).entries} >= {"Draft", "Staff only", "Shared 0"}


def test_ties_on_the_sharing_instant_are_broken_by_id(world: Any) -> None:
    group = [observation(world, [world.child_b], title=f"Same {i}") for i in range(3)]
    ObservationChild.objects.filter(child=world.child_b).update(shared_at=timezone.now())
    seen = []
    page = family_feed(world.child_b, limit=1)
    while True:
        seen += [o.pk for o in page.entries]
        if not page.next_before:
            break
        page = family_feed(world.child_b, before=parse_family_cursor(page.next_before), limit=1)
    assert seen == sorted((o.pk for o in group), reverse=True)


def test_the_cursor_round_trips_and_rubbish_is_refused() -> None:
    at = dt.datetime(2026, 3, 14, 9, 30, 12, 345678, tzinfo=dt.UTC)
    assert parse_family_cursor(family_cursor(at, 42)) == (at, 42)
    for bad in ("", "abc", "1-0", "-1-2", "1_2", "99999999999999999999-1", "1-2-3", "1 -2"):
        with pytest.raises(Http404):
            parse_family_cursor(bad)


def count(context: Any) -> int:
    """Queries a capture saw (robust to the connection's query log wrapping round)."""
    return int(context.final_queries - context.initial_queries)


def journal_url(world: Any, child: Any = None) -> str:
    return reverse("journal:child_journal", args=[(child or world.child_a).pk])


def test_family_page_shows_shared_only_and_staff_see_drafts_marked(world: Any, client: Any) -> None:
    observation(world, [world.child_a], status=Observation.Status.DRAFT, title="Half-written note")
    login(client, world.parent_a)
    page = client.get(journal_url(world)).content.decode()
    assert "Tower of blocks" in page and "Half-written note" not in page
    login(client, world.room_practitioner)
    page = client.get(journal_url(world)).content.decode()
    assert "Half-written note" in page and "badge--draft" in page and "Draft" in page


def test_older_entries_link_and_a_bad_cursor(world: Any, client: Any) -> None:
    for i in range(25):
        observation(world, [world.child_b], title=f"Entry {i:02d}")
    login(client, world.parent_b_no_pr)
    response = client.get(journal_url(world, world.child_b))
    body = response.content.decode()
    assert "Older entries" in body and "?before=" in body and "page=" not in body
    older = body.split('href="?before=')[1].split('"')[0]
    second = client.get(journal_url(world, world.child_b) + "?before=" + older).content.decode()
    assert "Entry 00" in second and "Entry 24" not in second
    assert client.get(journal_url(world, world.child_b) + "?before=nonsense").status_code == 404


def test_filter_by_area(world: Any, client: Any) -> None:
    pd = observation(world, [world.child_b], title="Climbing frame")
    pd.aspects.add(aspect(world, "PD"))
    observation(world, [world.child_b], title="Story time")
    login(client, world.parent_b_no_pr)
    body = client.get(journal_url(world, world.child_b) + "?area=PD").content.decode()
    assert "Climbing frame" in body and "Story time" not in body


def test_feed_query_count_is_flat_from_ten_to_ten_thousand(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    def add(n: int) -> None:
        now = timezone.now()
        made = Observation.objects.bulk_create(
            [
                Observation(setting=world.setting, status="published", title=f"Bulk {i}", text="x", published_at=now)
                for i in range(n)
            ]
        )
        ObservationChild.objects.bulk_create(
            [ObservationChild(observation=o, child=world.child_b, shared_at=now) for o in made]
        )

    def queries(user: Any) -> int:
        login(client, user)
        client.get(journal_url(world, world.child_b))  # warm the session
        with django_assert_max_num_queries(25) as seen:
            assert client.get(journal_url(world, world.child_b)).status_code == 200
        return count(seen)

    add(10)
    family, staff = queries(world.parent_b_no_pr), queries(world.key_person_a)
    add(9990)  # 10,000 in all
    assert queries(world.parent_b_no_pr) <= family
    assert queries(world.key_person_a) <= staff
    # an older page costs no more
    page = family_feed(world.child_b)
    login(client, world.parent_b_no_pr)
    with django_assert_max_num_queries(family):
        client.get(journal_url(world, world.child_b) + "?before=" + page.next_before)


# --- one observation, comments, access ---------------------------------------------------------------


def obs_url(child: Any, obs: Any) -> str:
    return reverse("journal:observation", args=[child.pk, obs.pk])


def test_group_observation_comments_stay_with_each_family(world: Any, client: Any) -> None:
    obs = observation(world, [world.child_a, world.child_b])
    login(client, world.parent_a)
    client.post(reverse("journal:observation_comment", args=[world.child_a.pk, obs.pk]), {"text": "Amelia loved it"})
    login(client, world.parent_b_no_pr)
    client.post(reverse("journal:observation_comment", args=[world.child_b.pk, obs.pk]), {"text": "Barnaby too"})
    assert Comment.objects.filter(observation=obs).count() == 2
    assert Comment.objects.get(child=world.child_a).from_family
    body = client.get(obs_url(world.child_b, obs)).content.decode()
    assert "Barnaby too" in body and "Amelia loved it" not in body
    assert "Amelia" not in body  # another family's child is never named to them
    login(client, world.parent_a)
    body = client.get(obs_url(world.child_a, obs)).content.decode()
    assert "Amelia loved it" in body and "Barnaby too" not in body
    # staff reply, as staff
    login(client, world.key_person_a)
    client.post(reverse("journal:observation_comment", args=[world.child_a.pk, obs.pk]), {"text": "Thank you!"})
    reply = Comment.objects.get(text="Thank you!")
    assert not reply.from_family and reply.child == world.child_a
    login(client, world.parent_a)
    assert "Thank you!" in client.get(obs_url(world.child_a, obs)).content.decode()


def test_an_empty_comment_is_refused(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(
        reverse("journal:observation_comment", args=[world.child_a.pk, world.observation_a.pk]),
        {"text": " "},
        follow=True,
    )
    assert "Write your comment." in response.content.decode()
    assert not Comment.objects.exists()


def test_families_get_404_for_unshared_or_other_childrens_observations(world: Any, client: Any) -> None:
    draft = observation(world, [world.child_a], status=Observation.Status.STAFF)
    b_only = observation(world, [world.child_b])
    login(client, world.parent_a)
    assert client.get(obs_url(world.child_a, world.observation_a)).status_code == 200
    assert client.get(obs_url(world.child_a, draft)).status_code == 404
    assert client.get(obs_url(world.child_a, b_only)).status_code == 404  # not about their child
    assert client.get(obs_url(world.child_b, b_only)).status_code == 404  # not their child
    assert client.get(journal_url(world, world.child_b)).status_code == 404
    comment = reverse("journal:observation_comment", args=[world.child_a.pk, draft.pk])
    assert client.post(comment, {"text": "hello"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize("persona", ["restricted_parent", "nobody", "other_manager", "volunteer", "administrator"])
def test_outsiders_see_nothing(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(journal_url(world)).status_code == 404
    assert client.get(obs_url(world.child_a, world.observation_a)).status_code == 404
    assert client.get(reverse("journal:observation_edit", args=[world.observation_a.pk])).status_code == 404


# --- staff pages ----------------------------------------------------------------------------------


def test_record_page_groups_children_by_room_and_areas_prime_first(world: Any, client: Any) -> None:
    login(client, world.manager)
    body = client.get(reverse("journal:observation_new", args=[world.setting.pk])).content.decode()
    assert body.index("Acorn Room") < body.index("Amelia Ashcombe") < body.index("Bluebell Room")
    assert body.index("Communication and language") < body.index("Literacy")
    assert "Ottilie" not in body
    login(client, world.room_practitioner)
    body = client.get(reverse("journal:observation_new", args=[world.setting.pk])).content.decode()
    assert "Amelia Ashcombe" in body and "Barnaby" not in body


def test_record_and_share_through_the_pages(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    response = client.post(
        reverse("journal:observation_new", args=[world.setting.pk]),
        {
            "children": [world.child_a.pk, world.child_b.pk],
            "title": "Puddle jumping",
            "text": "Jumped in *every* puddle.",
            "observed_on": timezone.localdate().isoformat(),
            "aspects": [aspect(world, "PD").pk],
            "status": "draft",
        },
    )
    obs = Observation.objects.get(title="Puddle jumping")
    assert response.status_code == 302 and response["Location"] == obs_url(world.child_a, obs)
    share = reverse("journal:observation_share", args=[obs.pk])
    assert "Share with families" in client.get(share).content.decode()
    client.post(share)
    obs.refresh_from_db()
    assert obs.is_published
    login(client, world.parent_b_no_pr)
    assert "Puddle jumping" in client.get(journal_url(world, world.child_b)).content.decode()
    login(client, world.key_person_a)
    client.post(reverse("journal:observation_unshare", args=[obs.pk]), {"status": "staff"})
    login(client, world.parent_b_no_pr)
    assert "Puddle jumping" not in client.get(journal_url(world, world.child_b)).content.decode()


def test_edit_page_saves_changes(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    url = reverse("journal:observation_edit", args=[world.observation_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "children": [world.child_a.pk],
            "title": "A taller tower",
            "text": "Twelve blocks now.",
            "observed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    world.observation_a.refresh_from_db()
    assert world.observation_a.title == "A taller tower"


def test_staff_list_filters_in_the_database_with_flat_queries(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    b = observation(world, [world.child_b], status="draft", title="Bluebell painting")
    b.aspects.add(aspect(world, "EAD"))
    url = reverse("journal:observations", args=[world.setting.pk])
    login(client, world.room_practitioner)  # may edit only child A's observations
    body = client.get(url).content.decode()
    assert "Tower of blocks" in body and "Bluebell painting" not in body
    login(client, world.manager)
    assert "Bluebell painting" in client.get(url + "?status=draft").content.decode()
    assert "Tower of blocks" not in client.get(url + "?status=draft").content.decode()
    assert "Tower of blocks" not in client.get(url + f"?room={world.room_2.pk}").content.decode()
    assert "Bluebell painting" in client.get(url + f"?child={world.child_b.pk}").content.decode()
    assert "Tower of blocks" not in client.get(url + "?area=EAD").content.decode()
    assert client.get(url + "?room=abc&child=-1&status=zzz&page=999").status_code == 200
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(60):
        observation(world, [world.child_a, world.child_b], title=f"Many {i}")
    with django_assert_max_num_queries(count(few)):
        client.get(url)


def test_menu_and_child_link(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    hub = reverse("journal:hub", args=[world.setting.pk])
    assert hub in client.get("/").content.decode()
    body = client.get(hub).content.decode()
    assert "Record an observation" in body and "Observations" in body
    assert "Journal settings" not in body  # a manager's choice
    login(client, world.manager)
    assert "Journal settings" in client.get(hub).content.decode()
    login(client, world.parent_a)
    body = client.get("/").content.decode()
    assert "Learning journal" in body and journal_url(world) in body
    assert "Record an observation" not in body
