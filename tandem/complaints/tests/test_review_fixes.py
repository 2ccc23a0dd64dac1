"""Defects found in review of the complaints app: each test failed before its fix."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.comms.models import Notification
from tandem.complaints.actions.allegations import ALLEGATION_VIEW
from tandem.complaints.actions.complaints import COMPLAINT_INTERNAL, COMPLAINT_VIEW
from tandem.complaints.actions.record import DOCUMENTATION, RECORD_LINE
from tandem.complaints.models import Allegation, Complaint, PracticeReview
from tandem.complaints.services import allegations as allegation_services
from tandem.complaints.services import complaints as complaint_services
from tandem.conftest import login
from tandem.core.access import can
from tandem.core.models import User


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_diverting_a_complaint_about_the_manager_never_shows_it_to_the_manager(world: Any, committed: Any) -> None:
    """A complaint about the manager, passed to the allegations procedure as an allegation about
    someone else, must stay hidden from the manager (and from the person the allegation is about)."""
    w = world
    complaint = w.complaint_about_manager  # about the manager, with the line manager
    with committed():
        allegation = allegation_services.divert(
            actor=w.line_manager, complaint=complaint, summary="Barnaby said Rowan hurt him.", about=w.room_practitioner
        )
    complaint.refresh_from_db()
    for person in (w.manager, w.room_practitioner):
        for action in (COMPLAINT_VIEW, COMPLAINT_INTERNAL, DOCUMENTATION, RECORD_LINE):
            assert not can(person, action, complaint), (person.first_name, action.name)
    # the allegation page shows the complaint's whole record: not for the manager it was about
    assert not can(w.manager, ALLEGATION_VIEW, allegation)
    assert can(w.dsl, ALLEGATION_VIEW, allegation) and can(w.owner, ALLEGATION_VIEW, allegation)
    assert can(w.dsl, COMPLAINT_VIEW, complaint)
    told = set(Notification.objects.filter(kind=allegation_services.KIND).values_list("recipient_id", flat=True))
    assert w.manager.pk not in told and w.room_practitioner.pk not in told
    assert {w.dsl.pk, w.owner.pk} <= told
    assert Allegation.objects.get(pk=allegation.pk).about == w.room_practitioner


def test_record_period_at_the_end_of_the_calendar_is_not_a_server_error(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("complaints:record", args=[world.setting.pk])
    response = client.get(url, {"date_from": "9999-12-01", "date_to": "9999-12-31"})
    assert response.status_code == 200


def test_an_upheld_complaint_the_parent_then_withdraws_still_gets_its_review(world: Any, committed: Any) -> None:
    """Procedure 10.2: in all cases where a complaint is upheld, the owners review practice. A parent
    who is content with an upheld outcome and withdraws must not skip that review."""
    w = world
    with committed():
        c = complaint_services.raise_complaint(
            actor=w.parent_a,
            child=w.child_a,
            kind=Complaint.Kind.COMPLAINT,
            summary="Amelia's bag went home with another family.",
            about_staff_id=w.room_practitioner.pk,
        )
        complaint_services.give_outcome(actor=w.manager, complaint=c, outcome="upheld", text="It should not happen.")
        complaint_services.withdraw(actor=w.parent_a, complaint=c, text="Thank you, that is all I wanted.")
    assert PracticeReview.objects.filter(complaint=c).count() == 1


def test_a_parent_is_still_not_satisfied_only_after_the_managers_response(
    world: Any, committed: Any, client: Any
) -> None:
    """Procedure 10.2: the manager investigates and feeds back within 28 days; "if the parent is
    still not satisfied" it goes to the line manager. Saying so before any response would skip the
    investigation (with the key person, the parent may go on to the manager at any time)."""
    from tandem.complaints.actions.complaints import COMPLAINT_NOT_SATISFIED

    w = world
    with committed():
        c = complaint_services.raise_complaint(
            actor=w.parent_a,
            child=w.child_a,
            kind=Complaint.Kind.COMPLAINT,
            summary="Amelia came home with a bumped head and nobody told me.",
            about_staff_id=w.room_practitioner.pk,
        )
    assert c.stage == Complaint.Stage.MANAGER
    assert not can(w.parent_a, COMPLAINT_NOT_SATISFIED, c)
    page = login(client, w.parent_a).get(reverse("complaints:complaint", args=[c.pk])).content.decode()
    assert "you can tell us here if you are not satisfied" in page and "I am not satisfied</a>" not in page
    with pytest.raises(ValidationError, match="still looking into your complaint"):
        complaint_services.not_satisfied(actor=w.parent_a, complaint=c)
    with committed():
        complaint_services.give_outcome(actor=w.manager, complaint=c, outcome="not_upheld", text="We found …")
    c.refresh_from_db()
    assert can(User.objects.get(pk=w.parent_a.pk), COMPLAINT_NOT_SATISFIED, c)
    page = client.get(reverse("complaints:complaint", args=[c.pk])).content.decode()
    assert "I am not satisfied</a>" in page and "you can tell us here if you are not satisfied" not in page
    with committed():
        complaint_services.not_satisfied(actor=w.parent_a, complaint=c, text="I am still not satisfied.")
    c.refresh_from_db()
    assert c.stage == Complaint.Stage.LINE_MANAGER and c.outcome == ""
