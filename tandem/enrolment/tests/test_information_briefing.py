"""The briefing meeting before admission (R6): arranged and recorded by the key person or managers,
seen by the child's parents, never by an adult barred from information about the child."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.utils import timezone

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import BriefingMeeting
from tandem.enrolment.services import information as services

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return response.content.decode()


def soon(days: int = 7, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(hour, 0)))


def arrange(world: Any, actor: str = "key_person_a", **fields: Any) -> BriefingMeeting:
    return services.save_briefing_meeting(
        actor=world[actor], child=world.child_a, scheduled_for=fields.pop("scheduled_for", soon()), **fields
    )


def url(world: Any, suffix: str = "") -> str:
    return f"/children/{world.child_a.pk}/briefing/{suffix}"


# --- services -------------------------------------------------------------------------------------


def test_arranging_a_meeting_emails_the_parents_who_may_be_told(world: Any, committed: Any) -> None:
    with committed():
        meeting = arrange(world, staff_member=world.key_person_a)
    assert meeting.setting == world.setting and meeting.created_by == world.key_person_a
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [world.parent_a.email]  # never the restricted parent
    assert "Keira Keyworth" in mail.outbox[0].body
    assert AuditEvent.objects.filter(event="enrolment.briefing_meeting.scheduled").count() == 1


def test_recording_the_meeting(world: Any, committed: Any) -> None:
    meeting = arrange(world)
    held = timezone.now() - dt.timedelta(hours=1)
    with committed():
        meeting = services.save_briefing_meeting(
            actor=world.manager,
            child=world.child_a,
            meeting=meeting,
            revision=1,
            scheduled_for=meeting.scheduled_for,
            held_at=held,
            adults_present=[world.adult_a],
            policies_discussed=["fees", "safeguarding_and_prevent", "fees"],
            safeguarding_explained=True,
        )
    assert meeting.is_held and meeting.revision == 2
    assert list(meeting.adults_present.all()) == [world.adult_a]
    assert meeting.policies_discussed == ["safeguarding_and_prevent", "fees"]
    assert AuditEvent.objects.filter(event="enrolment.briefing_meeting.recorded").exists()
    assert meeting.history.count() == 2  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"adults_present": "restricted_adult"}, "adults_present"),
        ({"adults_present": "adult_b"}, "adults_present"),  # not linked to this child
        ({"staff_member": "volunteer"}, "staff_member"),
        ({"staff_member": "other_manager"}, "staff_member"),
        ({"policies_discussed": ["holidays"]}, "policies_discussed"),
        ({"held_at": "future"}, "held_at"),
    ],
)
def test_bad_details_are_refused(world: Any, fields: dict[str, Any], field: str) -> None:
    values: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "adults_present":
            values[name] = [world[value]]
        elif name == "staff_member":
            values[name] = world[value]
        elif name == "held_at":
            values[name] = timezone.now() + dt.timedelta(days=2)
        else:
            values[name] = value
    with pytest.raises(ValidationError) as caught:
        arrange(world, **values)
    assert field in caught.value.message_dict
    assert not BriefingMeeting.objects.exists()


def test_an_edit_from_an_older_copy_is_refused(world: Any) -> None:
    meeting = arrange(world)
    services.save_briefing_meeting(
        actor=world.manager, child=world.child_a, meeting=meeting, revision=1, scheduled_for=soon(8), notes="Moved"
    )
    with pytest.raises(ValidationError, match="Someone else saved this meeting"):
        services.save_briefing_meeting(
            actor=world.key_person_a, child=world.child_a, meeting=meeting, revision=1, scheduled_for=soon(9)
        )
    meeting.refresh_from_db()
    assert meeting.notes == "Moved" and meeting.scheduled_for == soon(8)


@pytest.mark.parametrize("persona", ["parent_a", "room_practitioner", "administrator", "dsl", "other_manager"])
def test_only_the_key_person_and_managers_arrange(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        arrange(world, actor=persona)
    assert not BriefingMeeting.objects.exists()


def test_a_meeting_of_another_child_cannot_be_changed_through_this_one(world: Any) -> None:
    meeting = services.save_briefing_meeting(actor=world.manager, child=world.child_b, scheduled_for=soon())
    with pytest.raises(ValidationError):
        services.save_briefing_meeting(
            actor=world.manager, child=world.child_a, meeting=meeting, revision=1, scheduled_for=soon()
        )


# --- pages ------------------------------------------------------------------------------------------


def test_the_parent_sees_when_and_then_what_was_discussed_but_not_staff_notes(world: Any, client: Client) -> None:
    services.save_information_page(
        actor=world.manager, setting=world.setting, topic="fees", title="Fees and funded hours", body="15 hours"
    )
    meeting = arrange(world, staff_member=world.key_person_a, notes="Mum worried about separation")
    login(client, world.parent_a)
    home = text_of(client.get("/"))
    assert "Briefing meeting" in home and url(world) in home
    page = text_of(client.get(url(world)))
    assert soon().strftime("%-d %B %Y") in page and "Keira Keyworth" in page
    assert "Mum worried" not in page
    services.save_briefing_meeting(
        actor=world.key_person_a,
        child=world.child_a,
        meeting=meeting,
        revision=1,
        scheduled_for=meeting.scheduled_for,
        held_at=timezone.now(),
        adults_present=[world.adult_a],
        policies_discussed=["fees", "complaints"],
        safeguarding_explained=True,
        notes="Mum worried about separation",
    )
    page = text_of(client.get(url(world)))
    assert "Fees and funded hours" in page and "Complaints" in page and "Penny Parentish" in page
    assert "Explained" in page and "Mum worried" not in page


@pytest.mark.parametrize(
    "persona", ["restricted_parent", "parent_b_no_pr", "room_practitioner", "nobody", "other_manager"]
)
def test_others_cannot_open_the_meeting(world: Any, client: Client, persona: str) -> None:
    meeting = arrange(world)
    login(client, world[persona])
    assert client.get(url(world)).status_code == 404
    assert client.get(url(world, "new/")).status_code == 404
    assert client.post(url(world, f"{meeting.pk}/"), {"scheduled_for": "2030-01-01T10:00"}).status_code == 404


def test_the_key_person_arranges_and_records_from_the_pages(world: Any, client: Client) -> None:
    login(client, world.key_person_a)
    assert client.get(url(world, "new/")).status_code == 200
    response = client.post(
        url(world, "new/"), {"scheduled_for": soon().strftime("%Y-%m-%dT%H:%M"), "staff_member": world.key_person_a.pk}
    )
    assert response.status_code == 302
    meeting = BriefingMeeting.objects.get()
    form = text_of(client.get(url(world, f"{meeting.pk}/")))
    assert "Penny Parentish" in form and "Restrictham" not in form  # a restricted adult is not offered
    held = (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url(world, f"{meeting.pk}/"),
        {
            "scheduled_for": soon().strftime("%Y-%m-%dT%H:%M"),
            "held_at": held,
            "adults_present": [world.adult_a.pk],
            "policies_discussed": ["safeguarding_and_prevent"],
            "safeguarding_explained": "on",
            "notes": "Went well",
            "revision": "1",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_held and meeting.safeguarding_explained and meeting.notes == "Went well"


def test_bad_input_on_the_pages_gives_clear_errors_and_writes_nothing(world: Any, client: Client) -> None:
    login(client, world.manager)
    response = client.post(url(world, "new/"), {"scheduled_for": ""})
    assert response.status_code == 200 and "Enter the date and time of the meeting." in text_of(response)
    response = client.post(url(world, "new/"), {"scheduled_for": "31/02/2026 25:00"})
    assert response.status_code == 200 and "Enter a real date and time" in text_of(response)
    assert not BriefingMeeting.objects.exists()
    meeting = arrange(world)
    response = client.post(
        url(world, f"{meeting.pk}/"),
        {
            "scheduled_for": soon().strftime("%Y-%m-%dT%H:%M"),
            "adults_present": [world.restricted_adult.pk],
            "revision": "1",
        },
    )
    assert response.status_code == 200 and "Choose only adults linked to the child" in text_of(response)
    assert client.get(url(world, "999999/")).status_code == 404
    meeting.refresh_from_db()
    assert meeting.revision == 1


def test_the_briefing_page_keeps_a_flat_query_count(
    world: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    arrange(world, adults_present=[world.adult_a])
    login(client, world.parent_a)
    client.get(url(world))
    with django_assert_max_num_queries(30) as few:
        client.get(url(world))
    for days in range(10):
        arrange(world, scheduled_for=soon(days + 10), adults_present=[world.adult_a])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url(world))
