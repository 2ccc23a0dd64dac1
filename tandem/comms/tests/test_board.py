"""The notice board (R27): what it shows to a parent and to staff, its documents (PDF only, served
privately), and who may see it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Event, Post, SettingDocument
from tandem.comms.services import board as services
from tandem.core import navigation

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "report.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def upload(world: Any, kind: str, title: str, summary: str = "", setting: Any = None, actor: Any = None) -> Any:
    return services.upload_document(
        actor=actor or world.manager,
        setting=setting or world.setting,
        kind=kind,
        title=title,
        summary=summary,
        dated=timezone.localdate() - dt.timedelta(days=30),
        upload=pdf(),
    )


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_board_shows_the_setting_to_a_parent(world: Any, as_user: Any, media: Any) -> None:
    world.setting.address = "1 Meadow Lane\nMeadowbank\nMB1 1AA"
    world.setting.phone, world.setting.ofsted_urn = "01632 960999", "EY999999"
    world.setting.opening_hours = "Monday to Friday, 8am to 6pm"
    world.setting.save()
    upload(world, "ofsted", "Ofsted inspection report", "Overall effectiveness: Good")
    upload(world, "complaints", "Complaints procedure")
    withdrawn = upload(world, "policy", "Old behaviour policy")
    services.withdraw_document(actor=world.manager, document=withdrawn)
    Post.objects.filter(pk=world.post_setting.pk).update(pinned=True, body="The fair is on **Saturday**.")
    Post.objects.filter(pk=world.post_child_b.pk).update(pinned=True)
    Event.objects.create(
        setting=world.setting,
        title="Stay and play morning",
        starts_at=timezone.now() + dt.timedelta(days=3),
        published_at=timezone.now(),
    )
    page = as_user(world.parent_a).get(reverse("comms:board", args=[world.setting.pk])).content.decode()
    for text in (
        "Meadowbank Preschool",
        "Meadowbank Early Years Trust",
        "MB1 1AA",
        "01632 960999",
        "EY999999",
        "Monday to Friday, 8am to 6pm",
        "Mona Manningham",
        "Dara Safeguard",
        "Selma Sencourt",
        "Dev Deputyson",
        "Your child's key person",
        "Amelia Ashcombe: <strong>Keira Keyworth</strong>",
        "Overall effectiveness: Good",
        "Download the report",
        "Complaints procedure",
        "Piccadilly Gate",
        "M1 2WD",
        "0300 123 1231",
        "enquiries@ofsted.gov.uk",
        "complain to Ofsted directly",
        "Safeguarding policy",  # the world's policy
        "Summer fair",
        "<strong>Saturday</strong>",
        "Stay and play morning",
    ):
        assert text in page, text
    assert "Old behaviour policy" not in page and "Barnaby" not in page  # withdrawn; another family's notice
    assert "Otto Outfield" not in page  # practitioners are not leaders


def test_board_for_staff_and_who_may_see_it(world: Any, as_user: Any) -> None:
    url = reverse("comms:board", args=[world.setting.pk])
    Post.objects.filter(pk=world.post_child_b.pk).update(pinned=True)
    Post.objects.filter(pk=world.post_room_1.pk).update(pinned=True)
    volunteer = as_user(world.volunteer).get(url).content.decode()
    assert "Your child's key person" not in volunteer and "Acorn Room trip" in volunteer
    assert "Barnaby" not in volunteer  # a notice to chosen families: for those who write them
    manager = as_user(world.manager).get(url).content.decode()
    assert "Barnaby&#x27;s graduation" in manager
    assert reverse("comms:board_documents", args=[world.setting.pk]) in manager
    assert reverse("comms:news_manage", args=[world.post_child_b.pk]) in manager
    for person in (world.restricted_parent, world.other_manager, world.owner, world.nobody):
        assert as_user(person).get(url).status_code == 404, person
    # the menu entry goes straight to the person's setting
    entries = {e["label"]: e["url"] for e in navigation.visible(world.parent_a, navigation.ENTRIES)}
    assert entries["Notice board"] == url
    assert "Notice board" not in {e["label"] for e in navigation.visible(world.restricted_parent, navigation.ENTRIES)}


def test_board_queries_do_not_grow(world: Any, as_user: Any, media: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(8):
        upload(world, "policy", f"Policy {n}")
    client = as_user(world.parent_a)
    url = reverse("comms:board", args=[world.setting.pk])
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_documents_are_pdfs_served_privately(world: Any, as_user: Any, media: Any) -> None:
    client = as_user(world.deputy)
    url = reverse("comms:board_documents", args=[world.setting.pk])
    data = {"kind": "policy", "title": "Behaviour policy", "summary": "", "dated": "2026-01-05"}
    fake = client.post(url, {**data, "file": pdf("policy.pdf", b"<html><script>alert(1)</script></html>")})
    assert fake.status_code == 400 and "The file must be a PDF" in fake.content.decode()
    assert not SettingDocument.objects.filter(title="Behaviour policy").exists()
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    assert "larger than 10 MB" in client.post(url, {**data, "file": big}).content.decode()
    assert client.post(url, {**data, "file": pdf("../../etc/Behaviour Policy.pdf")}).status_code == 302
    document = SettingDocument.objects.get(title="Behaviour policy")
    assert document.file.name.startswith("documents/") and "Behaviour" not in document.file.name
    assert document.size == len(PDF) and document.uploaded_by == world.deputy

    download = reverse("comms:board_document", args=[document.pk])
    response = as_user(world.parent_b_no_pr).get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="behaviour-policy.pdf"'
    for person in (world.restricted_parent, world.other_manager, world.nobody):
        assert as_user(person).get(download).status_code == 404, person
    # another setting's document is not found, even for its own manager through this setting
    other = upload(world, "ofsted", "Riverside report", setting=world.other_setting, actor=world.other_manager)
    assert as_user(world.manager).get(reverse("comms:board_document", args=[other.pk])).status_code == 404
    withdraw_other = reverse("comms:board_document_withdraw", args=[world.setting.pk, other.pk])
    assert as_user(world.manager).post(withdraw_other).status_code == 404
    # withdrawn: no longer served
    withdraw = reverse("comms:board_document_withdraw", args=[world.setting.pk, document.pk])
    assert as_user(world.manager).post(withdraw).status_code == 302
    assert as_user(world.parent_b_no_pr).get(download).status_code == 404
    listing = as_user(world.manager).get(url).content.decode()
    assert "Withdrawn" in listing
    for person in (world.administrator, world.parent_a, world.senco):
        assert as_user(person).get(url).status_code == 404, person
    with pytest.raises(ValidationError):
        services.upload_document(
            actor=world.manager,
            setting=world.setting,
            kind="policy",
            title="Future",
            summary="",
            dated=timezone.localdate() + dt.timedelta(days=2),
            upload=pdf(),
        )
