"""The policy library (R40) and staff acknowledgements (R41), in the services and selectors: a
revision from draft through parents' comments to adoption and acknowledgement; who may comment and
when; staff-only policies; idempotent acknowledgements; the comparison escapes text; reminders once
a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from tandem.comms.models import Notification
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, SettingMembershipFactory, UserFactory
from tandem.voice.models import Acknowledgement, Policy, PolicyComment, PolicyVersion
from tandem.voice.selectors import policies as selectors
from tandem.voice.services import policies as services

Status = PolicyVersion.Status
PARENTS, STAFF = selectors.PARENTS, selectors.STAFF
SETTING_STAFF = (
    "key_person_a",
    "room_practitioner",
    "other_practitioner",
    "senco",
    "dsl",
    "manager",
    "deputy",
    "administrator",
    "volunteer",
)


def told(kind: str, user: Any) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind, recipient=user).order_by("pk"))


def new_policy(world: Any, **extra: Any) -> Policy:
    data = {
        "title": "Sun protection",
        "category": "Health",
        "audience": Policy.Audience.EVERYONE,
        "parents_acknowledge": True,
        "staff_acknowledge": True,
        "body": "## Sun cream\n\nPlease put sun cream on your child before they arrive.",
        **extra,
    }
    return services.create_policy(actor=world.manager, setting=world.setting, data=data)


# --- the whole revision ------------------------------------------------------------------------------


def test_a_revision_runs_from_consultation_to_acknowledgement(world: Any) -> None:
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    policy = new_policy(world)
    v1 = policy.versions.get()
    assert v1.status == Status.DRAFT and v1.number == 1 and v1.changes == "The first version."
    # a new policy is adopted directly only as a minor change
    with pytest.raises(ValidationError) as refused:
        services.adopt(actor=world.manager, version=v1, next_review_on=tomorrow)
    assert "minor_change" in refused.value.error_dict
    v1 = services.adopt(actor=world.manager, version=v1, next_review_on=tomorrow, minor_change=True)
    assert v1.status == Status.ADOPTED and v1.adopted_by == world.manager and v1.review_opened_at is None
    assert told(services.CHANGED_KIND, world.parent_a)[0].title == "A new policy: Sun protection"

    # the next version: a draft, changed, then opened for parents' comments
    v2 = services.create_version(
        actor=world.deputy, policy=policy, data={"body": v1.body + "\n\nHats are a must.", "changes": ""}
    )
    assert v2.number == 2 and v2.status == Status.DRAFT
    v2 = services.update_version(
        actor=world.manager,
        version=v2,
        data={"body": v1.body + "\n\nEvery child wears a sun hat outside.", "changes": "Sun hats outside."},
    )
    closes = timezone.localdate() + dt.timedelta(days=10)
    v2 = services.open_review(actor=world.manager, version=v2, closes_on=closes)
    assert v2.status == Status.REVIEW and v2.review_closes_on == closes and v2.review_opened_at
    for parent in (world.parent_a, world.parent_b_no_pr):
        (note,) = told(services.REVIEW_KIND, parent)
        assert "Sun protection" in note.title and note.url == f"/policies/versions/{v2.pk}/"
    for outsider in (world.restricted_parent, world.other_parent, world.manager):
        assert not told(services.REVIEW_KIND, outsider)

    # parents comment; the manager and deputy are told; the setting answers; the author is told
    comment_a = services.comment(actor=world.parent_a, version=v2, body="What about babies?")
    services.comment(actor=world.parent_b_no_pr, version=v2, body="Could hats be provided?")
    assert comment_a.author_role == "Parent or carer"
    assert told(services.COMMENT_KIND, world.manager) and told(services.COMMENT_KIND, world.deputy)
    assert not told(services.COMMENT_KIND, world.key_person_a)
    services.respond(actor=world.manager, comment=comment_a, response="Babies stay in the shade.")
    assert told(services.REVIEW_KIND, world.parent_a)[-1].title.startswith("We have answered your comment")
    assert len(told(services.REVIEW_KIND, world.parent_b_no_pr)) == 1  # only the opening
    # each parent sees only their own comments
    assert [c.body for c in selectors.own_comments(world.parent_a, v2)] == ["What about babies?"]
    assert [c.body for c in selectors.own_comments(world.parent_b_no_pr, v2)] == ["Could hats be provided?"]
    assert selectors.comments_of(v2).count() == 2
    assert selectors.comments_of(v2, unanswered_only=True).get().author == world.parent_b_no_pr

    # adopted before the closing date: only by closing the comment period early
    with pytest.raises(ValidationError) as refused:
        services.adopt(actor=world.manager, version=v2, next_review_on=tomorrow)
    assert "close_early" in refused.value.error_dict
    v2 = services.adopt(actor=world.manager, version=v2, next_review_on=tomorrow, close_early=True)
    v1.refresh_from_db()
    assert (v1.status, v2.status) == (Status.SUPERSEDED, Status.ADOPTED)
    changed = told(services.CHANGED_KIND, world.parent_b_no_pr)[-1]
    assert changed.title == "Our policy has changed: Sun protection" and "Sun hats outside." in changed.body
    assert "confirm" in changed.body and changed.url == f"/policies/{policy.pk}/"
    for person in SETTING_STAFF:
        assert told(services.STAFF_KIND, world[person]), person
    assert not told(services.STAFF_KIND, world.owner) and not told(services.CHANGED_KIND, world.manager)

    # who has not acknowledged it shrinks as parents and staff acknowledge
    assert selectors.who_counts(v2, PARENTS) == {"total": 2, "done": 0, "waiting": 2}
    assert selectors.who_counts(v2, STAFF) == {"total": 9, "done": 0, "waiting": 9}
    services.acknowledge(actor=world.parent_a, version=v2)
    services.acknowledge(actor=world.room_practitioner, version=v2)
    services.acknowledge(actor=world.volunteer, version=v2)
    assert selectors.who_counts(v2, PARENTS) == {"total": 2, "done": 1, "waiting": 1}
    assert selectors.who_counts(v2, STAFF) == {"total": 9, "done": 2, "waiting": 7}
    assert list(selectors.who(v2, PARENTS, waiting_only=True)) == [world.parent_b_no_pr]
    waiting_staff = set(selectors.who(v2, STAFF, waiting_only=True))
    assert world.room_practitioner not in waiting_staff and world.manager in waiting_staff
    # the superseded version cannot be acknowledged any more; the acknowledgements stay with each version
    with pytest.raises(Http404):
        services.acknowledge(actor=world.parent_b_no_pr, version=v1)


def test_acknowledging_twice_changes_nothing(world: Any, committed: Any) -> None:
    with committed():
        first = services.acknowledge(actor=world.parent_b_no_pr, version=world.policy_v1)
        again = services.acknowledge(actor=world.parent_b_no_pr, version=world.policy_v1)
    assert len(first) == 1 and again == []
    assert Acknowledgement.objects.filter(version=world.policy_v1, user=world.parent_b_no_pr).count() == 1
    assert AuditEvent.objects.filter(event="voice.policies.acknowledged", actor_id=world.parent_b_no_pr.pk).count() == 1


def test_a_member_of_staff_who_is_also_a_parent_acknowledges_as_both(world: Any) -> None:
    adult = AdultFactory(user=world.room_practitioner, setting=world.setting)
    ChildAdultFactory(child=world.child_b, adult=adult)
    version = PolicyVersion.objects.select_related("policy").get(pk=world.policy_v1.pk)
    assert selectors.capacities(world.room_practitioner, version) == [PARENTS, STAFF]
    made = services.acknowledge(actor=world.room_practitioner, version=version)
    assert {a.acknowledged_as for a in made} == {PARENTS, STAFF}
    # staff-only: as staff; parents-only: as parent
    staff_only = PolicyVersion.objects.select_related("policy").get(pk=world.staff_policy_v1.pk)
    assert selectors.capacities(world.room_practitioner, staff_only) == [STAFF]
    assert selectors.capacities(world.parent_a, staff_only) == []
    assert selectors.capacities(world.owner, version) == []


# --- comments: who and until when -----------------------------------------------------------------------


def test_a_parent_cannot_comment_once_the_review_closes(world: Any, time_machine: Any) -> None:
    closes = world.policy_v2.review_closes_on
    time_machine.move_to(dt.datetime.combine(closes, dt.time(20, 0), tzinfo=dt.UTC))
    services.comment(actor=world.parent_b_no_pr, version=world.policy_v2, body="Just in time.")  # the day itself
    time_machine.move_to(dt.datetime.combine(closes + dt.timedelta(days=1), dt.time(9, 0), tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match="The comment period closed on"):
        services.comment(actor=world.parent_b_no_pr, version=world.policy_v2, body="Too late.")
    assert not PolicyComment.objects.filter(body="Too late.").exists()
    assert selectors.open_for_comments(world.parent_b_no_pr) == []


def test_no_comment_on_a_version_in_force_a_staff_only_policy_or_by_staff(world: Any) -> None:
    with pytest.raises(Http404):
        services.comment(actor=world.parent_a, version=world.policy_v1, body="Hello")
    with pytest.raises(Http404):
        services.comment(actor=world.parent_a, version=world.staff_policy_v1, body="Hello")
    with pytest.raises(Http404):
        services.comment(actor=world.restricted_parent, version=world.policy_v2, body="Hello")
    with pytest.raises(Http404):
        services.comment(actor=world.other_parent, version=world.policy_v2, body="Hello")
    with pytest.raises(Http404):
        services.comment(actor=world.manager, version=world.policy_v2, body="Hello")
    with pytest.raises(ValidationError) as empty:
        services.comment(actor=world.parent_a, version=world.policy_v2, body="   ")
    assert "body" in empty.value.error_dict


def test_only_the_manager_and_deputy_answer_comments(world: Any) -> None:
    for person in ("key_person_a", "parent_a", "other_manager", "owner"):
        with pytest.raises(Http404):
            services.respond(actor=world[person], comment=world.policy_comment, response="Hi")
    with pytest.raises(ValidationError):
        services.respond(actor=world.deputy, comment=world.policy_comment, response="")


# --- staff-only policies ----------------------------------------------------------------------------------


def test_a_staff_only_policy_is_invisible_to_parents(world: Any) -> None:
    parent_library = {p.title for p in selectors.library(world.parent_a)}
    assert parent_library == {"Confidentiality and client access to records"}  # not staff-only, not a draft
    staff_library = {p.title for p in selectors.library(world.volunteer)}
    assert staff_library == {"Confidentiality and client access to records", "Staff code of conduct"}
    assert {v.policy.title for v in selectors.staff_to_acknowledge(world.volunteer)} == {
        "Confidentiality and client access to records",
        "Staff code of conduct",
    }
    assert selectors.parent_to_acknowledge(world.parent_a) == []  # she has acknowledged version 1
    assert [v.pk for v in selectors.parent_to_acknowledge(world.parent_b_no_pr)] == [world.policy_v1.pk]
    assert selectors.visible_versions(world.parent_a, world.staff_policy) == []
    # it is never opened for parents' comments, and is adopted without a "minor change" tick
    v2 = services.create_version(actor=world.manager, policy=world.staff_policy, data={"body": "New rules."})
    with pytest.raises(ValidationError, match="staff-only"):
        services.open_review(actor=world.manager, version=v2, closes_on=timezone.localdate() + dt.timedelta(days=5))
    services.adopt(actor=world.manager, version=v2, next_review_on=timezone.localdate() + dt.timedelta(days=300))
    assert not Notification.objects.filter(kind=services.CHANGED_KIND).exists()  # families are not told
    assert told(services.STAFF_KIND, world.volunteer)
    # a policy under review cannot become staff-only
    with pytest.raises(ValidationError) as refused:
        services.update_policy(
            actor=world.manager, policy=world.policy, data={"title": world.policy.title, "audience": "staff"}
        )
    assert "audience" in refused.value.error_dict


def test_a_staff_only_policy_never_asks_parents(world: Any) -> None:
    policy = new_policy(world, title="Supervision", audience=Policy.Audience.STAFF, parents_acknowledge=True)
    assert policy.parents_acknowledge is False


# --- writing versions ---------------------------------------------------------------------------------------


def test_one_version_is_written_or_reviewed_at_a_time(world: Any) -> None:
    with pytest.raises(ValidationError, match="Version 2 is still open for parents' comments"):
        services.create_version(actor=world.manager, policy=world.policy, data={"body": "Another."})
    services.end_review(actor=world.manager, version=world.policy_v2)
    world.policy_v2.refresh_from_db()
    assert world.policy_v2.status == Status.DRAFT and world.policy_v2.comments.count() == 1  # comments kept
    with pytest.raises(Http404):
        services.comment(actor=world.parent_a, version=world.policy_v2, body="Hello")  # no longer open
    with pytest.raises(ValidationError, match="Parents have commented"):
        services.delete_draft(actor=world.manager, version=world.policy_v2)
    with pytest.raises(ValidationError, match="Version 2 is still a draft: finish it first"):
        services.create_version(actor=world.manager, policy=world.policy, data={"body": "Another."})
    # a draft nobody has seen is thrown away, and its number used again
    services.delete_draft(actor=world.manager, version=world.draft_policy_v1)
    again = services.create_version(actor=world.manager, policy=world.draft_policy, data={"body": "Again."})
    assert again.number == 1


def test_bad_input_is_refused_in_plain_words(world: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        new_policy(world, title="", body="")
    assert set(refused.value.error_dict) == {"title", "body"}
    with pytest.raises(ValidationError) as refused:
        new_policy(world, title="confidentiality AND client access to records")
    assert "title" in refused.value.error_dict
    draft = world.draft_policy_v1
    for closes in (timezone.localdate(), timezone.localdate() + dt.timedelta(days=200)):
        with pytest.raises(ValidationError) as refused:
            services.open_review(actor=world.manager, version=draft, closes_on=closes)
        assert "review_closes_on" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        services.adopt(actor=world.manager, version=draft, next_review_on=timezone.localdate(), minor_change=True)
    assert "next_review_on" in refused.value.error_dict
    with pytest.raises(ValidationError, match="in force"):
        services.update_version(actor=world.manager, version=world.policy_v1, data={"body": "Changed"})
    with pytest.raises(ValidationError):
        services.delete_draft(actor=world.manager, version=world.policy_v1)
    with pytest.raises(Http404):
        services.update_version(actor=world.key_person_a, version=draft, data={"body": "Changed"})
    with pytest.raises(Http404):
        services.adopt(actor=world.other_manager, version=draft, next_review_on=timezone.localdate())


# --- reminders ---------------------------------------------------------------------------------------------


def test_a_reminder_goes_to_those_who_have_not_acknowledged_once_a_day(world: Any, committed: Any) -> None:
    services.acknowledge(actor=world.manager, version=world.policy_v1)
    with committed():
        sent = services.remind(actor=world.manager, version=world.policy_v1)
    assert sent == {PARENTS: 1, STAFF: 8}  # parent A and the manager have acknowledged it
    assert told(services.CHANGED_KIND, world.parent_b_no_pr)[0].title.startswith("Reminder:")
    assert not told(services.CHANGED_KIND, world.parent_a)
    assert told(services.STAFF_KIND, world.volunteer) and not told(services.STAFF_KIND, world.manager)
    assert selectors.last_reminder(world.policy_v1) is not None
    with pytest.raises(ValidationError, match="You can send another from"):
        services.remind(actor=world.deputy, version=world.policy_v1)
    with pytest.raises(ValidationError):
        services.remind(actor=world.manager, version=world.policy_v2)  # not in force
    with pytest.raises(Http404):
        services.remind(actor=world.key_person_a, version=world.policy_v1)


# --- who is asked ---------------------------------------------------------------------------------------------


def test_the_families_asked_are_those_of_children_still_here(world: Any) -> None:
    today = timezone.localdate()
    left = ChildFactory(
        setting=world.setting, start_date=today - dt.timedelta(days=300), leaving_date=today - dt.timedelta(days=3)
    )
    gone = UserFactory(first_name="Gwen", last_name="Gonebefore")
    ChildAdultFactory(child=left, adult=AdultFactory(user=gone, setting=world.setting))
    asked = set(selectors.who(world.policy_v1, PARENTS))
    assert asked == {world.parent_a, world.parent_b_no_pr}  # not the restricted parent, nor a family that left
    former = SettingMembershipFactory(setting=world.setting, role="practitioner", active=False).user
    assert former not in set(selectors.who(world.policy_v1, STAFF))
    rows = selectors.with_details(world.policy_v1, PARENTS, list(selectors.who(world.policy_v1, PARENTS)))
    assert {tuple(r["details"]) for r in rows} == {("Amelia Ashcombe",), ("Barnaby Brackenbury",)}
    rows = selectors.with_details(world.policy_v1, STAFF, [world.volunteer])
    assert rows[0]["details"] == ["Volunteer or student"]


def test_the_hub_lists_reviews_open_and_policies_to_confirm(world: Any) -> None:
    items = selectors.hub_items(world.parent_b_no_pr)
    assert [(i.kind, i.version.pk) for i in items] == [
        ("comment", world.policy_v2.pk),
        ("acknowledge", world.policy_v1.pk),
    ]
    assert [i.kind for i in selectors.hub_items(world.parent_a)] == ["comment"]  # she confirmed version 1
    assert selectors.hub_items(world.restricted_parent) == []
    assert selectors.hub_items(world.manager) == []  # staff read theirs in the library


def test_the_due_for_review_marker() -> None:
    today = dt.date(2026, 3, 1)
    assert selectors.review_state(None, today) == ""
    assert selectors.review_state(dt.date(2026, 2, 28), today) == "overdue"
    assert selectors.review_state(dt.date(2026, 3, 20), today) == "due"
    assert selectors.review_state(dt.date(2026, 6, 1), today) == ""


# --- what changed ---------------------------------------------------------------------------------------------


def test_the_comparison_shows_words_added_and_removed() -> None:
    found = selectors.diff(
        "## Records\n\nRecords are kept in a locked cabinet.\n\nUnchanged one.\nUnchanged two.\nUnchanged three.",
        "## Records\n\nRecords are kept securely in Tandem.\n\nUnchanged one.\nUnchanged two.\nUnchanged three.\n"
        "A completely different new sentence here.",
    )
    assert (found.changed, found.added, found.removed) == (1, 1, 0)
    kinds = [r.kind for r in found.rows]
    assert kinds == ["same", "changed", "same", "gap", "same", "added"]
    changed = str(found.rows[1].html)
    assert '<del><span class="visually-hidden">removed: </span>a locked cabinet.</del>' in changed
    assert '<ins><span class="visually-hidden">added: </span>Tandem.</ins>' in changed
    assert '<ins><span class="visually-hidden">added: </span>securely </ins>in ' in changed
    assert changed.startswith("Records are kept ")
    assert found.rows[3].count == 1
    assert selectors.diff("Same.", "Same.").empty


def test_the_comparison_escapes_html_in_the_policy_text() -> None:
    found = selectors.diff(
        'Contact <a href="x">us</a>.', 'Contact <script>alert("x")</script> & <b>us</b>.\n<img src=x onerror=alert(1)>'
    )
    html = "".join(str(r.html) for r in found.rows)
    assert "<script>" not in html and "<b>" not in html and "<img" not in html and "<a href" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html and "&amp;" in html


def test_a_version_taken_back_after_comments_needs_no_minor_change_tick(world: Any, committed: Any) -> None:
    with committed():
        services.end_review(actor=world.manager, version=world.policy_v2)
        v2 = services.update_version(
            actor=world.manager, version=world.policy_v2, data={"body": world.policy_v2.body + "\nAfter comments."}
        )
        v2 = services.adopt(
            actor=world.manager, version=v2, next_review_on=timezone.localdate() + dt.timedelta(days=200)
        )
    assert v2.status == Status.ADOPTED and v2.review_opened_at is not None
    events = set(AuditEvent.objects.filter(object_id=v2.pk).values_list("event", flat=True))
    assert {"voice.policies.review_ended", "voice.policies.adopted"} <= events
    assert "voice.policies.adopted_as_minor_change" not in events


def test_the_choices_made_when_adopting_are_recorded(world: Any, committed: Any) -> None:
    later = timezone.localdate() + dt.timedelta(days=200)
    with committed():
        services.adopt(actor=world.manager, version=world.policy_v2, next_review_on=later, close_early=True)
        services.adopt(actor=world.deputy, version=world.draft_policy_v1, next_review_on=later, minor_change=True)
    recorded = set(AuditEvent.objects.filter(event__startswith="voice.policies.").values_list("event", "object_id"))
    assert ("voice.policies.review_closed_early", world.policy_v2.pk) in recorded
    assert ("voice.policies.adopted_as_minor_change", world.draft_policy_v1.pk) in recorded
