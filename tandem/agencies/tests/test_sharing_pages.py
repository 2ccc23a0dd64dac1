"""Sharing with agencies and schools (R48, R51): the pages. The builder, recording, the secure link
(opened, expired, revoked: each logged), the log, the child's list, and what families see."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import ReceivedConsent, ReceivedItem, Share, ShareItem, ShareOpening, SharingDecision
from tandem.agencies.services import sharing as services
from tandem.conftest import login
from tandem.core.models import AuditEvent, ExportRecord
from tandem.journal.models import Observation, ObservationChild


def _page(response: Any) -> str:
    return response.content.decode()


def _link_share(w: Any, committed: Any, *, items: list[str] | None = None) -> tuple[Share, str]:
    """A link share to the school, recorded with parent A's consent; returns it and its emailed token."""
    share = services.start_share(
        actor=w.key_person_a, child=w.child_a, recipient=f"contact:{w.sharing_school_contact.pk}",
        purpose="Moving to Reception", delivery="link",
    )  # fmt: skip
    services.choose_items(actor=w.key_person_a, share=share, values=items or [f"need:{w.need_a.pk}"])
    with committed():
        share = services.record_share(
            actor=w.key_person_a, share=share, basis="consent", consent_by=w.adult_a,
            consent_on=timezone.localdate(), consent_how="Signed form",
        )  # fmt: skip
    email = mail.outbox[-1]
    found = re.search(r"/agencies/share-pack/([A-Za-z0-9_-]+)/", email.body)
    assert found
    return share, found.group(1)


def _open(client: Client, token: str) -> Any:
    first = client.get(reverse("agencies:shared_link", args=[token]))
    assert first.status_code == 302 and token not in first["Location"]
    return client.get(first["Location"])


# --- the secure link ------------------------------------------------------------------------------------


def test_the_link_is_emailed_and_only_its_hash_kept(world: Any, committed: Any) -> None:
    share, token = _link_share(world, committed)
    share.refresh_from_db()
    assert share.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Share.objects.filter(pk=share.pk).values().get())
    assert dt.timedelta(days=13, hours=23) < share.expires_at - timezone.now() <= dt.timedelta(days=14)
    email = mail.outbox[-1]
    assert email.to == ["reception@school.example.org"]
    assert "Amelia" not in email.subject + email.body and "Peanut" not in email.body


def test_opening_shows_the_pack_and_is_logged(world: Any, committed: Any) -> None:
    item = ReceivedItem.objects.create(
        child=world.child_a, agency=world.sharing_agency, from_name="Sam", kind="document", title="Assessment report",
        body="The summary of the report.", recorded_by=world.manager,
    )  # fmt: skip
    item.file.save("report.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=True)
    ReceivedConsent.objects.create(item=item, given_by="Sam", scope="The school", recorded_by=world.dsl)
    share, token = _link_share(world, committed, items=[f"need:{world.need_a.pk}", f"received:{item.pk}"])
    client = Client()
    with committed():
        page = _open(client, token)
    assert page.status_code == 200
    body = _page(page)
    assert "Peanut allergy" in body and "The summary of the report." in body
    assert "Third-party information: do not pass on." in body and "Meadowbank Children&#x27;s Social Care" in body
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "no-referrer"
    assert token not in body
    for label in share.items.values_list("label", flat=True):
        assert label.replace("'", "&#x27;") in body
    assert ShareOpening.objects.filter(share=share).count() == 1
    assert AuditEvent.objects.filter(event="agencies.sharing.opened", object_id=share.pk).exists()
    row = ShareItem.objects.get(share=share, received_item=item)
    document = client.get(f"{reverse('agencies:shared_document')}?item={row.pk}")
    assert document.status_code == 200 and b"".join(document.streaming_content).startswith(b"%PDF")
    assert "no-store" in document["Cache-Control"]
    # not under another share, nor in a browser without the link
    assert Client().get(f"{reverse('agencies:shared_document')}?item={row.pk}").status_code == 404
    ReceivedConsent.objects.filter(item=item).update(withdrawn_at=timezone.now())
    assert client.get(f"{reverse('agencies:shared_document')}?item={row.pk}").status_code == 404
    assert "The summary of the report." not in _page(client.get(reverse("agencies:shared_view")))


def test_an_expired_link_gives_404_and_is_logged(world: Any, committed: Any) -> None:
    share, token = _link_share(world, committed)
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)), committed():
        page = _open(Client(), token)
    assert page.status_code == 404 and "This link has expired or is not valid" in _page(page)
    assert not ShareOpening.objects.filter(share=share).exists()
    assert AuditEvent.objects.filter(event="agencies.sharing.link.refused", object_id=share.pk).exists()


