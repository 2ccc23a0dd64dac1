"""Sending records to the school end to end (R55, R67), in Chromium with axe on every page:

* Isla's transition report has been agreed by her mum (set up here, as the transition feature would).
* Sarah, the manager, on a desktop, sends Isla's learning record to Willowbrook's Reception teacher
  by a secure link, stating why.
* The teacher opens the link from the email in a fresh browser: the landing page names only the
  setting and the kind of record; "Open" downloads the PDF; opening again is refused.
* Emma, Isla's mum, on her phone (360 px), sees under Isla that the records were sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Agency
from tandem.people.models import Adult, Child
from tandem.records.models import RecordTransfer, Transition, TransitionReport

SCHOOL = "Willowbrook Church of England Primary School"
TEACHER = "Rachel Thornton"


def agreed_transition(demo: ModuleType) -> Transition:
    isla = Child.objects.get(first_name="Isla", last_name="Morgan")
    school = Agency.objects.get(setting=isla.setting, name=SCHOOL)
    transition, _ = Transition.objects.get_or_create(
        child=isla, defaults={"setting": isla.setting, "school": school, "teacher": school.contacts.first()}
    )
    report, _ = TransitionReport.objects.get_or_create(
        transition=transition, defaults={"about_me": "Isla loves drawing and the role-play kitchen."}
    )
    emma = Adult.objects.get(setting=isla.setting, email=demo.PARENT_EMAIL)
    report.family_contribution = report.family_contribution or "Isla can't wait to wear her school jumper."
    report.status = TransitionReport.Status.AGREED
    report.agreed_version = report.version
    report.agreed_by = emma
    report.agreed_at = timezone.now()
    report.save()
    return transition


def test_the_manager_sends_the_learning_record_and_the_school_opens_it_once(
    demo: ModuleType, site: Callable[[str], Any]
) -> None:
    transition = agreed_transition(demo)
    mail.outbox = []

    # --- the manager sends it ----------------------------------------------------------------------
    desk = site("desktop")
    desk.sign_in(demo.MANAGER_EMAIL, demo.DEMO_PASSWORD)
    desk.second_factor(demo.totp_secret(demo.MANAGER_EMAIL))
    desk.visit(reverse("records:transfers", args=[transition.pk]))
    desk.follow(desk.page.get_by_role("link", name="Send records", exact=True))
    page = desk.page
    page.get_by_label("Learning and development record").check()
    page.get_by_label("To whom at the school").select_option(label=f"{TEACHER}, Reception teacher and early years lead")
    page.get_by_label("A secure link by email (works once, expires)").check()
    page.get_by_label("The child is starting at this school: their records go with them").check()
    desk.follow(page.get_by_role("button", name="Log it and send"))
    assert page.get_by_role("heading", level=1).inner_text() == "Learning and development record"
    transfer = RecordTransfer.objects.get(transition=transition, kind="learning")
    assert transfer.status == RecordTransfer.Status.SENT
    assert Transition.objects.get(pk=transition.pk).status == Transition.Status.TRANSFERRED

    # --- the school opens the link, once ------------------------------------------------------------
    to_school = [m for m in mail.outbox if m.to == [transfer.recipient_email]]
    assert len(to_school) == 1
    found = re.search(r"https?://\S+?(/school-records/\S+/)", to_school[0].body)
    assert found, to_school[0].body
    school = site("desktop")
    school.visit(found.group(1))
    assert school.path == reverse("records:transfer_open")
    assert "Isla" not in school.page.content()
    button = school.page.get_by_role("button", name="Open the records (this link works once)")
    with school.page.expect_download() as download_info:
        button.click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    school.visit(found.group(1), status=410)  # the emailed link again: it has been used
    assert "already been opened" in school.page.content()

    # --- Emma sees that the records were sent -----------------------------------------------------------
    phone = site("phone")
    phone.sign_in(demo.PARENT_EMAIL, demo.DEMO_PASSWORD)
    isla = transition.child
    link = phone.page.get_by_role("link", name="Records sent to school").and_(
        phone.page.locator(f"[href='{reverse('records:transfer_family', args=[isla.pk])}']")
    )
    phone.follow(link)
    text = phone.page.content()
    assert "Learning and development record" in text and SCHOOL in text
    assert "Opened" in text and transfer.recipient_email not in text
