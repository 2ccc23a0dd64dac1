"""Concerns and complaints on the parent track (R56–R60, R64): raising and recording, routing, every
stage walked with real dates (time travel), the time limits met, missed and met late, the appeal,
the complainant's view, and who may see and act."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.complaints.actions.complaints import COMPLAINT_ACT, COMPLAINT_RAISE, COMPLAINT_VIEW
from tandem.complaints.models import Complaint, Deadline, InvestigationReport, ProcedureSettings
from tandem.complaints.services import complaints as services
from tandem.conftest import login
from tandem.core.access import can, forget
from tandem.core.models import AuditEvent, OrganisationMembership
from tandem.core.roles import OrganisationRole
from tandem.factories import AdultFactory, ChildAdultFactory, OrganisationMembershipFactory, UserFactory

Stage = Complaint.Stage


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


def travel(when: dt.datetime) -> Any:
    return time_machine.travel(when, tick=False)


def fresh(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_related("setting", "child").get(pk=complaint.pk)


def told(user: Any, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind).order_by("pk"))


def deadline(complaint: Complaint, rule: str) -> Deadline:
    return Deadline.objects.get(complaint=complaint, rule=rule)


def raise_a(w: Any, **kw: Any) -> Complaint:
    defaults = {
        "actor": w.parent_a,
        "child": w.child_a,
        "kind": Complaint.Kind.COMPLAINT,
        "summary": "Amelia came home with a bumped head and no one told me.",
        "desired_outcome": "An accident form every time.",
    }
    return services.raise_complaint(**(defaults | kw))


def test_the_parent_track_walked_through_every_stage(world: Any, client: Any, committed: Any) -> None:
    w = world
    # --- raised online on Monday 4 January 2027: with the key person, no time limit yet --------------
    with travel(at(2027, 1, 4)), committed():
        c = raise_a(w)
    c = fresh(c)
    assert c.reference == "C-2027-0001" and c.stage == Stage.KEY_PERSON and c.handler == w.key_person_a
    assert c.via == Complaint.Via.ONLINE and c.raised_by == w.parent_a and not c.deadlines.exists()
    [note] = told(w.key_person_a, "complaints.stage")
    assert c.reference in note.title and "Amelia" not in note.title + note.body and "Keira" not in note.title
    assert not told(w.manager, "complaints.stage") and not told(w.parent_a, "complaints.update")

    with travel(at(2027, 1, 4, 15)), committed():
        services.add_step(
            actor=w.key_person_a, complaint=c, kind="listened", text="Met Penny at collection.", shared=True
        )
        services.add_step(actor=w.key_person_a, complaint=c, kind="note", text="KEYNOTE-INTERNAL")
        with pytest.raises(ValidationError, match="key person stage"):
            services.give_outcome(actor=w.manager, complaint=c, outcome="upheld", text="Too soon.")
        with pytest.raises(Http404):  # the room practitioner may not even see it
            services.add_step(actor=w.room_practitioner, complaint=c, kind="note", text="Nosy.")
    assert len(told(w.parent_a, "complaints.update")) == 1  # the shared step, not the internal note

    # --- not satisfied: the key person passes it to the manager; 28 days to feed back -----------------
    with travel(at(2027, 1, 5)), committed():
        services.escalate(actor=w.key_person_a, complaint=c, text="Penny would like the manager to look into it.")
    c = fresh(c)
    assert c.stage == Stage.MANAGER and c.handler == w.manager and c.stage_started_at == at(2027, 1, 5)
    feedback = deadline(c, "parent.manager_feedback")
    assert timezone.localtime(feedback.due_at).date() == dt.date(2027, 2, 2)
    assert told(w.manager, "complaints.stage") and told(w.deputy, "complaints.stage")
    assert "moved on" in told(w.parent_a, "complaints.update")[-1].title
    with travel(at(2027, 1, 6)):
        forget(w.key_person_a)
        assert can(w.key_person_a, COMPLAINT_VIEW, c) and not can(w.key_person_a, COMPLAINT_ACT, c)
        with pytest.raises(ValidationError, match="only whoever holds that stage"):
            services.add_step(actor=w.key_person_a, complaint=c, kind="note", text="Still mine?")
        with pytest.raises(ValidationError, match="not a step of this stage"):
            services.add_step(actor=w.manager, complaint=c, kind="listened", text="Wrong stage.")
        page = login(client, w.parent_a).get(reverse("complaints:complaint", args=[c.pk]))
        assert "We will reply by 2 February 2027" in page.content.decode()

    # --- the manager investigates, writes the confidential report, feeds back in time -----------------
    with travel(at(2027, 1, 14)), committed():
        services.add_step(actor=w.manager, complaint=c, kind="investigation", text="INVESTIGATION-INTERNAL")
        services.write_report(actor=w.manager, complaint=c, text="CONFIDENTIAL-REPORT: the form was missed.")
    with travel(at(2027, 1, 15)):
        parent_page = login(client, w.parent_a).get(reverse("complaints:complaint", args=[c.pk])).content.decode()
        staff_page = login(client, w.key_person_a).get(reverse("complaints:complaint", args=[c.pk])).content.decode()
    assert "Met Penny at collection." in parent_page and "Ofsted" in parent_page and "0300 123 1231" in parent_page
    for secret in ("KEYNOTE-INTERNAL", "INVESTIGATION-INTERNAL", "CONFIDENTIAL-REPORT"):
        assert secret not in parent_page and secret in staff_page
    with travel(at(2027, 1, 28)), committed():
        step = services.add_step(actor=w.manager, complaint=c, kind="feedback", text="We met and explained.")
        services.give_outcome(actor=w.manager, complaint=c, outcome="not_upheld", text="The bump was minor.")
    assert step.shared_with_complainant  # feedback is always shared
    feedback.refresh_from_db()
    assert feedback.met_at == at(2027, 1, 28)
    c = fresh(c)
    assert c.stage == Stage.MANAGER and c.outcome == Complaint.Outcome.NOT_UPHELD

    # --- the parent is not satisfied (on their page): to the line manager, 14 days -------------------
    with travel(at(2027, 1, 29)), committed():
        response = login(client, w.parent_a).post(
            reverse("complaints:complaint_not_satisfied", args=[c.pk]), {"text": "Nobody told me that day."}
        )
    assert response.status_code == 302
    c = fresh(c)
    assert c.stage == Stage.LINE_MANAGER and c.outcome == "" and c.handler == w.line_manager
    assert told(w.line_manager, "complaints.stage")
    feedback.refresh_from_db()
    assert feedback.cancelled_at is None  # met before the stage ended: kept as met
    response_due = deadline(c, "parent.line_manager_response")
    assert timezone.localtime(response_due.due_at).date() == dt.date(2027, 2, 12)

    # --- missed: overdue on the complaint's page and in the list --------------------------------------
    with travel(at(2027, 2, 15)):
        forget(w.line_manager)
        page = login(client, w.line_manager).get(reverse("complaints:complaint", args=[c.pk])).content.decode()
        assert "Overdue: it was due by 12 February 2027" in page
        listed = login(client, w.manager).get(
            reverse("complaints:setting_complaints", args=[w.setting.pk]), {"overdue": "on"}
        )
        assert c.reference in listed.content.decode() and "C-2026-9001" not in listed.content.decode()
        with committed():
            services.give_outcome(actor=w.line_manager, complaint=c, outcome="not_upheld", text="I agree with Mona.")
            services.not_satisfied(actor=w.parent_a, complaint=c, text="I would like to appeal.")
    response_due.refresh_from_db()
    assert response_due.met_at == at(2027, 2, 15)  # met late
    c = fresh(c)
    assert c.stage == Stage.APPEAL and c.steps.filter(kind="appealed").exists()
    appeal_due = deadline(c, "parent.appeal_response")
    assert timezone.localtime(appeal_due.due_at).date() == dt.date(2027, 3, 1)

    # --- the appeal answered by the owners within 14 days: closed, partly upheld ----------------------
    with travel(at(2027, 2, 24)), committed():
        with pytest.raises(ValidationError, match="only whoever holds that stage"):
            services.give_outcome(actor=w.line_manager, complaint=c, outcome="upheld", text="Not mine now.")
        services.give_outcome(
            actor=w.owner, complaint=c, outcome="partly_upheld", text="Staff will always tell parents."
        )
        with pytest.raises(ValidationError, match="closed"):
            services.not_satisfied(actor=w.parent_a, complaint=c)
    c = fresh(c)
    assert c.stage == Stage.CLOSED and c.closed_at == at(2027, 2, 24)
    assert c.outcome == Complaint.Outcome.PARTLY_UPHELD
    appeal_due.refresh_from_db()
    assert appeal_due.met_at == at(2027, 2, 24)
    if _record_feature():
        assert fresh(c).practice_review is not None  # upheld in part: the owners' review of practice
    with travel(at(2027, 2, 25)), committed():
        page = login(client, w.parent_a).get(reverse("complaints:complaint", args=[c.pk])).content.decode()
    assert "partly upheld" in page and "I am not satisfied" not in page
    events = set(AuditEvent.objects.filter(event__startswith="complaints.").values_list("event", flat=True))
    assert {
        "complaints.complaint.raised",
        "complaints.complaint.escalated",
        "complaints.report.written",
        "complaints.complaint.outcome",
        "complaints.complaint.not_satisfied",
        "complaints.complaint.viewed",
    } <= events


def _record_feature() -> bool:
    try:
        from tandem.complaints.services.record import open_practice_review  # noqa: F401
    except ImportError:
        return False
    return True


def test_routing_about_staff_and_who_never_sees_it(world: Any, committed: Any) -> None:
    w = world
    with committed():
        about_key_person = raise_a(w, about_staff_id=w.key_person_a.pk)
        about_manager = raise_a(w, about_staff_id=w.manager.pk)
        no_key_person = services.raise_complaint(
            actor=w.parent_b_no_pr, child=w.child_b, kind="concern", summary="Lunch was cold."
        )
    year = timezone.localdate().year
    numbers = [int(c.reference.rsplit("-", 1)[1]) for c in (about_key_person, about_manager, no_key_person)]
    assert all(re.fullmatch(rf"C-{year}-\d{{4}}", c.reference) for c in (about_key_person, about_manager))
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    # about the key person → the manager; the key person never sees it, nor is told
    assert about_key_person.stage == Stage.MANAGER and about_key_person.handler == w.manager
    assert not can(w.key_person_a, COMPLAINT_VIEW, about_key_person)
    assert not told(w.key_person_a, "complaints.stage")
    # about the manager → the line manager; the manager never sees it, the deputy does
    assert about_manager.stage == Stage.LINE_MANAGER and about_manager.handler == w.line_manager
    assert not can(w.manager, COMPLAINT_VIEW, about_manager) and can(w.deputy, COMPLAINT_VIEW, about_manager)
    assert not any(about_manager.reference in n.title for n in told(w.manager, "complaints.stage"))
    # a child with no key person → the manager
    assert no_key_person.stage == Stage.MANAGER and no_key_person.kind == "concern"
    # another parent of the same child, a restricted parent, another provider: nothing
    dad = UserFactory(first_name="Dan", last_name="Parentish")
    ChildAdultFactory(child=w.child_a, adult=AdultFactory(user=dad, setting=w.setting), parental_responsibility=True)
    assert can(dad, COMPLAINT_RAISE, w.child_a)  # he may raise his own, but sees nothing of hers
    for outsider in (dad, w.parent_b_no_pr, w.restricted_parent, w.other_manager, w.administrator, w.senco):
        assert not can(outsider, COMPLAINT_VIEW, about_key_person)
    with pytest.raises(Http404):
        raise_a(w, actor=w.restricted_parent)
    with pytest.raises(ValidationError) as error:
        raise_a(w, about_staff_id=w.other_manager.pk)  # not staff of this setting
    assert "about_staff" in error.value.error_dict


def test_the_stage_holders_the_organisation_names(world: Any, committed: Any) -> None:
    w = world
    area = UserFactory(first_name="Aled", last_name="Areamanager")
    OrganisationMembershipFactory(user=area, organisation=w.organisation, role=OrganisationRole.LINE_MANAGER)
    ProcedureSettings.objects.create(organisation=w.organisation, line_manager=area, line_manager_title="Area manager")
    with committed():
        c = raise_a(w, about_staff_id=w.manager.pk)
    c = fresh(c)
    assert c.handler == area and told(area, "complaints.stage") and not told(w.line_manager, "complaints.stage")
    assert can(area, COMPLAINT_ACT, c) and not can(w.line_manager, COMPLAINT_ACT, c)
    assert can(w.line_manager, COMPLAINT_VIEW, c)  # still sees it, as every line manager does
    with pytest.raises(ValidationError, match="area manager"):
        services.add_step(actor=w.line_manager, complaint=c, kind="note", text="Mine?")
    services.add_step(actor=area, complaint=c, kind="investigation", text="Spoke to the deputy.")
    # the one named leaves the role: every line manager holds the stage again
    OrganisationMembership.objects.filter(user=area).update(active=False)
    forget(area)
    forget(w.line_manager)
    assert not can(area, COMPLAINT_ACT, c) and can(w.line_manager, COMPLAINT_ACT, c)


def test_staff_record_a_verbal_complaint(world: Any, committed: Any) -> None:
    w = world
    with committed():
        by_phone = services.record_complaint(
            actor=w.key_person_a,
            setting=w.setting,
            child=w.child_a,
            via="phone",
            kind="concern",
            summary="Worried Amelia is not eating her lunch.",
            complainant_link_id=w.link_a.pk,
        )
    assert by_phone.raised_by == w.parent_a and by_phone.recorded_by == w.key_person_a
    assert by_phone.complainant_name == "Penny Parentish" and by_phone.stage == Stage.KEY_PERSON
    assert can(w.parent_a, COMPLAINT_VIEW, by_phone)  # she sees it online too
    assert "We have recorded your concern" in told(w.parent_a, "complaints.update")[-1].title
    step = by_phone.steps.get()
    assert step.kind == "raised" and step.shared_with_complainant and "by phone" in step.text
    # the manager writes down a complaint made in person last week by someone with no account
    last_week = timezone.localdate() - dt.timedelta(days=7)
    in_person = services.record_complaint(
        actor=w.manager,
        setting=w.setting,
        via="in_person",
        kind="complaint",
        summary="The car park gate was left open.",
        complainant_name="A neighbour's grandparent",
        complainant_contact="07700 900333",
        received_on=last_week,
    )
    assert in_person.child is None and in_person.raised_by is None and in_person.stage == Stage.MANAGER
    due = deadline(in_person, "parent.manager_feedback").due_at
    assert timezone.localtime(due).date() == last_week + dt.timedelta(days=28)  # counted from receipt
    with pytest.raises(ValidationError):
        services.record_complaint(
            actor=w.manager, setting=w.setting, via="online", kind="complaint", summary="x", complainant_name="y"
        )
    with pytest.raises(ValidationError, match="about no child"):
        services.write_report(actor=w.manager, complaint=in_person, text="No child.")
    phone = {"via": "phone", "kind": "concern", "summary": "x", "complainant_name": "y"}
    with pytest.raises(Http404):  # the key person records only for their own key children
        services.record_complaint(actor=w.key_person_a, setting=w.setting, child=w.child_b, **phone)
    with pytest.raises(Http404):  # a setting-wide record is for the manager and deputy
        services.record_complaint(actor=w.key_person_a, setting=w.setting, **phone)


def test_resolved_with_the_key_person_and_withdrawn(world: Any, committed: Any) -> None:
    w = world
    with committed():
        concern = raise_a(w, kind="concern")
        services.add_step(actor=w.key_person_a, complaint=concern, kind="apologised", text="Sorry.", shared=True)
        services.close_complaint(actor=w.key_person_a, complaint=concern, text="An accident form is now used.")
    concern = fresh(concern)
    assert concern.stage == Stage.CLOSED and concern.outcome == Complaint.Outcome.RESOLVED
    assert not hasattr(concern, "practice_review") or concern.practice_review is None
    with committed():
        other = raise_a(w, about_staff_id=w.room_practitioner.pk)
        with pytest.raises(ValidationError, match="outcome first"):
            services.close_complaint(actor=w.manager, complaint=other, text="Closing.")
        services.withdraw(actor=w.parent_a, complaint=other, text="We sorted it out at the door.")
    other = fresh(other)
    assert other.outcome == Complaint.Outcome.WITHDRAWN and other.closed_at is not None
    assert not Deadline.objects.filter(complaint=other, met_at__isnull=True, cancelled_at__isnull=True).exists()
    assert any("withdrawn" in n.title for n in told(w.manager, "complaints.stage"))
    with pytest.raises(ValidationError, match="closed"):
        services.add_step(actor=w.manager, complaint=other, kind="note", text="Too late.")
    with pytest.raises(Http404):  # another parent of the same child may not withdraw it
        services.withdraw(actor=w.parent_b_no_pr, complaint=other)


def test_references_are_per_setting_and_survive_a_race(world: Any, monkeypatch: Any) -> None:
    w = world
    with travel(at(2028, 3, 1)):
        here = raise_a(w)
        there = services.record_complaint(
            actor=w.other_manager,
            setting=w.other_setting,
            child=w.other_child,
            via="letter",
            kind="complaint",
            summary="Letter.",
            complainant_name="Olga Otherparent",
        )
        assert here.reference == there.reference == "C-2028-0001"
        real = services.next_reference
        calls: list[str] = []

        def stale(setting_id: int, at_: dt.datetime) -> str:  # a racing request took the number first
            calls.append("x")
            return "C-2028-0001" if len(calls) == 1 else real(setting_id, at_)

        monkeypatch.setattr(services, "next_reference", stale)
        again = raise_a(w)
    assert again.reference == "C-2028-0002" and len(calls) == 2


def test_confidential_report_in_the_childs_file_for_managers(world: Any, client: Any) -> None:
    w = world
    c = raise_a(w, about_staff_id=w.room_practitioner.pk)
    services.write_report(actor=w.deputy, complaint=c, text="PANEL-REPORT-TEXT")
    assert InvestigationReport.objects.get(complaint=c).written_by == w.deputy
    url = reverse("people:child", args=[w.child_a.pk])
    assert "PANEL-REPORT-TEXT" in login(client, w.manager).get(url).content.decode()
    assert "PANEL-REPORT-TEXT" not in login(client, w.key_person_a).get(url).content.decode()
