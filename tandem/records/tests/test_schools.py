"""The setting's schools (R54): the services' rules and audit, the pages, and query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import ChildFactory
from tandem.records.models import SchoolActivity, Transition
from tandem.records.services import schools as services

SCHOOL = {
    "name": "Oakfield Primary School",
    "phone": "01632 960800",
    "email": "office@oakfield.example.org",
    "website": "",
    "address": "",
    "description": "Open mornings in November.",
}


def errors_of(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))


# --- services -------------------------------------------------------------------------------------


def test_a_keeper_adds_a_school_to_the_directory_as_a_school(world: Any, committed: Any) -> None:
    with committed():
        school = services.add_school(actor=world.administrator, setting=world.setting, **SCHOOL)
    assert school.category == Agency.Category.SCHOOL and school.setting == world.setting
    assert [e.object_id for e in events("records.schools.school_added")] == [school.pk]
    assert len(events("agencies.directory.agency_added")) == 1


@pytest.mark.parametrize("persona", ["senco", "dsl", "key_person_a", "volunteer", "parent_a", "other_manager"])
def test_only_the_manager_deputy_and_administrator_add_schools(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        services.add_school(actor=world[persona], setting=world.setting, **SCHOOL)
    assert not Agency.objects.filter(name=SCHOOL["name"]).exists()


def test_a_school_needs_a_name_and_a_way_to_reach_it(world: Any) -> None:
    errors = errors_of(lambda: services.add_school(actor=world.manager, setting=world.setting, name=""))
    assert errors["name"] == ["Write the agency's name."]
    assert "Give at least one way to reach them" in errors["phone"][0]
    errors = errors_of(
        lambda: services.add_school(actor=world.manager, setting=world.setting, **{**SCHOOL, "name": world.school.name})
    )
    assert errors["name"] == ["There is already an agency with this name in the directory."]


def test_a_contact_is_added_at_a_school_only(world: Any, committed: Any) -> None:
    with committed():
        contact = services.add_school_contact(
            actor=world.deputy, school=world.school, name="Helen Head", role="Head teacher", email="h@x.example.org"
        )
    assert contact.agency == world.school
    assert len(events("records.schools.contact_added")) == 1
    errors = errors_of(lambda: services.add_school_contact(actor=world.deputy, school=world.school, name="No Way"))
    assert errors["email"] == ["Give at least one way to reach them: an email address or a phone number."]
    with pytest.raises(Http404):  # not a school
        services.add_school_contact(actor=world.deputy, school=world.agency, name="X", email="x@x.example.org")
    with pytest.raises(Http404):
        services.add_school_contact(actor=world.senco, school=world.school, name="X", email="x@x.example.org")


def test_practitioners_record_change_and_delete_activity(world: Any, committed: Any) -> None:
    today = timezone.localdate()
    with committed():
        activity = services.record_activity(
            actor=world.room_practitioner,
            school=world.school,
            kind=SchoolActivity.Kind.VISIT_TO_SCHOOL,
            on=today,
            summary="  We visited Reception.  ",
            follow_up="",
        )
    assert activity.setting == world.setting and activity.led_by == world.room_practitioner
    assert activity.summary == "We visited Reception."
    with committed():
        services.update_activity(
            actor=world.manager, activity=activity, kind="meeting", on=today, summary="A meeting", follow_up="More"
        )
    activity.refresh_from_db()
    assert (activity.kind, activity.follow_up) == ("meeting", "More")
    with pytest.raises(Http404):
        services.delete_activity(actor=world.administrator, activity=activity)
    with committed():
        services.delete_activity(actor=world.key_person_a, activity=activity)
    assert not SchoolActivity.objects.filter(pk=activity.pk).exists()
    assert [len(events(f"records.schools.activity_{e}")) for e in ("recorded", "changed", "deleted")] == [1, 1, 1]


def test_an_activity_needs_a_kind_a_date_and_a_summary(world: Any) -> None:
    errors = errors_of(
        lambda: services.record_activity(
            actor=world.manager, school=world.school, kind="party", on=None, summary=" ", follow_up=""
        )
    )
    assert errors == {
        "kind": ["Choose what kind of activity it was."],
        "on": ["Enter the date of the activity."],
        "summary": ["Write what happened and what you learned."],
    }
    with pytest.raises(Http404):
        services.record_activity(
            actor=world.administrator, school=world.school, kind="meeting", on=timezone.localdate(), summary="x"
        )
    with pytest.raises(Http404):
        services.record_activity(
            actor=world.manager, school=world.other_school, kind="meeting", on=timezone.localdate(), summary="x"
        )


# --- pages ----------------------------------------------------------------------------------------


def test_the_schools_list_shows_contacts_latest_activity_and_children_moving(world: Any, as_user: Any) -> None:
    SchoolActivity.objects.create(
        setting=world.setting, school=world.school, kind="meeting", on=dt.date(2020, 1, 2), summary="Old"
    )
    page = as_user(world.room_practitioner).get(reverse("records:schools", args=[world.setting.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert world.school.name in text and "Tamsin Teachwell" in text and "Dominic Dslworth" in text
    assert world.school_activity.on.strftime("%-d %b %Y") in text
    assert page.context["page"].object_list[0].moving == 1
    assert world.other_school.name not in text and "Add a school" not in text
    assert "Add a school" in as_user(world.administrator).get(page.request["PATH_INFO"]).content.decode()


@pytest.mark.parametrize("persona", ["volunteer", "parent_a", "owner", "professional", "other_manager", "nobody"])
def test_others_may_not_open_the_schools(world: Any, as_user: Any, persona: str) -> None:
    client = as_user(world[persona])
    assert client.get(reverse("records:schools", args=[world.setting.pk])).status_code == 404
    assert client.get(reverse("records:school", args=[world.school.pk])).status_code == 404


def test_a_school_page_and_not_any_agency(world: Any, as_user: Any) -> None:
    client = as_user(world.administrator)
    page = client.get(reverse("records:school", args=[world.school.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 child moving there" in text and world.school_activity.summary in text
    assert "Add a contact" in text and "Record an activity" not in text
    assert client.get(reverse("records:school", args=[world.agency.pk])).status_code == 404
    assert client.get(reverse("records:school", args=[world.other_school.pk])).status_code == 404


def test_adding_a_school_and_a_contact_through_the_pages(world: Any, as_user: Any) -> None:
    client = as_user(world.manager)
    address = reverse("records:school_add", args=[world.setting.pk])
    bad = client.post(address, {"name": ""})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    made = client.post(address, SCHOOL)
    school = Agency.objects.get(name=SCHOOL["name"])
    assert made.status_code == 302 and made["Location"] == reverse("records:school", args=[school.pk])
    contact = client.post(
        reverse("records:school_contact_add", args=[school.pk]),
        {"name": "Rita Reception", "role": "Reception teacher", "email": "rr@oakfield.example.org"},
    )
    assert contact.status_code == 302 and AgencyContact.objects.filter(agency=school, name="Rita Reception").exists()


def test_recording_changing_and_deleting_an_activity_through_the_pages(world: Any, as_user: Any) -> None:
    client = as_user(world.key_person_a)
    add = reverse("records:school_activity_add", args=[world.school.pk])
    assert client.post(add, {"kind": "meeting", "on": "", "summary": ""}).status_code == 400
    today = timezone.localdate().isoformat()
    assert client.post(add, {"kind": "meeting", "on": today, "summary": "Cluster meeting"}).status_code == 302
    activity = SchoolActivity.objects.get(summary="Cluster meeting")
    edit = reverse("records:school_activity", args=[activity.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"kind": "other", "on": today, "summary": "Cluster", "follow_up": "x"}).status_code == 302
    activity.refresh_from_db()
    assert activity.kind == "other"
    assert client.get(reverse("records:school_activity_delete", args=[activity.pk])).status_code == 405
    assert client.post(reverse("records:school_activity_delete", args=[activity.pk])).status_code == 302
    assert not SchoolActivity.objects.filter(pk=activity.pk).exists()
    other = reverse("records:school_activity", args=[world.other_school_activity.pk])
    assert client.get(other).status_code == 404
    assert as_user(world.administrator).get(edit).status_code == 404


# --- query counts ---------------------------------------------------------------------------------


def many_schools(world: Any, n: int) -> None:
    for i in range(n):
        school = Agency.objects.create(
            setting=world.setting, name=f"School {i}", category=Agency.Category.SCHOOL, phone="01632 960000"
        )
        AgencyContact.objects.create(agency=school, name=f"Teacher {i}", email=f"t{i}@x.example.org")
        AgencyContact.objects.create(agency=school, name=f"Head {i}", email=f"h{i}@x.example.org")
        SchoolActivity.objects.create(
            setting=world.setting, school=school, kind="meeting", on=timezone.localdate(), summary="x"
        )
        child = ChildFactory(setting=world.setting, room=world.room_1)
        Transition.objects.create(setting=world.setting, child=child, school=school)


@pytest.mark.parametrize("name", ["schools", "school"])
def test_school_pages_do_not_grow_with_the_data(
    world: Any, client: Any, django_assert_max_num_queries: Any, name: str
) -> None:
    login(client, world.manager)
    address = reverse(f"records:{name}", args=[world.setting.pk if name == "schools" else world.school.pk])
    client.get(address)
    with django_assert_max_num_queries(30) as few:
        assert client.get(address).status_code == 200
    many_schools(world, 30)
    for i in range(15):
        SchoolActivity.objects.create(
            setting=world.setting, school=world.school, kind="other", on=timezone.localdate(), summary=f"a{i}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(address)
    assert page.status_code == 200
