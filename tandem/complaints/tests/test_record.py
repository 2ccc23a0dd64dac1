"""The Ofsted complaints record (R63): its lines and period, CSV and PDF exports with a purpose
(R51), who may see it, reviews of practice after an upheld complaint, and retention."""

from __future__ import annotations

import csv
import datetime as dt
import io
from itertools import count
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.complaints.hooks.record import provider_record_url
from tandem.complaints.models import (
    Complaint,
    ComplaintStep,
    Deadline,
    InvestigationReport,
    PracticeReview,
    RecordEntry,
    RecordExport,
    RetentionDeletion,
    RetentionError,
)
from tandem.complaints.selectors import record as selectors
from tandem.complaints.services import record as services
from tandem.complaints.tasks_record import documentation_html, record_html
from tandem.complaints.views.record import safe_cell
from tandem.conftest import login
from tandem.core import navigation
from tandem.core.access import can, organisation_roles, setting_roles
from tandem.core.models import AuditEvent
from tandem.factories import SettingFactory

from ..actions.record import RECORD_VIEW

_numbers = count(1)
Kind = ComplaintStep.Kind


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def make(
    world: Any,
    *,
    stage: str = Complaint.Stage.CLOSED,
    outcome: str = "",
    closed_after: int | None = None,
    steps: tuple[str, ...] = (),
    **fields: Any,
) -> Complaint:
    """A complaint received now (travel in time to receive it earlier), its steps by the manager."""
    fields.setdefault("setting", world.setting)
    fields.setdefault("child", world.child_a)
    fields.setdefault("summary", "Amelia Ashcombe came home with another child's coat.")
    now = timezone.now()
    complaint = Complaint.objects.create(
        reference=f"R-{next(_numbers):04d}",
        stage=stage,
        raised_by=world.parent_a,
        complainant_name="Penny Parentish",
        recorded_by=world.manager,
        outcome=outcome,
        closed_at=now + dt.timedelta(days=closed_after) if closed_after is not None else None,
        **fields,
    )
    for n, kind in enumerate(steps):
        at = now + dt.timedelta(hours=n)
        text = "Private note about Amelia"
        ComplaintStep.objects.create(
            complaint=complaint, stage=Complaint.Stage.MANAGER, kind=kind, by=world.manager, text=text, at=at
        )
    return complaint


