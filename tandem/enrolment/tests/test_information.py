"""The setting's information (R68): written by the manager, read by the setting's parents and staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import InformationPage, Topic
from tandem.enrolment.services import information as services

pytestmark = pytest.mark.django_db

FEES = "Funded hours: **15 hours** for every three-year-old.\n\n## Extra hours\n\n- £6.50 an hour"


def text_of(response: Any) -> str:
    return response.content.decode()


def write(world: Any, topic: str = "fees", body: str = FEES, revision: int | None = None, **kw: Any) -> InformationPage:
    return services.save_information_page(
        actor=kw.get("actor", world.manager),
        setting=kw.get("setting", world.setting),
        topic=topic,
        title=kw.get("title", "Fees and funded hours"),
        body=body,
        revision=revision,
    )


def index_url(world: Any, key: str = "setting") -> str:
    return f"/settings/{world[key].pk}/about/"


# --- services -------------------------------------------------------------------------------------


def test_the_manager_writes_a_page_and_it_is_audited_and_kept(world: Any, committed: Any) -> None:
    with committed():
        page = write(world)
    assert (page.topic, page.revision, page.updated_by) == ("fees", 1, world.manager)
    with committed():
        page = write(world, body="New fees from September", revision=1, actor=world.deputy)
    assert (page.revision, page.updated_by, page.body) == (2, world.deputy, "New fees from September")
    assert InformationPage.objects.count() == 1
    history = list(page.history.order_by("history_id"))  # type: ignore[attr-defined]
    assert [h.body for h in history] == [FEES, "New fees from September"]
    assert [h.history_user_id for h in history] == [world.manager.pk, world.deputy.pk]
    assert AuditEvent.objects.filter(event="enrolment.information_page.saved").count() == 2


def test_an_edit_from_an_older_copy_is_refused_not_lost(world: Any) -> None:
    write(world)
    write(world, body="The deputy's version", revision=1, actor=world.deputy)
    with pytest.raises(ValidationError, match="Someone else saved this page"):
        write(world, body="The manager's version, from the first copy", revision=1)
    assert InformationPage.objects.get().body == "The deputy's version"


def test_writing_a_new_page_someone_else_has_just_written_is_refused(world: Any) -> None:
    write(world, revision=0)
    with pytest.raises(ValidationError, match="Someone else saved this page"):
        write(world, body="Mine", revision=3)


@pytest.mark.parametrize(
    "topic, title, body, field",
    [("fees", "", FEES, "title"), ("fees", "Fees", "   ", "body"), ("holidays", "Holidays", FEES, "topic")],
)
def test_bad_input_is_refused_field_by_field(world: Any, topic: str, title: str, body: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        write(world, topic=topic, title=title, body=body)
    assert field in caught.value.message_dict
    assert not InformationPage.objects.exists()


@pytest.mark.parametrize("persona", ["administrator", "dsl", "key_person_a", "parent_a", "owner", "other_manager"])
def test_only_the_manager_and_deputy_write(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        write(world, actor=world[persona])
    assert not InformationPage.objects.exists()


# --- pages ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["parent_a", "parent_b_no_pr", "volunteer", "key_person_a", "owner", "administrator"]
)
def test_parents_and_staff_read_the_pages(world: Any, client: Client, persona: str) -> None:
    page = write(world)
    login(client, world[persona])
    index = text_of(client.get(index_url(world)))
    assert "Fees and funded hours" in index
    assert f"/settings/{world.setting.pk}/contacts/" in index  # the staffing structure, not duplicated
    assert "Not written yet" not in index  # only the manager is shown what is missing
    response = client.get(f"{index_url(world)}{page.pk}/")
    assert response.status_code == 200
    html = text_of(response)
    assert "<strong>15 hours</strong>" in html and "<h2>Extra hours</h2>" in html


@pytest.mark.parametrize("persona", ["restricted_parent", "nobody", "other_manager"])
def test_others_are_refused(world: Any, client: Client, persona: str) -> None:
    page = write(world)
    login(client, world[persona])
    assert client.get(index_url(world)).status_code == 404
    assert client.get(f"{index_url(world)}{page.pk}/").status_code == 404


def test_a_page_of_another_setting_is_not_found_through_ours(world: Any, client: Client) -> None:
    theirs = write(world, actor=world.other_manager, setting=world.other_setting)
    login(client, world.parent_a)
    assert client.get(f"{index_url(world)}{theirs.pk}/").status_code == 404


def test_the_manager_sees_what_is_missing_and_writes_it(world: Any, client: Client) -> None:
    login(client, world.manager)
    index = text_of(client.get(index_url(world)))
    for label in Topic.labels:
        assert label in index
    assert "Not written yet" in index
    url = f"{index_url(world)}write/?topic=late_collection"
    form = client.get(url)
    assert form.status_code == 200 and "Late collection" in text_of(form)
    response = client.post(url, {"title": "Late collection", "body": "We close at 3:30pm.", "revision": "0"})
    assert response.status_code == 302
    page = InformationPage.objects.get(topic="late_collection")
    assert response["Location"] == f"{index_url(world)}{page.pk}/"


def test_the_edit_page_refuses_a_stale_copy_and_keeps_the_text_typed(world: Any, client: Client) -> None:
    write(world)
    write(world, body="The deputy's version", revision=1, actor=world.deputy)
    login(client, world.manager)
    response = client.post(
        f"{index_url(world)}write/?topic=fees", {"title": "Fees", "body": "My long careful edit", "revision": "1"}
    )
    assert response.status_code == 200
    html = text_of(response)
    assert "Someone else saved this page" in html and "My long careful edit" in html
    assert InformationPage.objects.get().body == "The deputy's version"


def test_the_edit_page_needs_a_real_topic_and_a_body(world: Any, client: Client) -> None:
    login(client, world.manager)
    assert client.get(f"{index_url(world)}write/?topic=holidays").status_code == 404
    assert client.get(f"{index_url(world)}write/").status_code == 404
    response = client.post(f"{index_url(world)}write/?topic=fees", {"title": "Fees", "body": ""})
    assert response.status_code == 200 and "Write the information parents should read." in text_of(response)
    assert not InformationPage.objects.exists()


def test_the_edit_page_is_for_managers_only(world: Any, client: Client) -> None:
    login(client, world.administrator)
    assert client.get(f"{index_url(world)}write/?topic=fees").status_code == 404
    assert client.post(f"{index_url(world)}write/?topic=fees", {"title": "x", "body": "y"}).status_code == 404
    assert not InformationPage.objects.exists()


def test_markdown_is_sanitised(world: Any, client: Client) -> None:
    page = write(world, body='Hello <script>alert("x")</script> [bad](javascript:alert(1)) <img src=x onerror=y>')
    login(client, world.parent_a)
    html = text_of(client.get(f"{index_url(world)}{page.pk}/"))
    assert "<script>alert" not in html and "javascript:" not in html and "onerror" not in html


def test_the_menu_entry_leads_parents_and_staff_to_their_setting(world: Any, client: Client) -> None:
    for persona in ("parent_a", "volunteer", "manager"):
        login(client, world[persona])
        home = text_of(client.get("/"))
        assert "About the setting" in home and index_url(world) in home
    login(client, world.restricted_parent)
    assert "About the setting" not in text_of(client.get("/"))
    login(client, world.other_manager)
    assert index_url(world, "other_setting") in text_of(client.get("/"))


def test_the_index_keeps_a_flat_query_count(world: Any, client: Client, django_assert_max_num_queries: Any) -> None:
    write(world)
    login(client, world.parent_a)
    client.get(index_url(world))
    with django_assert_max_num_queries(30) as few:
        client.get(index_url(world))
    for topic in Topic.values:
        if topic != "fees":
            write(world, topic=topic, title=f"About {topic}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(index_url(world))
