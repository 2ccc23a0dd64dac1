"""Who has seen this record (R65): the family with parental responsibility sees, by day and by role,
who at the setting opened, printed, shared or sent their child's record; never names, never clicks,
never their own family's views, never a share without consent or a child protection transfer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tandem.core import audit
from tandem.core.exports import record_export
from tandem.core.models import AuditEvent, AuditSubject, SettingMembership
from tandem.core.roles import SettingRole
from tandem.factories import SettingMembershipFactory, UserFactory
from tandem.records.models import RecordTransfer
from tandem.records.selectors import viewers as selectors

pytestmark = pytest.mark.django_db


def viewers_url(child: Any) -> str:
    return reverse("records:viewers", args=[child.pk])


def open_record(as_user: Any, user: Any, child: Any) -> None:
    """The real record page, as ``user``: the access layer writes its own audit rows."""
    assert as_user(user).get(reverse("people:child", args=[child.pk])).status_code == 200


def lines(child: Any) -> list[tuple[dt.date, str, str]]:
    page_days = [row["day"] for row in selectors.days(child)]
    return [(day.date, line.role, line.label) for day in selectors.lines_for(child, page_days) for line in day.lines]


def test_the_parent_sees_the_key_person_and_the_manager_but_no_names(world: Any, as_user: Any, committed: Any) -> None:
    with committed():
        open_record(as_user, world.key_person_a, world.child_a)
        open_record(as_user, world.manager, world.child_a)
        open_record(as_user, world.dsl, world.child_b)  # another child's record
    response = as_user(world.parent_a).get(viewers_url(world.child_a))
    assert response.status_code == 200
    text = response.content.decode()
    assert "<strong>Key person</strong> viewed the record" in text
    assert "<strong>Setting manager</strong> viewed the record" in text
    assert "Designated safeguarding lead</strong>" not in text  # they saw child B, not child A
    for name in ("Keira", "Keyworth", "Mona", "Manningham", "Dara", world.key_person_a.email):
        assert name not in text
    assert "Your own views" in text  # the page says the family's views are not listed
    today = timezone.localdate()
    assert (today, "Key person", "viewed the record") in lines(world.child_a)


def test_the_link_is_under_the_child_on_the_parents_home(world: Any, as_user: Any) -> None:
    text = as_user(world.parent_a).get(reverse("people:home")).content.decode()
    assert "Who has seen this record" in text
    assert viewers_url(world.child_a) in text
    staff = as_user(world.manager).get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    assert viewers_url(world.child_a) not in staff


@pytest.mark.parametrize(
    ("persona", "child", "status"),
    [
        ("parent_a", "child_b", 404),  # not their child
        ("parent_a", "other_child", 404),
        ("restricted_parent", "child_a", 404),  # kept from information by a court order
        ("parent_b_no_pr", "child_b", 404),  # no parental responsibility
        ("key_person_a", "child_a", 404),
        ("manager", "child_a", 404),  # staff have "Who has seen or changed this record" instead
        ("owner", "child_a", 404),
        ("other_manager", "other_child", 404),
        ("nobody", "child_a", 404),
        ("professional", "child_a", 404),
    ],
)
def test_nobody_else_may_open_the_page(world: Any, as_user: Any, persona: str, child: str, status: int) -> None:
    assert as_user(world[persona]).get(viewers_url(world[child])).status_code == status


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(world: Any, client: Any) -> None:
    response = client.get(viewers_url(world.child_a))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_familys_own_views_and_this_page_are_not_listed(world: Any, as_user: Any, committed: Any) -> None:
    with committed():
        open_record(as_user, world.parent_a, world.child_a)
        assert as_user(world.parent_a).get(viewers_url(world.child_a)).status_code == 200
    # the family's own view of the record is audited, as is this page, but neither is listed
    assert AuditEvent.objects.filter(event="people.child.viewed", actor_id=world.parent_a.pk).exists()
    assert AuditEvent.objects.filter(event="records.viewers.viewed", actor_id=world.parent_a.pk).exists()
    assert lines(world.child_a) == []
    text = as_user(world.parent_a).get(viewers_url(world.child_a)).content.decode()
    assert "Nobody at the setting has opened" in text


def test_views_are_grouped_by_day_and_role_not_by_click(world: Any, as_user: Any, committed: Any) -> None:
    yesterday = timezone.now() - dt.timedelta(days=1)
    second = UserFactory()
    SettingMembershipFactory(user=second, setting=world.setting, role=SettingRole.PRACTITIONER, room=world.room_1)
    with time_machine.travel(yesterday, tick=False), committed():
        open_record(as_user, world.key_person_a, world.child_a)
    with committed():
        for _ in range(3):
            open_record(as_user, world.key_person_a, world.child_a)
        open_record(as_user, world.room_practitioner, world.child_a)
        open_record(as_user, second, world.child_a)  # same role: one line
    today = timezone.localdate()
    # opening the record also reads the family's details and the needs: a line for each kind, a day
    assert [line for line in lines(world.child_a) if line[2] == "viewed the record"] == [
        (today, "Key person", "viewed the record"),
        (today, "Practitioner", "viewed the record"),
        (timezone.localdate(yesterday), "Key person", "viewed the record"),
    ]
    text = as_user(world.parent_a).get(viewers_url(world.child_a)).content.decode()
    assert text.count("<strong>Key person</strong> viewed the record") == 2  # one a day, not one a click
    assert text.count("<strong>Practitioner</strong> viewed the record") == 1


def test_each_kind_has_its_own_plain_english_line(world: Any, as_user: Any, committed: Any) -> None:
    with committed():
        as_user(world.senco).get(reverse("people:child", args=[world.child_a.pk]))  # the record, needs, family
        record_export(
            actor=world.deputy,
            setting_id=world.setting.pk,
            what="Child's record",
            purpose="For the SENCO",
            child_id=world.child_a.pk,
        )
    found = {(role, label) for _, role, label in lines(world.child_a)}
    assert ("SENCO", "viewed the record") in found
    assert ("SENCO", "viewed health and needs") in found
    assert ("Deputy manager", "printed or exported part of the record") in found


def test_a_share_without_consent_and_a_protection_transfer_are_never_listed(world: Any, committed: Any) -> None:
    protection = RecordTransfer.objects.create(
        setting=world.setting, child=world.child_a, transition=world.transition, kind=RecordTransfer.Kind.PROTECTION,
        contact=world.school_teacher, recipient_name="Designated teacher",
    )  # fmt: skip
    learning = RecordTransfer.objects.create(
        setting=world.setting, child=world.child_a, transition=world.transition, kind=RecordTransfer.Kind.LEARNING,
        contact=world.school_teacher, recipient_name="Reception teacher",
    )  # fmt: skip
    child = [world.child_a.pk]
    with committed():
        audit.record("agencies.sharing.recorded", world.dsl, child_ids=child, obj=world.share_without_consent_a)
        audit.record("agencies.sharing.opened", None, child_ids=child, obj=world.share_without_consent_a)
        record_export(
            actor=world.dsl,
            setting_id=world.setting.pk,
            what="Share pack for Social care",
            purpose="x",
            child_id=child[0],
        )
        audit.record("records.transfer.sent", world.dsl, child_ids=child, obj=protection)
        audit.record("records.transfer.opened", None, child_ids=child, obj=protection)
    assert lines(world.child_a) == []
    with committed():
        audit.record("agencies.sharing.recorded", world.senco, child_ids=child, obj=world.share_consent_a)
        audit.record("agencies.sharing.opened", None, child_ids=child, obj=world.share_consent_a)
        audit.record("records.transfer.sent", world.manager, child_ids=child, obj=learning)
        audit.record("records.transfer.opened", None, child_ids=child, obj=learning)
        audit.record("agencies.protection.viewed", world.dsl, child_ids=child, obj=world.child_a)
    found = {(role, label) for _, role, label in lines(world.child_a)}
    assert found == {
        ("Setting manager", "sent records to the new school"),
        ("Designated safeguarding lead", "viewed the record"),  # safeguarding reads: only "the record"
        ("SENCO", "shared part of the record with another agency"),
        ("Another agency", "opened what was sent to them"),
        ("The new school", "opened what was sent to them"),
    }


def test_roles_as_the_family_reads_them(world: Any) -> None:
    backup = UserFactory()
    SettingMembershipFactory(user=backup, setting=world.setting, role=SettingRole.PRACTITIONER)
    world.child_a.backup_key_person = backup
    world.child_a.save()
    former = UserFactory()
    SettingMembershipFactory(user=former, setting=world.setting, role=SettingRole.PRACTITIONER, active=False)
    both = UserFactory()
    SettingMembershipFactory(user=both, setting=world.setting, role=SettingRole.DSL)
    SettingMembershipFactory(user=both, setting=world.setting, role=SettingRole.MANAGER)
    roles = selectors.roles_of(
        world.child_a,
        [world.key_person_a.pk, backup.pk, former.pk, both.pk, world.owner.pk, world.line_manager.pk,
         world.professional.pk, world.administrator.pk, world.other_manager.pk],
    )  # fmt: skip
    assert roles == {
        world.key_person_a.pk: "Key person",
        backup.pk: "Key person",
        both.pk: "Setting manager",
        world.owner.pk: "Provider's owner, director or trustee",
        world.line_manager.pk: "Provider's line manager",
        world.professional.pk: "Visiting professional",
        world.administrator.pk: "Administrator",
    }
    # the former member of staff and the other provider's manager have no role here
    assert former.pk not in roles and world.other_manager.pk not in roles


def _many_views(world: Any, people: int, days: int) -> None:
    """Audit rows as the views write them, made in bulk (the real pages write them in the tests above)."""
    users = [UserFactory() for _ in range(people)]
    SettingMembership.objects.bulk_create(
        [SettingMembership(user=u, setting=world.setting, role=SettingRole.PRACTITIONER) for u in users]
    )
    events = list(selectors.READ_EVENTS)
    now = timezone.now()
    rows = [
        AuditEvent(at=now - dt.timedelta(days=day), event=event, actor_id=user.pk, setting_id=world.setting.pk)
        for day in range(days)
        for i, user in enumerate([*users, world.owner])
        for event in (events[i % 6], "people.child.viewed")
    ]
    made = AuditEvent.objects.bulk_create(rows)
    AuditSubject.objects.bulk_create(
        [AuditSubject(event=row, kind=AuditSubject.Kind.CHILD, subject_id=world.child_a.pk) for row in made]
    )


def _queries(as_user: Any, world: Any) -> int:
    client = as_user(world.parent_a)
    client.get(viewers_url(world.child_a))  # warm the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(viewers_url(world.child_a))
    assert response.status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_views_or_people(
    world: Any, as_user: Any, committed: Any, django_assert_max_num_queries: Any
) -> None:
    _many_views(world, people=1, days=1)
    few = _queries(as_user, world)
    _many_views(world, people=25, days=40)  # more days than a page, many different people
    many = _queries(as_user, world)
    assert many == few <= 20
    client = as_user(world.parent_a)
    with django_assert_max_num_queries(few):
        second_page = client.get(viewers_url(world.child_a) + "?page=2").content.decode()
    assert "Page 2 of 2" in second_page
    text = client.get(viewers_url(world.child_a)).content.decode()
    assert "Page 1 of 2" in text
    assert text.count('<li class="card">') == selectors.DAYS_PER_PAGE
    assert "Practitioner</strong> viewed the record" in text and "Provider&#x27;s owner" in text
