"""The policy library's pages: a revision through the pages from the manager's draft to parents'
and staff's acknowledgements; what parents, staff and strangers may open; bad input gives a form
error; the comparison is escaped; list pages' queries do not grow with the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, SettingMembershipFactory, UserFactory
from tandem.voice.models import Acknowledgement, Policy, PolicyComment, PolicyVersion
from tandem.voice.selectors import policies as selectors

Status = PolicyVersion.Status


def url(name: str, *args: Any) -> str:
    return reverse(f"voice:{name}", args=args)


def day(offset: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=offset)).isoformat()


def text(response: Any) -> str:
    return response.content.decode()


# --- the whole revision through the pages -------------------------------------------------------------


def test_a_revision_through_the_pages(world: Any, as_user: Any) -> None:
    manager = as_user(world.manager)
    # the manager writes a new policy and adopts it as a minor change (a mistake first)
    response = manager.post(url("policy_new", world.setting.pk), {"title": "", "audience": "everyone", "body": ""})
    assert response.status_code == 400 and "Write the policy&#x27;s title." in text(response)
    response = manager.post(
        url("policy_new", world.setting.pk),
        {
            "title": "Late and non-collection",
            "category": "Arrival and collection",
            "audience": "everyone",
            "parents_acknowledge": "on",
            "staff_acknowledge": "on",
            "body": "## Collection\n\nPlease be on time.",
        },
    )
    policy = Policy.objects.get(title="Late and non-collection")
    assert response.status_code == 302 and response["Location"] == url("policy_manage", policy.pk)
    v1 = policy.versions.get()
    response = manager.post(url("policy_adopt", v1.pk), {"next_review_on": day(300)})
    assert response.status_code == 400 and "tick that it is a minor change" in text(response)
    manager.post(url("policy_adopt", v1.pk), {"next_review_on": day(300), "minor_change": "on"})
    v1.refresh_from_db()
    assert v1.status == Status.ADOPTED

    # … then writes version 2 and opens it for parents' comments
    page = text(manager.get(url("policy_version_new", policy.pk)))
    assert "Please be on time." in page  # it starts from the latest text
    manager.post(
        url("policy_version_new", policy.pk),
        {
            "body": "## Collection\n\nPlease be on time.\n\nA fee of £10 is charged after 15 minutes.",
            "changes": "A late collection fee.",
            "next_review_on": "",
        },
    )
    v2 = policy.versions.get(number=2)
    response = manager.post(url("policy_review", v2.pk), {"review_closes_on": day(0)})
    assert response.status_code == 400 and "Choose a closing date after today." in text(response)
    manager.post(url("policy_review", v2.pk), {"review_closes_on": day(14)})
    v2.refresh_from_db()
    assert v2.status == Status.REVIEW

    # a parent reads what would change and comments
    parent = as_user(world.parent_a)
    page = text(parent.get(url("policy", policy.pk)))
    assert "A new version is being reviewed" in page and url("policy_version", v2.pk) in page
    page = text(parent.get(url("policy_version", v2.pk)))
    assert "A late collection fee." in page and "<ins>" in page and "Send my comment" in page
    response = parent.post(url("policy_comment", v2.pk), {"body": ""})
    assert response.status_code == 400 and "Write your comment." in text(response)
    response = parent.post(url("policy_comment", v2.pk), {"body": "£10 is a lot for some families."})
    assert response.status_code == 302
    comment = PolicyComment.objects.get(version=v2)

    # another parent sees neither her comment nor the answer
    other = text(as_user(world.parent_b_no_pr).get(url("policy_version", v2.pk)))
    assert "£10 is a lot" not in other and "Send my comment" in other

    # the manager reads it, answers, and adopts version 2 (closing the comments early)
    manager = as_user(world.manager)
    page = text(manager.get(url("policy_comments", v2.pk)))
    assert "£10 is a lot for some families." in page and "Penny Parentish" in page
    response = manager.post(url("policy_respond", comment.pk), {"response": ""})
    assert response.status_code == 400
    manager.post(url("policy_respond", comment.pk), {"response": "We will start the fee after two late collections."})
    response = manager.post(url("policy_adopt", v2.pk), {"next_review_on": day(365)})
    assert response.status_code == 400 and "close the comment period early" in text(response)
    manager.post(url("policy_adopt", v2.pk), {"next_review_on": day(365), "close_early": "on"})
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == (Status.SUPERSEDED, Status.ADOPTED)

    # the parent sees the answer, and acknowledges the version in force
    parent = as_user(world.parent_a)
    assert "We will start the fee after two late collections." in text(parent.get(url("policy_version", v2.pk)))
    page = text(parent.get(url("policy", policy.pk)))
    assert "version 2, in force since" in page and "I have read and understood this" in page
    assert "Version 1: in force from" in page  # the history
    assert parent.post(url("policy_acknowledge", v2.pk)).status_code == 302
    page = text(parent.get(url("policy", policy.pk)))
    assert "You confirmed on" in page and "I have read and understood this" not in page

    # a practitioner acknowledges it from "Policies you must read"
    practitioner = as_user(world.room_practitioner)
    page = text(practitioner.get(url("policies")))
    assert "Policies you must read" in page and "Late and non-collection" in page
    practitioner.post(url("policy_acknowledge", v2.pk))
    assert "Late and non-collection" not in text(practitioner.get(url("policies"))).split("All policies")[0]

    # the manager sees who has not
    manager = as_user(world.manager)
    page = text(manager.get(url("policy_acknowledgements", v2.pk)))
    assert "1 of 2</span> parents and carers have acknowledged it" in page
    assert "1 of 9</span> staff, volunteers and students have acknowledged it" in page
    waiting = text(manager.get(url("policy_acknowledgements", v2.pk) + "?group=parent&show=waiting"))
    assert "Stefan Stepfordson" in waiting and "Penny Parentish" not in waiting and "Barnaby Brackenbury" in waiting
    waiting = text(manager.get(url("policy_acknowledgements", v2.pk) + "?group=staff&show=waiting"))
    assert "Rowan Roomfield" not in waiting and "Val Volunteer" in waiting and "Volunteer or student" in waiting
    response = manager.post(url("policy_remind", v2.pk), follow=True)
    assert "A reminder is on its way to 1 parents and carers and 8 members of staff." in text(response)


# --- who may open what ------------------------------------------------------------------------------------


def test_a_staff_only_policy_is_invisible_to_parents(world: Any, as_user: Any) -> None:
    parent = as_user(world.parent_a)
    page = text(parent.get(url("policies")))
    assert "Confidentiality and client access to records" in page
    assert "Staff code of conduct" not in page and "Outings" not in page  # staff-only; a draft
    for name, pk in (
        ("policy", world.staff_policy.pk),
        ("policy_version", world.staff_policy_v1.pk),
        ("policy_changes", world.staff_policy_v1.pk),
        ("policy", world.draft_policy.pk),
        ("policy_version", world.draft_policy_v1.pk),
        ("policy", world.other_policy.pk),
    ):
        assert parent.get(url(name, pk)).status_code == 404, name
    for name, pk in (("policy_comment", world.staff_policy_v1.pk), ("policy_acknowledge", world.staff_policy_v1.pk)):
        assert parent.post(url(name, pk), {"body": "Hello"}).status_code == 404, name
    assert not PolicyComment.objects.filter(version=world.staff_policy_v1).exists()
    # staff see it, but not the draft
    staff = as_user(world.volunteer)
    assert staff.get(url("policy", world.staff_policy.pk)).status_code == 200
    assert staff.get(url("policy", world.draft_policy.pk)).status_code == 404
    assert staff.get(url("policy_manage", world.policy.pk)).status_code == 404


def test_strangers_and_other_providers_are_kept_out(world: Any, as_user: Any) -> None:
    for persona in ("nobody", "owner", "line_manager", "restricted_parent"):
        client = as_user(world[persona])
        assert client.get(url("policies")).status_code == 403, persona
        assert client.get(url("policy", world.policy.pk)).status_code == 404, persona
        assert client.get(url("policy_version", world.policy_v2.pk)).status_code == 404, persona
    other = as_user(world.other_manager)
    for name, pk in (
        ("policy", world.policy.pk),
        ("policy_manage", world.policy.pk),
        ("policy_version", world.policy_v1.pk),
        ("policy_acknowledgements", world.policy_v1.pk),
        ("policy_comments", world.policy_v2.pk),
        ("policy_respond", world.policy_comment.pk),
        ("policies_manage", world.setting.pk),
    ):
        assert other.get(url(name, pk)).status_code == 404, name
    assert other.post(url("policy_remind", world.policy_v1.pk)).status_code == 404
    assert other.post(url("policy_adopt", world.policy_v2.pk), {"close_early": "on"}).status_code == 404
    # a practitioner does not keep the library
    practitioner = as_user(world.key_person_a)
    assert practitioner.get(url("policies_manage", world.setting.pk)).status_code == 404
    assert practitioner.get(url("policy_comments", world.policy_v2.pk)).status_code == 404
    assert practitioner.post(url("policy_acknowledge", world.policy_v2.pk)).status_code == 404  # not in force


def test_the_menu_entry_is_for_families_and_staff(world: Any, as_user: Any) -> None:
    entry = f'<a href="{url("policies")}"'
    for persona in ("parent_a", "parent_b_no_pr", "volunteer", "manager"):
        assert entry in text(as_user(world[persona]).get(reverse("people:home"))), persona
    for persona in ("nobody", "owner", "restricted_parent"):
        assert entry not in text(as_user(world[persona]).get(reverse("people:home"))), persona


def test_other_parents_never_see_a_parents_comment(world: Any, as_user: Any) -> None:
    page = text(as_user(world.parent_a).get(url("policy_version", world.policy_v2.pk)))
    assert "Who can see the records?" in page and "We have not answered yet." in page
    page = text(as_user(world.parent_b_no_pr).get(url("policy_version", world.policy_v2.pk)))
    assert "Who can see the records?" not in page
    page = text(as_user(world.deputy).get(url("policy_comments", world.policy_v2.pk)))
    assert "Who can see the records?" in page


def test_a_closed_review_takes_no_more_comments(world: Any, as_user: Any) -> None:
    PolicyVersion.objects.filter(pk=world.policy_v2.pk).update(review_closes_on=timezone.localdate() - dt.timedelta(1))
    parent = as_user(world.parent_b_no_pr)
    page = text(parent.get(url("policy_version", world.policy_v2.pk)))
    assert "The comment period closed on" in page and "Send my comment" not in page
    response = parent.post(url("policy_comment", world.policy_v2.pk), {"body": "Late thoughts."})
    assert response.status_code == 400 and "it is too late to comment" in text(response)
    assert not PolicyComment.objects.filter(body="Late thoughts.").exists()


def test_acknowledging_twice_from_the_page_is_harmless(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)  # she acknowledged version 1 in the world already
    response = client.post(url("policy_acknowledge", world.policy_v1.pk), follow=True)
    assert response.status_code == 200 and "You confirmed on" in text(response)
    assert Acknowledgement.objects.filter(version=world.policy_v1, user=world.parent_a).count() == 1


# --- what changed -------------------------------------------------------------------------------------------


def test_the_comparison_page_escapes_the_policy_text(world: Any, as_user: Any) -> None:
    PolicyVersion.objects.filter(pk=world.policy_v2.pk).update(
        body=world.policy_v2.body + '\n<script>alert("policy")</script> <b>bold</b> & more'
    )
    client = as_user(world.parent_b_no_pr)
    for name in ("policy_changes", "policy_version"):
        page = text(client.get(url(name, world.policy_v2.pk)))
        assert "<script>alert" not in page and "<b>bold</b>" not in page, name
        assert "&lt;script&gt;alert(&quot;policy&quot;)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; more" in page
    page = text(client.get(url("policy_changes", world.policy_v2.pk) + f"?against={world.policy_v1.pk}"))
    assert "From version 1 to version 2" in page and "<del>" in page
    # a version the parent may not read is not a choice: back to the one before
    page = text(client.get(url("policy_changes", world.policy_v2.pk) + f"?against={world.staff_policy_v1.pk}"))
    assert "From version 1 to version 2" in page


# --- the hub ----------------------------------------------------------------------------------------------


def test_the_hub_section(world: Any, as_user: Any) -> None:
    html = render_to_string("voice/policies/_hub.html", {"items": selectors.hub_items(world.parent_b_no_pr)})
    assert "Confidentiality and client access to records: tell us what you think" in html
    assert "Confidentiality and client access to records: please read and confirm" in html
    try:
        hub = reverse("voice:hub", args=[world.setting.pk])
    except NoReverseMatch:
        return  # the hub page is another feature's
    page = text(as_user(world.parent_b_no_pr).get(hub))
    assert "Policies to read" in page and "please read and confirm" in page


# --- lists do not grow in queries ----------------------------------------------------------------------------


def test_list_pages_query_counts_stay_flat(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(30):
        child = ChildFactory(setting=world.setting, room=world.room_1)
        user: Any = UserFactory(email=f"family{n}@family.example.org", first_name="Fam", last_name=f"Ily{n:02}")
        ChildAdultFactory(child=child, adult=AdultFactory(setting=world.setting, user=user, email=user.email))
        SettingMembershipFactory(setting=world.setting, role="volunteer", title="Student on placement")
        if n % 2:
            Acknowledgement.objects.create(version=world.policy_v1, user=user, acknowledged_as="parent")
        policy = Policy.objects.create(setting=world.setting, title=f"Policy {n:02}", category=f"Category {n % 4}")
        PolicyVersion.objects.create(
            policy=policy, number=1, body="Text", status=Status.ADOPTED, adopted_at=timezone.now()
        )
    manager = as_user(world.manager)
    for page_url in (
        url("policy_acknowledgements", world.policy_v1.pk),
        url("policy_acknowledgements", world.policy_v1.pk) + "?group=staff",
        url("policies_manage", world.setting.pk),
        url("policies"),
        url("policy_manage", world.policy.pk),
        url("policy_comments", world.policy_v2.pk),
    ):
        manager.get(page_url)
        with django_assert_max_num_queries(22):
            response = manager.get(page_url)
        assert response.status_code == 200, page_url
    page = text(manager.get(url("policy_acknowledgements", world.policy_v1.pk)))
    assert "16 of 32</span> parents and carers" in page and "Page 1 of 2" in page
    parent = as_user(world.parent_b_no_pr)
    parent.get(url("policies"))
    with django_assert_max_num_queries(16):
        assert parent.get(url("policies")).status_code == 200


def test_the_manager_list_marks_policies_due_for_review(world: Any, as_user: Any) -> None:
    PolicyVersion.objects.filter(pk=world.policy_v1.pk).update(next_review_on=timezone.localdate() - dt.timedelta(1))
    PolicyVersion.objects.filter(pk=world.staff_policy_v1.pk).update(
        next_review_on=timezone.localdate() + dt.timedelta(10)
    )
    page = text(as_user(world.manager).get(url("policies_manage", world.setting.pk)))
    assert "Review overdue" in page and "Due for review" in page
    assert "Version 2: open for comments until" in page and "Version 1: draft" in page
    page = text(as_user(world.manager).get(url("policy_manage", world.policy.pk)))
    assert "Review overdue" in page and "Take it back to change it" in page
