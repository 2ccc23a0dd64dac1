"""The pages of concerns and complaints (R56–R60): the parent's pages (raise, their list, their
complaint), the staff's (record, the setting's list with filters, the complaint and each step's
form), who gets a 404, the office tile and child links, and query counts that do not grow."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tandem.complaints.models import Complaint, ComplaintStep
from tandem.complaints.services import complaints as services
from tandem.conftest import login
from tandem.factories import ChildFactory


def _many(w: Any, n: int) -> None:
    """n complaints of children of the setting (about a practitioner: with the manager), each with a step
    and a time limit."""
    for i in range(n):
        child = ChildFactory(setting=w.setting, room=w.room_1, key_person=w.key_person_a)
        c = services.record_complaint(
            actor=w.manager,
            setting=w.setting,
            child=child,
            via="phone",
            kind="complaint",
            summary=f"Issue {i}",
            complainant_name=f"Parent {i}",
            about_staff_id=w.room_practitioner.pk,
        )
        services.add_step(actor=w.manager, complaint=c, kind="investigation", text=f"Looked into {i}.")


def test_who_gets_a_404(world: Any, client: Any) -> None:
    w = world
    cases = [
        (w.parent_b_no_pr, "complaints:complaint", w.complaint_a.pk),  # another parent of the setting
        (w.restricted_parent, "complaints:complaint", w.complaint_a.pk),  # barred from information on A
        (w.key_person_a, "complaints:complaint", w.complaint_about_key_person.pk),  # about themselves
        (w.manager, "complaints:complaint", w.complaint_about_manager.pk),
        (w.deputy, "complaints:complaint", w.complaint_diverted.pk),  # an allegation: not the deputy
        (w.other_manager, "complaints:complaint", w.complaint_a.pk),
        (w.manager, "complaints:complaint", w.other_complaint.pk),
        (w.manager, "complaints:setting_complaints", w.other_setting.pk),
        (w.key_person_a, "complaints:setting_complaints", w.setting.pk),
        (w.parent_a, "complaints:complaint_step", w.complaint_a.pk),  # staff's forms are not for parents
        (w.restricted_parent, "complaints:complaint_raise", w.child_a.pk),
        (w.parent_a, "complaints:complaint_raise", w.child_b.pk),
        (w.room_practitioner, "complaints:complaint_new_child", w.child_a.pk),
        (w.key_person_a, "complaints:complaint_new", w.setting.pk),
    ]
    for user, name, pk in cases:
        assert login(client, user).get(reverse(name, args=[pk])).status_code == 404, (user, name)
    assert login(client, w.nobody).get(reverse("complaints:my_complaints")).status_code == 403
    assert login(client, w.manager).get(reverse("complaints:complaint", args=[99_999_999])).status_code == 404


def test_a_parent_raises_one_and_follows_it(world: Any, client: Any, committed: Any) -> None:
    w = world
    browser = login(client, w.parent_a)
    home = browser.get(reverse("people:home")).content.decode()
    assert reverse("complaints:complaint_raise", args=[w.child_a.pk]) in home  # the child link
    form = browser.get(reverse("complaints:complaint_raise", args=[w.child_a.pk])).content.decode()
    assert "A concern or a complaint?" in form and "Keira Keyworth" in form and "0300 123 1231" in form
    bad = browser.post(reverse("complaints:complaint_raise", args=[w.child_a.pk]), {"kind": "complaint"})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    with committed():
        done = browser.post(
            reverse("complaints:complaint_raise", args=[w.child_a.pk]),
            {"kind": "concern", "summary": "The nappy cream was not used.", "about_staff": ""},
        )
    complaint = Complaint.objects.get(summary="The nappy cream was not used.")
    assert done.status_code == 302 and done.url == reverse("complaints:complaint", args=[complaint.pk])
    page = browser.get(done.url).content.decode()
    assert complaint.reference in page and "key person is looking into it" in page and "Ofsted" in page
    mine = browser.get(reverse("complaints:my_complaints")).content.decode()
    assert complaint.reference in mine and w.complaint_a.reference in mine
    assert w.complaint_about_manager.reference not in mine  # Stefan's, not hers
    # the parent says they are not satisfied: with the manager now
    assert browser.get(reverse("complaints:complaint_not_satisfied", args=[complaint.pk])).status_code == 200
    with committed():
        browser.post(reverse("complaints:complaint_not_satisfied", args=[complaint.pk]), {"text": ""})
    assert Complaint.objects.get(pk=complaint.pk).stage == Complaint.Stage.MANAGER
    assert "with the setting manager" in browser.get(done.url).content.decode()


def test_staff_pages_record_act_and_refuse_clearly(world: Any, client: Any) -> None:
    w = world
    kp = login(client, w.key_person_a)
    record = reverse("complaints:complaint_new_child", args=[w.child_a.pk])
    assert "Penny Parentish" in kp.get(record).content.decode()
    made = kp.post(
        record,
        {"via": "in_person", "complainant": str(w.link_a.pk), "kind": "concern", "summary": "Lost coat."},
    )
    complaint = Complaint.objects.get(summary="Lost coat.")
    assert made.status_code == 302 and complaint.raised_by == w.parent_a
    page = kp.get(reverse("complaints:complaint", args=[complaint.pk])).content.decode()
    assert "Record a step" in page and "Resolved: close" in page and "Complaint Investigation Record" in page
    step = kp.post(
        reverse("complaints:complaint_step", args=[complaint.pk]),
        {"kind": "explained", "text": "Coats go on pegs now.", "shared": "on"},
    )
    assert step.status_code == 302 and ComplaintStep.objects.filter(complaint=complaint, kind="explained").exists()
    # the deputy may read the record; at the key person stage they may act too; the line manager may not
    lm = login(client, w.line_manager)
    assert "Record a step" not in lm.get(reverse("complaints:complaint", args=[complaint.pk])).content.decode()
    refused = lm.post(reverse("complaints:complaint_step", args=[complaint.pk]), {"kind": "note", "text": "Hm."})
    assert refused.status_code == 400 and "only whoever holds that stage" in refused.content.decode()
    # the outcome form at the wrong stage says why
    mgr = login(client, w.manager)
    wrong = mgr.post(
        reverse("complaints:complaint_outcome", args=[complaint.pk]), {"outcome": "upheld", "text": "Upheld."}
    )
    assert wrong.status_code == 400 and "key person stage" in wrong.content.decode()
    # the manager records one from the setting's list, for no child
    assert mgr.get(reverse("complaints:complaint_new", args=[w.setting.pk])).status_code == 200
    made = mgr.post(
        reverse("complaints:complaint_new", args=[w.setting.pk]),
        {"via": "letter", "kind": "complaint", "summary": "Parking.", "complainant_name": "Mr Neighbour"},
    )
    assert made.status_code == 302 and Complaint.objects.get(summary="Parking.").stage == Complaint.Stage.MANAGER
    office = mgr.get(reverse("core:office")).content.decode()
    assert "Concerns and complaints" in office
    # another service's complaint has its own page, and the parent-track forms refuse it
    agency = Complaint.objects.create(
        reference="C-1999-0001", setting=w.setting, track="agency", stage="manager", summary="Letter.",
        complainant_name="Health visiting team",
    )  # fmt: skip
    assert mgr.get(reverse("complaints:complaint", args=[agency.pk])).url == reverse(
        "complaints:agency_complaint", args=[agency.pk]
    )
    refused = mgr.post(reverse("complaints:complaint_step", args=[agency.pk]), {"kind": "note", "text": "x"})
    assert "another service" in refused.content.decode()


def test_list_filters_and_queries_do_not_grow(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    w = world
    _many(w, 3)
    browser = login(client, w.manager)
    url = reverse("complaints:setting_complaints", args=[w.setting.pk])
    browser.get(url)  # warm: sessions, MFA
    with django_assert_max_num_queries(16) as few:
        small = browser.get(url)
    _many(w, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        big = browser.get(url)
    assert small.status_code == big.status_code == 200 and "Page 1 of" in big.content.decode()
    listed = big.content.decode()
    assert w.complaint_a.reference in browser.get(url, {"stage": "key_person"}).content.decode()
    assert w.complaint_about_key_person.reference not in browser.get(url, {"stage": "key_person"}).content.decode()
    assert w.complaint_about_manager.reference not in listed  # about her: never listed
    assert w.other_complaint.reference not in listed
    closed = browser.get(url, {"status": "closed"}).content.decode()
    assert w.complaint_a.reference not in closed
    # one complaint's page: the same number of queries with 1 step or 30
    c = Complaint.objects.filter(setting=w.setting, summary="Issue 1").first()
    page = reverse("complaints:complaint", args=[c.pk])
    browser.get(page)
    with django_assert_max_num_queries(30) as one:
        browser.get(page)
    for i in range(30):
        services.add_step(actor=w.manager, complaint=c, kind="note", text=f"Note {i}.")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "Note 29." in browser.get(page).content.decode()
    parent = login(client, w.parent_a)
    parent.get(reverse("complaints:my_complaints"))
    with django_assert_max_num_queries(15):
        assert parent.get(reverse("complaints:my_complaints")).status_code == 200
