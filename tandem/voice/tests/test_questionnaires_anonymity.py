"""The proof that a confidential questionnaire is anonymous (R36's "done when").

Five families (the world's two and three more) answer a confidential questionnaire through the
pages, as parents do. The test knows which response is whose (it looks between answers, as no one
else can afterwards) and then tries to link them from what Tandem keeps: every column of every
Response, Answer and Participation row, the audit rows written while answering, notifications,
sessions, log lines, the order the database keeps rows in, and every staff page and export. Nothing
may tie a response to its family. Double answers are refused along the way.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, models
from django.urls import get_resolver, reverse

from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.models import AuditEvent, AuditSubject
from tandem.people.models import ChildAdult
from tandem.voice.models import Answer, Participation, Questionnaire, Response
from tandem.voice.services import questionnaires as services
from tandem.voice.tests.world_questionnaires import answers_for, full_questionnaire, make_family, second_parent

COMMENTS = [
    "The garden is lovely.",
    "More photos in the journal.",
    "Please send the menu earlier.",
    "Drop-off is a bit rushed.",
    "Everything is fine.",
]


def _uuid_forms(value: uuid.UUID) -> set[str]:
    return {str(value), value.hex, str(value.int)}


def _families(world: Any) -> list[dict[str, Any]]:
    """Five families: the world's two, and three made here (two in room 1, one in room 2)."""
    found = [
        {"parent": world.parent_a, "children": [world.child_a]},
        {"parent": world.parent_b_no_pr, "children": [world.child_b]},
    ]
    for n, room in enumerate([world.room_1, world.room_1, world.room_2]):
        parent, child = make_family(world.setting, room, f"Quinn{n}", f"Questor{n}", child_first=f"Kit{n}")
        found.append({"parent": parent, "children": [child]})
    for family, comment in zip(found, COMMENTS, strict=True):
        family["comment"] = comment
        family["names"] = {family["parent"].first_name, family["parent"].last_name} | {
            part for child in family["children"] for part in (child.first_name, child.last_name)
        }
    return found


def _row_values(model: type[models.Model]) -> list[dict[str, Any]]:
    return list(model._default_manager.values())


@pytest.fixture
def answered(world: Any, client: Any, committed: Any, caplog: Any, monkeypatch: Any) -> dict[str, Any]:
    """The families answer through the pages; what the test saw along the way is returned."""
    questionnaire = full_questionnaire(world.setting, minimum=3)
    families = _families(world)
    # The rows are written again in a random order after each answer: here in a known order (by
    # id, descending), so the test can tell that the order the database keeps them in was rewritten.
    monkeypatch.setattr(services, "_shuffle", lambda items: items.sort(key=lambda r: str(r["id"]), reverse=True))
    audit_before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    notes_before = set(Notification.objects.values_list("pk", flat=True))
    caplog.set_level(logging.DEBUG)
    url = reverse("voice:questionnaire_answer", args=[questionnaire.pk])
    sessions: list[str] = []
    for n, family in enumerate(families):
        login(client, family["parent"])
        before = set(Response.objects.values_list("id", flat=True))
        data = answers_for(questionnaire, choice="Well" if n % 2 else "Not well", scale=1 + n, text=family["comment"])
        with committed():
            response = client.post(url, data)
        assert response.status_code == 302 and response["Location"] == url
        thanks = client.get(url).content.decode()
        assert "Thank you" in thanks and family["comment"] not in thanks
        # the same parent again: refused, nothing written
        again = client.post(url, data, follow=True).content.decode()
        assert "Your family has already answered" in again
        (new,) = set(Response.objects.values_list("id", flat=True)) - before
        family["response"] = new
        sessions.extend(s.session_data + repr(s.get_decoded()) for s in Session.objects.all())
        sessions.append(repr(dict(client.session.items())))
        sessions.append(str(client.cookies))
    audit_rows = list(AuditEvent.objects.filter(id__gt=audit_before).values())
    subjects = list(AuditSubject.objects.filter(event_id__gt=audit_before).values())
    notes = list(Notification.objects.exclude(pk__in=notes_before).values())
    logs = [record.getMessage() for record in caplog.records]
    return {
        "questionnaire": questionnaire,
        "families": families,
        "audit": audit_rows,
        "subjects": subjects,
        "notes": notes,
        "logs": logs,
        "sessions": sessions,
    }


