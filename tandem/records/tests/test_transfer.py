"""Sending a child's records to the receiving school (R55, R67, R51): who may send each kind, the
learning record only after the family agreed the report, the link that works once, the family told."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.files import check_pdf
from tandem.core.models import AuditEvent, ExportRecord
from tandem.records.models import RecordTransfer, TransferOpening, Transition, TransitionReport
from tandem.records.selectors import transfer as selectors
from tandem.records.services import transfer as services

pytestmark = pytest.mark.django_db
Kind, Status = RecordTransfer.Kind, RecordTransfer.Status
PURPOSE = "For the child's move to school"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def agree(world: Any) -> None:
    TransitionReport.objects.filter(pk=world.report.pk).update(
        status=TransitionReport.Status.AGREED, agreed_version=1, agreed_by=world.adult_a, agreed_at=timezone.now()
    )


def send(world: Any, committed: Any, *, actor: Any = None, kind: str = Kind.LEARNING, **extra: Any) -> RecordTransfer:
    # The world's own transfers stand for ones sent before: withdraw them so a new one may go.
    RecordTransfer.objects.filter(transition=world.transition).update(status=Status.REVOKED)
    options: dict[str, Any] = {"contact_id": world.school_teacher.pk, "delivery": "link", "purpose": PURPOSE}
    options.update(extra)
    with committed():
        transfer = services.send_transfer(
            actor=actor or world.manager, transition=world.transition, kind=kind, **options
        )
    transfer.refresh_from_db()
    return transfer


def school_mail(world: Any) -> Any:
    found = [m for m in mail.outbox if m.to == [world.school_teacher.email]]
    assert len(found) == 1, [m.to for m in mail.outbox]
    return found[0]


def link_of(message: Any) -> str:
    found = re.search(r"https?://\S+/school-records/(\S+)/", message.body)
    assert found, message.body
    return found.group(1)


def new_url(world: Any) -> str:
    return reverse("records:transfer_new", args=[world.transition.pk])


# --- who may send what --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, kind, allowed",
    [
        ("manager", Kind.LEARNING, True),
        ("deputy", Kind.LEARNING, True),
        ("senco", Kind.LEARNING, False),
        ("dsl", Kind.LEARNING, False),
        ("senco", Kind.SEN, True),
        ("deputy", Kind.SEN, False),
        ("dsl", Kind.PROTECTION, True),
        ("manager", Kind.PROTECTION, True),
        ("senco", Kind.PROTECTION, False),
        ("deputy", Kind.PROTECTION, False),
    ],
)
def test_each_kind_is_sent_only_by_its_roles(
    world: Any, committed: Any, persona: str, kind: str, allowed: bool
) -> None:
    agree(world)
    if allowed:
        assert send(world, committed, actor=world[persona], kind=kind).kind == kind
    else:
        with pytest.raises(ValidationError) as error:
            send(world, committed, actor=world[persona], kind=kind)
        assert "kind" in error.value.message_dict


@pytest.mark.parametrize("persona", ["key_person_a", "room_practitioner", "administrator", "parent_a", "other_manager"])
def test_others_cannot_send_at_all(world: Any, committed: Any, client: Any, persona: str) -> None:
    agree(world)
    with pytest.raises((PermissionDenied, Http404)):
        send(world, committed, actor=world[persona])
    login(client, world[persona])
    assert client.get(new_url(world)).status_code == 404


def test_the_form_offers_only_the_kinds_the_person_may_send(world: Any, client: Any) -> None:
    login(client, world.senco)
    html = client.get(new_url(world)).content.decode()
    assert 'value="sen"' in html
    assert 'value="learning"' not in html and 'value="protection"' not in html


def test_the_learning_record_waits_for_the_familys_agreement(world: Any, client: Any) -> None:
    RecordTransfer.objects.filter(transition=world.transition).update(status=Status.REVOKED)
    login(client, world.manager)
    data = {"kind": "learning", "contact": world.school_teacher.pk, "delivery": "link", "reason": "transition"}
    response = client.post(new_url(world), data)
    assert response.status_code == 400
    assert "family has agreed the current transition report" in response.content.decode()
    assert (
        not RecordTransfer.objects.filter(transition=world.transition, kind="learning")
        .exclude(status=Status.REVOKED)
        .exists()
    )
    agree(world)
    TransitionReport.objects.filter(pk=world.report.pk).update(version=2)  # changed since: agree again
    assert client.post(new_url(world), data).status_code == 400
    agree(world)
    TransitionReport.objects.filter(pk=world.report.pk).update(version=1)
    response = client.post(new_url(world), data)
    assert response.status_code == 302


def test_a_contact_without_email_only_by_hand_and_only_the_schools(world: Any, committed: Any) -> None:
    agree(world)
    world.school_teacher.email = ""
    world.school_teacher.save()
    with pytest.raises(ValidationError) as error:
        send(world, committed)
    assert "contact" in error.value.message_dict
    with pytest.raises(ValidationError):
        send(world, committed, contact_id=world.other_school_teacher.pk)
    assert send(world, committed, delivery="in_person").delivery == "in_person"


def test_purpose_is_required_and_logged(world: Any, committed: Any) -> None:
    agree(world)
    with pytest.raises(ValidationError) as error:
        send(world, committed, purpose="")
    assert "purpose" in error.value.message_dict
    transfer = send(world, committed)
    export = ExportRecord.objects.get(pk=transfer.export_id)
    assert export.purpose == PURPOSE and export.child_id == world.child_a.pk and export.actor_id == world.manager.pk


# --- the link ----------------------------------------------------------------------------------------------


def test_the_link_works_exactly_once(world: Any, committed: Any, client: Any, caplog: Any) -> None:
    agree(world)
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()
    transfer = send(world, committed)
    assert transfer.status == Status.SENT
    token = link_of(school_mail(world))
    # only the hash is kept, and the token is in no log record nor the audit
    assert transfer.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not RecordTransfer.objects.filter(token_hash=token).exists()
    row = RecordTransfer.objects.filter(pk=transfer.pk).values()[0]
    assert all(token not in str(value) for value in row.values())
    assert all(token not in record.getMessage() for record in caplog.records)
    assert transfer.expires_at is not None
    assert dt.timedelta(days=6, hours=23) < transfer.expires_at - timezone.now() <= dt.timedelta(days=7)
    assert default_storage.exists(selectors.pdf_name(transfer))

    client.logout()
    response = client.get(reverse("records:transfer_link", args=[token]))
    assert response.status_code == 302 and response["Location"] == reverse("records:transfer_open")
    assert response["Referrer-Policy"] == "no-referrer"
    for _ in range(2):  # a mail scanner's prefetch: GET never uses the link
        page = client.get(reverse("records:transfer_open"))
        assert page.status_code == 200
        html = page.content.decode()
        assert "Open the records (this link works once)" in html
        assert world.setting.name in html and "learning and development record" in html
        assert world.child_a.first_name not in html and world.child_a.last_name not in html
    transfer.refresh_from_db()
    assert transfer.status == Status.SENT and not TransferOpening.objects.filter(transfer=transfer).exists()

    with committed():
        opened = client.post(reverse("records:transfer_open"))
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert opened["Content-Disposition"].startswith("attachment;")
    assert "no-store" in opened["Cache-Control"] and "private" in opened["Cache-Control"]
    assert opened["X-Content-Type-Options"] == "nosniff"
    check_pdf(ContentFile(opened.content))
    transfer.refresh_from_db()
    assert transfer.status == Status.OPENED and transfer.opened_at is not None
    assert not default_storage.exists(selectors.pdf_name(transfer))

    # again: refused, and logged
    client.get(reverse("records:transfer_link", args=[token]))
    assert client.get(reverse("records:transfer_open")).status_code == 410
    with committed():
        again = client.post(reverse("records:transfer_open"))
    assert again.status_code == 410 and "already been opened" in again.content.decode()
    outcomes = list(TransferOpening.objects.filter(transfer=transfer).values_list("outcome", flat=True))
    assert outcomes == ["opened", "already_used"]
    events = set(
        AuditEvent.objects.filter(object_id=transfer.pk, object_type="records.recordtransfer").values_list(
            "event", flat=True
        )
    )
    assert {
        "records.transfer.created",
        "records.transfer.sent",
        "records.transfer.opened",
        "records.transfer.refused",
    } <= events
    assert all(token not in record.getMessage() for record in caplog.records)


def open_with(client: Any, token: str) -> Any:
    client.get(reverse("records:transfer_link", args=[token]))
    return client.post(reverse("records:transfer_open"))


def test_expired_and_revoked_links_are_refused_and_logged(world: Any, committed: Any, client: Any) -> None:
    agree(world)
    transfer = send(world, committed)
    token = link_of(school_mail(world))
    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        assert open_with(client, token).status_code == 410
        login(client, world.manager)
        assert "Link expired" in client.get(reverse("records:transfer", args=[transfer.pk])).content.decode()
    assert TransferOpening.objects.get(transfer=transfer).outcome == "expired"
    with committed():
        services.revoke(actor=world.manager, transfer=transfer)
    assert not default_storage.exists(selectors.pdf_name(transfer))
    client.logout()
    response = open_with(client, token)
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert TransferOpening.objects.filter(transfer=transfer, outcome="revoked").count() == 1


def test_a_wrong_token_is_a_404_and_nothing_is_logged(world: Any, client: Any) -> None:
    before = AuditEvent.objects.count()
    response = open_with(client, "not-a-real-token")
    assert response.status_code == 404
    assert client.get(reverse("records:transfer_open")).status_code == 404
    assert not TransferOpening.objects.exists()
    assert AuditEvent.objects.count() == before


def test_the_email_names_the_setting_and_kind_never_the_child(world: Any, committed: Any) -> None:
    agree(world)
    mail.outbox.clear()
    transfer = send(world, committed)
    message = school_mail(world)
    assert world.child_a.last_name not in message.subject and world.child_a.first_name not in message.subject
    assert world.child_a.last_name not in message.body
    assert world.setting.name in message.body
    assert "learning and development record" in message.body
    assert "works once" in message.body
    assert f"{timezone.localtime(transfer.expires_at):%-d %B %Y}" in message.body


# --- what happens when it goes ------------------------------------------------------------------------------


def test_the_family_is_told_and_the_transition_transferred(world: Any, committed: Any, client: Any) -> None:
    agree(world)
    transfer = send(world, committed)
    told = Notification.objects.filter(kind="records.transfer.sent")
    assert set(told.values_list("recipient_id", flat=True)) == {world.parent_a.pk}
    assert transfer.family_told_at is not None
    assert Transition.objects.get(pk=world.transition.pk).status == Transition.Status.TRANSFERRED
    login(client, world.parent_a)
    html = client.get(reverse("records:transfer_family", args=[world.child_a.pk])).content.decode()
    assert "Learning and development record" in html and world.school.name in html
    assert world.school_teacher.role in html and world.school_teacher.email not in html
    assert "Child protection" not in html


def test_child_protection_is_never_told_nor_shown_to_the_family(world: Any, committed: Any, client: Any) -> None:
    RecordTransfer.objects.filter(child=world.child_a).delete()
    transfer = send(world, committed, actor=world.dsl, kind=Kind.PROTECTION, contact_id=world.school_dsl.pk)
    assert transfer.status == Status.SENT
    assert not Notification.objects.filter(kind="records.transfer.sent").exists()
    assert transfer.family_told_at is None
    assert Transition.objects.get(pk=world.transition.pk).status != Transition.Status.TRANSFERRED
    login(client, world.parent_a)
    assert client.get(reverse("records:transfer_family", args=[world.child_a.pk])).status_code == 404
    for persona in ("key_person_a", "senco", "deputy"):
        login(client, world[persona])
        assert client.get(reverse("records:transfer", args=[transfer.pk])).status_code == 404
    login(client, world.dsl)
    client.post(reverse("records:transfer_family_told", args=[transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.family_told_at is not None


def test_the_pdfs_are_real_and_hold_each_kind(world: Any, committed: Any) -> None:
    world.report.family_contribution = "She sings all the way home."
    world.report.save()
    agree(world)
    for kind, actor, contact in (
        (Kind.LEARNING, world.manager, world.school_teacher),
        (Kind.SEN, world.senco, world.school_teacher),
        (Kind.PROTECTION, world.dsl, world.school_dsl),
    ):
        transfer = send(world, committed, actor=actor, kind=kind, contact_id=contact.pk)
        with default_storage.open(selectors.pdf_name(transfer), "rb") as handle:
            check_pdf(ContentFile(handle.read()))
    learning = RecordTransfer.objects.filter(transition=world.transition, kind=Kind.LEARNING).first()
    assert learning is not None
    html = render_to_string("records/transfer/pdf.html", selectors.pdf_context(learning))
    assert "She sings all the way home." in html and "mud kitchen" in html


def test_by_hand_download_then_handed_over(world: Any, committed: Any, client: Any) -> None:
    agree(world)
    transfer = send(world, committed, delivery="in_person")
    assert transfer.status == Status.PREPARING and selectors.state(transfer) == "ready"
    assert not Notification.objects.filter(kind="records.transfer.sent").exists()
    login(client, world.manager)
    with committed():
        response = client.get(reverse("records:transfer_download", args=[transfer.pk]))
    assert response["Content-Type"] == "application/pdf"
    check_pdf(ContentFile(response.content))
    assert AuditEvent.objects.filter(event="records.transfer.downloaded", object_id=transfer.pk).exists()
    with committed():
        client.post(reverse("records:transfer_handed_over", args=[transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.status == Status.OPENED and transfer.handed_over_at is not None
    assert not default_storage.exists(selectors.pdf_name(transfer))
    assert Notification.objects.filter(kind="records.transfer.sent", recipient=world.parent_a).exists()
    login(client, world.key_person_a)
    assert client.get(reverse("records:transfer_download", args=[transfer.pk])).status_code == 404


# --- pages ----------------------------------------------------------------------------------------------


def test_the_panel_shows_each_person_what_they_may_see(world: Any) -> None:
    request = RequestFactory().get("/")
    for persona, shown, hidden in (
        (
            "key_person_a",
            ["Learning and development record"],
            ["Special educational", "Child protection", "Send records"],
        ),
        ("senco", ["Special educational", "Send records"], ["Child protection"]),
        ("dsl", ["Child protection"], ["Special educational"]),
    ):
        request.user = world[persona]
        html = render_to_string("records/transfer/_panel.html", {"transition": world.transition, "request": request})
        assert "Records sent to the school" in html
        assert all(text in html for text in shown), persona
        assert not any(text in html for text in hidden), persona


def _transfers(world: Any, count: int) -> None:
    RecordTransfer.objects.bulk_create(
        RecordTransfer(
            setting=world.setting,
            child=world.child_a,
            transition=world.transition,
            kind=Kind.LEARNING,
            contact=world.school_teacher,
            recipient_name=world.school_teacher.name,
            status=Status.REVOKED,
            created_by=world.manager,
        )
        for _ in range(count)
    )


def test_the_list_is_paginated_and_its_queries_do_not_grow(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    login(client, world.manager)
    url = reverse("records:transfers", args=[world.transition.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _transfers(world, 60)
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert "Page 1 of" in html


def test_strangers_get_404_on_transfer_pages(world: Any, client: Any) -> None:
    for persona in ("nobody", "other_manager", "parent_a", "administrator"):
        login(client, world[persona])
        assert client.get(reverse("records:transfers", args=[world.transition.pk])).status_code == 404
        assert client.get(reverse("records:transfer", args=[world.transfer_learning.pk])).status_code == 404


# --- the task against what happened meanwhile ------------------------------------------------------------


def logged_only(world: Any, **extra: Any) -> RecordTransfer:
    """A transfer logged, its task not yet run (its on-commit callbacks never run here)."""
    RecordTransfer.objects.filter(transition=world.transition).update(status=Status.REVOKED)
    options: dict[str, Any] = {"contact_id": world.school_teacher.pk, "delivery": "link", "purpose": PURPOSE}
    options.update(extra)
    return services.send_transfer(actor=world.manager, transition=world.transition, kind=Kind.LEARNING, **options)


def nothing_went(world: Any, transfer: RecordTransfer, status: str) -> None:
    transfer.refresh_from_db()
    assert transfer.status == status and transfer.sent_at is None and not transfer.token_hash
    assert not [m for m in mail.outbox if m.to == [world.school_teacher.email]]
    assert not Notification.objects.filter(kind="records.transfer.sent").exists()
    assert transfer.family_told_at is None
    assert Transition.objects.get(pk=world.transition.pk).status != Transition.Status.TRANSFERRED
    assert not AuditEvent.objects.filter(event="records.transfer.sent", object_id=transfer.pk).exists()
    assert not default_storage.exists(selectors.pdf_name(transfer))


def test_withdrawn_before_the_task_nothing_goes(world: Any, committed: Any) -> None:
    from tandem.records.tasks_transfer import prepare_transfer

    agree(world)
    mail.outbox.clear()
    transfer = logged_only(world)
    with committed():
        services.revoke(actor=world.manager, transfer=transfer)
    with committed():
        assert prepare_transfer.call(transfer.pk) is False
    nothing_went(world, transfer, Status.REVOKED)


@pytest.mark.parametrize("delivery", ["link", "in_person"])
def test_withdrawn_while_the_pdf_is_made_nothing_goes_and_the_pdf_is_deleted(
    world: Any, committed: Any, monkeypatch: Any, delivery: str
) -> None:
    from tandem.records import tasks_transfer

    agree(world)
    mail.outbox.clear()
    transfer = logged_only(world, delivery=delivery)
    real = tasks_transfer.render_pdf

    def revoked_meanwhile(html: str) -> bytes:
        with committed():  # its on-commit delete runs before the task saves the PDF
            services.revoke(actor=world.manager, transfer=transfer)
        return real(html)

    monkeypatch.setattr(tasks_transfer, "render_pdf", revoked_meanwhile)
    with committed():
        assert tasks_transfer.prepare_transfer.call(transfer.pk) is False
    nothing_went(world, transfer, Status.REVOKED)


@pytest.mark.parametrize("when", ["before", "while"])
def test_a_report_changed_after_agreement_fails_the_transfer(
    world: Any, committed: Any, client: Any, monkeypatch: Any, when: str
) -> None:
    from tandem.records import tasks_transfer

    agree(world)
    mail.outbox.clear()
    transfer = logged_only(world)

    def changed() -> None:
        TransitionReport.objects.filter(pk=world.report.pk).update(version=2)

    if when == "before":
        changed()
    else:
        real = tasks_transfer.render_pdf

        def changed_meanwhile(html: str) -> bytes:
            changed()
            return real(html)

        monkeypatch.setattr(tasks_transfer, "render_pdf", changed_meanwhile)
    with committed():
        assert tasks_transfer.prepare_transfer.call(transfer.pk) is False
    nothing_went(world, transfer, Status.FAILED)
    assert AuditEvent.objects.filter(event="records.transfer.not_agreed", object_id=transfer.pk).exists()
    login(client, world.manager)
    html = client.get(reverse("records:transfer", args=[transfer.pk])).content.decode()
    assert "Could not be prepared" in html
    assert "The report changed after the family agreed it: ask them to agree it again, then send." in html


def test_the_session_keeps_only_the_tokens_hash_and_drops_it_after_the_post(
    world: Any, committed: Any, client: Any
) -> None:
    from django.contrib.sessions.models import Session

    from tandem.records.views.transfer import SESSION_KEY

    agree(world)
    send(world, committed)
    token = link_of(school_mail(world))
    client.get(reverse("records:transfer_link", args=[token]))
    sessions = list(Session.objects.all())
    assert sessions
    for session in sessions:
        assert token not in session.session_data
        assert token not in str(session.get_decoded())
    assert client.session[SESSION_KEY] == selectors.token_hash(token)
    assert client.get(reverse("records:transfer_open")).status_code == 200
    with committed():
        assert client.post(reverse("records:transfer_open")).status_code == 200
    assert SESSION_KEY not in client.session
    # a refused use drops it too
    client.get(reverse("records:transfer_link", args=[token]))
    with committed():
        assert client.post(reverse("records:transfer_open")).status_code == 410
    assert SESSION_KEY not in client.session
    assert client.post(reverse("records:transfer_open")).status_code == 404