def record_url(world: Any, **query: str) -> str:
    url = reverse("complaints:record", args=[world.setting.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_record_is_summative_and_filtered_by_period(world: Any, client: Any) -> None:
    now = timezone.now()
    with time_machine.travel(now - dt.timedelta(days=4 * 365), tick=False):
        old = make(world, outcome=Complaint.Outcome.UPHELD, closed_after=19, steps=(Kind.INVESTIGATION,))
    with time_machine.travel(now - dt.timedelta(days=2 * 365), tick=False):
        upheld = make(
            world,
            outcome=Complaint.Outcome.PARTLY_UPHELD,
            closed_after=12,
            steps=(Kind.LISTENED, Kind.INVESTIGATION, Kind.NOTE, Kind.FEEDBACK, Kind.INVESTIGATION),
        )
        RecordEntry.objects.create(complaint=upheld, area=RecordEntry.Area.KEY_PERSON, nature="Clothes mixed up")
        PracticeReview.objects.create(complaint=upheld)
    with time_machine.travel(now - dt.timedelta(days=200), tick=False):
        agency = make(
            world,
            child=None,
            track=Complaint.Track.AGENCY,
            kind=Complaint.Kind.CONCERN,
            stage=Complaint.Stage.MANAGER,
            complainant_organisation="Health visiting team",
            steps=(Kind.ACKNOWLEDGED,),
        )
        diverted = make(world, stage=Complaint.Stage.ALLEGATION, steps=(Kind.DIVERTED,))
        about_manager = make(world, stage=Complaint.Stage.LINE_MANAGER, about_staff=world.manager)

    login(client, world.manager)
    page = client.get(record_url(world)).content.decode()
    for shown in (upheld, agency, diverted):
        assert shown.reference in page
    assert old.reference not in page  # received more than three years ago: outside the default period
    assert about_manager.reference not in page  # never a complaint about oneself
    assert "Amelia" not in page and "Ashcombe" not in page and "Penny" not in page and "coat" not in page
    assert "Private note" not in page and "Health visiting team" in page

    five_years = (now - dt.timedelta(days=5 * 365)).date()
    rows = selectors.record_complaints(
        actor=world.deputy, setting=world.setting, date_from=five_years, date_to=now.date()
    )
    lines = {line.reference: line for line in selectors.lines(rows, world.setting)}
    assert about_manager.reference in lines  # the deputy sees it
    line = lines[upheld.reference]
    assert line.days == 12 and line.upheld == "Partly" and line.outcome == "Partly upheld" and line.review == "Open"
    assert line.action_taken == "Listened and acknowledged; Investigation; Feedback to the complainant"
    assert line.investigated_by == "Mona Manningham (Setting manager)"
    assert line.area == "Key person" and line.nature == "Clothes mixed up"
    assert lines[old.reference].days == 19 and lines[old.reference].upheld == "Yes"
    assert lines[agency.reference].days is None and lines[agency.reference].outcome == "Open: with the setting manager"
    assert lines[agency.reference].track == "Another service: Health visiting team"
    referred = lines[diverted.reference]
    assert referred.outcome == selectors.REFERRED and referred.action_taken == "" and referred.investigated_by == ""

    wide = client.get(record_url(world, date_from=five_years.isoformat(), date_to=now.date().isoformat()))
    wide = wide.content.decode()
    assert old.reference in wide
    classify = reverse("complaints:record_classify", args=[agency.pk])
    assert client.post(classify, {"area": "other", "nature": "Letters not answered"}).status_code == 302
    assert RecordEntry.objects.get(complaint=agency).updated_by == world.manager
    assert client.get(reverse("complaints:record_classify", args=[diverted.pk])).status_code == 404
    narrow = (now - dt.timedelta(days=300)).date().isoformat()
    recent = client.get(record_url(world, date_from=narrow, date_to=now.date().isoformat())).content.decode()
    assert agency.reference in recent and upheld.reference not in recent


def test_the_record_reads_in_a_fixed_number_of_queries(world: Any, django_assert_max_num_queries: Any) -> None:
    def read() -> int:
        start, end = selectors.default_period()
        rows = selectors.record_complaints(actor=world.owner, setting=world.setting, date_from=start, date_to=end)
        return len(selectors.lines(rows, world.setting))

    for _ in range(2):
        make(world, outcome=Complaint.Outcome.UPHELD, closed_after=3, steps=(Kind.INVESTIGATION,))
    with django_assert_max_num_queries(8) as few:
        read()
    for _ in range(10):
        c = make(world, outcome=Complaint.Outcome.NOT_UPHELD, closed_after=3, steps=(Kind.INVESTIGATION, Kind.FEEDBACK))
        InvestigationReport.objects.create(complaint=c, text="Report", written_by=world.deputy)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert read() >= 12


def test_csv_export_states_its_purpose_and_is_safe_in_a_spreadsheet(world: Any, client: Any, committed: Any) -> None:
    complaint = make(world, outcome=Complaint.Outcome.UPHELD, closed_after=5, steps=(Kind.INVESTIGATION,))
    RecordEntry.objects.create(complaint=complaint, area=RecordEntry.Area.HEALTH, nature='=HYPERLINK("http://x")')
    login(client, world.line_manager)
    start, end = selectors.default_period()
    url = reverse("complaints:record_export", args=[world.setting.pk])
    data = {"date_from": start.isoformat(), "date_to": end.isoformat(), "format": "csv"}
    refused = client.post(url, data)  # no purpose: refused, nothing exported
    assert refused.status_code == 400 and "Say why you are exporting" in refused.content.decode()
    assert not RecordExport.objects.exists()
    with committed():
        response = client.post(url, {**data, "reason": "other", "other": "@SUM(1+1) for the trustees"})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["Purpose of this export", "'@SUM(1+1) for the trustees"] in rows
    header = rows.index(selectors.HEADERS)
    body = {row[0]: row for row in rows[header + 1 :]}
    line = body[complaint.reference]
    assert line[5] == '\'=HYPERLINK("http://x")' and line[10] == "Yes" and line[8] == "5"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert "Amelia" not in text and "Penny" not in text
    export = RecordExport.objects.get()
    assert export.kind == "record_csv" and export.purpose == "@SUM(1+1) for the trustees"
    assert export.requested_by == world.line_manager
    assert AuditEvent.objects.filter(event="complaints.record.exported", object_id=export.pk).exists()
    assert [safe_cell(v) for v in ("-1", "+1", "\tx", "a=b", "")] == ["'-1", "'+1", "'\tx", "a=b", ""]


def test_pdf_is_made_in_the_task_queue_and_downloaded_by_who_asked(world: Any, client: Any, committed: Any) -> None:
    complaint = make(world, outcome=Complaint.Outcome.NOT_UPHELD, closed_after=9, steps=(Kind.INVESTIGATION,))
    login(client, world.owner)
    start, end = selectors.default_period()
    data = {"date_from": start.isoformat(), "date_to": end.isoformat(), "format": "pdf", "reason": "inspection"}
    with committed():
        response = client.post(reverse("complaints:record_export", args=[world.setting.pk]), data)
    assert response.status_code == 302
    export = RecordExport.objects.get(kind="record_pdf")
    assert export.state == "ready" and export.purpose == "For an Ofsted inspection" and export.rows >= 1
    status = client.get(reverse("complaints:record_pdf_status", args=[world.setting.pk])).content.decode()
    download = reverse("complaints:record_pdf_download", args=[world.setting.pk, export.pk])
    assert download in status and "hx-trigger" not in status
    with committed():
        got = client.get(download)
    assert got.status_code == 200 and got["Cache-Control"] == "private, no-store"
    pdf = b"".join(got.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(event="complaints.record.downloaded", object_id=export.pk).exists()
    assert AuditEvent.objects.filter(event="complaints.record.pdf_requested", object_id=export.pk).exists()
    html, _ = record_html(export, world.owner)
    assert complaint.reference in html and "For an Ofsted inspection" in html and "Amelia" not in html
    login(client, world.manager)  # the manager may see the record, but this PDF is the owner's
    assert client.get(download).status_code == 404
    RecordExport.objects.filter(pk=export.pk).update(state="making")
    login(client, world.owner)
    polled = client.get(reverse("complaints:record_pdf_status", args=[world.setting.pk])).content.decode()
    assert "hx-trigger" in polled and "being made" in polled


def test_full_documentation_of_one_complaint(world: Any, client: Any, committed: Any) -> None:
    complaint = make(
        world, outcome=Complaint.Outcome.UPHELD, closed_after=20, steps=(Kind.RAISED, Kind.INVESTIGATION, Kind.OUTCOME)
    )
    InvestigationReport.objects.create(complaint=complaint, text="Confidential findings", written_by=world.manager)
    Deadline.objects.create(
        complaint=complaint,
        rule="parent.manager_feedback",
        starts_at=complaint.received_at,
        due_at=complaint.received_at + dt.timedelta(days=28),
        met_at=complaint.received_at + dt.timedelta(days=20),
    )
    url = reverse("complaints:documentation", args=[complaint.pk])
    for outsider in (world.key_person_a, world.parent_a, world.administrator, world.other_manager):
        login(client, outsider)
        assert client.get(url).status_code == 404
    login(client, world.manager)
    assert client.post(url, {"reason": "other", "other": ""}).status_code == 400
    with committed():
        assert client.post(url, {"reason": "ofsted"}).status_code == 302
    export = RecordExport.objects.get(kind="documentation")
    assert export.state == "ready" and export.rows == 3 and export.complaint == complaint
    html, _ = documentation_html(export, world.manager)
    for text in (
        "Confidential findings",
        "Amelia",
        "Private note",
        "Investigate and feed back",
        "Met",
        "0300 123 1231",
    ):
        assert text in html, text
    download = reverse("complaints:documentation_download", args=[complaint.pk, export.pk])
    assert download in client.get(url).content.decode()
    with committed():
        got = client.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    events = set(AuditEvent.objects.filter(object_id=export.pk).values_list("event", flat=True))
    assert {"complaints.documentation.requested", "complaints.documentation.downloaded"} <= events


@pytest.mark.parametrize(
    "persona, allowed",
    [
        ("owner", True),
        ("line_manager", True),
        ("manager", True),
        ("deputy", True),
        ("key_person_a", False),
        ("parent_a", False),
        ("administrator", False),
        ("dsl", False),
        ("other_manager", False),
    ],
)
def test_who_sees_the_record(world: Any, client: Any, persona: str, allowed: bool) -> None:
    login(client, world[persona])
    assert client.get(record_url(world)).status_code == (200 if allowed else 404)
    home = client.get(reverse("complaints:record_home"))
    assert home.status_code == (200 if allowed or persona == "other_manager" else 403)


def test_owners_find_the_record_from_the_menu_at_no_cost(
    world: Any, client: Any, django_assert_num_queries: Any
) -> None:
    owner = world.owner
    organisation_roles(owner), setting_roles(owner)  # what every page has already loaded
    with django_assert_num_queries(0):
        assert can(owner, RECORD_VIEW) and provider_record_url(owner) == reverse("complaints:record_home")
    manager = world.manager
    organisation_roles(manager), setting_roles(manager)
    assert provider_record_url(manager) is None  # the manager has the office tile instead
    login(client, owner)
    home = client.get(reverse("complaints:record_home")).content.decode()
    assert reverse("complaints:record", args=[world.setting.pk]) in home and "Meadowbank Preschool" in home
    tile = next(e for e in navigation.OFFICE if e.label == "Ofsted complaints record")
    assert can(manager, tile.action) and tile.url(manager) == record_url(world)


def test_an_upheld_complaint_opens_one_review_for_the_owners(world: Any, client: Any, committed: Any) -> None:
    not_upheld = make(world, outcome=Complaint.Outcome.NOT_UPHELD, closed_after=1)
    with pytest.raises(ValidationError):
        services.open_practice_review(complaint=not_upheld)
    complaint = make(world, outcome=Complaint.Outcome.UPHELD, closed_after=1)
    with committed():
        review = services.open_practice_review(complaint=complaint)
        again = services.open_practice_review(complaint=complaint)
    assert review.pk == again.pk and PracticeReview.objects.filter(complaint=complaint).count() == 1
    told = Notification.objects.filter(kind="complaints.review")
    assert [n.recipient_id for n in told] == [world.owner.pk]  # once, owners only
    assert "Amelia" not in told[0].title and told[0].url == reverse("complaints:review", args=[review.pk])
    assert AuditEvent.objects.filter(event="complaints.review.opened", object_id=review.pk).count() == 1

    url = reverse("complaints:review", args=[review.pk])
    for outsider in (world.line_manager, world.manager, world.key_person_a, world.other_manager):
        login(client, outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"findings": "x", "actions": "y", "complete": "1"}).status_code == 404
    login(client, world.owner)
    assert complaint.reference in client.get(reverse("complaints:reviews")).content.decode()
    with committed():
        assert client.post(url, {"findings": "Handover not written down", "actions": ""}).status_code == 302
    refused = client.post(url, {"findings": "Handover not written down", "actions": "", "complete": "1"})
    assert refused.status_code == 400 and "Say what will change" in refused.content.decode()
    with committed():
        done = client.post(
            url, {"findings": "Handover not written down", "actions": "Written handovers", "complete": "1"}
        )
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.completed_by == world.owner and review.actions == "Written handovers"
    with pytest.raises(ValidationError):
        services.save_review(actor=world.owner, review=review, findings="Changed", actions="Changed")
    events = set(AuditEvent.objects.filter(object_id=review.pk).values_list("event", flat=True))
    assert {"complaints.review.saved", "complaints.review.completed"} <= events


def test_retention_refuses_deletion_for_three_years(world: Any, client: Any, committed: Any) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        closed = make(world, outcome=Complaint.Outcome.UPHELD, closed_after=0, steps=(Kind.RAISED, Kind.OUTCOME))
        InvestigationReport.objects.create(complaint=closed, text="Report", written_by=world.manager)
        Deadline.objects.create(complaint=closed, rule="parent.manager_feedback", starts_at=start, due_at=start)
        PracticeReview.objects.create(complaint=closed, findings="Found")
        RecordEntry.objects.create(complaint=closed, area=RecordEntry.Area.OTHER)
        diverted = make(world, stage=Complaint.Stage.ALLEGATION, closed_after=0)
        still_open = make(world, stage=Complaint.Stage.MANAGER)
        with pytest.raises(RetentionError):
            closed.delete()
        with pytest.raises(RetentionError):
            still_open.delete()
        with pytest.raises(RetentionError):
            Complaint.objects.filter(pk=closed.pk).delete()
        with pytest.raises(ValidationError):
            services.delete_expired(actor=world.owner, setting=world.setting)
    with time_machine.travel(start + dt.timedelta(days=3 * 365 - 2), tick=False):  # not quite three years
        with pytest.raises(RetentionError):
            Complaint.objects.filter(pk=closed.pk).delete()
        with pytest.raises(ValidationError):
            services.delete_expired(actor=world.owner, setting=world.setting)
    with time_machine.travel(start + dt.timedelta(days=3 * 365 + 2), tick=False):
        for refused in (world.manager, world.line_manager, world.other_manager):
            with pytest.raises(Http404):
                services.delete_expired(actor=refused, setting=world.setting)
        with pytest.raises(RetentionError):  # an open one stays refused, whatever the path
            Complaint.objects.filter(pk__in=[closed.pk, still_open.pk]).delete()
        login(client, world.owner)
        url = reverse("complaints:retention", args=[world.setting.pk])
        assert "1 complaint closed before" in client.get(url).content.decode()
        with committed():
            assert client.post(url).status_code == 302
    assert not Complaint.objects.filter(pk=closed.pk).exists()
    assert Complaint.objects.filter(pk__in=[diverted.pk, still_open.pk]).count() == 2
    assert not ComplaintStep.objects.filter(complaint_id=closed.pk).exists()
    deletion = RetentionDeletion.objects.get()
    assert (deletion.complaints, deletion.steps, deletion.deadlines, deletion.reports, deletion.reviews) == (
        1,
        2,
        1,
        1,
        1,
    )
    event = AuditEvent.objects.get(event="complaints.record.expired_deleted")
    assert event.object_id == deletion.pk and not event.subjects.exists()  # counts only: no child named


def test_demo_gives_the_upheld_complaint_a_review(world: Any) -> None:
    from tandem.complaints.demo.complaints import LINDA, SANA
    from tandem.complaints.demo.record import seed

    empty: Any = SettingFactory(organisation=world.organisation)
    before = PracticeReview.objects.count()
    seed(setting=empty)  # the complaints demo has not run there: nothing happens
    assert PracticeReview.objects.count() == before
    upheld = make(world, setting=empty, summary=LINDA, outcome=Complaint.Outcome.UPHELD, closed_after=-30)
    resolved = make(world, setting=empty, summary=SANA, outcome=Complaint.Outcome.RESOLVED, closed_after=-3)
    PracticeReview.objects.create(complaint=upheld)  # opened by the procedure, without findings
    seed(setting=empty)
    seed(setting=empty)
    review = PracticeReview.objects.get(complaint=upheld)
    assert review.findings and review.actions and review.completed_at
    assert not PracticeReview.objects.filter(complaint=resolved).exists()
    assert RecordEntry.objects.get(complaint=upheld).area == RecordEntry.Area.HEALTH
    assert RecordEntry.objects.filter(complaint__in=[upheld, resolved]).count() == 2