def test_the_rows_hold_nothing_that_links_an_answer_to_a_family(answered: dict[str, Any]) -> None:
    questionnaire, families = answered["questionnaire"], answered["families"]
    responses = _row_values(Response)
    answers = _row_values(Answer)
    participations = _row_values(Participation)
    assert len(responses) == 5 and len(participations) == 5

    # Response: who and when are not there at all; the id is random.
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "questionnaire", "adult"}
    for row in responses:
        assert set(row) == {"id", "questionnaire_id", "adult_id"}
        assert row["adult_id"] is None and row["questionnaire_id"] == questionnaire.pk
        assert isinstance(row["id"], uuid.UUID) and row["id"].version == 4
    # Answer: the answer itself, its question and its response; no time, a random id.
    assert {f.name for f in Answer._meta.concrete_fields} == {"id", "response", "question", "choices", "scale", "text"}
    for row in answers:
        assert isinstance(row["id"], uuid.UUID) and row["id"].version == 4
    for model in (Response, Answer):
        kinds = (models.DateField, models.DateTimeField, models.TimeField, models.AutoField, models.BigAutoField)
        assert not [f.name for f in model._meta.concrete_fields if isinstance(f, kinds)], model
    # Participation: the child and the day only (no time), a random id shared with nothing else.
    assert {f.name for f in Participation._meta.concrete_fields} == {"id", "questionnaire", "child", "answered_on"}
    for row in participations:
        assert isinstance(row["id"], uuid.UUID) and row["id"].version == 4
        assert type(row["answered_on"]) is dt.date
    ids = {r["id"] for r in responses} | {a["id"] for a in answers}
    assert not ids & {p["id"] for p in participations}

    # Try every way in: no value kept about a family appears among a response's own values.
    for family in families:
        child_ids = [c.pk for c in family["children"]]
        theirs = {
            str(family["parent"].pk),
            str(family["parent"].adult.pk),
            *(str(c) for c in child_ids),
            *(str(pk) for pk in ChildAdult.objects.filter(child_id__in=child_ids).values_list("pk", flat=True)),
            *(str(p["id"]) for p in participations if p["child_id"] in child_ids),
            *family["names"],
            family["parent"].email,
        }
        for response in responses:
            own = {str(response["id"]), str(response["adult_id"])} | {
                str(a["id"]) for a in answers if a["response_id"] == response["id"]
            }
            assert not own & theirs, (family["parent"], own & theirs)
    # What the families wrote carries no name of theirs (the test's texts) and no date.
    texts = " ".join(a["text"] for a in answers)
    assert not any(name in texts for family in families for name in family["names"])


def test_a_confidential_answer_leaves_no_audit_row_at_all(answered: dict[str, Any]) -> None:
    """An audit row naming the family and the time, read beside the results before and after it, would
    give the answer away (differencing): a confidential answer writes none. The Participation rows (a
    day, no time) are the only record that a family took part."""
    assert answered["audit"] == [] and answered["subjects"] == []
    assert not AuditEvent.objects.filter(
        object_type__in=["voice.response", "voice.answer", "voice.participation"]
    ).exists()
    questionnaire = answered["questionnaire"]
    assert not AuditEvent.objects.filter(event="voice.questionnaire.answered", object_id=questionnaire.pk).exists()
    for family in answered["families"]:
        assert Participation.objects.filter(questionnaire=questionnaire, child__in=family["children"]).count() == len(
            family["children"]
        )


def test_no_notification_session_or_log_line_carries_a_response(answered: dict[str, Any]) -> None:
    assert answered["notes"] == []  # no one is told of each answer: not staff, not the family
    kept = " ".join(answered["sessions"]) + " ".join(answered["logs"])
    for family in answered["families"]:
        assert not any(form in kept for form in _uuid_forms(family["response"]))
        assert family["comment"] not in kept


def test_the_order_rows_are_kept_in_is_rewritten(answered: dict[str, Any]) -> None:
    """After each answer the responses and answers are written again in a random order (here the
    test's known order), so the database's own row order does not follow the order of answers."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's rowid shows the order rows were written in; PostgreSQL may reuse space")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM voice_response ORDER BY rowid")
        kept = [uuid.UUID(str(row[0])) for row in cursor.fetchall()]
        cursor.execute("SELECT id FROM voice_answer ORDER BY rowid")
        kept_answers = [uuid.UUID(str(row[0])) for row in cursor.fetchall()]
    assert kept == sorted(kept, key=str, reverse=True)
    assert kept_answers == sorted(kept_answers, key=str, reverse=True)


def test_no_staff_page_or_export_shows_a_name_beside_an_answer(
    world: Any, answered: dict[str, Any], client: Any
) -> None:
    questionnaire, families = answered["questionnaire"], answered["families"]
    pages = [
        reverse("voice:questionnaire_results", args=[questionnaire.pk]),
        reverse("voice:questionnaire_export", args=[questionnaire.pk]),
        reverse("voice:questionnaire", args=[questionnaire.pk]),
        reverse("voice:questionnaires", args=[world.setting.pk]),
    ]
    for persona in ("manager", "deputy", "owner", "line_manager"):
        login(client, world[persona])
        for page in pages:
            response = client.get(page)
            if response.status_code == 404:
                assert persona in ("owner", "line_manager") and page == pages[2]
                continue
            assert response.status_code == 200, (persona, page)
            text = response.content.decode("utf-8-sig")
            for family in families:
                assert not family["names"] & set(text.replace(",", " ").replace("<", " ").replace(">", " ").split())
                assert not any(form in text for form in _uuid_forms(family["response"]))
        results = client.get(pages[0]).content.decode()
        assert all(family["comment"] in results for family in families)  # listed, without names
        assert "Who has answered" not in results and "Not answered yet" not in results
        assert '<span class="stat__number">5</span> families answered' in results
    # The Django admin is not mounted, and no address serves responses or participations.
    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert client.get("/admin/").status_code == 404
    routes = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not [r for r in routes if "admin" in r]


def test_a_second_parent_of_an_answering_family_is_refused(world: Any, answered: dict[str, Any], client: Any) -> None:
    questionnaire = answered["questionnaire"]
    other = second_parent(world.child_a, "Pat", "Partnerson")
    login(client, other)
    url = reverse("voice:questionnaire_answer", args=[questionnaire.pk])
    page = client.post(url, answers_for(questionnaire), follow=True).content.decode()
    assert "Your family has already answered" in page
    assert Response.objects.count() == 5 and Participation.objects.count() == 5
    # the restricted parent of the same child is no parent here at all
    login(client, world.restricted_parent)
    assert client.get(url).status_code == 404
    assert Questionnaire.objects.get(pk=questionnaire.pk).status == Questionnaire.Status.OPEN
