"""Suggestions (R37): named or anonymous, answered publicly or to the named parent, and "you said,
we did"; an anonymous suggestion records no one, anywhere."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from tandem.comms.models import Notification
from tandem.core.models import AuditEvent
from tandem.voice.models import Suggestion
from tandem.voice.services import suggestions as services


def make(world: Any, *, anonymous: bool, text: str = "Please add a bike rack by the gate.", actor: Any = None) -> Any:
    return services.make_suggestion(
        actor=actor or world.parent_a, setting=world.setting, tone="idea", text=text, anonymous=anonymous
    )


def test_a_named_suggestion_records_its_author_and_tells_the_managers(world: Any) -> None:
    suggestion = make(world, anonymous=False)
    assert suggestion.author == world.parent_a
    told = set(Notification.objects.filter(kind=services.RECEIVED_KIND).values_list("recipient_id", flat=True))
    assert told == {world.manager.pk, world.deputy.pk}


def test_an_anonymous_suggestion_records_no_one_anywhere(world: Any, committed: Any) -> None:
    with committed():
        suggestion = make(world, anonymous=True, text="Penny here: the lunches are cold.")
    suggestion.refresh_from_db()
    assert suggestion.author_id is None
    event = AuditEvent.objects.get(event="voice.suggestion.received", object_id=suggestion.pk)
    assert event.actor_id is None and not event.subjects.exists()
    for note in Notification.objects.filter(kind=services.RECEIVED_KIND):
        assert "Parentish" not in note.title + note.body


def test_the_restricted_parent_and_strangers_cannot_make_one(world: Any) -> None:
    for persona in ("restricted_parent", "other_parent", "key_person_a", "nobody"):
        with pytest.raises((Http404, PermissionDenied)):
            make(world, anonymous=False, actor=world[persona])


def test_empty_text_is_refused_on_the_form_and_nothing_is_written(world: Any, as_user: Any) -> None:
    before = Suggestion.objects.count()
    response = as_user(world.parent_a).post(
        reverse("voice:suggestion_make", args=[world.setting.pk]), {"tone": "idea", "text": "  "}
    )
    assert response.status_code == 400
    assert "Write your suggestion." in response.content.decode()
    assert Suggestion.objects.count() == before
    with pytest.raises(ValidationError):
        services.make_suggestion(actor=world.parent_a, setting=world.setting, tone="rude", text="x", anonymous=False)


def test_a_parent_makes_one_on_the_page_and_reads_the_reply(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)
    response = client.post(
        reverse("voice:suggestion_make", args=[world.setting.pk]),
        {"tone": "positive", "text": "The new reading corner is wonderful."},
    )
    made = Suggestion.objects.get(text="The new reading corner is wonderful.")
    assert response.status_code == 302 and response["Location"] == reverse("voice:my_suggestion", args=[made.pk])
    services.answer(
        actor=world.manager,
        suggestion=made,
        reply="Thank you, Isla's room chose the books.",
        reply_public=False,
        status="done",
        we_did="",
    )
    page = client.get(reverse("voice:my_suggestion", args=[made.pk])).content.decode()
    assert "Isla&#x27;s room chose the books" in page or "Isla's room chose the books" in page
    assert Notification.objects.filter(kind=services.ANSWERED_KIND, recipient=world.parent_a).exists()
    # the other family may not open it
    assert as_user(world.parent_b_no_pr).get(reverse("voice:my_suggestion", args=[made.pk])).status_code == 404


def test_anonymous_suggestions_are_not_listed_as_the_parents_own(world: Any, as_user: Any) -> None:
    make(world, anonymous=True, text="Anonymous idea about parking")
    page = as_user(world.parent_a).get(reverse("voice:my_suggestions", args=[world.setting.pk])).content.decode()
    assert "Anonymous idea about parking" not in page
    staff = as_user(world.manager).get(reverse("voice:suggestions", args=[world.setting.pk])).content.decode()
    assert "Anonymous idea about parking" in staff and "Anonymous" in staff


def test_a_private_reply_to_an_anonymous_suggestion_is_refused(world: Any, as_user: Any) -> None:
    suggestion = make(world, anonymous=True)
    response = as_user(world.manager).post(
        reverse("voice:suggestion", args=[suggestion.pk]),
        {"reply": "We will look at it.", "status": "considering", "we_did": ""},
    )
    assert response.status_code == 400
    assert "made anonymously" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.reply == ""


def test_you_said_we_did_shows_public_answers_without_names(world: Any, as_user: Any) -> None:
    suggestion = make(world, anonymous=False, text="Could we have a bike rack?")
    hidden = make(world, anonymous=False, text="A private matter about fees")
    services.answer(
        actor=world.manager,
        suggestion=suggestion,
        reply="Yes, from January.",
        reply_public=True,
        status="done",
        we_did="We put a bike rack by the gate.",
    )
    services.answer(
        actor=world.manager, suggestion=hidden, reply="I will call you.", reply_public=False, status="done", we_did=""
    )
    suggestion.refresh_from_db()
    assert suggestion.we_did_on is not None
    page = as_user(world.parent_b_no_pr).get(reverse("voice:you_said_we_did", args=[world.setting.pk]))
    text = page.content.decode()
    assert "We put a bike rack by the gate." in text and "Could we have a bike rack?" in text
    assert "A private matter about fees" not in text and "I will call you." not in text
    assert "Parentish" not in text


def test_only_the_manager_and_deputy_answer(world: Any, as_user: Any) -> None:
    suggestion = make(world, anonymous=False)
    for persona in ("key_person_a", "owner", "administrator"):
        with pytest.raises((Http404, PermissionDenied)):
            services.answer(
                actor=world[persona], suggestion=suggestion, reply="x", reply_public=True, status="done", we_did=""
            )
    # the owner reads it, without an answer form
    page = as_user(world.owner).get(reverse("voice:suggestion", args=[suggestion.pk]))
    assert page.status_code == 200 and "Save the answer" not in page.content.decode()
    assert as_user(world.other_manager).get(reverse("voice:suggestion", args=[suggestion.pk])).status_code == 404


def test_the_list_filters_in_the_database_with_a_flat_query_count(
    world: Any, as_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = as_user(world.manager)
    url = reverse("voice:suggestions", args=[world.setting.pk])
    client.get(url)
    Suggestion.objects.bulk_create(
        [Suggestion(setting=world.setting, tone="idea", text=f"Idea {i}", author=world.parent_a) for i in range(40)]
    )
    with django_assert_max_num_queries(18):
        response = client.get(url + "?status=new&tone=idea")
    assert response.status_code == 200
    negative = client.get(url + "?tone=negative").content.decode()
    assert "The car park is chaotic" in negative and "Idea 3" not in negative