def test_a_revoked_link_gives_404_and_is_logged(world: Any, committed: Any, client: Client) -> None:
    share, token = _link_share(world, committed)
    login(client, world.key_person_a)
    response = client.post(reverse("agencies:share_revoke", args=[share.pk]))
    assert response.status_code == 302
    with committed():
        page = _open(Client(), token)
    assert page.status_code == 404
    assert AuditEvent.objects.filter(event="agencies.sharing.link.refused", object_id=share.pk).exists()
    assert not ShareOpening.objects.filter(share=share).exists()
    assert Client().get(reverse("agencies:shared_view")).status_code == 404
    assert _open(Client(), "not-a-token").status_code == 404


# --- the builder and recording, through the pages -----------------------------------------------------------


def test_prepare_choose_and_record_through_the_pages(world: Any, client: Client, committed: Any) -> None:
    obs = Observation.objects.create(
        setting=world.setting, status="published", title="Mud kitchen", text="Amelia made soup.", author=world.manager
    )
    ObservationChild.objects.create(observation=obs, child=world.child_a, shared_at=timezone.now())
    login(client, world.key_person_a)
    start = reverse("agencies:share_start", args=[world.child_a.pk])
    assert client.get(start).status_code == 200
    bad = client.post(
        start, {"recipient": f"contact:{world.sharing_school_contact.pk}", "purpose": "", "delivery": "x"}
    )
    assert bad.status_code == 400 and "Say why you are sharing it." in _page(bad)
    made = client.post(
        start, {"recipient": f"contact:{world.sharing_school_contact.pk}", "purpose": "Transition", "delivery": "link"}
    )
    share = Share.objects.filter(child=world.child_a, status="draft").exclude(pk=world.share_draft_a.pk).get()
    assert made["Location"] == reverse("agencies:share_items", args=[share.pk])
    builder = client.get(made["Location"])
    assert builder.status_code == 200 and "Mud kitchen" in _page(builder)
    empty = client.post(made["Location"], {})
    assert empty.status_code == 400 and "Choose at least one item." in _page(empty)
    client.post(made["Location"], {"items": [f"observation:{obs.pk}", f"need:{world.need_a.pk}"]})
    assert share.items.count() == 2
    record = reverse("agencies:share_record", args=[share.pk])
    form = _page(client.get(record))
    assert "without_consent" not in form  # the key person sees no decisions
    bad = client.post(record, {"basis": "consent", "consent_by": str(world.restricted_adult.pk), "consent_how": ""})
    assert bad.status_code == 400 and not ExportRecord.objects.filter(child_id=world.child_a.pk).exists()
    with committed():
        done = client.post(
            record,
            {"basis": "consent", "consent_by": str(world.adult_a.pk), "consent_on": timezone.localdate().isoformat(),
             "consent_how": "Signed form"},
        )  # fmt: skip
    assert done.status_code == 302
    share.refresh_from_db()
    assert share.status == "shared" and ExportRecord.objects.filter(child_id=world.child_a.pk).count() == 1
    page = _page(client.get(reverse("agencies:share", args=[share.pk])))
    assert "Amelia made soup." in page and "Signed form" in page and "Not opened yet." in page
    # once shared, the builder sends you back
    assert client.get(made["Location"])["Location"] == reverse("agencies:share", args=[share.pk])


