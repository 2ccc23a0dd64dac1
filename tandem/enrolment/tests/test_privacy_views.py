"""The privacy notice pages (R10), as each persona sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tandem.conftest import login
from tandem.enrolment.models import PrivacyAcknowledgement, PrivacyNotice
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

PROMPT = "Please read the privacy notice"


def url(name: str, obj: Any) -> str:
    return reverse(f"enrolment:{name}", args=[obj.pk])


def text(response: Any) -> str:
    return response.content.decode()


# --- parents ------------------------------------------------------------------------------------


def test_parent_is_prompted_under_the_child_until_they_confirm(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    home = text(client.get("/"))
    assert PROMPT in home
    assert url("child_privacy", world.child_a) in home
    response = client.get(url("child_privacy", world.child_a))
    assert response.status_code == 302
    assert response["Location"] == url("privacy_notice", world.setting)
    page = text(client.get(response["Location"]))
    assert "Please read this notice and confirm at the end." in page
    assert "Meadowbank Preschool keeps the records" in page  # the notice itself, as HTML
    assert "<h2>Who we are</h2>" in page
    assert "I have read the privacy notice" in page
    response = client.post(url("privacy_acknowledge", world.setting), {"version": "1"})
    assert response.status_code == 302
    assert PrivacyAcknowledgement.objects.filter(user=world.parent_a, notice=world.privacy_notice).exists()
    page = text(client.get(url("privacy_notice", world.setting)))
    assert "You confirmed you had read this version on" in page
    assert "I have read the privacy notice" not in page
    assert PROMPT not in text(client.get("/"))
    # the notice stays a click away in the menu
    assert url("privacy_notice", world.setting) in text(client.get("/"))


def test_a_parent_who_has_read_it_sees_no_prompt(world: Any, client: Any) -> None:
    login(client, world.parent_b_no_pr)
    assert PROMPT not in text(client.get("/"))


def test_a_new_version_prompts_again(world: Any, client: Any) -> None:
    PrivacyNotice.objects.create(setting=world.setting, version=2, body="## Who we are\n\nVersion two.")
    login(client, world.parent_b_no_pr)
    assert PROMPT in text(client.get("/"))
    response = client.post(url("privacy_acknowledge", world.setting), {"version": "1"})
    assert response.status_code == 200
    assert "A newer version of the privacy notice has been published" in text(response)
    assert not PrivacyAcknowledgement.objects.filter(notice__version=2).exists()


@pytest.mark.parametrize("data", [{}, {"version": "abc"}, {"version": "0"}, {"version": "99999999999999"}])
def test_bad_confirmations_write_nothing(data: dict[str, str], world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(url("privacy_acknowledge", world.setting), data)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert not PrivacyAcknowledgement.objects.filter(user=world.parent_a).exists()


def test_restricted_parent_sees_nothing(world: Any, client: Any) -> None:
    login(client, world.restricted_parent)
    assert PROMPT not in text(client.get("/"))
    assert client.get(url("child_privacy", world.child_a)).status_code == 404
    assert client.get(url("privacy_notice", world.setting)).status_code == 404
    assert client.post(url("privacy_acknowledge", world.setting), {"version": "1"}).status_code == 404


def test_another_providers_notice_is_hidden(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert client.get(url("privacy_notice", world.other_setting)).status_code == 404
    assert client.post(url("privacy_acknowledge", world.other_setting), {"version": "1"}).status_code == 404


def test_confirming_needs_post(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert client.get(url("privacy_acknowledge", world.setting)).status_code == 405


# --- staff --------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["volunteer", "key_person_a", "owner", "line_manager"])
def test_staff_and_the_provider_read_it_without_a_button(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    response = client.get(url("privacy_notice", world.setting))
    assert response.status_code == 200
    page = text(response)
    assert "Meadowbank Preschool keeps the records" in page
    assert "I have read the privacy notice" not in page
    assert "Publish a new version" not in page


def test_manager_publishes_and_parents_are_asked_again(world: Any, client: Any) -> None:
    login(client, world.manager)
    page = text(client.get(url("privacy_notice", world.setting)))
    assert "Publish a new version" in page
    assert "Who has not read it" in page
    assert "1 of 2" in page  # B's step-parent read it; A's parent has not
    form = client.get(url("privacy_publish", world.setting))
    assert form.status_code == 200
    assert "Meadowbank Preschool keeps the records" in text(form)  # starts from the current version
    body = "## Who we are\n\nMeadowbank Preschool, version two."
    response = client.post(url("privacy_publish", world.setting), {"body": body, "based_on_version": "1"})
    assert response.status_code == 302
    assert PrivacyNotice.objects.filter(setting=world.setting, version=2, published_by=world.manager).exists()
    login(client, world.parent_b_no_pr)
    assert PROMPT in text(client.get("/"))


def test_publishing_bad_input_writes_nothing(world: Any, client: Any) -> None:
    login(client, world.manager)
    response = client.post(url("privacy_publish", world.setting), {"body": "", "based_on_version": "1"})
    assert response.status_code == 200
    assert "Write the privacy notice." in text(response)
    response = client.post(url("privacy_publish", world.setting), {"body": "New words", "based_on_version": "0"})
    assert response.status_code == 200
    assert "Someone else published a new version" in text(response)
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 1


def test_the_first_notice_starts_from_a_realistic_draft(world: Any, client: Any) -> None:
    PrivacyNotice.objects.filter(setting=world.setting).delete()
    login(client, world.manager)
    page = text(client.get(url("privacy_notice", world.setting)))
    assert "has not published its privacy notice" in page
    form = text(client.get(url("privacy_publish", world.setting)))
    for words in ("UK General Data Protection Regulation", "lawful basis", "How long we keep it", "ico.org.uk"):
        assert words in form
    assert escape("Information Commissioner's Office") in form


@pytest.mark.parametrize("persona", ["deputy", "administrator", "key_person_a", "parent_a", "other_manager"])
def test_only_the_manager_may_publish(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(url("privacy_publish", world.setting)).status_code == 404
    response = client.post(url("privacy_publish", world.setting), {"body": "X", "based_on_version": "1"})
    assert response.status_code == 404
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 1


@pytest.mark.parametrize("persona", ["manager", "deputy", "administrator"])
def test_office_staff_see_who_has_not_read_it(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    response = client.get(url("privacy_outstanding", world.setting))
    assert response.status_code == 200
    page = text(response)
    assert "Penny Parentish" in page
    assert "Amelia Ashcombe" in page
    assert "Stefan" not in page  # has read it
    assert "Restrictham" not in page  # told nothing about the child: never asked
    assert "Otherparent" not in page


@pytest.mark.parametrize("persona", ["key_person_a", "senco", "dsl", "parent_a", "owner", "other_manager"])
def test_others_are_refused_the_list(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(url("privacy_outstanding", world.setting)).status_code == 404


def add_parents(world: Any, count: int) -> None:
    for _ in range(count):
        adult = AdultFactory(setting=world.setting, user=UserFactory())
        ChildAdultFactory(child=ChildFactory(setting=world.setting), adult=adult)


def test_the_list_pages_with_a_flat_query_count(world: Any, client: Any) -> None:
    login(client, world.manager)
    add_parents(world, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("privacy_outstanding", world.setting)).status_code == 200
    add_parents(world, 40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("privacy_outstanding", world.setting))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.context["page"].paginator.count == 44
    second = client.get(url("privacy_outstanding", world.setting), {"page": "2"})
    assert second.context["page"].number == 2
