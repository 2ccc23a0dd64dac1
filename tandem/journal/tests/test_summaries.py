"""Summaries (R16): a draft with a section per area and the next steps, shared with the family, who
add their views; drafts never reach families; the setting's list of children without a recent one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import ChildFactory
from tandem.journal.models import Band, Summary
from tandem.journal.services import nextsteps
from tandem.journal.services import summaries as services

pytestmark = pytest.mark.django_db
Status = Summary.Status
START, END = dt.date(2026, 1, 5), dt.date(2026, 3, 27)


def url(name: str, *args: int) -> str:
    return reverse(f"journal:{name}", args=args)


def make(world: Any, child: Any = None, **extra: Any) -> Summary:
    band = Band.objects.filter(framework="DM").order_by("order").first()
    fields = {
        "title": "Spring term 2026",
        "period_start": START,
        "period_end": END,
        "overview": "A happy term.",
        "areas": [(world.areas["CL"], band, "Talks in sentences."), (world.areas["PD"], None, "")],
    } | extra
    return services.create_summary(actor=world.key_person_a, child=child or world.child_a, **fields)


def test_write_share_and_add_views(world: Any, committed: Any) -> None:
    step = nextsteps.add_step(actor=world.key_person_a, child=world.child_a, text="Hop on one foot")
    with committed():
        summary = make(world, next_steps=[step])
    assert summary.status == Status.DRAFT
    assert [a.area.code for a in summary.areas.all()] == ["CL"]  # empty sections are not kept
    assert list(summary.next_steps.all()) == [step]
    with committed():
        services.share_summary(actor=world.key_person_a, child=world.child_a, summary=summary)
    summary.refresh_from_db()
    assert summary.status == Status.SHARED and summary.shared_by == world.key_person_a
    with pytest.raises(ValidationError, match="shared"):
        services.change_summary(
            actor=world.key_person_a,
            child=world.child_a,
            summary=summary,
            title="x",
            period_start=START,
            period_end=END,
        )
    services.record_parents_views(actor=world.parent_a, child=world.child_a, summary=summary, text="We agree!")
    summary.refresh_from_db()
    assert (summary.parents_views, summary.parents_views_by) == ("We agree!", world.parent_a)
    assert AuditEvent.objects.filter(event="journal.summary.shared").exists()


def test_bad_input_writes_nothing(world: Any) -> None:
    other_band = Band.objects.filter(framework="B5M").first()
    cases = [
        ({"title": " "}, "title"),
        ({"period_end": START - dt.timedelta(days=1)}, "period_end"),
        ({"areas": [(world.areas["CL"], other_band, "")]}, "band_CL"),
    ]
    for extra, field in cases:
        with pytest.raises(ValidationError) as caught:
            make(world, **extra)
        assert field in caught.value.error_dict
    other_step = nextsteps.add_step(actor=world.key_person_a, child=world.child_b, text="Not A's")
    with pytest.raises(ValidationError):
        make(world, next_steps=[other_step])
    assert not Summary.objects.filter(child=world.child_a).exists()
    empty = make(world, overview="", areas=[])
    with pytest.raises(ValidationError, match="Write the overview"):
        services.share_summary(actor=world.key_person_a, child=world.child_a, summary=empty)


def test_views_need_a_shared_summary_and_the_right_person(world: Any) -> None:
    summary = make(world)
    with pytest.raises(ValidationError, match="shared"):
        services.record_parents_views(actor=world.parent_a, child=world.child_a, summary=summary, text="Hi")
    services.share_summary(actor=world.key_person_a, child=world.child_a, summary=summary)
    for actor in (world.restricted_parent, world.parent_b_no_pr, world.nobody, world.volunteer):
        with pytest.raises(Http404):
            services.record_parents_views(actor=actor, child=world.child_a, summary=summary, text="Hi")
    with pytest.raises(Http404):
        services.create_summary(
            actor=world.parent_a, child=world.child_a, title="x", period_start=START, period_end=END
        )
    # staff record what the family said in person
    services.record_parents_views(actor=world.key_person_a, child=world.child_a, summary=summary, text="Said so")


def test_pages_and_drafts_never_reach_families(world: Any, client: Any) -> None:
    draft = make(world, title="Draft summer")
    shared = make(world, title="Shared spring")
    services.share_summary(actor=world.key_person_a, child=world.child_a, summary=shared)
    login(client, world.parent_a)
    page = client.get(url("summaries", world.child_a.pk)).content.decode()
    assert "Shared spring" in page and "Draft summer" not in page
    assert client.get(url("summary", world.child_a.pk, draft.pk)).status_code == 404
    assert client.get(url("summary_edit", world.child_a.pk, shared.pk)).status_code == 404
    detail = client.get(url("summary", world.child_a.pk, shared.pk)).content.decode()
    assert "Talks in sentences." in detail and "Add your views" in detail
    response = client.post(url("summary_parents_views", world.child_a.pk, shared.pk), {"parents_views": ""})
    assert "Write your views" in response.content.decode()
    response = client.post(url("summary_parents_views", world.child_a.pk, shared.pk), {"parents_views": "Lovely"})
    assert response.status_code == 302
    assert client.get(url("summary_parents_views", world.child_a.pk, draft.pk)).status_code == 404
    for user in (world.restricted_parent, world.parent_b_no_pr, world.nobody, world.other_manager):
        login(client, user)
        assert client.get(url("summaries", world.child_a.pk)).status_code == 404
        assert client.get(url("summary", world.child_a.pk, shared.pk)).status_code == 404
    login(client, world.key_person_a)
    assert "Draft summer" in client.get(url("summaries", world.child_a.pk)).content.decode()
    assert client.get(url("summaries_add", world.child_a.pk)).status_code == 200
    assert client.get(url("summary_edit", world.child_a.pk, draft.pk)).status_code == 200
    assert client.get(url("summary", world.child_b.pk, draft.pk)).status_code == 404  # only via its own child


def test_the_form_saves_a_draft(world: Any, client: Any) -> None:
    band = Band.objects.filter(framework="DM").first()
    assert band is not None
    login(client, world.key_person_a)
    data = {
        "title": "Autumn term",
        "period_start": "2026-09-01",
        "period_end": "2026-12-18",
        "overview": "Settled well.",
        "band_CL": band.pk,
        "text_CL": "Chatty!",
    }
    response = client.post(url("summaries_add", world.child_a.pk), data)
    assert response.status_code == 302
    summary = Summary.objects.get(child=world.child_a, title="Autumn term")
    assert summary.areas.get().text == "Chatty!"
    response = client.post(url("summaries_add", world.child_a.pk), data | {"period_end": "2026-01-01"})
    assert "on or after its start" in response.content.decode()
    client.post(url("summary_share", world.child_a.pk, summary.pk))
    summary.refresh_from_db()
    assert summary.status == Status.SHARED


def test_children_without_a_recent_summary(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    recent = make(world, period_start=dt.date.today() - dt.timedelta(days=60), period_end=dt.date.today())
    services.share_summary(actor=world.key_person_a, child=world.child_a, summary=recent)
    target = url("summaries_overview", world.setting.pk)
    login(client, world.key_person_a)
    client.get(target)
    with CaptureQueriesContext(connection) as few:
        client.get(target)
    for i in range(25):
        child = ChildFactory(setting=world.setting, room=world.room_2, first_name=f"Kid{i:02d}")
        if i % 3 == 0:
            make(world, child=child)  # a draft does not count
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(target)
    page = response.content.decode()
    assert response.status_code == 200
    assert world.child_b.display_name in page and world.child_a.display_name not in page
    assert response.context["page"].paginator.count == 26  # child B and the 25 in room 2
    login(client, world.room_practitioner)  # room 1: only child A, who has a recent summary
    assert client.get(target).context["page"].paginator.count == 0
    login(client, world.parent_a)
    assert client.get(target).status_code == 404
