"""Access on request (R66): the deadline, who may ask, the complete export (this child's rows from
every app, never another child's, no secrets), the review of flagged items, release and download."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import ShareOpening
from tandem.comms.models import Notification, Post, PostRecipient
from tandem.core.models import AuditEvent, ExportRecord
from tandem.journal.models import Observation, ObservationChild
from tandem.people.models import Invitation
from tandem.records import holdings, tasks_requests
from tandem.records.models import AccessExport, AccessRequest, ReviewItem, TransferOpening
from tandem.records.selectors import requests as selectors
from tandem.records.services import requests as services
from tandem.records.services.requests import add_months, due_date

pytestmark = pytest.mark.django_db
Status = AccessRequest.Status
SECRET_WORDS = ("token", "hash", "password", "secret", "key_code")


# --- the deadline ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "received, due",
    [
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28)),  # no 31 February: the last day of February
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29)),  # a leap year
        (dt.date(2024, 2, 29), dt.date(2024, 3, 29)),  # the same day next month
        (dt.date(2025, 12, 31), dt.date(2026, 1, 31)),  # over the year's end
        (dt.date(2025, 3, 15), dt.date(2025, 4, 15)),
        (dt.date(2025, 8, 31), dt.date(2025, 9, 30)),
    ],
)
def test_due_date_is_one_calendar_month_later(received: dt.date, due: dt.date) -> None:
    assert due_date(received) == due


def test_an_extension_adds_whole_months() -> None:
    assert add_months(dt.date(2025, 1, 31), 2) == dt.date(2025, 3, 31)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


# --- who may ask ---------------------------------------------------------------------------------------


def test_a_parent_with_responsibility_asks_for_their_childs_records(world: Any, committed: Any) -> None:
    with committed():
        request = services.ask(actor=world.parent_a, subject="child", child=world.child_a, details="All of it")
    assert request.setting == world.setting and request.how == "online"
    assert request.due_on == due_date(timezone.localdate())
    assert Notification.objects.filter(recipient=world.manager, kind=services.NEW_KIND).exists()
    assert AuditEvent.objects.filter(event="records.requests.asked", object_id=request.pk).exists()


@pytest.mark.parametrize("persona, child", [("restricted_parent", "child_a"), ("parent_b_no_pr", "child_b")])
def test_restricted_and_no_pr_parents_cannot_ask_for_the_child(world: Any, persona: str, child: str) -> None:
    with pytest.raises(Http404):
        services.ask(actor=world[persona], subject="child", child=world[child])
    assert not AccessRequest.objects.filter(adult__user=world[persona], subject="child").exists()


@pytest.mark.parametrize("persona", ["parent_a", "parent_b_no_pr", "restricted_parent"])
def test_any_adult_asks_for_their_own_data(world: Any, persona: str) -> None:
    request = services.ask(actor=world[persona], subject="self", child=None)
    assert request.child is None and request.subject == "self"


def test_the_ask_page_offers_only_children_one_may_ask_about(world: Any, as_user: Any) -> None:
    page = as_user(world.restricted_parent).get(reverse("records:request_ask"))
    assert page.status_code == 200 and world.child_a.first_name not in page.content.decode()
    response = as_user(world.restricted_parent).post(
        reverse("records:request_ask"), {"subject": "child", "child": world.child_a.pk}
    )
    assert response.status_code == 400
    page = as_user(world.parent_a).get(reverse("records:request_ask"))
    assert world.child_a.first_name in page.content.decode()
    response = as_user(world.parent_a).post(
        reverse("records:request_ask"), {"subject": "child", "child": world.child_a.pk, "details": ""}
    )
    assert response.status_code == 302
    assert as_user(world.nobody).get(reverse("records:request_ask")).status_code == 403


def test_staff_record_a_verbal_request(world: Any) -> None:
    day = timezone.localdate() - dt.timedelta(days=3)
    request = services.record_request(
        actor=world.manager,
        setting=world.setting,
        adult=world.adult_a,
        subject="child",
        child=world.child_a,
        how="verbal",
        received_on=day,
        identity_checked="Known to the manager",
    )
    assert request.due_on == due_date(day) and request.how == "verbal"
    with pytest.raises(ValidationError) as error:
        services.record_request(
            actor=world.manager,
            setting=world.setting,
            adult=world.restricted_adult,
            subject="child",
            child=world.child_a,
            how="writing",
            received_on=day,
            identity_checked="Letter",
        )
    assert "child" in error.value.error_dict


def test_extend_tells_the_requester_and_close_needs_a_reason(world: Any, committed: Any) -> None:
    with committed():
        services.extend(actor=world.manager, request=world.access_request, months=2, reason="Many records")
    world.access_request.refresh_from_db()
    assert world.access_request.extended_to == add_months(world.access_request.due_on, 2)
    assert Notification.objects.filter(recipient=world.parent_a, kind=services.UPDATE_KIND).exists()
    with pytest.raises(ValidationError):
        services.extend(actor=world.manager, request=world.access_request, months=3, reason="Too long")
    with pytest.raises(ValidationError):
        services.close(actor=world.manager, request=world.access_request, reason=" ")
    services.close(actor=world.manager, request=world.access_request, reason="Withdrawn by the parent")
    world.access_request.refresh_from_db()
    assert world.access_request.status == Status.CLOSED


# --- the export -------------------------------------------------------------------------------------------


def _zip(export: AccessExport) -> zipfile.ZipFile:
    with default_storage.open(selectors.zip_name(export), "rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _record(export: AccessExport) -> dict[str, Any]:
    return json.loads(_zip(export).read("record.json"))


@pytest.fixture
def pdf_html(monkeypatch: Any) -> list[str]:
    """The HTML each PDF is made from (WeasyPrint compresses the PDF's text)."""
    seen: list[str] = []
    real = tasks_requests.render_pdf

    def capture(html: str) -> bytes:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(tasks_requests, "render_pdf", capture)
    return seen


@pytest.fixture
def shared_observation(world: Any) -> Observation:
    observation = Observation.objects.create(
        setting=world.setting,
        status=Observation.Status.STAFF,
        title="Den building",
        text="Amelia and Barnaby built a den together; Barnaby fetched the blankets.",
        author=world.key_person_a,
        created_at=timezone.now(),
    )
    ObservationChild.objects.bulk_create(
        [ObservationChild(observation=observation, child=c) for c in (world.child_a, world.child_b)]
    )
    return observation


def _prepare(world: Any, committed: Any, request: AccessRequest | None = None) -> AccessExport:
    request = request or world.access_request
    AccessExport.objects.filter(request=request).delete()  # the world's own draft
    with committed():
        export = services.prepare(actor=world.manager, request=request)
    export.refresh_from_db()
    assert export.status == AccessExport.Status.READY
    return export


def test_the_export_holds_this_childs_rows_from_every_app_and_nothing_of_another_child(
    world: Any, committed: Any, shared_observation: Observation, pdf_html: list[str]
) -> None:
    export = _prepare(world, committed)
    world.access_request.refresh_from_db()
    assert world.access_request.status == Status.REVIEW
    names = _zip(export).namelist()
    assert "record.json" in names and "record.pdf" in names
    assert _zip(export).read("record.pdf").startswith(b"%PDF")
    record = _record(export)
    assert set(record) >= {"generated_at", "setting", "subject", "sections", "withheld"}
    models = {s["model"] for s in record["sections"]}
    assert {"people.Child", "people.Need", "people.ChildAdult", "journal.Observation", "records.Transition"} <= models
    assert {"agencies.ReceivedItem", "complaints.Allegation", "people.HistoricalNeed"} <= models
    text = json.dumps(record)
    assert "Peanut allergy" in text  # child A's need
    assert "Vegetarian diet" not in text  # only child B has it
    assert world.need_b.summary not in pdf_html[-1] and world.need_a.summary in pdf_html[-1]
    assert world.other_child.last_name not in text
    for section in record["sections"]:
        for item in section["items"]:
            assert not [k for k in item if any(word in k for word in SECRET_WORDS)], section["model"]


def test_own_data_export_leaves_out_secrets(world: Any, committed: Any) -> None:
    Invitation.objects.create(
        adult=world.adult_a, token_hash="f" * 64, created_by=world.manager, expires_at=timezone.now()
    )
    request = services.ask(actor=world.parent_a, subject="self", child=None)
    export = _prepare(world, committed, request)
    record = _record(export)
    text = json.dumps(record)
    assert "token_hash" not in text and "f" * 64 not in text and "password" not in text
    models = {s["model"] for s in record["sections"]}
    assert {"people.Adult", "core.User", "people.Invitation", "people.ChildAdult"} <= models
    assert world.parent_a.email in text
    assert world.child_b.last_name not in text


def test_flagged_items_become_review_items_and_release_waits_for_them(
    world: Any, committed: Any, shared_observation: Observation
) -> None:
    export = _prepare(world, committed)
    flagged = {(i.source, i.object_id): i.reason for i in export.review_items.all()}
    assert flagged[("agencies.ReceivedItem", world.received_note_a.pk)] == ReviewItem.Reason.THIRD_PARTY
    assert flagged[("agencies.ReceivedItem", world.received_safeguarding_a.pk)] == ReviewItem.Reason.SAFEGUARDING
    assert flagged[("complaints.Allegation", world.allegation_a.pk)] == ReviewItem.Reason.SAFEGUARDING
    assert flagged[("agencies.SharingDecision", world.sharing_decision_a.pk)] == ReviewItem.Reason.SAFEGUARDING
    assert flagged[("journal.Observation", shared_observation.pk)] == ReviewItem.Reason.OTHER_PEOPLE
    assert ("journal.Observation", world.observation_a.pk) not in flagged  # names only Amelia
    with pytest.raises(ValidationError, match="not yet reviewed"):
        services.release(actor=world.manager, request=world.access_request)
    assert not ExportRecord.objects.filter(child_id=world.child_a.pk, what__startswith="Access request").exists()


def test_release_leaves_out_withheld_items_and_is_logged(
    world: Any, committed: Any, shared_observation: Observation, pdf_html: list[str]
) -> None:
    export = _prepare(world, committed)
    withheld = export.review_items.get(source="complaints.Allegation")
    with pytest.raises(ValidationError) as error:
        services.decide(actor=world.manager, item=withheld, decision="withhold", reason="")
    assert "reason" in error.value.error_dict
    for item in export.review_items.all():
        if item.pk == withheld.pk:
            services.decide(
                actor=world.deputy, item=item, decision="withhold", reason="Would be likely to cause serious harm"
            )
        else:
            services.decide(actor=world.manager, item=item, decision="release", reason="")
    with committed():
        final = services.release(actor=world.manager, request=world.access_request)
    final.refresh_from_db()
    world.access_request.refresh_from_db()
    assert final.final and final.status == AccessExport.Status.READY
    assert world.access_request.status == Status.RELEASED and world.access_request.released_by == world.manager
    record = _record(final)
    text = json.dumps(record)
    assert world.allegation_a.summary not in text and world.allegation_a.summary not in pdf_html[-1]
    assert world.allegation_a.summary in pdf_html[0]  # the draft had it, for the review
    assert {"title": "An item of the record", "reason": "Would be likely to cause serious harm"} in record["withheld"]
    assert world.received_note_a.title in text  # released
    # the observation naming Barnaby is released with his name removed
    assert "Den building" in text and "Barnaby" not in text and "another child" in text
    log = ExportRecord.objects.get(child_id=world.child_a.pk, what__startswith="Access request")
    assert log.purpose == f"Subject access request received {world.access_request.received_on:%d/%m/%Y}"
    assert Notification.objects.filter(recipient=world.parent_a, title="Your records are ready to download").exists()


def test_download_only_the_released_copy_for_the_requester(world: Any, committed: Any, as_user: Any) -> None:
    draft = _prepare(world, committed)
    for item in draft.review_items.all():
        services.decide(actor=world.manager, item=item, decision="release", reason="")
    draft_url = reverse("records:request_download", args=[world.access_request.pk, draft.pk])
    assert as_user(world.parent_a).get(draft_url).status_code == 404  # not released yet
    response = as_user(world.manager).get(draft_url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    with committed():
        final = services.release(actor=world.manager, request=world.access_request)
    url = reverse("records:request_download", args=[world.access_request.pk, final.pk])
    assert as_user(world.parent_b_no_pr).get(url).status_code == 404
    assert as_user(world.dsl).get(url).status_code == 404
    assert as_user(world.parent_a).get(draft_url).status_code == 404  # the draft stays the staff's
    with committed():
        response = as_user(world.parent_a).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store" and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert {"record.json", "record.pdf"} <= set(archive.namelist())
    assert AuditEvent.objects.filter(event="records.requests.downloaded", actor_id=world.parent_a.pk).exists()
    page = as_user(world.parent_a).get(reverse("records:request", args=[world.access_request.pk]))
    assert url in page.content.decode()


# --- pages ---------------------------------------------------------------------------------------------------


def test_pages_answer(world: Any, committed: Any, as_user: Any, shared_observation: Observation) -> None:
    manager = as_user(world.manager)
    request = world.access_request
    assert manager.get(reverse("records:request", args=[request.pk])).status_code == 200
    AccessExport.objects.filter(request=request).delete()
    with committed():
        response = manager.post(reverse("records:request_prepare", args=[request.pk]))
    assert response.status_code == 302
    page = manager.get(reverse("records:request_review", args=[request.pk]))
    assert page.status_code == 200 and "Den building" in page.content.decode()
    item = ReviewItem.objects.filter(export__request=request).first()
    assert item is not None
    url = reverse("records:request_decide", args=[item.pk])
    assert manager.post(url, {f"item{item.pk}-decision": "withhold"}).status_code == 400
    assert manager.post(url, {f"item{item.pk}-decision": "release"}).status_code == 302
    for path in ("request_extend", "request_close"):
        assert manager.get(reverse(f"records:{path}", args=[request.pk])).status_code == 200
    assert manager.post(reverse("records:request_extend", args=[request.pk]), {"months": "1"}).status_code == 400
    assert manager.get(reverse("records:access_request_record", args=[world.setting.pk])).status_code == 200
    parent = as_user(world.parent_a)
    assert parent.get(reverse("records:my_requests")).status_code == 200
    assert parent.get(reverse("records:request", args=[request.pk])).status_code == 200
    assert parent.get(reverse("records:request_review", args=[request.pk])).status_code == 404
    assert as_user(world.restricted_parent).get(reverse("records:request", args=[request.pk])).status_code == 404


def _many_requests(world: Any, count: int) -> None:
    received = timezone.localdate() - dt.timedelta(days=40)
    AccessRequest.objects.bulk_create(
        [
            AccessRequest(
                setting=world.setting,
                adult=world.adult_a,
                child=world.child_a if i % 2 else None,
                subject="child" if i % 2 else "self",
                received_on=received,
                due_on=due_date(received) + dt.timedelta(days=i),
                extended_to=due_date(received) + dt.timedelta(days=40) if i % 3 == 0 else None,
            )
            for i in range(count)
        ]
    )


def test_the_managers_list_by_deadline_marks_the_overdue_with_flat_queries(
    world: Any, as_user: Any, django_assert_max_num_queries: Any
) -> None:
    manager = as_user(world.manager)
    url = reverse("records:access_requests", args=[world.setting.pk])
    manager.get(url)
    _many_requests(world, 2)
    with django_assert_max_num_queries(40) as few:
        page = manager.get(url)
    assert page.status_code == 200 and "Overdue by" in page.content.decode()
    _many_requests(world, 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = manager.get(url)
    assert page.status_code == 200
    rows = list(selectors.open_requests(actor=world.manager, setting=world.setting))
    deadlines = [r.deadline for r in rows]
    assert deadlines == sorted(deadlines)
    assert world.other_access_request not in rows
    assert as_user(world.dsl).get(url).status_code == 404


# --- other families and safeguarding ------------------------------------------------------------------


def _items(record: dict[str, Any], model: str) -> list[dict[str, Any]]:
    return [i for s in record["sections"] if s["model"] == model for i in s["items"]]


def test_a_post_or_outing_shared_with_another_child_names_only_this_child_and_this_family(
    world: Any, committed: Any, pdf_html: list[str]
) -> None:
    post = Post.objects.create(
        setting=world.setting,
        title="Pond dipping",
        body="Pond dipping on Friday.",
        audience=Post.Audience.FAMILIES,
        created_by=world.manager,
        published_at=timezone.now(),
    )
    post.children.set([world.child_a, world.child_b])
    ours = PostRecipient.objects.create(post=post, user=world.parent_a, read_at=timezone.now())
    theirs = PostRecipient.objects.create(post=post, user=world.parent_b_no_pr, read_at=timezone.now())
    world.outing_a.children.add(world.child_b)
    export = _prepare(world, committed)
    record = _record(export)
    text = json.dumps(record)
    for name in holdings.names_of([world.child_b]):
        assert name not in text, name
        assert name not in pdf_html[-1], name
    posts = {i["id"]: i for i in _items(record, "comms.Post")}
    assert posts[post.pk]["children"] == [str(world.child_a), "and 1 other child"]
    outing = next(i for i in _items(record, "comms.Outing") if i["id"] == world.outing_a.pk)
    assert outing["children"] == [str(world.child_a), "and 1 other child"]
    recipients = {i["id"] for i in _items(record, "comms.PostRecipient")}
    assert ours.pk in recipients and theirs.pk not in recipients
    assert str(world.parent_b_no_pr) not in text


def test_protection_transfers_and_shares_without_consent_are_withheld_unless_released(
    world: Any, committed: Any
) -> None:
    share = world.share_without_consent_a
    opening = ShareOpening.objects.create(share=share)
    transfer = world.transfer_protection
    transfer_opening = TransferOpening.objects.create(transfer=transfer, outcome=TransferOpening.Outcome.OPENED)
    export = _prepare(world, committed)
    flagged = {(i.source, i.object_id): i.reason for i in export.review_items.all()}
    safeguarding = {
        ("agencies.Share", share.pk),
        ("agencies.ShareOpening", opening.pk),
        ("records.RecordTransfer", transfer.pk),
        ("records.TransferOpening", transfer_opening.pk),
        *{("agencies.ShareItem", item.pk) for item in share.items.all()},
    }
    for key in safeguarding:
        assert flagged.get(key) == ReviewItem.Reason.SAFEGUARDING, key
    assert ("agencies.Share", world.share_consent_a.pk) not in flagged
    assert ("records.RecordTransfer", world.transfer_learning.pk) not in flagged
    released = {("agencies.Share", share.pk)}
    for item in export.review_items.all():
        key = (item.source, item.object_id)
        if key in safeguarding and key not in released:
            services.decide(actor=world.manager, item=item, decision="withhold", reason="Serious harm")
        else:
            services.decide(actor=world.manager, item=item, decision="release", reason="")
    with committed():
        final = services.release(actor=world.manager, request=world.access_request)
    record = _record(final)
    assert {i["id"] for i in _items(record, "agencies.Share")} >= {share.pk, world.share_consent_a.pk}
    assert transfer.pk not in {i["id"] for i in _items(record, "records.RecordTransfer")}
    assert world.transfer_learning.pk in {i["id"] for i in _items(record, "records.RecordTransfer")}
    assert not _items(record, "records.TransferOpening") and not _items(record, "agencies.ShareOpening")
    assert not {i["id"] for i in _items(record, "agencies.ShareItem")} & {i.pk for i in share.items.all()}
    withheld = [w for w in record["withheld"] if w["reason"] == "Serious harm"]
    assert len(withheld) == len(safeguarding) - 1
    assert all(w["title"] == "An item of the record" for w in withheld)
