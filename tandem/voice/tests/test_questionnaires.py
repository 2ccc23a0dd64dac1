"""Questionnaires (R36): building a draft (details and four kinds of question, ordered), the
preview, sending it (families in scope told, staff not), answering (one form, a message per
question, one answer a family), results (withheld below the minimum, counts, percentages, bars,
the scale's mean, free text without names), a named questionnaire's read-back and its list of who
has answered, closing (by hand and past the closing date), the CSV export, who reaches which page,
and lists whose query count does not grow."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.core.models import AuditEvent
from tandem.voice.models import Answer, Participation, Question, Questionnaire, Response
from tandem.voice.selectors import questionnaires as selectors
from tandem.voice.services import questionnaires as services
from tandem.voice.tests.world_questionnaires import answers_for, full_questionnaire, make_family, second_parent


def details(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "title": "Autumn views",
        "introduction": "Two minutes of your time.",
        "room": "",
        "confidential": "on",
        "min_responses": 5,
        "closes_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        **extra,
    }


def url(name: str, *args: Any) -> str:
    return reverse(f"voice:{name}", args=args)


def answer_url(questionnaire: Questionnaire) -> str:
    return url("questionnaire_answer", questionnaire.pk)


# --- building ---------------------------------------------------------------------------------------


def test_the_manager_builds_a_questionnaire_and_sends_it(world: Any, as_user: Any, committed: Any) -> None:
    with committed():
        questionnaire = build_and_send(world, as_user(world.manager))
    events = set(AuditEvent.objects.filter(object_id=questionnaire.pk).values_list("event", flat=True))
    assert {"voice.questionnaire.created", "voice.questionnaire.changed", "voice.questionnaire.sent"} <= events


def build_and_send(world: Any, client: Any) -> Questionnaire:
    response = client.get(url("questionnaire_new", world.setting.pk))
    assert response.status_code == 200
    assert 'name="confidential"' in response.content.decode() and "checked" in response.content.decode()
    response = client.post(url("questionnaire_new", world.setting.pk), details(world))
    questionnaire = Questionnaire.objects.get(title="Autumn views")
    assert response.status_code == 302 and response["Location"] == url("questionnaire", questionnaire.pk)
    assert questionnaire.status == Questionnaire.Status.DRAFT
    assert questionnaire.confidential and questionnaire.min_responses == 5 and questionnaire.room is None

    new_question = url("questionnaire_question_new", questionnaire.pk)
    kinds = [
        {"kind": "choice", "text": "How has your child settled?", "options": "Well\nNot well\n\n", "required": "on"},
        {"kind": "multiple", "text": "How do you hear from us?", "options": "Journal\nMessages\nNewsletter"},
        {"kind": "scale", "text": "How well do we listen?", "scale_low": "Not at all", "scale_high": "Very well"},
        {"kind": "text", "text": "What could we do better?", "help_text": "Leave out names."},
    ]
    for data in kinds:
        assert client.post(new_question, data).status_code == 302
    questions = list(questionnaire.questions.all())
    assert [q.kind for q in questions] == ["choice", "multiple", "scale", "text"]
    assert questions[0].choices == ["Well", "Not well"] and questions[0].required
    assert questions[2].scale_low == "Not at all" and questions[2].choices == []

    # order: the text question up one place
    client.post(url("questionnaire_question_move", questionnaire.pk, questions[3].pk), {"direction": "up"})
    assert [q.kind for q in questionnaire.questions.all()] == ["choice", "multiple", "text", "scale"]
    # change, then remove
    edit = url("questionnaire_question_edit", questionnaire.pk, questions[1].pk)
    assert client.get(edit).status_code == 200
    client.post(edit, {"kind": "multiple", "text": "Where do you hear from us?", "options": "Journal\nMessages"})
    assert Question.objects.get(pk=questions[1].pk).choices == ["Journal", "Messages"]

    page = client.get(url("questionnaire", questionnaire.pk)).content.decode()
    assert "Where do you hear from us?" in page and "Send to families" in page
    preview = client.get(url("questionnaire_preview", questionnaire.pk)).content.decode()
    assert "How has your child settled?" in preview and "Your answers are confidential" in preview
    assert "Send our answers" not in preview  # nothing can be sent from a preview

    response = client.post(url("questionnaire_send", questionnaire.pk))
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.OPEN and questionnaire.opened_at
    told = set(Notification.objects.filter(kind=services.SENT_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_a.pk, world.parent_b_no_pr.pk}  # never the restricted parent, never staff
    note = Notification.objects.filter(kind=services.SENT_KIND).first()
    assert note is not None and note.url == answer_url(questionnaire) and "confidential" in note.body

    # once sent, nothing changes
    response = client.post(url("questionnaire_edit", questionnaire.pk), details(world, title="Changed"))
    assert response.status_code == 302
    assert Questionnaire.objects.get(pk=questionnaire.pk).title == "Autumn views"
    with pytest.raises(ValidationError):
        services.add_question(actor=world.manager, questionnaire=questionnaire, data=kinds[0])
    response = client.post(url("questionnaire_question_delete", questionnaire.pk, questions[0].pk))
    assert questionnaire.questions.count() == 4
    return questionnaire


def test_a_room_questionnaire_tells_only_that_rooms_families(world: Any) -> None:
    questionnaire = services.create_questionnaire(
        actor=world.deputy,
        setting=world.setting,
        data={**details(world), "room": world.room_2, "closes_on": timezone.localdate()},
    )
    services.add_question(
        actor=world.deputy, questionnaire=questionnaire, data={"kind": "text", "text": "Anything to add?"}
    )
    services.send(actor=world.deputy, questionnaire=questionnaire)
    told = set(Notification.objects.filter(kind=services.SENT_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_b_no_pr.pk}


@pytest.mark.parametrize(
    "bad, field, message",
    [
        ({"title": ""}, "title", "Give the questionnaire a title."),
        ({"min_responses": 2}, "min_responses", "from 3"),
        ({"min_responses": "many"}, "min_responses", "Give a whole number."),
        ({"closes_on": "2020-01-01"}, "closes_on", "today or later"),
        ({"closes_on": "not a date"}, "closes_on", "Give a date"),
        ({"room": "999999999999999999999"}, "room", "Choose a room of this setting"),
    ],
)
def test_bad_details_are_refused_on_the_form(
    world: Any, as_user: Any, bad: dict[str, Any], field: str, message: str
) -> None:
    response = as_user(world.manager).post(url("questionnaire_new", world.setting.pk), details(world, **bad))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Questionnaire.objects.filter(title="Autumn views").exists()


def test_a_room_of_another_setting_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_questionnaire(
            actor=world.manager, setting=world.setting, data={**details(world), "room": world.other_room}
        )
    assert "room" in error.value.error_dict


@pytest.mark.parametrize(
    "data, message",
    [
        ({"kind": "choice", "text": "Pick", "options": "Only one"}, "Give from 2 to 10 options"),
        ({"kind": "multiple", "text": "Pick", "options": "\n".join(str(n) for n in range(11))}, "from 2 to 10"),
        ({"kind": "choice", "text": "Pick", "options": "Yes\nyes"}, "Give each option once."),
        ({"kind": "scale", "text": "Rate", "scale_low": "Bad"}, "Say what 5 means"),
        ({"kind": "text", "text": ""}, "Write the question."),
        ({"kind": "riddle", "text": "What?"}, "Choose what kind of question it is."),
    ],
)
def test_bad_questions_are_refused_on_the_form(world: Any, as_user: Any, data: dict[str, Any], message: str) -> None:
    draft = world.questionnaire_draft
    response = as_user(world.manager).post(url("questionnaire_question_new", draft.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert draft.questions.count() == 1


def test_a_question_of_another_questionnaire_is_not_found(world: Any, as_user: Any) -> None:
    client = as_user(world.manager)
    theirs = world.questionnaire_open.questions.get()
    assert client.get(url("questionnaire_question_edit", world.questionnaire_draft.pk, theirs.pk)).status_code == 404
    assert client.get(url("questionnaire_question_edit", world.questionnaire_draft.pk, 2**70)).status_code == 404


def test_sending_needs_a_question(world: Any) -> None:
    data = {**details(world), "room": None, "closes_on": timezone.localdate()}
    empty = services.create_questionnaire(actor=world.manager, setting=world.setting, data=data)
    with pytest.raises(ValidationError, match="at least one question"):
        services.send(actor=world.manager, questionnaire=empty)


# --- answering --------------------------------------------------------------------------------------


def test_a_parent_answers_and_sees_thanks_but_not_their_confidential_answers(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting)
    client = as_user(world.parent_a)
    page = client.get(answer_url(questionnaire)).content.decode()
    assert "Your answers are confidential" in page and "<strong>which</strong> answers are yours" in page
    response = client.post(answer_url(questionnaire), answers_for(questionnaire, text="More songs, please."))
    assert response.status_code == 302 and response["Location"] == answer_url(questionnaire)
    page = client.get(answer_url(questionnaire)).content.decode()
    assert "Thank you" in page and "cannot be shown to you again" in page
    assert "More songs, please." not in page  # not even to the family that wrote it
    assert Participation.objects.filter(questionnaire=questionnaire, child=world.child_a).exists()
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    assert Answer.objects.filter(response__questionnaire=questionnaire).count() == 4


@pytest.mark.parametrize(
    "change, message",
    [
        ({"choice": ""}, "Answer this question."),
        ({"choice": "Brilliant"}, "Choose one of the options."),
        ({"heard": ["Carrier pigeon"]}, "Choose from the options given."),
        ({"heard": []}, "Answer this question."),
        ({"scale": 7}, "Choose a number from 1 to 5."),
        ({"scale": "lots"}, "Choose a number from 1 to 5."),
        ({"text": "x" * 2001}, "Keep your answer to 2000 characters."),
    ],
)
def test_each_question_says_what_is_wrong_and_nothing_is_written(
    world: Any, as_user: Any, change: dict[str, Any], message: str
) -> None:
    questionnaire = full_questionnaire(world.setting)
    response = as_user(world.parent_a).post(answer_url(questionnaire), answers_for(questionnaire, **change))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not Participation.objects.exists() and not Response.objects.exists() and not Answer.objects.exists()


def test_the_service_checks_the_answers_too(world: Any) -> None:
    questionnaire = full_questionnaire(world.setting)
    data = answers_for(questionnaire, scale=0)
    with pytest.raises(ValidationError) as error:
        services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=data)
    scale_q = questionnaire.questions.get(kind="scale")
    assert error.value.message_dict == {f"q_{scale_q.pk}": [services.SCALE]}
    assert not Participation.objects.exists()


def test_one_answer_a_family(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting)
    services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    # the same parent again
    with pytest.raises(ValidationError, match="already answered"):
        services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    response = as_user(world.parent_a).post(answer_url(questionnaire), answers_for(questionnaire))
    assert response.status_code == 302
    # another parent with parental responsibility of the same child
    other = second_parent(world.child_a, "Pat", "Partnerson")
    response = as_user(other).get(answer_url(questionnaire))
    assert "Your family has answered" in response.content.decode()
    assert "Send our answers" not in response.content.decode()
    response = as_user(other).post(answer_url(questionnaire), answers_for(questionnaire), follow=True)
    assert "Your family has already answered" in response.content.decode()
    with pytest.raises(ValidationError, match="already answered"):
        services.answer(actor=other, questionnaire=questionnaire, answers=answers_for(questionnaire))
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    assert Participation.objects.filter(questionnaire=questionnaire).count() == 1


def test_two_submits_at_once_are_caught_by_the_database(world: Any, monkeypatch: Any) -> None:
    """Both parents pass the friendly check before either has written (as two requests at once
    would): the unique participation refuses the second in its transaction, and nothing of it stays."""
    questionnaire = full_questionnaire(world.setting)
    other = second_parent(world.child_a, "Pat", "Partnerson")
    monkeypatch.setattr(services, "has_answered", lambda *args: False)
    services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    with pytest.raises(ValidationError) as error:
        services.answer(actor=other, questionnaire=questionnaire, answers=answers_for(questionnaire, choice="Not well"))
    assert error.value.messages == [services.ALREADY_ANSWERED]
    assert Response.objects.filter(questionnaire=questionnaire).count() == 1
    assert Participation.objects.filter(questionnaire=questionnaire).count() == 1
    assert not Answer.objects.filter(choices=["Not well"]).exists()


def test_a_family_with_two_children_answers_once_for_both(world: Any) -> None:
    from tandem.factories import ChildAdultFactory, ChildFactory

    sibling = ChildFactory(setting=world.setting, room=world.room_2, first_name="Sibyl", last_name="Ashcombe")
    ChildAdultFactory(child=sibling, adult=world.adult_a, parental_responsibility=True)
    questionnaire = full_questionnaire(world.setting)
    services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    assert set(Participation.objects.values_list("child_id", flat=True)) == {world.child_a.pk, sibling.pk}
    assert Response.objects.count() == 1


def test_who_may_answer_which(world: Any, as_user: Any) -> None:
    room = full_questionnaire(world.setting, room=world.room_2)
    # child A is in room 1: this questionnaire is not for parent A
    assert as_user(world.parent_a).get(answer_url(room)).status_code == 404
    with pytest.raises(Http404):
        services.answer(actor=world.parent_a, questionnaire=room, answers=answers_for(room))
    assert as_user(world.parent_b_no_pr).get(answer_url(room)).status_code == 200  # no PR: still the family
    setting_wide = full_questionnaire(world.setting)
    assert as_user(world.restricted_parent).get(answer_url(setting_wide)).status_code == 404
    assert as_user(world.manager).get(answer_url(setting_wide)).status_code == 404  # staff do not answer
    assert as_user(world.parent_a).get(answer_url(world.questionnaire_draft)).status_code == 404
    assert as_user(world.parent_a).get(answer_url(world.other_questionnaire)).status_code == 404


def test_a_closed_questionnaire_takes_no_answers(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting)
    services.close(actor=world.manager, questionnaire=questionnaire)
    client = as_user(world.parent_a)
    assert "This questionnaire is closed." in client.get(answer_url(questionnaire)).content.decode()
    response = client.post(answer_url(questionnaire), answers_for(questionnaire), follow=True)
    assert "not open for answers" in response.content.decode()
    with pytest.raises(ValidationError, match="not open"):
        services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    assert not Participation.objects.exists()


def test_past_its_closing_date_it_closes_when_read(world: Any, as_user: Any, time_machine: Any) -> None:
    questionnaire = full_questionnaire(world.setting)
    time_machine.move_to(timezone.now() + dt.timedelta(days=15))
    with pytest.raises(ValidationError, match="not open"):
        services.answer(actor=world.parent_a, questionnaire=questionnaire, answers=answers_for(questionnaire))
    page = as_user(world.parent_a).get(answer_url(questionnaire)).content.decode()
    assert "This questionnaire is closed." in page
    questionnaire.refresh_from_db()
    assert questionnaire.status == Questionnaire.Status.CLOSED and questionnaire.closed_at
    other = full_questionnaire(world.setting)
    Questionnaire.objects.filter(pk=other.pk).update(closes_on=timezone.localdate() - dt.timedelta(days=1))
    as_user(world.manager).get(url("questionnaires", world.setting.pk))
    assert Questionnaire.objects.get(pk=other.pk).status == Questionnaire.Status.CLOSED


def test_a_named_questionnaire_reads_back_and_shows_who_answered(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting, confidential=False, minimum=3)
    client = as_user(world.parent_a)
    page = client.get(answer_url(questionnaire)).content.decode()
    assert "Your answers are not anonymous" in page
    client.post(answer_url(questionnaire), answers_for(questionnaire, text="Lovely staff."))
    page = client.get(answer_url(questionnaire)).content.decode()
    assert "Your answers" in page and "Lovely staff." in page and "4 out of 5" in page
    assert Response.objects.get().adult == world.adult_a
    results = as_user(world.manager).get(url("questionnaire_results", questionnaire.pk)).content.decode()
    assert "Penny Parentish" in results  # who answered
    assert "Barnaby Brackenbury" in results and "Stefan Stepfordson" in results  # who has not


# --- results ----------------------------------------------------------------------------------------


def answer_as_families(world: Any, questionnaire: Questionnaire, rows: list[dict[str, Any]]) -> list[Any]:
    parents = [world.parent_a, world.parent_b_no_pr]
    for n in range(len(rows) - 2):
        parents.append(make_family(world.setting, world.room_1, f"Extra{n}", f"Family{n}")[0])
    for parent, row in zip(parents, rows, strict=False):
        services.answer(actor=parent, questionnaire=questionnaire, answers=answers_for(questionnaire, **row))
    return parents[: len(rows)]


def test_results_are_withheld_below_the_minimum(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting, minimum=5)
    answer_as_families(world, questionnaire, [{"text": f"Comment {n}"} for n in range(4)])
    client = as_user(world.manager)
    page = client.get(url("questionnaire_results", questionnaire.pk)).content.decode()
    assert "4 families have answered; results show once at least 5 have" in page
    assert "How has your child settled?" not in page and "Comment 0" not in page and "bar--w" not in page
    export = client.get(url("questionnaire_export", questionnaire.pk)).content.decode()
    assert "results show once at least 5 have" in export
    assert "How has your child settled?" not in export and "Well" not in export
    services.answer(
        actor=make_family(world.setting, world.room_2, "Fifth", "Family")[0],
        questionnaire=questionnaire,
        answers=answers_for(questionnaire),
    )
    page = client.get(url("questionnaire_results", questionnaire.pk)).content.decode()
    assert "results show once" not in page and "How has your child settled?" in page


def test_results_count_chart_and_average(world: Any, as_user: Any) -> None:
    questionnaire = full_questionnaire(world.setting, minimum=3)
    answer_as_families(
        world,
        questionnaire,
        [
            {"choice": "Well", "heard": ["Journal", "Messages"], "scale": 5, "text": "More outdoor play."},
            {"choice": "Well", "heard": ["Journal"], "scale": 4, "text": ""},
            {"choice": "Not well", "heard": ["Messages"], "scale": 2, "text": "Earlier newsletters."},
            {"choice": "Well", "heard": ["Journal"], "scale": 4, "text": "Nothing, thank you."},
        ],
    )
    found = selectors.results(questionnaire)
    choice, multiple, scale, text = found.questions
    assert [(b.label, b.count, b.percent, b.width) for b in choice.bars] == [
        ("Well", 3, 75, "bar--w75"),
        ("Not well", 1, 25, "bar--w25"),
    ]
    assert [(b.label, b.count, b.percent) for b in multiple.bars] == [("Journal", 3, 75), ("Messages", 2, 50)]
    assert [b.count for b in scale.bars] == [0, 1, 0, 2, 1] and scale.mean == 3.8
    assert scale.bars[0].label == "1 (Badly)" and scale.bars[4].label == "5 (Well)"
    assert text.answered == 3 and sorted(text.texts) == [
        "Earlier newsletters.",
        "More outdoor play.",
        "Nothing, thank you.",
    ]
    assert selectors.results(questionnaire).questions[3].texts == text.texts  # random, but the same each time
    assert found.answered == 4 and found.in_scope == 4 and found.rate == 100
    page = as_user(world.manager).get(url("questionnaire_results", questionnaire.pk)).content.decode()
    assert 'class="bar__fill bar--w75"' in page and "75%" in page and "3.8" in page
    assert "More outdoor play." in page and 'style="' not in page  # no inline style (CSP)
    assert '<th scope="row">Well</th>' in page


def test_response_rate_counts_families_not_parents(world: Any) -> None:
    second_parent(world.child_a, "Pat", "Partnerson")  # the same family: not another
    questionnaire = full_questionnaire(world.setting)
    services.answer(actor=world.parent_b_no_pr, questionnaire=questionnaire, answers=answers_for(questionnaire))
    found = selectors.results(questionnaire)
    assert (found.answered, found.in_scope, found.rate) == (1, 2, 50)
    room = full_questionnaire(world.setting, room=world.room_1)
    assert selectors.results(room).in_scope == 1


def test_the_csv_export_guards_against_formulas_and_names_only_when_named(
    world: Any, as_user: Any, committed: Any
) -> None:
    named = full_questionnaire(world.setting, confidential=False, minimum=3)
    named.questions.filter(kind="choice").update(choices=['=HYPERLINK("http://x")', "Not well"])
    named.refresh_from_db()
    answer_as_families(
        world,
        named,
        [{"choice": '=HYPERLINK("http://x")', "text": "+cmd"}, {"choice": "Not well"}, {"choice": "Not well"}],
    )
    client = as_user(world.owner)
    with committed():
        response = client.get(url("questionnaire_export", named.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert '\'=HYPERLINK("http://x")' in cells and "'+cmd" in cells
    assert "Penny Parentish" in cells  # named: who answered what
    assert AuditEvent.objects.filter(event="voice.questionnaire.exported", object_id=named.pk).exists()


def test_the_provider_reads_results_but_builds_nothing(world: Any, as_user: Any) -> None:
    client = as_user(world.line_manager)
    listing = client.get(url("questionnaires", world.setting.pk)).content.decode()
    assert "How are we doing?" in listing and "Lunches (draft)" not in listing and "New questionnaire" not in listing
    assert client.get(url("questionnaire_results", world.questionnaire_open.pk)).status_code == 200
    assert client.get(url("questionnaire", world.questionnaire_open.pk)).status_code == 404
    assert client.get(url("questionnaire_new", world.setting.pk)).status_code == 404
    assert client.post(url("questionnaire_send", world.questionnaire_draft.pk)).status_code == 404


@pytest.mark.parametrize("persona", ["parent_a", "key_person_a", "administrator", "senco", "other_manager"])
def test_others_reach_no_staff_page(world: Any, as_user: Any, persona: str) -> None:
    client = as_user(world[persona])
    q = world.questionnaire_open
    for name in ("questionnaire", "questionnaire_results", "questionnaire_export", "questionnaire_preview"):
        assert client.get(url(name, q.pk)).status_code == 404, name
    assert client.get(url("questionnaires", world.setting.pk)).status_code == 404
    assert client.post(url("questionnaire_close", q.pk)).status_code == 404
    assert Questionnaire.objects.get(pk=q.pk).status == Questionnaire.Status.OPEN


def test_close_by_hand(world: Any, as_user: Any) -> None:
    q = world.questionnaire_open
    response = as_user(world.deputy).post(url("questionnaire_close", q.pk), follow=True)
    assert "Closed: no more answers can be given." in response.content.decode()
    assert Questionnaire.objects.get(pk=q.pk).status == Questionnaire.Status.CLOSED
    response = as_user(world.deputy).post(url("questionnaire_close", q.pk), follow=True)
    assert "Only an open questionnaire can be closed." in response.content.decode()


# --- query counts -------------------------------------------------------------------------------------


def test_the_list_does_not_grow_in_queries(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    client = as_user(world.manager)
    client.get(url("questionnaires", world.setting.pk))
    with django_assert_max_num_queries(20) as few:
        assert client.get(url("questionnaires", world.setting.pk)).status_code == 200
    for _ in range(12):
        full_questionnaire(world.setting)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("questionnaires", world.setting.pk)).status_code == 200


def test_results_do_not_grow_in_queries(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for confidential in (True, False):
        questionnaire = full_questionnaire(world.setting, confidential=confidential, minimum=3)
        parents = answer_as_families(world, questionnaire, [{}, {}, {}])
        client = as_user(world.manager)
        results = url("questionnaire_results", questionnaire.pk)
        client.get(results)
        with django_assert_max_num_queries(25) as few:
            assert client.get(results).status_code == 200
        for n in range(6):
            parent, _ = make_family(world.setting, world.room_2, f"More{n}{confidential}", f"Answerer{n}")
            services.answer(actor=parent, questionnaire=questionnaire, answers=answers_for(questionnaire))
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(results).status_code == 200
        assert len(parents) == 3
