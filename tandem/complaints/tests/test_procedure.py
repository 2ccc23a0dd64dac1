"""The procedure as configured (R59, R60): who holds each stage, the text generated from the
configuration and the rules, the settings page, the deadlines page (R64) and who may open them."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tandem.comms.selectors.board import OFSTED
from tandem.complaints.deadlines import RULES
from tandem.complaints.demo.procedure import seed
from tandem.complaints.models.complaints import Complaint
from tandem.complaints.models.procedure import ProcedureSettings
from tandem.complaints.selectors.procedure import (
    PUBLIC_WORDING,
    holders_of,
    organisation_stages,
    procedure_for,
    stage_holders,
    stage_title,
    the,
)
from tandem.complaints.services.deadlines import open_deadlines
from tandem.complaints.services.procedure import save_procedure_settings
from tandem.core.models import AuditEvent, OrganisationMembership
from tandem.core.roles import OrganisationRole
from tandem.factories import OrganisationMembershipFactory, UserFactory

LONDON = ZoneInfo("Europe/London")


def configure(w: Any, **changes: Any) -> ProcedureSettings:
    values = {
        "line_manager_title": "Line manager",
        "line_manager": None,
        "appeal_title": "Owners, directors or trustees",
        "appeal_contact": None,
        **changes,
    }
    return save_procedure_settings(actor=w.owner, organisation=w.organisation, **values)


def test_stage_holders_and_titles_follow_the_configuration(world: Any, django_assert_max_num_queries: Any) -> None:
    s = world.setting
    with django_assert_max_num_queries(4):
        holders = stage_holders(s, world.child_a)
    assert holders == {
        "key_person": [world.key_person_a],
        "manager": [world.manager, world.deputy],  # the manager first
        "line_manager": [world.line_manager],
        "appeal": [world.owner],
    }
    assert stage_holders(s)["key_person"] == []
    assert [stage_title(s, st) for st in ("key_person", "manager", "line_manager", "appeal", "closed")] == [
        "Key person",
        "Setting manager",
        "Line manager",
        "Owners, directors or trustees",
        "Closed",
    ]
    # a second line manager: everyone holds the stage until one is named
    second: Any = UserFactory(first_name="Lars", last_name="Linefield")
    OrganisationMembershipFactory(user=second, organisation=world.organisation, role=OrganisationRole.LINE_MANAGER)
    assert stage_holders(s)["line_manager"] == [second, world.line_manager]  # by surname
    configure(world, line_manager_title="Area manager", line_manager=second, appeal_title="The board of trustees")
    holders = stage_holders(s)
    assert holders["line_manager"] == [second] and holders["appeal"] == [world.owner]
    assert stage_title(s, "line_manager") == "Area manager" and stage_title(s, "appeal") == "The board of trustees"
    # the one named leaves the role: everyone with the role holds it again, and the page says so
    OrganisationMembership.objects.filter(user=second).update(active=False)
    stage = organisation_stages(world.organisation)["line_manager"]
    assert stage.named is None and stage.named_gone and stage.holders == [world.line_manager]
    # a complaint's holders never include the person it is about
    assert holders_of(world.complaint_about_key_person, ["key_person", "manager"]) == [world.manager, world.deputy]
    assert holders_of(world.complaint_about_manager, ["manager", "line_manager"]) == [world.deputy, world.line_manager]


def test_only_owners_configure_choosing_their_own_people(world: Any, committed: Any) -> None:
    with pytest.raises(Http404):
        save_procedure_settings(
            actor=world.manager,
            organisation=world.organisation,
            line_manager_title="Area manager",
            line_manager=None,
            appeal_title="Trustees",
            appeal_contact=None,
        )
    with pytest.raises(ValidationError) as error:
        configure(world, line_manager_title="  ", line_manager=world.deputy, appeal_contact=world.line_manager)
    assert set(error.value.message_dict) == {"line_manager_title", "line_manager", "appeal_contact"}
    with committed():
        row = configure(world, line_manager_title="  Area   manager ", line_manager=world.line_manager)
    assert row.line_manager_title == "Area manager" and row.updated_by == world.owner
    assert AuditEvent.objects.filter(event="complaints.procedure.configured", actor_id=world.owner.pk).exists()
    assert ProcedureSettings.objects.count() == 1


def test_the_text_is_generated_from_the_configuration_and_the_rules(world: Any, monkeypatch: Any) -> None:
    assert set(PUBLIC_WORDING) == set(RULES)  # every limit is told to the complainant
    html = str(render_to_string("complaints/procedure/procedure.html", {"setting": world.setting, **_context(world)}))
    for rule in RULES.values():
        assert escape(PUBLIC_WORDING[rule.code].format(days=rule.days)) in html
    assert "to the line manager." in html and "to the owners, directors or trustees for further" in html
    assert str(OFSTED["phone"]) in html and "at any time" in html and "Piccadilly Gate" in html

    configure(
        world, line_manager_title="Area manager", line_manager=world.line_manager, appeal_title="The board of trustees"
    )
    monkeypatch.setitem(RULES, "parent.appeal_response", dataclasses.replace(RULES["parent.appeal_response"], days=21))
    procedure = procedure_for(world.setting)
    text = " ".join(p for step in procedure.parent + procedure.agency for p in step.paragraphs)
    assert "to the area manager, Lina Linemanager (the setting manager's line manager)." in text
    assert "The area manager passes your appeal to the board of trustees for further investigation." in text
    assert "the line manager" not in text
    appeal = procedure.parent[3]
    assert appeal.heading == "The board of trustees" and appeal.holder.name == ""
    assert [limit.text for limit in appeal.limits] == ["You get a response to your appeal within a further 21 days."]
    assert str(procedure.parent[2].holder) == "Area manager (Lina Linemanager)"
    assert [the(t) for t in ("The governors", "Area Manager", "CEO", "Chair of the committee")] == [
        "the governors",
        "the Area Manager",
        "the CEO",
        "the chair of the committee",
    ]


def _context(world: Any) -> dict[str, Any]:
    return {"procedure": procedure_for(world.setting), "my_children": [], "request": None}


def test_pages_and_who_may_open_them(world: Any, as_user: Any) -> None:
    procedure = reverse("complaints:procedure", args=[world.setting.pk])
    settings_page = reverse("complaints:procedure_settings", args=[world.organisation.pk])
    deadlines = reverse("complaints:deadlines", args=[world.setting.pk])

    page = as_user(world.parent_a).get(procedure)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Amelia" in html and "Keira Keyworth" in html  # her child's key person, by name
    assert "Mona Manningham" in html and str(OFSTED["phone"]) in html and deadlines not in html
    for who in ("restricted_parent", "other_manager", "nobody"):
        assert as_user(world[who]).get(procedure).status_code == 404, who
    assert as_user(world.line_manager).get(procedure).status_code == 200
    assert as_user(world.key_person_a).get(deadlines).status_code == 404

    # managers read who holds each stage; only owners change it
    page = as_user(world.manager).get(settings_page)
    assert (
        page.status_code == 200
        and b'name="line_manager_title"' not in page.content
        and b"Lina Linemanager" in page.content
    )
    assert as_user(world.manager).post(settings_page, {"line_manager_title": "X"}).status_code == 403
    assert as_user(world.line_manager).get(settings_page).status_code == 404
    client = as_user(world.owner)
    assert b'name="line_manager_title"' in client.get(settings_page).content
    bad = client.post(settings_page, {"line_manager_title": "", "appeal_title": "Trustees", "fingerprint": ""})
    assert bad.status_code == 400 and b"There is a problem" in bad.content
    saved = client.post(
        settings_page,
        {
            "line_manager_title": "Area manager",
            "line_manager": world.line_manager.pk,
            "appeal_title": "The governors",
            "appeal_contact": "",
            "fingerprint": "",
        },
    )
    assert saved.status_code == 302
    assert "the governors" in as_user(world.parent_a).get(procedure).content.decode()
    # the demo's configuration is written once
    seed(setting=world.setting)
    row = ProcedureSettings.objects.get()
    assert row.line_manager_title == "Area manager" and row.appeal_title == "The governors"
    # the manager finds both pages on the office page
    office = as_user(world.manager).get(reverse("core:office")).content.decode()
    assert deadlines in office and settings_page in office


def test_deadlines_page_lists_what_one_may_see_soonest_first(world: Any, as_user: Any) -> None:
    start = datetime(2026, 3, 1, 10, tzinfo=LONDON)
    with time_machine.travel(start, tick=False):
        open_deadlines(world.complaint_about_key_person)  # due 29 March
        open_deadlines(world.complaint_about_manager)  # due 15 March
    url = reverse("complaints:deadlines", args=[world.setting.pk])
    with time_machine.travel(start + timedelta(days=17), tick=False):
        manager_page = as_user(world.manager).get(url).content.decode()
        lm_page = as_user(world.line_manager).get(url).content.decode()
    # the manager never sees the limit of the complaint about themselves
    assert world.complaint_about_key_person.reference in manager_page
    assert world.complaint_about_manager.reference not in manager_page
    assert reverse("complaints:complaint", args=[world.complaint_about_key_person.pk]) in manager_page
    assert "1 open time limit" in manager_page and "Upcoming: due in 11 days" in manager_page
    # the line manager sees both, the overdue one first, its state in words
    first, second = world.complaint_about_manager.reference, world.complaint_about_key_person.reference
    assert lm_page.index(first) < lm_page.index(second)
    assert "Overdue by 3 days" in lm_page and "Investigate and feed back to the parent" in lm_page

    # the number of queries does not grow with the rows
    def count() -> int:
        with time_machine.travel(start + timedelta(days=17), tick=False), CaptureQueriesContext(connection) as q:
            assert as_user(world.line_manager).get(url).status_code == 200
        return len(q)

    before = count()
    for n in range(8):
        extra = Complaint.objects.create(
            reference=f"C-2026-05{n:02}",
            setting=world.setting,
            stage=Complaint.Stage.MANAGER,
            complainant_name="A parent",
            summary="About lunch.",
        )
        with time_machine.travel(start, tick=False):
            open_deadlines(extra)
    assert count() == before


def test_the_ofsted_include_for_every_step(world: Any) -> None:
    html = str(render_to_string("complaints/procedure/_ofsted.html", {"procedure_setting": world.setting}))
    assert str(OFSTED["phone"]) in html and str(OFSTED["email"]) in html and "M1 2WD" in html
    assert reverse("complaints:procedure", args=[world.setting.pk]) in html
    assert "complaints/procedure" not in render_to_string("complaints/procedure/_ofsted.html", {})
