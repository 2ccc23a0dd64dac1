"""Consultations on changes (R39): a change is written, published with a closing date, answered by
families, closed and decided with reasons, and every family is told."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.voice.models import Consultation, ConsultationResponse
from tandem.voice.services import consultations as services

TODAY = timezone.localdate


def draft(world: Any, **overrides: Any) -> Consultation:
    fields = {
        "title": "Forest school on Fridays",
        "proposal": "We propose a forest school morning every Friday, in the woods behind the church.",
        "question": "Would your child come on Fridays?",
        "closes_on": TODAY() + dt.timedelta(days=14),
    }
    fields.update(overrides)
    return services.create(actor=world.manager, setting=world.setting, **fields)


def test_a_consultation_runs_from_draft_to_decision(world: Any, as_user: Any) -> None:
    consultation = draft(world)
    assert as_user(world.parent_a).get(reverse("voice:consultation", args=[consultation.pk])).status_code == 404
    services.publish(actor=world.manager, consultation=consultation)
    told = set(Notification.objects.filter(kind=services.ASKED_KIND).values_list("recipient_id", flat=True))
    assert told == {world.parent_a.pk, world.parent_b_no_pr.pk}  # never the restricted parent
    # a parent gives a view on the page, and changes it
    client = as_user(world.parent_a)
    url = reverse("voice:consultation", args=[consultation.pk])
    assert client.post(url, {"answer": "agree", "comment": "Isla loves the woods."}).status_code == 302
    assert client.post(url, {"answer": "unsure", "comment": "Depends on the weather."}).status_code == 302
    mine = ConsultationResponse.objects.get(consultation=consultation, author=world.parent_a)
    assert (mine.answer, mine.comment) == ("unsure", "Depends on the weather.")
    services.respond(actor=world.parent_b_no_pr, consultation=consultation, answer="disagree", comment="")
    # the other family's view is not shown to this one; the manager reads both, with names
    assert "Stepfordson" not in client.get(url).content.decode()
    staff = as_user(world.manager).get(reverse("voice:consultation_responses", args=[consultation.pk]))
    assert "Penny Parentish" in staff.content.decode() and "Stefan Stepfordson" in staff.content.decode()
    # no decision while views are open
    with pytest.raises(ValidationError):
        services.decide(actor=world.manager, consultation=consultation, decision="Yes", reasons="Because")
    services.close(actor=world.manager, consultation=consultation)
    with pytest.raises(Http404):  # a closed consultation takes no views
        services.respond(actor=world.parent_a, consultation=consultation, answer="agree", comment="")
    response = as_user(world.manager).post(
        reverse("voice:consultation_decide", args=[consultation.pk]),
        {"decision": "Forest school starts in January.", "reasons": "Most families agreed; we will lend waterproofs."},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.DECIDED and consultation.decided_by == world.manager
    decided = set(Notification.objects.filter(kind=services.DECIDED_KIND).values_list("recipient_id", flat=True))
    assert decided == {world.parent_a.pk, world.parent_b_no_pr.pk}
    page = as_user(world.parent_b_no_pr).get(url).content.decode()
    assert "Forest school starts in January." in page and "we will lend waterproofs" in page


def test_a_view_after_the_closing_date_is_refused_even_before_the_manager_closes_it(
    world: Any, time_machine: Any
) -> None:
    consultation = draft(world, closes_on=TODAY() + dt.timedelta(days=7))
    services.publish(actor=world.manager, consultation=consultation)
    time_machine.move_to(timezone.now() + dt.timedelta(days=9))
    with pytest.raises(ValidationError, match="closed"):
        services.respond(actor=world.parent_a, consultation=consultation, answer="agree", comment="")
    decided = services.decide(actor=world.manager, consultation=consultation, decision="No", reasons="Too few")
    assert decided.status == Consultation.Status.DECIDED


def test_bad_input_lands_on_the_form(world: Any, as_user: Any) -> None:
    client = as_user(world.manager)
    response = client.post(
        reverse("voice:consultation_new", args=[world.setting.pk]),
        {"title": "", "proposal": "x", "closes_on": (TODAY() - dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400 and "Give it a title." in response.content.decode()
    past = client.post(
        reverse("voice:consultation_new", args=[world.setting.pk]),
        {"title": "Late", "proposal": "x", "closes_on": (TODAY() - dt.timedelta(days=1)).isoformat()},
    )
    assert past.status_code == 400 and "cannot be in the past" in past.content.decode()
    short = draft(world, closes_on=TODAY() + dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="at least a week"):
        services.publish(actor=world.manager, consultation=short)
    services.publish(actor=world.manager, consultation=draft(world, title="Another"))
    open_one = Consultation.objects.get(title="Another")
    empty = as_user(world.parent_a).post(
        reverse("voice:consultation", args=[open_one.pk]), {"answer": "", "comment": ""}
    )
    assert empty.status_code == 400 and "Choose an answer or write a comment." in empty.content.decode()
    assert not ConsultationResponse.objects.filter(consultation=open_one).exists()


def test_a_published_consultation_cannot_be_changed(world: Any) -> None:
    consultation = services.publish(actor=world.manager, consultation=draft(world))
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.update(
            actor=world.manager, consultation=consultation, title="New", proposal="x", question="", closes_on=TODAY()
        )


def test_the_hub_lists_open_consultations_the_parent_has_not_answered(world: Any) -> None:
    from tandem.voice.selectors.consultations import open_for

    assert [c.pk for c in open_for(world.parent_a)] == [world.consultation_open.pk]
    services.respond(actor=world.parent_a, consultation=world.consultation_open, answer="agree", comment="")
    assert open_for(world.parent_a) == []
    assert open_for(world.restricted_parent) == []
    assert [c.pk for c in open_for(world.other_parent)] == [world.other_consultation.pk]


def test_strangers_get_404(world: Any, as_user: Any) -> None:
    url = reverse("voice:consultation", args=[world.consultation_open.pk])
    for persona in ("other_manager", "other_parent", "restricted_parent", "nobody"):
        assert as_user(world[persona]).get(url).status_code == 404, persona
    assert (
        as_user(world.parent_a).post(reverse("voice:consultation_close", args=[world.consultation_open.pk])).status_code
        == 404
    )
