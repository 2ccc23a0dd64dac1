"""Information received from other agencies (R49): recorded with its origin by those who work on the
child's agency matters, kept confidential (safeguarding items for the DSL, the manager and the key
person only; never parents), its document served only by a checked view, every read audited, and
passed on only under the originating agency's consent in force."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tandem.agencies.models import Agency, ReceivedConsent, ReceivedItem
from tandem.agencies.selectors.received import NOT_PASSABLE, consent_in_force, items_for, origin_of, panel
from tandem.agencies.services import received as services
from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.models import AuditEvent

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
ORIGIN_WARNING = "Third-party information: do not pass on without their consent."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def upload(content: bytes = PDF, name: str = "assessment.pdf", content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def form(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "document",
        "title": "Speech and language assessment",
        "agency": "",
        "from_name": "Priya Therapistson, speech and language therapist",
        "received_on": timezone.localdate().isoformat(),
        "body": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def document(world: Any, *, safeguarding: bool = False, by: Any = None) -> ReceivedItem:
    return services.record_item(
        actor=by or world.key_person_a,
        child=world.child_a,
        kind="document",
        title="Speech and language assessment",
        from_name="Priya Therapistson",
        received_on=timezone.localdate(),
        upload=upload(),
        safeguarding=safeguarding,
    )


# --- recording ---------------------------------------------------------------------------------------


def test_the_key_person_records_a_document_with_its_origin(world: Any, client: Any, committed: Any) -> None:
    agency = Agency.objects.create(setting=world.setting, name="Meadowbank Speech Therapy", category="health")
    login(client, world.key_person_a)
    url = reverse("agencies:received_record", args=[world.child_a.pk])
    assert client.get(url).status_code == 200
    with committed():
        response = client.post(url, {**form(agency=agency.pk), "file": upload(name="Amelia Ashcombe SALT.pdf")})
    item = ReceivedItem.objects.get(title="Speech and language assessment")
    assert response.status_code == 302 and response["Location"] == reverse("agencies:received_item", args=[item.pk])
    assert item.agency == agency and item.recorded_by == world.key_person_a and item.size == len(PDF)
    name = item.file.name
    assert name.startswith("agencies/received/") and name.endswith(".pdf")
    assert "amelia" not in name.lower() and "salt" not in name.lower()  # a random name, never the upload's
    assert default_storage.exists(name)
    assert AuditEvent.objects.filter(event="agencies.received.recorded", object_id=item.pk).exists()
    assert origin_of(item) == "Meadowbank Speech Therapy"


def test_a_note_of_what_they_said(world: Any) -> None:
    item = services.record_item(
        actor=world.senco,
        child=world.child_a,
        kind="note",
        title="Phone call from the health visitor",
        from_name="Hana Visitor, health visitor",
        received_on=timezone.localdate(),
        body="Hearing test booked for next month.",
    )
    assert item.kind == "note" and not item.file and origin_of(item) == "Hana Visitor, health visitor"


@pytest.mark.parametrize(
    "content, name, content_type",
    [
        (EXE, "report.pdf", "application/pdf"),  # a renamed program
        (EXE, "setup.exe", "application/octet-stream"),
        (PNG, "photo.png", "image/png"),
        (b"", "empty.pdf", "application/pdf"),
    ],
)
def test_anything_but_a_pdf_is_refused_on_the_form(
    world: Any, client: Any, content: bytes, name: str, content_type: str
) -> None:
    login(client, world.key_person_a)
    url = reverse("agencies:received_record", args=[world.child_a.pk])
    response = client.post(url, {**form(), "file": upload(content, name, content_type)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "must be a PDF" in page or "Choose the document" in page
    assert ReceivedItem.objects.filter(title="Speech and language assessment").count() == 0


def test_a_document_over_10_mb_is_refused(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    big = upload(PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(reverse("agencies:received_record", args=[world.child_a.pk]), {**form(), "file": big})
    assert response.status_code == 400 and "larger than 10 MB" in response.content.decode()
    assert not ReceivedItem.objects.filter(title="Speech and language assessment").exists()


def test_the_service_checks_the_bytes_too(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_item(
            actor=world.key_person_a,
            child=world.child_a,
            kind="document",
            title="Report",
            from_name="Someone",
            received_on=timezone.localdate(),
            upload=upload(EXE),
        )
    assert "must be a PDF" in str(error.value)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"kind": "note", "body": ""}, "Write what they told you."),
        ({"from_name": ""}, "This field is required."),
        ({"received_on": (timezone.localdate() + dt.timedelta(days=2)).isoformat()}, "cannot be in the future"),
        ({"received_on": "31/02/2026"}, "Enter a real date"),
        ({"kind": "document"}, "Choose the document (a PDF)."),
    ],
)
def test_bad_input_is_a_clear_message(world: Any, client: Any, changes: dict[str, Any], message: str) -> None:
    login(client, world.key_person_a)
    response = client.post(reverse("agencies:received_record", args=[world.child_a.pk]), form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReceivedItem.objects.filter(title="Speech and language assessment").exists()


def test_an_agency_of_another_setting_is_refused(world: Any) -> None:
    elsewhere = Agency.objects.create(setting=world.other_setting, name="Riverside Team", category="health")
    with pytest.raises(ValidationError) as error:
        services.record_item(
            actor=world.manager,
            child=world.child_a,
            kind="note",
            title="A note",
            from_name="Someone",
            received_on=timezone.localdate(),
            agency=elsewhere,
            body="Said something",
        )
    assert "agency" in error.value.message_dict


def test_safeguarding_material_is_told_to_the_dsl_and_the_manager(world: Any) -> None:
    item = document(world, safeguarding=True, by=world.senco)
    told = set(Notification.objects.filter(kind="agencies.received.safeguarding").values_list("recipient", flat=True))
    assert told == {world.dsl.pk, world.manager.pk}
    text = " ".join(Notification.objects.values_list("title", "body").first() or ())
    assert "Amelia" not in text and item.title not in text  # names no one


def test_a_senco_may_record_safeguarding_material_but_not_open_it(world: Any, client: Any) -> None:
    login(client, world.senco)
    response = client.post(
        reverse("agencies:received_record", args=[world.child_a.pk]),
        form(kind="note", body="Told us of a referral", safeguarding="on", title="Referral call"),
    )
    item = ReceivedItem.objects.get(title="Referral call")
    assert item.safeguarding
    assert response["Location"] == reverse("agencies:received_list", args=[world.child_a.pk])
    assert client.get(reverse("agencies:received_item", args=[item.pk])).status_code == 404


# --- reading -----------------------------------------------------------------------------------------


def test_the_item_page_shows_its_origin_and_every_read_is_audited(world: Any, client: Any, committed: Any) -> None:
    item = document(world)
    login(client, world.manager)
    with committed():
        response = client.get(reverse("agencies:received_item", args=[item.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "From: Priya Therapistson, received" in page and ORIGIN_WARNING in page
    assert "No consent recorded" in page
    assert AuditEvent.objects.filter(event="agencies.received.viewed", object_id=item.pk, actor_id=world.manager.pk)
    with committed():
        response = client.get(reverse("agencies:received_document", args=[item.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(event="agencies.received.downloaded", object_id=item.pk).count() == 1


def test_the_list_and_the_panel_show_origin_and_consent(world: Any, client: Any) -> None:
    item = document(world)
    services.record_consent(
        actor=world.key_person_a, item=item, given_by="Priya", given_on=timezone.localdate(), scope="the school"
    )
    login(client, world.key_person_a)
    page = client.get(reverse("agencies:received_list", args=[world.child_a.pk])).content.decode()
    assert item.title in page and escape(world.received_note_a.title) in page
    assert "Yes, to the school" in page and ORIGIN_WARNING in page
    record = client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    assert "Information from other agencies" in record
    assert reverse("agencies:received_item", args=[item.pk]) in record and ORIGIN_WARNING in record


def test_a_note_page_shows_what_was_said(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    page = client.get(reverse("agencies:received_item", args=[world.received_note_a.pk])).content.decode()
    assert "hearing test is booked" in page and ORIGIN_WARNING in page
    assert client.get(reverse("agencies:received_document", args=[world.received_note_a.pk])).status_code == 404


@pytest.mark.parametrize(
    "persona",
    [
        "nobody",
        "other_manager",
        "parent_a",
        "restricted_parent",
        "administrator",
        "volunteer",
        "room_practitioner",
        "owner",
        "line_manager",
        "professional",
    ],
)
def test_those_without_need_to_know_get_404(world: Any, client: Any, persona: str) -> None:
    item = document(world)
    login(client, world[persona])
    for url in (
        reverse("agencies:received_list", args=[world.child_a.pk]),
        reverse("agencies:received_record", args=[world.child_a.pk]),
        reverse("agencies:received_item", args=[item.pk]),
        reverse("agencies:received_document", args=[item.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("agencies:received_consent", args=[item.pk]),
        reverse("agencies:received_withdraw", args=[item.pk]),
    ):
        assert client.post(url, {"given_by": "x", "scope": "y", "given_on": "2026-01-01"}).status_code == 404
    assert not ReceivedConsent.objects.exists()
    assert client.post(reverse("agencies:received_record", args=[world.child_a.pk]), form()).status_code == 404


def test_anonymous_is_sent_to_sign_in(world: Any, client: Any) -> None:
    response = client.get(reverse("agencies:received_item", args=[world.received_note_a.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_parents_never_see_received_items(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    home = client.get("/").content.decode()
    assert escape(world.received_note_a.title) not in home and "Information from other agencies" not in home
    assert reverse("agencies:received_list", args=[world.child_a.pk]) not in home


@pytest.mark.parametrize("persona", ["senco", "deputy"])
def test_safeguarding_items_are_invisible_to_the_senco_and_deputy(world: Any, client: Any, persona: str) -> None:
    secret = world.received_safeguarding_a
    user = world[persona]
    assert secret not in items_for(actor=user, child=world.child_a)
    assert world.received_note_a in items_for(actor=user, child=world.child_a)
    assert panel(user, world.child_a)["count"] == 1
    login(client, user)
    assert client.get(reverse("agencies:received_item", args=[secret.pk])).status_code == 404
    listing = client.get(reverse("agencies:received_list", args=[world.child_a.pk])).content.decode()
    record = client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    for html in (listing, record):
        assert secret.title not in html and escape(world.received_note_a.title) in html


@pytest.mark.parametrize("persona", ["dsl", "manager", "key_person_a"])
def test_safeguarding_items_are_seen_by_the_dsl_manager_and_key_person(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    page = client.get(reverse("agencies:received_item", args=[world.received_safeguarding_a.pk]))
    assert page.status_code == 200 and "Safeguarding" in page.content.decode()
    assert panel(world[persona], world.child_a)["count"] == 2


def test_the_panel_is_one_query(world: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(12):
        services.record_item(
            actor=world.manager,
            child=world.child_a,
            kind="note",
            title=f"Note {i}",
            from_name="Someone",
            received_on=timezone.localdate(),
            body="Said something",
        )
    user = world.manager
    panel(user, world.child_b)  # the access layer loads the person's roles once a request
    with django_assert_max_num_queries(1):
        found = panel(user, world.child_a)
    assert found["count"] == 14 and len(found["items"]) == 5


def test_the_list_does_not_grow_in_queries(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, world.manager)
    url = reverse("agencies:received_list", args=[world.child_a.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(30):
        consent_item = services.record_item(
            actor=world.manager,
            child=world.child_a,
            kind="note",
            title=f"Note {i}",
            from_name="Someone",
            received_on=timezone.localdate(),
            body="Said something",
        )
        services.record_consent(
            actor=world.manager, item=consent_item, given_by="A", given_on=timezone.localdate(), scope="the school"
        )
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count("Yes, to the school") == 25  # a page


# --- the agency's consent ------------------------------------------------------------------------------


def test_consent_recorded_then_withdrawn(world: Any, client: Any, committed: Any) -> None:
    item = world.received_note_a
    assert consent_in_force(item) is None
    login(client, world.key_person_a)
    with committed():
        response = client.post(
            reverse("agencies:received_consent", args=[item.pk]),
            {
                "given_by": "Hana Visitor",
                "given_on": timezone.localdate().isoformat(),
                "scope": "the receiving school",
                "how": "by email",
            },
        )
    assert response.status_code == 302
    consent = consent_in_force(item)
    assert consent is not None and consent.scope == "the receiving school" and consent.recorded_by == world.key_person_a
    page = client.get(reverse("agencies:received_item", args=[item.pk])).content.decode()
    assert "In force" in page and "Withdraw the consent" in page
    with committed():
        client.post(reverse("agencies:received_withdraw", args=[item.pk]))
    assert consent_in_force(item) is None
    page = client.get(reverse("agencies:received_item", args=[item.pk])).content.decode()
    assert "Withdrawn on" in page and "In force" not in page
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"agencies.received.consent_recorded", "agencies.received.consent_withdrawn"} <= events


def test_a_withdrawal_never_brings_an_older_consent_back(world: Any) -> None:
    item = world.received_note_a
    today = timezone.localdate()
    services.record_consent(actor=world.manager, item=item, given_by="A", given_on=today, scope="the school")
    later = services.record_consent(actor=world.manager, item=item, given_by="A", given_on=today, scope="anyone")
    assert consent_in_force(item) == later
    services.withdraw_consent(actor=world.manager, item=item)
    assert consent_in_force(item) is None
    with pytest.raises(ValidationError):
        services.withdraw_consent(actor=world.manager, item=item)


def test_consent_errors_are_shown_on_the_form(world: Any, client: Any) -> None:
    login(client, world.manager)
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("agencies:received_consent", args=[world.received_note_a.pk]),
        {"given_by": "Hana", "given_on": future, "scope": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "This field is required" in page
    assert not ReceivedConsent.objects.exists()
    response = client.post(
        reverse("agencies:received_consent", args=[world.received_note_a.pk]),
        {"given_by": "Hana", "given_on": future, "scope": "the school"},
    )
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()


def test_consent_for_safeguarding_material_is_for_the_dsl_and_manager(world: Any, client: Any) -> None:
    item = world.received_safeguarding_a
    data = {"given_by": "Sam", "given_on": timezone.localdate().isoformat(), "scope": "the school"}
    login(client, world.key_person_a)
    page = client.get(reverse("agencies:received_item", args=[item.pk])).content.decode()
    assert "Record the consent" not in page  # the key person reads it, but does not decide on passing it on
    assert client.post(reverse("agencies:received_consent", args=[item.pk]), data).status_code == 404
    login(client, world.dsl)
    assert client.post(reverse("agencies:received_consent", args=[item.pk]), data).status_code == 302
    assert consent_in_force(item) is not None


def test_the_not_passable_message_names_the_origin(world: Any) -> None:
    item = world.received_safeguarding_a
    text = NOT_PASSABLE.format(title=item.title, origin=origin_of(item))
    assert "Sam Socialworker" in text and "Strategy discussion outcome" in text
