"""Sending a summary or progress check to another setting (R25): consent, the secure link, openings."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.audit import AuditEvent
from tandem.enrolment.models import ConsentCode, ConsentDecision
from tandem.journal.models import OutsideShare, OutsideShareOpening, ProgressCheck, Summary
from tandem.journal.services import sharing as services
from tandem.journal.services import twocheck as checks


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def decide(world: Any, kind: str = ConsentDecision.Kind.GIVEN) -> ConsentDecision:
    consent_type = world.consent_types[ConsentCode.SHARE_OTHER_SETTING]
    return ConsentDecision.objects.create(
        child=world.child_a,
        consent_type=consent_type,
        type_version=consent_type.version,
        kind=kind,
        given=kind == ConsentDecision.Kind.GIVEN,
        decided_by=world.adult_a,
        decided_by_user=world.parent_a,
    )


def signed_check(world: Any) -> ProgressCheck:
    check = checks.start_check(actor=world.key_person_a, child=world.child_a)
    checks.save_check(
        actor=world.key_person_a,
        check=check,
        areas={row.area_id: ("Climbs and chats.", "") for row in check.areas.all()},
        concerns=False,
        parents_contribution="Loves the park.",
        plan="",
    )
    return checks.sign_off(actor=world.manager, check=check)


def send(world: Any, item: str, **extra: Any) -> tuple[OutsideShare, str]:
    fields = {
        "recipient_setting": "Hilltop Childminding",
        "recipient_name": "Hana Hilltop",
        "recipient_email": "hana@hilltop.example.org",
        "reason": "Amelia also attends Hilltop on Fridays.",
        **extra,
    }
    """Send it, and read the link's token from the email, as the recipient would."""
    before = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        share = services.send_share(actor=world.key_person_a, child=world.child_a, item=item, **fields)
    share.refresh_from_db()
    emails = mail.outbox[before:]
    link = re.search(r"https?://\S+/shared/(\S+)/", emails[0].body) if emails else None
    return share, link.group(1) if link else ""


def test_refused_without_consent_naming_it(world: Any, client: Any) -> None:
    check = signed_check(world)
    with pytest.raises(ValidationError, match="Sharing records with another setting"):
        send(world, f"check:{check.pk}")
    decide(world, ConsentDecision.Kind.REFUSED)
    login(client, world.key_person_a)
    page = client.get(reverse("journal:sharing_send", args=[world.child_a.pk])).content.decode()
    assert "has not given consent" in page and "Sharing records with another setting" in page
    response = client.post(
        reverse("journal:sharing_send", args=[world.child_a.pk]),
        {
            "item": f"check:{check.pk}",
            "recipient_setting": "Hilltop",
            "recipient_name": "Hana",
            "recipient_email": "hana@hilltop.example.org",
            "reason": "Fridays",
        },
    )
    assert response.status_code == 200 and not OutsideShare.objects.exists()


def test_send_stores_only_the_hash_and_emails_the_link(world: Any, committed: Any, client: Any) -> None:
    decision = decide(world)
    check = signed_check(world)
    share, token = send(world, f"check:{check.pk}")  # runs the email task after commit
    assert share.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(OutsideShare.objects.filter(pk=share.pk).values().get())
    assert share.consent_decision == decision and share.progress_check == check
    assert dt.timedelta(days=13, hours=23) < share.expires_at - timezone.now() <= dt.timedelta(days=14)
    [email] = mail.outbox
    assert email.to == ["hana@hilltop.example.org"]
    assert "Amelia" not in email.subject and "Ashcombe" not in email.subject and "Ashcombe" not in email.body
    link = re.search(r"https?://\S+/shared/(\S+)/", email.body)
    assert link and link.group(1) == token
    assert AuditEvent.objects.filter(event="journal.sharing.sent", object_id=share.pk).exists()


