"""The parents' "Have your say" page: in the main menu for parents only, listing the questionnaires
their family still has to answer in that setting (the hub's sections registry), and a friendly
empty state with other ways to take part."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from tandem.core import navigation
from tandem.voice.hub import SECTIONS, sections_for
from tandem.voice.models import Questionnaire
from tandem.voice.services import questionnaires as services
from tandem.voice.tests.world_questionnaires import answers_for, full_questionnaire


def hub_url(world: Any) -> str:
    return reverse("voice:hub", args=[world.setting.pk])


def test_parents_find_have_your_say_in_the_menu(world: Any, as_user: Any) -> None:
    page = as_user(world.parent_a).get(reverse("people:home")).content.decode()
    assert f'href="{hub_url(world)}">Have your say</a>' in page
    labels = [e["label"] for e in navigation.visible(world.manager, navigation.ENTRIES)]
    assert "Have your say" not in labels
    assert "Have your say" not in [e["label"] for e in navigation.visible(world.restricted_parent, navigation.ENTRIES)]


def test_the_hub_lists_what_the_family_has_to_answer(world: Any, as_user: Any) -> None:
    assert "questionnaires" in SECTIONS
    page = as_user(world.parent_a).get(hub_url(world)).content.decode()
    assert "Questionnaires to answer" in page and "How are we doing?" in page
    assert "Bluebell Room garden" not in page  # room 2 is not child A's room
    assert "Lunches (draft)" not in page and "Riverside survey" not in page
    page = as_user(world.parent_b_no_pr).get(hub_url(world)).content.decode()
    assert "How are we doing?" in page and "Bluebell Room garden" in page


def only_questionnaires(monkeypatch: Any) -> None:
    """Leave out the other features' sections (their world objects would fill the page)."""
    monkeypatch.setattr("tandem.voice.hub.SECTIONS", {"questionnaires": SECTIONS["questionnaires"]})


def test_an_answered_or_closed_questionnaire_leaves_the_hub(world: Any, as_user: Any, monkeypatch: Any) -> None:
    only_questionnaires(monkeypatch)
    mine = full_questionnaire(world.setting)
    services.answer(actor=world.parent_a, questionnaire=mine, answers=answers_for(mine))
    services.close(actor=world.manager, questionnaire=world.questionnaire_open)
    found = dict((s.key, items) for s, items in sections_for(world.parent_a))
    assert "questionnaires" not in found
    page = as_user(world.parent_a).get(hub_url(world)).content.decode()
    assert "Nothing is waiting for you right now" in page
    assert "Autumn check-in" not in page


def test_the_empty_hub_links_only_to_pages_that_exist(world: Any, as_user: Any, monkeypatch: Any) -> None:
    only_questionnaires(monkeypatch)
    Questionnaire.objects.filter(status=Questionnaire.Status.OPEN).update(status=Questionnaire.Status.CLOSED)
    page = as_user(world.parent_a).get(hub_url(world)).content.decode()
    assert "Nothing is waiting for you right now" in page
    try:
        suggest = reverse("voice:suggestion_make", args=[world.setting.pk])
    except NoReverseMatch:
        assert "Make a suggestion" not in page
    else:
        assert f'href="{suggest}"' in page


def test_only_the_settings_parents_open_the_hub(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for persona in ("manager", "key_person_a", "owner", "restricted_parent", "nobody", "other_manager"):
        assert as_user(world[persona]).get(hub_url(world)).status_code == 404, persona
    assert as_user(world.parent_a).get(reverse("voice:hub", args=[world.other_setting.pk])).status_code == 404
    client = as_user(world.parent_b_no_pr)
    client.get(hub_url(world))
    with django_assert_max_num_queries(30) as few:
        assert client.get(hub_url(world)).status_code == 200
    for _ in range(6):
        full_questionnaire(world.setting, room=world.room_2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(hub_url(world)).status_code == 200
