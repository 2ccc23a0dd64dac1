"""Defects found in review of the communication hub, each pinned by a test that failed before its fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tandem.comms.models import EventReply, Meeting, Notification, PostRecipient
from tandem.comms.selectors.events import feed_items
from tandem.comms.services import news as news_services
from tandem.comms.tasks_events import event_changed
from tandem.comms.tests.test_events import make
from tandem.comms.tests.test_news_confirm import published_notice
from tandem.core.models import SettingMembership, User
from tandem.factories import AdultFactory, ChildAdultFactory, UserFactory


def _feed_uids(user: Any) -> set[str]:
    fresh = User.objects.get(pk=user.pk)  # nothing memoised from before
    return {item.uid.split("@")[0] for item in feed_items(fresh)}


def test_feed_meetings_only_for_those_who_may_read_the_meeting(world: Any) -> None:
    """The calendar feed listed a fixed meeting to an adult under a no-contact order (the meeting
    page refuses them) and to staff who had left the setting (organiser, attending)."""
    meeting = Meeting.objects.create(
        setting=world.setting,
        child=world.child_a,
        title="Settling in",
        status=Meeting.Status.FIXED,
        starts_at=timezone.now() + dt.timedelta(days=3),
        organiser=world.key_person_a,
    )
    meeting.staff.set([world.room_practitioner])
    no_contact = UserFactory(first_name="Nell", last_name="Nocontact")
    ChildAdultFactory(child=world.child_a, adult=AdultFactory(user=no_contact, setting=world.setting), no_contact=True)
    uid = f"meeting-{meeting.pk}"
    for allowed in (world.parent_a, world.key_person_a, world.room_practitioner):
        assert uid in _feed_uids(allowed), allowed
    for barred in (no_contact, world.restricted_parent, world.parent_b_no_pr, world.other_manager):
        assert uid not in _feed_uids(barred), barred
    SettingMembership.objects.filter(user__in=[world.key_person_a, world.room_practitioner]).update(active=False)
    assert uid not in _feed_uids(world.key_person_a)
    assert uid not in _feed_uids(world.room_practitioner)


def test_news_reminder_not_sent_to_a_parent_restricted_since_delivery(world: Any, committed: Any) -> None:
    post = published_notice(world, committed)
    assert PostRecipient.objects.filter(post=post, user=world.parent_b_no_pr).exists()
    world.link_b.no_information = True
    world.link_b.save()
    with committed():
        count = news_services.remind(actor=world.manager, post=post)
    reminded = set(Notification.objects.filter(title__startswith="Reminder:").values_list("recipient_id", flat=True))
    assert world.parent_a.pk in reminded
    assert world.parent_b_no_pr.pk not in reminded
    assert count == 1


def test_event_change_not_told_to_a_parent_who_may_no_longer_see_it(world: Any, committed: Any) -> None:
    event = make(world, rooms=[world.room_2], audience="rooms")
    EventReply.objects.create(event=event, user=world.parent_b_no_pr, answer=EventReply.Answer.GOING)
    EventReply.objects.create(event=event, user=world.manager, answer=EventReply.Answer.MAYBE)
    world.link_b.no_information = True
    world.link_b.save()
    event_changed.call(event.pk)
    told = set(Notification.objects.filter(title__startswith="Event changed").values_list("recipient_id", flat=True))
    assert told == {world.manager.pk}


def test_huge_ids_in_multiple_choice_fields_are_a_form_error_not_a_500(world: Any, as_user: Any) -> None:
    """A ModelMultipleChoiceField looks ids up with ``pk__in``, which Django does not bound: an id
    past 64 bits crashed the page (OverflowError on SQLite) instead of refusing the choice."""
    from django.urls import reverse

    huge = str(2**70)
    staff = as_user(world.manager)
    for name, data in (
        ("comms:news_new", {"audience": "rooms", "rooms": [huge], "children": [huge]}),
        ("comms:outing_new", {"rooms": [huge], "children": [huge]}),
        ("comms:event_new", {"audience": "rooms", "rooms": [huge]}),
    ):
        assert staff.post(reverse(name, args=[world.setting.pk]), data).status_code in (200, 400), name
    assert staff.post(reverse("comms:meeting_new", args=[world.child_a.pk]), {"staff": [huge]}).status_code == 400
    family = as_user(world.parent_a)
    response = family.post(reverse("comms:meeting_answer", args=[world.meeting_a.pk]), {"suits": [huge, "-" + huge]})
    assert response.status_code == 400


def test_an_adult_kept_from_the_child_never_learns_where_an_outing_takes_them(world: Any) -> None:
    """A parent under a no-contact order (but not barred from information) saw the child's outings
    (place and time), could answer for them, was told of them and had them in their calendar."""
    from tandem.comms.actions.outings import CHILD_OUTINGS, OUTING_CONSENT
    from tandem.comms.models import Outing
    from tandem.comms.selectors.outings import families_of
    from tandem.core.access import can

    outing = Outing.objects.create(
        setting=world.setting,
        title="Duck pond",
        purpose="Counting ducks",
        place="Meadow Park",
        transport="Walking",
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=2),
        announced_at=timezone.now(),
    )
    outing.children.set([world.child_a])
    kept = UserFactory(first_name="Kit", last_name="Keptaway")
    ChildAdultFactory(
        child=world.child_a,
        adult=AdultFactory(user=kept, setting=world.setting),
        parental_responsibility=True,
        no_contact=True,
    )
    assert can(world.parent_a, CHILD_OUTINGS, world.child_a) and can(world.parent_a, OUTING_CONSENT, world.child_a)
    fresh = User.objects.get(pk=kept.pk)
    assert not can(fresh, CHILD_OUTINGS, world.child_a) and not can(fresh, OUTING_CONSENT, world.child_a)
    told = families_of([world.child_a.pk], parental_responsibility=True)
    assert world.parent_a.pk in told and kept.pk not in told
    assert f"outing-{outing.pk}" in _feed_uids(world.parent_a)
    assert f"outing-{outing.pk}" not in _feed_uids(kept)
