"""The privacy notice (R10): publishing versions, confirming reading, and who has not read it.

The world has version 1 published in each setting; B's step-parent has read it, A's parent has not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from tandem.core.access import forget
from tandem.core.models import AuditEvent, AuditSubject
from tandem.enrolment.actions.privacy import children_awaiting_acknowledgement
from tandem.enrolment.models import PrivacyAcknowledgement, PrivacyNotice
from tandem.enrolment.selectors.privacy import adults_yet_to_read, current_notice, reading_counts
from tandem.enrolment.services.privacy import (
    NEWER_VERSION,
    PUBLISHED_MEANWHILE,
    acknowledge_privacy_notice,
    publish_privacy_notice,
    starter_notice,
)
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.people.models import Child
from tandem.people.rules import IsLinkedAdult

pytestmark = pytest.mark.django_db


def publish(
    world: Any, body: str = "## Who we are\n\nVersion two.", based_on: int | None = 1, actor: Any = None
) -> Any:
    return publish_privacy_notice(
        actor=actor or world.manager, setting=world.setting, body=body, based_on_version=based_on
    )


def acknowledge(world: Any, user: Any = None, version: int = 1) -> PrivacyAcknowledgement:
    return acknowledge_privacy_notice(actor=user or world.parent_a, setting=world.setting, version=version)


def unread(user: Any) -> list[int]:
    forget(user)
    return children_awaiting_acknowledgement(user)


# --- publishing -------------------------------------------------------------------------------


def test_manager_publishes_a_new_version(world: Any, committed: Any) -> None:
    with committed():
        notice = publish(world)
    assert notice.version == 2
    assert notice.published_by == world.manager
    assert current_notice(world.setting) == notice
    assert current_notice(world.other_setting) == world.other_privacy_notice  # the other setting's own
    event = AuditEvent.objects.get(event="enrolment.privacy_notice.published")
    assert (event.actor_id, event.object_id, event.setting_id) == (world.manager.pk, notice.pk, world.setting.pk)


def test_the_first_version_of_a_setting_without_one(world: Any) -> None:
    PrivacyNotice.objects.filter(setting=world.setting).delete()
    assert current_notice(world.setting) is None
    notice = publish(world, body=starter_notice(world.setting), based_on=0)
    assert notice.version == 1
    assert "Meadowbank Preschool" in notice.body
    assert "Information Commissioner's Office" in notice.body


def test_publishing_over_someone_elses_new_version_is_refused(world: Any) -> None:
    publish(world)
    with pytest.raises(ValidationError) as error:
        publish(world, body="## A different version two", based_on=1)
    assert error.value.messages == [PUBLISHED_MEANWHILE]
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 2


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_notice_is_refused(body: str, world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        publish(world, body=body)
    assert error.value.message_dict == {"body": ["Write the privacy notice."]}
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 1


def test_the_same_text_again_is_not_a_new_version(world: Any) -> None:
    with pytest.raises(ValidationError):
        publish(world, body=world.privacy_notice.body)
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 1


@pytest.mark.parametrize("persona", ["deputy", "administrator", "dsl", "parent_a", "owner", "other_manager", "nobody"])
def test_only_the_manager_publishes(persona: str, world: Any) -> None:
    with pytest.raises(Http404):
        publish(world, actor=world[persona])
    assert PrivacyNotice.objects.filter(setting=world.setting).count() == 1


def test_a_published_version_is_never_changed(world: Any) -> None:
    notice = PrivacyNotice.objects.get(pk=world.privacy_notice.pk)
    notice.body = "Quietly changed."
    with pytest.raises(PermissionError):
        notice.save()


# --- confirming reading -------------------------------------------------------------------------


def test_a_parent_confirms_reading_once(world: Any, committed: Any) -> None:
    with committed():
        first = acknowledge(world)
        again = acknowledge(world)
    assert first.pk == again.pk
    assert first.notice == world.privacy_notice
    assert PrivacyAcknowledgement.objects.filter(user=world.parent_a).count() == 1
    events = AuditEvent.objects.filter(event="enrolment.privacy_notice.acknowledged")
    assert events.count() == 1
    assert set(AuditSubject.objects.filter(event=events.get()).values_list("kind", "subject_id")) == {
        ("person", world.adult_a.pk)
    }


def test_confirming_an_old_version_is_refused(world: Any) -> None:
    publish(world)
    with pytest.raises(ValidationError) as error:
        acknowledge(world, version=1)
    assert error.value.messages == [NEWER_VERSION]
    assert acknowledge(world, version=2).notice.version == 2


def test_nothing_to_confirm_without_a_notice(world: Any) -> None:
    PrivacyNotice.objects.filter(setting=world.setting).delete()
    with pytest.raises(ValidationError):
        acknowledge(world)


@pytest.mark.parametrize("persona", ["restricted_parent", "manager", "key_person_a", "owner", "nobody"])
def test_only_parents_of_the_setting_confirm(persona: str, world: Any) -> None:
    with pytest.raises(Http404):
        acknowledge(world, world[persona])
    assert not PrivacyAcknowledgement.objects.filter(user=world[persona].pk).exists()


# --- the prompt under each child ----------------------------------------------------------------


def test_the_prompt_follows_the_current_version(world: Any) -> None:
    assert unread(world.parent_a) == [world.child_a.pk]
    assert unread(world.parent_b_no_pr) == []  # has read version 1
    assert unread(world.restricted_parent) == []  # is told nothing about the child
    assert unread(world.manager) == []
    acknowledge(world)
    assert unread(world.parent_a) == []
    publish(world)
    assert unread(world.parent_a) == [world.child_a.pk]
    assert unread(world.parent_b_no_pr) == [world.child_b.pk]


def test_no_prompt_where_nothing_is_published(world: Any) -> None:
    PrivacyNotice.objects.filter(setting=world.setting).delete()
    assert unread(world.parent_a) == []


def test_the_prompt_is_one_query(world: Any, django_assert_num_queries: Any) -> None:
    for _ in range(5):
        ChildAdultFactory(child=ChildFactory(setting=world.setting), adult=world.adult_a)
    forget(world.parent_a)
    IsLinkedAdult().child_ids(world.parent_a)  # the links every page loads anyway
    with django_assert_num_queries(1):
        assert len(children_awaiting_acknowledgement(world.parent_a)) == 6


def test_no_query_for_someone_linked_to_no_child(world: Any, django_assert_num_queries: Any) -> None:
    forget(world.manager)
    IsLinkedAdult().child_ids(world.manager)
    with django_assert_num_queries(0):
        assert children_awaiting_acknowledgement(world.manager) == []


# --- who has not read it ------------------------------------------------------------------------


def parent_with_sign_in(world: Any, **link: Any) -> Any:
    user = UserFactory()
    adult = AdultFactory(setting=world.setting, user=user)
    ChildAdultFactory(child=ChildFactory(setting=world.setting), adult=adult, **link)
    return adult


def test_staff_see_who_has_not_read_the_current_version(world: Any) -> None:
    AdultFactory(setting=world.setting, user=None)  # no sign-in: not asked
    ChildAdultFactory(child=world.child_a, adult=AdultFactory(setting=world.setting))  # linked, no sign-in
    left = parent_with_sign_in(world)
    Child.objects.filter(links__adult=left).update(
        start_date=dt.date(2020, 1, 6), leaving_date=dt.date(2021, 7, 16)
    )  # their child has left
    extra = parent_with_sign_in(world)
    adults = list(adults_yet_to_read(actor=world.manager, setting=world.setting, notice=world.privacy_notice))
    assert adults == sorted([world.adult_a, extra], key=lambda a: (a.last_name, a.first_name, a.pk))
    assert reading_counts(actor=world.manager, setting=world.setting, notice=world.privacy_notice) == (1, 3)
    acknowledge(world)
    adults = list(adults_yet_to_read(actor=world.manager, setting=world.setting, notice=world.privacy_notice))
    assert adults == [extra]


@pytest.mark.parametrize("persona", ["key_person_a", "senco", "dsl", "parent_a", "owner", "other_manager"])
def test_others_see_no_one_in_the_list(persona: str, world: Any) -> None:
    assert not adults_yet_to_read(actor=world[persona], setting=world.setting, notice=world.privacy_notice).exists()
    assert reading_counts(actor=world[persona], setting=world.setting, notice=world.privacy_notice) == (0, 0)