def test_without_consent_through_the_pages_needs_the_decision(world: Any, client: Client) -> None:
    login(client, world.dsl)
    share = world.share_draft_a
    ShareItem.objects.create(share=share, kind="need", object_id=world.need_a.pk, label="Peanut allergy")
    record = reverse("agencies:share_record", args=[share.pk])
    assert "without_consent" in _page(client.get(record))
    refused = client.post(record, {"basis": "without_consent", "decision": ""})
    assert refused.status_code == 400 and "Ask the DSL to record it first." in _page(refused)
    other = SharingDecision.objects.create(
        child=world.child_b, decided_by=world.dsl, reason="x", with_whom="y", parents_told="no", not_told_reason="z"
    )
    refused = client.post(record, {"basis": "without_consent", "decision": str(other.pk)})
    assert refused.status_code == 400
    ok = client.post(record, {"basis": "without_consent", "decision": str(world.sharing_decision_a.pk)})
    assert ok.status_code == 302
    share.refresh_from_db()
    assert share.status == "shared" and share.decision == world.sharing_decision_a


# --- the DSL's decisions ------------------------------------------------------------------------------------


def test_decision_pages(world: Any, client: Client) -> None:
    decide = reverse("agencies:sharing_decide", args=[world.child_a.pk])
    decisions = reverse("agencies:sharing_decisions", args=[world.child_a.pk])
    for persona in ("manager", "key_person_a", "senco", "parent_a"):
        login(client, world[persona])
        assert client.get(decide).status_code == 404
    login(client, world.manager)
    listed = client.get(decisions)
    assert listed.status_code == 200 and "Bruising seen" in _page(listed) and "Record a decision" not in _page(listed)
    for persona in ("key_person_a", "senco", "deputy", "parent_a"):
        login(client, world[persona])
        assert client.get(decisions).status_code == 404
    login(client, world.dsl)
    bad = client.post(decide, {"reason": "Harm", "with_whom": "MASH", "parents_told": "no"})
    assert bad.status_code == 400 and "Say why telling the parents" in _page(bad)
    ok = client.post(decide, {"reason": "Harm seen", "with_whom": "MASH", "parents_told": "not_yet",
                              "not_told_reason": "Police asked us to wait"})  # fmt: skip
    assert ok.status_code == 302
    decision = SharingDecision.objects.get(reason="Harm seen")
    told = reverse("agencies:sharing_parents_told", args=[world.child_a.pk, decision.pk])
    assert client.post(told, {"parents_told": "yes", "parents_told_on": ""}).status_code == 400
    client.post(told, {"parents_told": "yes", "parents_told_on": timezone.localdate().isoformat()})
    decision.refresh_from_db()
    assert decision.parents_told == "yes" and decision.not_told_reason == ""
    other = reverse("agencies:sharing_parents_told", args=[world.child_b.pk, decision.pk])
    assert client.get(other).status_code == 404  # a decision is reached only through its own child


# --- lists ---------------------------------------------------------------------------------------------------


def test_the_childs_list_hides_without_consent_shares_from_the_key_person(world: Any, client: Client) -> None:
    url = reverse("agencies:child_shares", args=[world.child_a.pk])
    login(client, world.key_person_a)
    body = _page(client.get(url))
    assert "Rhiannon Reception" in body and "Sam Socialworker" not in body
    assert client.get(reverse("agencies:share", args=[world.share_without_consent_a.pk])).status_code == 404
    login(client, world.dsl)
    assert "Sam Socialworker" in _page(client.get(url))
    for persona in ("room_practitioner", "administrator", "parent_a", "other_manager", "professional", "volunteer"):
        login(client, world[persona])
        assert client.get(url).status_code == 404
        assert client.get(reverse("agencies:share", args=[world.share_consent_a.pk])).status_code == 404


def test_the_staff_record_has_the_panel_and_link(world: Any, client: Client) -> None:
    login(client, world.key_person_a)
    body = _page(client.get(reverse("people:child", args=[world.child_a.pk])))
    assert "Information shared" in body and reverse("agencies:child_shares", args=[world.child_a.pk]) in body