def test_opening_moves_the_token_out_of_the_url_and_is_logged(world: Any, client: Any, committed: Any) -> None:
    decide(world)
    check = signed_check(world)
    share, token = send(world, f"check:{check.pk}")
    first = client.get(reverse("journal:shared_link", args=[token]))
    assert first.status_code == 302 and token not in first["Location"]
    assert first["Referrer-Policy"] == "no-referrer"
    with committed():
        page = client.get(first["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Climbs and chats." in body and "noindex" in body
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]
    assert "noindex" in page["X-Robots-Tag"]
    assert token not in body
    assert OutsideShareOpening.objects.filter(share=share).count() == 1
    assert AuditEvent.objects.filter(event="journal.sharing.opened", object_id=share.pk).exists()
    client.get(first["Location"])
    assert OutsideShareOpening.objects.filter(share=share).count() == 2


def _invalid(client: Any, token: str) -> Any:
    client.get(reverse("journal:shared_link", args=[token]))
    return client.get(reverse("journal:shared_view"))


def test_expired_revoked_and_unknown_links_look_the_same(world: Any, client: Any) -> None:
    decide(world)
    check = signed_check(world)
    expired, expired_token = send(world, f"check:{check.pk}")
    OutsideShare.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    revoked, revoked_token = send(world, f"check:{check.pk}")
    services.revoke_share(actor=world.manager, share=revoked)
    bodies = set()
    for token in (expired_token, revoked_token, "not-a-real-token", ""):
        response = _invalid(client, token or "x")
        assert response.status_code == 404
        bodies.add(response.content.decode())
    assert len(bodies) == 1 and "This link has expired or is not valid" in bodies.pop()
    assert not OutsideShareOpening.objects.exists()
    assert _invalid(client, "nothing").status_code == 404  # no session token at all → same page
    assert Client().get(reverse("journal:shared_view")).status_code == 404  # a fresh browser, no link opened


def test_withdrawn_consent_stops_the_link(world: Any, client: Any) -> None:
    decide(world)
    _share, token = send(world, f"check:{signed_check(world).pk}")
    decide(world, ConsentDecision.Kind.WITHDRAWN)
    assert _invalid(client, token).status_code == 404


def test_a_summary_can_be_sent_once_shared(world: Any, client: Any) -> None:
    decide(world)
    summary = Summary.objects.create(
        child=world.child_a,
        title="Spring term",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        overview="A lovely term of mud and songs.",
    )
    with pytest.raises(ValidationError):
        send(world, f"summary:{summary.pk}")  # a draft summary is not sendable
    Summary.objects.filter(pk=summary.pk).update(status=Summary.Status.SHARED, shared_at=timezone.now())
    _share, token = send(world, f"summary:{summary.pk}")
    client.get(reverse("journal:shared_link", args=[token]))
    body = client.get(reverse("journal:shared_view")).content.decode()
    assert "A lovely term of mud and songs." in body


def test_other_childs_items_cannot_be_sent(world: Any) -> None:
    decide(world)
    with pytest.raises(ValidationError) as err:
        send(world, "check:999999")
    assert "item" in err.value.message_dict


def test_missing_recipient_fields_are_named(world: Any, client: Any) -> None:
    decide(world)
    check = signed_check(world)
    login(client, world.key_person_a)
    response = client.post(reverse("journal:sharing_send", args=[world.child_a.pk]), {"item": f"check:{check.pk}"})
    body = response.content.decode()
    assert response.status_code == 200 and "Enter the name of the other setting." in body
    assert not OutsideShare.objects.exists()


def test_log_staff_and_family(world: Any, client: Any, committed: Any) -> None:
    decide(world)
    share, _token = send(world, f"check:{signed_check(world).pk}")
    with committed():
        OutsideShareOpening.objects.create(share=share)
    url = reverse("journal:sharing_log", args=[world.child_a.pk])
    login(client, world.key_person_a)
    body = client.get(url).content.decode()
    assert "Hana Hilltop" in body and "hana@hilltop.example.org" in body and "1 time" in body and "Revoke" in body
    with committed():
        client.post(reverse("journal:sharing_revoke", args=[world.child_a.pk, share.pk]))
    share.refresh_from_db()
    assert share.revoked_by == world.key_person_a
    login(client, world.parent_a)
    body = client.get(url).content.decode()
    assert "Hana Hilltop" in body and "Hilltop Childminding" in body and "Revoke" not in body
    for person in (
        world.parent_b_no_pr,
        world.restricted_parent,
        world.other_parent,
        world.nobody,
        world.room_practitioner,
    ):
        login(client, person)
        assert client.get(url).status_code == 404, person
        assert client.post(reverse("journal:sharing_revoke", args=[world.child_a.pk, share.pk])).status_code == 404


def test_log_query_count_is_flat(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    decide(world)
    check = signed_check(world)
    send(world, f"check:{check.pk}")
    login(client, world.manager)
    url = reverse("journal:sharing_log", args=[world.child_a.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(20):
        share, _token = send(world, f"check:{check.pk}")
        OutsideShareOpening.objects.create(share=share)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
