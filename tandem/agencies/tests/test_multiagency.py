"""Multi-agency work (R52): referrals (a referral to children's social care is safeguarding on its
own), meetings (child in need, child protection and core group meetings are safeguarding) and their
actions; safeguarding work only for the DSL, the manager and the key person, never the family's; the
family's page; the setting's page for leaders; notifications to the family."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import AgencyAction, AgencyMeeting, Referral, Share
from tandem.agencies.selectors import multiagency as selectors
from tandem.agencies.services import multiagency as services
from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import ChildFactory

Kind = AgencyMeeting.Kind
SAFEGUARDING_READ = "agencies.multiagency.safeguarding.viewed"


def told(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=services.SHARED_KIND))


# --- referrals ---------------------------------------------------------------------------------------
def test_a_referral_to_social_care_is_safeguarding_and_never_the_familys(world: Any, client: Any) -> None:
    w = world
    login(client, w.key_person_a)
    url = reverse("agencies:multiagency_referral_new", args=[w.child_a.pk])
    page = client.get(url).content.decode()
    assert "Meadowbank Preschool Children&#x27;s Social Care" in page  # offered to the key person
    response = client.post(
        url,
        {
            "agency": w.social_care_a.pk,
            "reason": "A worry about home (Okapi).",
            "made_on": timezone.localdate().isoformat(),
            "shared_with_family": "on",
        },
    )
    referral = Referral.objects.get(reason="A worry about home (Okapi).")
    assert response.status_code == 302 and response["Location"] == reverse(
        "agencies:multiagency_referral", args=[referral.pk]
    )
    assert referral.safeguarding and not referral.shared_with_family and referral.made_by == w.key_person_a
    # the SENCO and the deputy: not offered, refused if posted, never listed
    for persona in ("senco", "deputy"):
        login(client, w[persona])
        assert "Children&#x27;s Social Care" not in client.get(url).content.decode()
        response = client.post(
            url, {"agency": w.social_care_a.pk, "reason": "X", "made_on": timezone.localdate().isoformat()}
        )
        assert response.status_code == 400 and "Choose a service from the list." in response.content.decode()
        page = client.get(reverse("agencies:multiagency_child", args=[w.child_a.pk])).content.decode()
        assert "Okapi" not in page and "Social Care" not in page and ">Safeguarding<" not in page
        assert "Family Hub" in page
        assert client.get(reverse("agencies:multiagency_referral", args=[referral.pk])).status_code == 404
    with pytest.raises(ValidationError) as error:
        services.record_referral(
            actor=w.senco, child=w.child_a, agency=w.social_care_a, reason="X", made_on=timezone.localdate()
        )
    assert "agency" in error.value.error_dict
    assert Referral.objects.filter(child=w.child_a).count() == 3


def test_the_referral_page_updates_status_and_outcome(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.senco)
    url = reverse("agencies:multiagency_referral", args=[w.referral_a.pk])
    assert "Help with sleep" in client.get(url).content.decode()
    response = client.post(url, {"status": "nonsense"})
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    with committed():
        response = client.post(
            url, {"status": "accepted", "outcome": "A place at the group (Ibis).", "shared_with_family": ""}
        )
    assert response.status_code == 302
    w.referral_a.refresh_from_db()
    assert w.referral_a.status == "accepted" and "Ibis" in w.referral_a.outcome and not w.referral_a.shared_with_family
    assert AuditEvent.objects.filter(event="agencies.multiagency.referral.updated", object_id=w.referral_a.pk).exists()


def test_bad_referrals_are_refused_with_a_message(world: Any, client: Any) -> None:
    w = world
    login(client, w.manager)
    url = reverse("agencies:multiagency_referral_new", args=[w.child_a.pk])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    cases = [
        ({"agency": "", "reason": "X", "made_on": "2026-01-01"}, "Choose the service."),
        ({"agency": w.family_hub_a.pk, "reason": "", "made_on": "2026-01-01"}, "Say why the child is referred."),
        ({"agency": w.family_hub_a.pk, "reason": "X", "made_on": "not a date"}, "Enter a real date"),
        ({"agency": w.family_hub_a.pk, "reason": "X", "made_on": tomorrow}, "cannot be in the future"),
        ({"agency": w.other_family_hub.pk, "reason": "X", "made_on": "2026-01-01"}, "Choose a service from the list."),
        ({"agency": "99999999999999999999", "reason": "X", "made_on": "2026-01-01"}, "Choose a service from the list."),
    ]
    for data, message in cases:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    assert Referral.objects.filter(child=w.child_a).count() == 2


def test_a_referral_links_the_share_that_records_what_was_sent(world: Any, client: Any) -> None:
    w = world
    shared = Share.objects.create(
        child=w.child_a,
        status=Share.Status.SHARED,
        agency=w.family_hub_a,
        recipient_name="Hub worker (Tapir)",
        purpose="For the referral",
        basis=Share.Basis.CONSENT,
        consent_by=w.adult_a,
        consent_on=timezone.localdate(),
        shared_at=timezone.now(),
    )
    draft = Share.objects.create(
        child=w.child_a, agency=w.family_hub_a, recipient_name="Draft (Dugong)", purpose="Draft", basis="consent"
    )
    login(client, w.key_person_a)
    url = reverse("agencies:multiagency_referral_new", args=[w.child_a.pk])
    page = client.get(url).content.decode()
    assert "Tapir" in page and "Dugong" not in page
    assert reverse("agencies:share_start", args=[w.child_a.pk]) in page
    response = client.post(
        url, {"agency": w.family_hub_a.pk, "reason": "R", "made_on": "2026-01-01", "share": draft.pk}
    )
    assert response.status_code == 400 and "Choose a share from the list." in response.content.decode()
    response = client.post(
        url, {"agency": w.family_hub_a.pk, "reason": "R", "made_on": "2026-01-01", "share": shared.pk}
    )
    referral = Referral.objects.get(reason="R")
    assert response.status_code == 302 and referral.share == shared
    assert "Tapir" in client.get(reverse("agencies:multiagency_referral", args=[referral.pk])).content.decode()


# --- meetings and actions ----------------------------------------------------------------------------
def test_safeguarding_meetings_are_set_by_their_kind(world: Any, client: Any) -> None:
    w = world
    login(client, w.dsl)
    url = reverse("agencies:multiagency_meeting_new", args=[w.child_b.pk])
    response = client.post(
        url,
        {
            "kind": Kind.CORE_GROUP,
            "held_at": "2026-11-20T10:00",
            "attendees": "Social worker; DSL",
            "notes": "Core group notes (Gharial).",
            "shared_with_family": "on",
        },
    )
    meeting = AgencyMeeting.objects.get(notes="Core group notes (Gharial).")
    assert response.status_code == 302
    assert meeting.safeguarding and not meeting.shared_with_family
    assert not Notification.objects.filter(kind=services.SHARED_KIND).exists()
    # the SENCO is not offered the kind, and is refused it
    login(client, w.senco)
    page = client.get(url).content.decode()
    assert "Core group meeting" not in page and "Team around the child" in page
    response = client.post(url, {"kind": Kind.CP_CONFERENCE, "held_at": "2026-11-20T10:00", "attendees": "A"})
    assert response.status_code == 400 and "Choose a kind from the list." in response.content.decode()
    with pytest.raises(ValidationError):
        services.record_meeting(
            actor=w.senco, child=w.child_b, kind=Kind.CHILD_IN_NEED, held_at=timezone.now(), attendees="A"
        )
    assert client.get(reverse("agencies:multiagency_meeting", args=[meeting.pk])).status_code == 404
    response = client.post(url, {"kind": Kind.TEAM_AROUND_CHILD, "held_at": "tomorrow", "attendees": ""})
    page = response.content.decode()
    assert response.status_code == 400 and "Enter a real date and time" in page and "Say who came" in page


def test_the_family_is_told_when_notes_or_actions_are_shared(world: Any) -> None:
    w = world
    meeting = services.record_meeting(
        actor=w.key_person_a,
        child=w.child_a,
        kind=Kind.SEND_REVIEW,
        held_at=timezone.now(),
        attendees="All",
        notes="",
        shared_with_family=True,
    )
    assert not told(w.parent_a)  # no notes yet
    services.change_meeting(
        actor=w.key_person_a,
        meeting=meeting,
        held_at=meeting.held_at,
        attendees="All",
        notes="We agreed (Kiwi).",
        shared_with_family=True,
    )
    found = told(w.parent_a)
    assert len(found) == 1 and found[0].url == reverse("agencies:multiagency_family", args=[w.child_a.pk])
    assert not told(w.restricted_parent) and not told(w.key_person_a)
    services.add_action(actor=w.key_person_a, meeting=meeting, action="Do (Emu).", owner="The family")
    services.add_action(
        actor=w.key_person_a, meeting=meeting, action="Private (Yak).", owner="SENCO", visible_to_family=False
    )
    assert len(told(w.parent_a)) == 2
    # a safeguarding meeting never tells them, whatever is asked
    services.add_action(actor=w.dsl, meeting=w.cp_conference_a, action="Secret (Lynx).", owner="DSL")
    assert len(told(w.parent_a)) == 2


def test_the_meeting_page_adds_actions_and_marks_them_done(world: Any, client: Any) -> None:
    w = world
    login(client, w.deputy)
    url = reverse("agencies:multiagency_meeting", args=[w.tac_meeting_a.pk])
    page = client.get(url).content.decode()
    assert "Quokka" in page and "Wombat" in page and "Pangolin" in page and "Overdue" in page
    add = reverse("agencies:multiagency_action_add", args=[w.tac_meeting_a.pk])
    response = client.post(add, {"action": "", "owner": ""})
    assert response.status_code == 400 and "Say what the action is." in response.content.decode()
    assert (
        client.post(add, {"action": "Phone the hub (Heron).", "owner": "Deputy", "due_on": "2026-12-01"}).status_code
        == 302
    )
    action = AgencyAction.objects.get(action="Phone the hub (Heron).")
    assert not action.visible_to_family  # an unticked box
    done = reverse("agencies:multiagency_action_done", args=[action.pk])
    assert client.post(done, {f"done-{action.pk}-note": "Phoned."}).status_code == 302
    action.refresh_from_db()
    assert action.done_at and action.done_note == "Phoned."
    response = client.post(done, {f"done-{action.pk}-note": "Again."})
    assert response.status_code == 400 and "already marked done" in response.content.decode()
    # the deputy may not touch the conference's action
    assert client.post(reverse("agencies:multiagency_action_done", args=[w.cp_action_a.pk]), {}).status_code == 404
    # nor the room practitioner anything
    login(client, w.room_practitioner)
    assert client.get(url).status_code == 404
    assert client.post(done, {}).status_code == 404


def test_reads_of_safeguarding_work_are_audited(world: Any, client: Any, committed: Any) -> None:
    w = world
    login(client, w.manager)
    for url in (
        reverse("agencies:multiagency_child", args=[w.child_a.pk]),
        reverse("agencies:multiagency_meeting", args=[w.cp_conference_a.pk]),
        reverse("agencies:multiagency_referral", args=[w.safeguarding_referral_a.pk]),
    ):
        with committed():
            assert client.get(url).status_code == 200
    assert AuditEvent.objects.filter(event=SAFEGUARDING_READ, actor_id=w.manager.pk).count() == 3
    login(client, w.senco)
    with committed():
        assert client.get(reverse("agencies:multiagency_child", args=[w.child_a.pk])).status_code == 200
    assert not AuditEvent.objects.filter(event=SAFEGUARDING_READ, actor_id=w.senco.pk).exists()


# --- the family -----------------------------------------------------------------------------------------
def test_the_family_sees_only_what_is_shared_with_them(world: Any, client: Any) -> None:
    w = world
    url = reverse("agencies:multiagency_family", args=[w.child_a.pk])
    login(client, w.parent_a)
    home = client.get(reverse("people:home")).content.decode()
    assert "Working with other services" in home and url in home
    page = client.get(url).content.decode()
    assert "Help with sleep" in page and "Quokka" in page and "Wombat" in page
    for secret in ("Zanzibar", "Narwhal", "Axolotl", "Pangolin", "Social Care", "Child protection"):
        assert secret not in page, secret
    for persona in ("restricted_parent", "parent_b_no_pr", "key_person_a", "manager", "nobody"):
        login(client, w[persona])
        assert client.get(url).status_code == 404, persona
    # no link, and no page, for a child with nothing shared with the family
    w.referral_a.shared_with_family = False
    w.referral_a.save()
    w.tac_meeting_a.shared_with_family = False
    w.tac_meeting_a.save()
    login(client, w.parent_a)
    assert "Working with other services" not in client.get(reverse("people:home")).content.decode()
    assert client.get(url).status_code == 404


def test_the_staff_child_record_counts_only_what_each_may_see(world: Any, client: Any) -> None:
    w = world
    record = reverse("people:child", args=[w.child_a.pk])
    login(client, w.senco)
    page = client.get(record).content.decode()
    assert "Work with other services" in page and "Family Hub" in page and "Social Care" not in page
    login(client, w.dsl)
    page = client.get(record).content.decode()
    assert "Social Care" in page
    login(client, w.room_practitioner)
    assert "multiagency-panel-heading" not in client.get(record).content.decode()


# --- the setting's page ---------------------------------------------------------------------------------
def queries(client: Any, url: str) -> int:
    """How many queries a page takes (it must answer 200)."""
    with CaptureQueriesContext(connection) as done:
        assert client.get(url).status_code == 200, url
    return len(done.captured_queries)


def test_the_setting_page_filters(world: Any, client: Any) -> None:
    w = world
    url = reverse("agencies:multiagency_setting", args=[w.setting.pk])
    login(client, w.deputy)
    page = client.get(url).content.decode()
    assert "Family Hub" in page and "Social Care" not in page  # not even in the filter
    page = client.get(url + "?show=actions").content.decode()
    assert "Wombat" in page and "Pangolin" in page and "Axolotl" not in page
    page = client.get(url + "?show=actions&overdue=on").content.decode()
    assert "Wombat" in page and "Pangolin" not in page
    response = client.get(url + f"?agency={w.social_care_a.pk}")
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert client.get(url + "?show=nonsense").status_code == 400
    login(client, w.dsl)
    assert "Zanzibar" not in client.get(url).content.decode()  # the list names the service, not the reason
    assert "Social Care" in client.get(url + f"?agency={w.social_care_a.pk}").content.decode()
    assert "Axolotl" in client.get(url + "?show=actions").content.decode()
    for persona in ("key_person_a", "other_manager", "room_practitioner"):
        login(client, w[persona])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["dsl", "deputy"])
def test_list_pages_take_the_same_queries_however_much_there_is(world: Any, client: Any, persona: str) -> None:
    w = world
    setting = reverse("agencies:multiagency_setting", args=[w.setting.pk])
    child = reverse("agencies:multiagency_child", args=[w.child_a.pk])
    pages = [setting, setting + "?show=actions", setting + "?show=actions&overdue=on", child]
    login(client, w[persona])
    before = [queries(client, url) for url in pages]
    for n in range(30):
        kid: Any = ChildFactory(setting=w.setting, first_name=f"Kid{n}", last_name="Many")
        for who in (kid, w.child_a):
            Referral.objects.create(child=who, agency=w.family_hub_a, reason="R")
            Referral.objects.create(child=who, agency=w.social_care_a, reason="R", safeguarding=True)
            for kind in (Kind.TEAM_AROUND_CHILD, Kind.CORE_GROUP):
                meeting = AgencyMeeting.objects.create(
                    child=who, kind=kind, held_at=timezone.now(), attendees="A", safeguarding=kind == Kind.CORE_GROUP
                )
                AgencyAction.objects.create(meeting=meeting, action=f"Act {n}", owner="X", due_on=dt.date(2020, 1, 1))
    after = [queries(client, url) for url in pages]
    assert after == before
    assert queries(client, setting + "?page=2") == before[0]


def test_the_family_page_takes_the_same_queries_however_much_there_is(world: Any, client: Any) -> None:
    w = world
    url = reverse("agencies:multiagency_family", args=[w.child_a.pk])
    login(client, w.parent_a)
    before = queries(client, url)
    for n in range(10):
        Referral.objects.create(child=w.child_a, agency=w.family_hub_a, reason=f"R{n}")
        meeting = AgencyMeeting.objects.create(child=w.child_a, kind=Kind.OTHER, held_at=timezone.now(), attendees="A")
        AgencyAction.objects.create(meeting=meeting, action="A", owner="X")
    assert queries(client, url) == before
    assert selectors.family_user_ids(w.child_a) == [w.parent_a.pk]