def test_the_log_filters_and_its_query_count_is_flat(
    world: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    url = reverse("agencies:sharing_log", args=[world.setting.pk])
    login(client, world.key_person_a)
    assert client.get(url).status_code == 404
    login(client, world.manager)
    body = _page(client.get(url))
    assert "Rhiannon Reception" in body and "Sam Socialworker" in body and "Riverside" not in body
    assert reverse("agencies:share", args=[world.share_consent_a.pk]) in body
    assert reverse("agencies:share", args=[world.share_draft_a.pk]) not in body  # drafts are not in the log
    assert "Sam Socialworker" not in _page(client.get(url, {"basis": "consent"}))
    assert "Rhiannon" not in _page(client.get(url, {"agency": str(world.sharing_agency.pk)}))
    assert client.get(url, {"agency": "nonsense", "page": "999"}).status_code == 200
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(15):
        share = Share.objects.create(
            child=world.child_b, purpose=f"Share {n}", basis="consent", consent_by=world.adult_a, status="shared",
            shared_at=timezone.now(), recipient_name=f"Someone {n}", agency=world.sharing_agency, delivery="phone",
        )  # fmt: skip
        ShareItem.objects.create(share=share, kind="need", object_id=world.need_b.pk, label="Vegetarian diet")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("agencies:child_shares", args=[world.child_b.pk]))


# --- families -------------------------------------------------------------------------------------------------


def test_parents_see_consent_shares_and_never_the_decision(world: Any, client: Client) -> None:
    url = reverse("agencies:sharing_family", args=[world.child_a.pk])
    login(client, world.parent_a)
    body = _page(client.get(url))
    assert "Rhiannon Reception" in body and "Transition to school" in body and "Allergy: Peanut allergy" in body
    assert "Sam Socialworker" not in body and "Bruising" not in body
    SharingDecision.objects.filter(pk=world.sharing_decision_a.pk).update(
        parents_told="yes", parents_told_on=timezone.localdate(), not_told_reason=""
    )
    item = ReceivedItem.objects.create(
        child=world.child_a, agency=world.sharing_agency, from_name="Sam", kind="note", title="Family meeting notes"
    )
    ShareItem.objects.create(share=world.share_consent_a, kind="received", object_id=item.pk, label=item.title,
                             received_item=item)  # fmt: skip
    body = _page(client.get(url))
    assert "Sam Socialworker" in body and "Bruising" not in body and "Without consent, to keep" in body
    assert "Family meeting notes" not in body and "Information we received from another service" in body
    for other in (world.child_b, world.other_child):
        assert client.get(reverse("agencies:sharing_family", args=[other.pk])).status_code == 404
    for persona in ("restricted_parent", "parent_b_no_pr", "key_person_a", "nobody"):
        login(client, world[persona])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["sharing_family", "child_shares", "share_start", "sharing_decisions"])
def test_anonymous_visitors_are_sent_to_sign_in(world: Any, client: Client, name: str) -> None:
    response = client.get(reverse(f"agencies:{name}", args=[world.child_a.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_draft_can_be_changed_or_cancelled(world: Any, client: Client) -> None:
    share = world.share_draft_a
    login(client, world.key_person_a)
    page = client.get(reverse("agencies:share", args=[share.pk]))
    assert page.status_code == 200 and "Record the share" in _page(page)
    change = reverse("agencies:share_change", args=[share.pk])
    form = _page(client.get(change))
    assert "Priya Therapistson" in form and "Meadowbank Primary School" in form
    bad = client.post(change, {"recipient": "contact:0", "purpose": "New purpose", "delivery": "phone"})
    assert bad.status_code == 400
    fields = {"recipient": f"contact:{world.sharing_contact.pk}", "purpose": "New purpose", "delivery": "phone"}
    client.post(change, fields)
    share.refresh_from_db()
    assert share.purpose == "New purpose" and share.agency == world.sharing_agency
    assert client.post(reverse("agencies:share_cancel", args=[share.pk])).status_code == 302
    share.refresh_from_db()
    assert share.status == "cancelled"
    again = client.post(reverse("agencies:share_cancel", args=[share.pk]), follow=True)
    assert "was cancelled" in _page(again)
    assert client.get(change)["Location"] == reverse("agencies:share", args=[share.pk])
    assert client.get(reverse("agencies:share_cancel", args=[share.pk])).status_code == 405
