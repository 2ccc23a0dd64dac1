"""The agency track (R62, R53), walked through every stage with real dates: a written complaint
from another service acknowledged in writing within 10 days, the 28-day meeting missed (overdue,
escalated) and held late, no agreement so to the line manager (5 and 14 days), then the appeal to
the owners (14 days) and an upheld outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.complaints.models import Complaint, ComplaintStep, Deadline, PracticeReview
from tandem.complaints.models.agency import AgencyLetter
from tandem.complaints.selectors.agency import agency_complaints, limits_of
from tandem.complaints.tasks_deadlines import deadline_missed
from tandem.conftest import login
from tandem.core.models import AuditEvent

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
Stage = Complaint.Stage


def at(day: str, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, 0)))


def pdf(name: str = "letter.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def due(complaint: Complaint, rule: str) -> Deadline:
    return Deadline.objects.get(complaint=complaint, rule=rule)


def told(user: Any, kind: str = "complaints.stage") -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_agency_track_through_every_stage(world: Any, client: Any) -> None:
    w = world
    base = "complaints:agency_"
    # --- 2 March: the manager records a letter that arrived on Friday 27 February ------------------
    with time_machine.travel(at("2026-03-02"), tick=False):
        login(client, w.manager)
        response = client.post(
            reverse(base + "record", args=[w.setting.pk]),
            {
                "organisation": "Meadowbank Health Visiting Team",
                "name": "Hana Okafor",
                "contact": "hana.visitor@nhs.example.org",
                "received_on": "2026-02-27",
                "via": "letter",
                "about_staff": w.other_practitioner.pk,
                "child": w.child_a.pk,
                "summary": "A concern about Amelia's weight was not passed on to us.",
                "letter": pdf(),
            },
        )
        complaint = Complaint.objects.get(track=Complaint.Track.AGENCY, complainant_name="Hana Okafor")
        assert response.status_code == 302 and response["Location"] == reverse(base + "complaint", args=[complaint.pk])
        assert complaint.stage == Stage.MANAGER and complaint.reference.startswith("C-2026-")
        assert timezone.localdate(complaint.received_at) == dt.date(2026, 2, 27)
        ack, meeting = due(complaint, "agency.acknowledge"), due(complaint, "agency.meeting")
        assert timezone.localtime(ack.due_at).date() == dt.date(2026, 3, 9)  # 10 days from receipt
        assert timezone.localtime(meeting.due_at).date() == dt.date(2026, 3, 27)  # 28 days
        # the deputy holds the stage too and is told; the member of staff it is about is not
        assert told(w.deputy) and not told(w.other_practitioner) and not told(w.manager)
        assert "Amelia" not in told(w.deputy)[0].title and "Otto" not in told(w.deputy)[0].title
        letter = AgencyLetter.objects.get(complaint=complaint)
        assert letter.file.name.startswith("complaints/") and "letter" not in letter.file.name
        page = client.get(reverse(base + "complaint", args=[complaint.pk]))
        assert page.status_code == 200 and "Write the acknowledgement" in page.content.decode()
        served = client.get(reverse(base + "letter", args=[complaint.pk, letter.pk]))
        assert served.status_code == 200 and b"".join(served.streaming_content) == PDF
        assert served["Cache-Control"] == "private, no-store" and served["X-Content-Type-Options"] == "nosniff"
        for stranger in (w.other_practitioner, w.room_practitioner, w.dsl, w.parent_a):
            login(client, stranger)
            assert client.get(reverse(base + "complaint", args=[complaint.pk])).status_code == 404
            assert client.get(reverse(base + "letter", args=[complaint.pk, letter.pk])).status_code == 404

    # --- 5 March: acknowledged in writing, from Tandem's draft: within the 10 days -----------------
    with time_machine.travel(at("2026-03-05"), tick=False):
        login(client, w.manager)
        draft = client.get(reverse(base + "acknowledge", args=[complaint.pk])).context["form"]["text"].value()
        for words in (
            "Dear Hana Okafor",
            "received on 27 February 2026",
            "within 28 days",
            "by 27 March 2026",
            "within 5 days",
            "within 14 days",
            "0300 123 1231",
            "Mona Manningham",
        ):
            assert words in draft, words
        response = client.post(
            reverse(base + "acknowledge", args=[complaint.pk]),
            {"sent_on": "2026-03-05", "text": draft + "\nPS: we will ring you."},
        )
        step = ComplaintStep.objects.get(complaint=complaint, kind=ComplaintStep.Kind.ACKNOWLEDGED)
        assert response["Location"] == reverse(base + "acknowledgement", args=[complaint.pk, step.pk])
        assert step.shared_with_complainant and "we will ring you" in step.text
        assert due(complaint, "agency.acknowledge").met_at is not None
        printable = client.get(response["Location"]).content.decode()
        assert "we will ring you" in printable and "agency-letter" in printable

    # --- 28 March: the meeting was not held within 28 days: overdue, escalated to the line manager --
    with time_machine.travel(at("2026-03-28", 9), tick=False):
        states = {row.deadline.rule: row.words for row in limits_of(complaint)}
        assert states == {"agency.acknowledge": "Met in time", "agency.meeting": "Overdue by 1 day"}
        assert deadline_missed.call(meeting.pk) is True
        assert due(complaint, "agency.meeting").escalated_at is not None
        assert told(w.line_manager, "complaints.deadline")

    # --- 30 March: the meeting is held (late); no agreement ---------------------------------------
    with time_machine.travel(at("2026-03-30"), tick=False):
        login(client, w.manager)
        client.post(
            reverse(base + "meeting", args=[complaint.pk]),
            {"held_on": "2026-03-30", "attendees": "Hana Okafor, Mona Manningham", "notes": "No agreement."},
        )
        assert {row.deadline.rule: row.state for row in limits_of(complaint)}["agency.meeting"] == "met late"

    # --- 1 April: she wrote to the line manager on 31 March: 5 and 14 days from then ---------------
    with time_machine.travel(at("2026-04-01"), tick=False):
        login(client, w.manager)
        client.post(
            reverse(base + "line_manager", args=[complaint.pk]),
            {"received_on": "2026-03-31", "text": "Asks the line manager to look again.", "letter": pdf()},
        )
        complaint.refresh_from_db()
        assert complaint.stage == Stage.LINE_MANAGER and complaint.handler == w.line_manager
        assert timezone.localtime(due(complaint, "agency.line_manager_acknowledge").due_at).date() == dt.date(
            2026, 4, 5
        )
        assert timezone.localtime(due(complaint, "agency.line_manager_report").due_at).date() == dt.date(2026, 4, 14)
        assert told(w.line_manager)
        assert AgencyLetter.objects.filter(complaint=complaint).count() == 2
        # the manager still sees it but no longer acts on it
        assert client.post(reverse(base + "close", args=[complaint.pk]), {}).status_code == 404

    with time_machine.travel(at("2026-04-03"), tick=False):
        login(client, w.line_manager)
        draft = client.get(reverse(base + "acknowledge", args=[complaint.pk])).context["form"]["text"].value()
        assert "reached me on 31 March 2026" in draft and "by 14 April 2026" in draft and "Lina Linemanager" in draft
        client.post(reverse(base + "acknowledge", args=[complaint.pk]), {"sent_on": "2026-04-03", "text": draft})
        assert due(complaint, "agency.line_manager_acknowledge").met_at is not None

    with time_machine.travel(at("2026-04-14", 20), tick=False):  # the last day of the 14
        login(client, w.line_manager)
        client.post(reverse(base + "report", args=[complaint.pk]), {"sent_on": "2026-04-14", "text": "Findings."})
        report = due(complaint, "agency.line_manager_report")
        assert report.met_at is not None and report.met_at <= report.due_at
        page = client.get(reverse(base + "complaint", args=[complaint.pk])).content.decode()
        assert "They appeal to the owners" in page and "Met in time" in page

    # --- 20 April: she appeals; the owners respond within 14 days ---------------------------------
    with time_machine.travel(at("2026-04-20"), tick=False):
        login(client, w.line_manager)
        client.post(reverse(base + "appeal", args=[complaint.pk]), {"received_on": "2026-04-20", "text": "Appeal."})
        complaint.refresh_from_db()
        assert complaint.stage == Stage.APPEAL
        assert timezone.localtime(due(complaint, "agency.appeal_response").due_at).date() == dt.date(2026, 5, 4)
        assert told(w.owner)
        login(client, w.owner)
        assert (
            "Record the response to the appeal"
            in client.get(reverse(base + "complaint", args=[complaint.pk])).content.decode()
        )

    with time_machine.travel(at("2026-05-01"), tick=False):
        login(client, w.owner)
        client.post(reverse(base + "report", args=[complaint.pk]), {"sent_on": "2026-05-01", "text": "Our response."})
        response = client.post(
            reverse(base + "close", args=[complaint.pk]), {"outcome": "upheld", "summary": "Practice will change."}
        )
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert complaint.stage == Stage.CLOSED and complaint.outcome == "upheld" and complaint.closed_at
        assert PracticeReview.objects.filter(complaint=complaint).exists()
        assert not Deadline.objects.filter(complaint=complaint, met_at__isnull=True, cancelled_at__isnull=True)
        kinds = list(complaint.steps.values_list("kind", flat=True))
        for kind in ("raised", "acknowledged", "missed", "meeting", "escalated", "feedback", "appealed", "outcome"):
            assert kind in kinds, kind


def test_recording_checks_the_letter_and_who_it_is_about(world: Any, client: Any, committed: Any) -> None:
    w = world
    url = reverse("complaints:agency_record", args=[w.setting.pk])
    fields = {"organisation": "Social care", "name": "Sam Worker", "via": "email", "summary": "Late referral."}
    login(client, w.deputy)
    today = timezone.localdate()
    fake = client.post(url, {**fields, "received_on": today.isoformat(), "letter": pdf("x.pdf", b"<html>")})
    assert fake.status_code == 400 and "must be a PDF" in fake.content.decode()
    big = client.post(url, {**fields, "received_on": today.isoformat(), "letter": pdf(content=PDF + b"0" * 10485760)})
    assert big.status_code == 400 and "larger than 10 MB" in big.content.decode()
    future = client.post(url, {**fields, "received_on": (today + dt.timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and "cannot be in the future" in future.content.decode()
    assert not Complaint.objects.filter(track=Complaint.Track.AGENCY, complainant_name="Sam Worker").exists()
    # about the manager: straight to the line manager; the manager is neither told nor shown it
    with committed():
        response = client.post(url, {**fields, "received_on": today.isoformat(), "about_staff": w.manager.pk})
    complaint = Complaint.objects.get(complainant_name="Sam Worker")
    assert AuditEvent.objects.filter(event="complaints.agency.recorded", object_id=complaint.pk).exists()
    assert response.status_code == 302 and complaint.stage == Stage.LINE_MANAGER
    assert set(Deadline.objects.filter(complaint=complaint).values_list("rule", flat=True)) == {
        "agency.line_manager_acknowledge",
        "agency.line_manager_report",
    }
    assert told(w.line_manager) and not told(w.manager)
    login(client, w.manager)
    assert client.get(reverse("complaints:agency_complaint", args=[complaint.pk])).status_code == 404
    # the manager records one about themselves: recorded, then they are shown the list, not it
    response = client.post(
        url, {**fields, "name": "Kim Other", "received_on": today.isoformat(), "about_staff": w.manager.pk}
    )
    assert response["Location"] == reverse("complaints:agency_complaints", args=[w.setting.pk])


def test_the_list_shows_what_each_may_open_in_few_queries(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    w = world
    for n in range(8):
        Complaint.objects.create(
            reference=f"C-2025-{n:04d}",
            setting=w.setting,
            track=Complaint.Track.AGENCY,
            stage=Stage.MANAGER,
            complainant_name="Someone",
            complainant_organisation=f"Service {n}",
            summary="x",
        )
    assert w.agency_at_line_manager not in agency_complaints(w.manager, w.setting)  # about the manager
    login(client, w.deputy)
    url = reverse("complaints:agency_complaints", args=[w.setting.pk])
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "Service 7" in page and w.agency_at_line_manager.reference in page
    login(client, w.key_person_a)
    assert client.get(url).status_code == 404
