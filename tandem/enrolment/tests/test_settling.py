"""Settling in (R12): the plan agreed with the family, its visits, the log parents read and answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import PERSONAS, login
from tandem.core.access import can
from tandem.core.models import AuditEvent
from tandem.enrolment.actions.settling import SETTLING_LOG, SETTLING_PLAN, SETTLING_REPLY, SETTLING_VIEW
from tandem.enrolment.models import SettlingLogEntry, SettlingPlan, SettlingReply, SettlingVisit
from tandem.enrolment.services import settling as services
from tandem.factories import AdultFactory

pytestmark = pytest.mark.django_db

REFUSED = (Http404, PermissionDenied)
MONDAY = dt.date(2025, 9, 1)
Status = SettlingPlan.Status


def url(name: str, child: Any, *more: int) -> str:
    return reverse(f"enrolment:{name}", args=[child.pk, *more])


def text_of(response: Any) -> str:
    return response.content.decode()


def make_plan(world: Any, **extra: Any) -> SettlingPlan:
    fields = {
        "status": Status.AGREED,
        "arrangements": "Mum stays for the **first** visit.",
        "agreed_with": [world.adult_a],
        "first_visit": MONDAY,
        "start_date": MONDAY + dt.timedelta(days=7),
        "review_date": MONDAY + dt.timedelta(days=28),
    } | extra
    return services.save_plan(actor=world.key_person_a, child=world.child_a, version=0, **fields)


def make_entry(world: Any, text: str = "Amelia played in the sand for 20 minutes and waved goodbye to Mum.") -> Any:
    return services.add_entry(actor=world.key_person_a, child=world.child_a, text=text)


# --- the plan ---------------------------------------------------------------------------------


def test_key_person_makes_and_agrees_the_plan(world: Any, committed: Any) -> None:
    with committed():
        plan = make_plan(world)
    plan.refresh_from_db()
    assert plan.version == 1
    assert plan.status == Status.AGREED
    assert plan.agreed_on == timezone.localdate()  # agreed today when no date is given
    assert list(plan.agreed_with.all()) == [world.adult_a]
    assert plan.created_by == world.key_person_a
    event = AuditEvent.objects.get(event="enrolment.settling_plan.created")
    assert (event.actor_id, event.setting_id, event.object_id) == (world.key_person_a.pk, world.setting.pk, plan.pk)
    assert plan.history.count() >= 1


def test_a_draft_needs_no_one_to_have_agreed(world: Any) -> None:
    plan = make_plan(world, status=Status.DRAFT, agreed_with=[])
    assert plan.agreed_on is None


def test_agreeing_needs_the_adults_it_was_agreed_with(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make_plan(world, agreed_with=[])
    assert "agreed_with" in caught.value.error_dict
    assert not SettlingPlan.objects.exists()


@pytest.mark.parametrize("who", ["restricted_adult", "adult_b", "stranger"])
def test_a_plan_is_agreed_only_with_adults_of_the_child_who_are_not_restricted(world: Any, who: str) -> None:
    adult = AdultFactory(setting=world.setting) if who == "stranger" else world[who]
    with pytest.raises(ValidationError):
        make_plan(world, agreed_with=[world.adult_a, adult])
    assert not SettlingPlan.objects.exists()


def test_dates_must_follow_the_first_visit(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        make_plan(world, start_date=MONDAY - dt.timedelta(days=1), review_date=MONDAY - dt.timedelta(days=2))
    assert {"start_date", "review_date"} <= set(caught.value.error_dict)


def test_two_people_changing_the_plan_at_once_never_lose_a_change(world: Any) -> None:
    make_plan(world)
    services.save_plan(
        actor=world.manager, child=world.child_a, version=1, status=Status.IN_PROGRESS, agreed_with=[world.adult_a]
    )
    with pytest.raises(ValidationError) as caught:
        services.save_plan(actor=world.key_person_a, child=world.child_a, version=1, status=Status.DRAFT)
    assert caught.value.code == services.CONFLICT
    plan = SettlingPlan.objects.get()
    assert (plan.version, plan.status, plan.updated_by) == (2, Status.IN_PROGRESS, world.manager)
    with pytest.raises(ValidationError):
        services.save_plan(actor=world.manager, child=world.child_a, version=0, status=Status.DRAFT)  # a second "first"


@pytest.mark.parametrize(
    "persona", ["parent_a", "restricted_parent", "room_practitioner", "senco", "dsl", "administrator", "other_manager"]
)
def test_only_the_key_person_and_managers_make_the_plan(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        services.save_plan(actor=world[persona], child=world.child_a, version=0, status=Status.DRAFT)
    assert not SettlingPlan.objects.exists()


def test_completing_the_review(world: Any, committed: Any) -> None:
    make_plan(world)
    with pytest.raises(ValidationError):
        services.complete_review(actor=world.manager, child=world.child_a, version=1, review_notes="  ")
    with committed():
        plan = services.complete_review(
            actor=world.manager, child=world.child_a, version=1, review_notes="Amelia has settled **well**."
        )
    assert plan.status == Status.COMPLETE
    assert plan.completed_at is not None
    assert AuditEvent.objects.filter(event="enrolment.settling_plan.completed").count() == 1
    # reopening keeps the review on record and clears the completion
    plan = services.save_plan(
        actor=world.key_person_a,
        child=world.child_a,
        version=2,
        status=Status.IN_PROGRESS,
        agreed_with=[world.adult_a],
        first_visit=MONDAY,
    )
    assert (plan.status, plan.completed_at, plan.review_notes) == (
        Status.IN_PROGRESS,
        None,
        "Amelia has settled **well**.",
    )


def test_a_review_needs_a_plan_and_a_plan_form_cannot_complete_it(world: Any) -> None:
    with pytest.raises(ValidationError):
        services.complete_review(actor=world.manager, child=world.child_a, version=0, review_notes="Fine")
    with pytest.raises(ValidationError) as caught:
        make_plan(world, status=Status.COMPLETE)
    assert "status" in caught.value.error_dict


# --- visits -----------------------------------------------------------------------------------


def test_visits_belong_to_the_plan(world: Any, committed: Any) -> None:
    with pytest.raises(ValidationError):
        services.save_visit(actor=world.key_person_a, child=world.child_a, date=MONDAY, duration_minutes=60)
    make_plan(world)
    with committed():
        visit = services.save_visit(
            actor=world.key_person_a, child=world.child_a, date=MONDAY, duration_minutes=90, parent_present=True
        )
    assert visit.duration_text == "1 hour 30 minutes"
    assert AuditEvent.objects.filter(event="enrolment.settling_visit.created").count() == 1
    for minutes in (0, 4, 601):
        with pytest.raises(ValidationError):
            services.save_visit(actor=world.key_person_a, child=world.child_a, date=MONDAY, duration_minutes=minutes)
    with committed():
        services.delete_visit(actor=world.manager, child=world.child_a, visit=visit)
    assert not SettlingVisit.objects.exists()
    assert AuditEvent.objects.filter(event="enrolment.settling_visit.deleted").count() == 1


def test_a_visit_of_another_childs_plan_is_refused(world: Any) -> None:
    make_plan(world)
    visit = services.save_visit(actor=world.manager, child=world.child_a, date=MONDAY, duration_minutes=60)
    services.save_plan(actor=world.manager, child=world.child_b, version=0, status=Status.DRAFT)
    with pytest.raises(ValidationError):
        services.save_visit(actor=world.manager, child=world.child_b, visit=visit, date=MONDAY, duration_minutes=30)
    with pytest.raises(ValidationError):
        services.delete_visit(actor=world.manager, child=world.child_b, visit=visit)
    assert SettlingVisit.objects.get().duration_minutes == 60


# --- the log and replies ----------------------------------------------------------------------


def test_room_practitioner_writes_a_note_and_parents_may_not(world: Any, committed: Any) -> None:
    with committed():
        entry = services.add_entry(actor=world.room_practitioner, child=world.child_a, text="Painted a sun.")
    assert entry.author == world.room_practitioner
    assert AuditEvent.objects.filter(event="enrolment.settling_entry.created").count() == 1
    for persona in ("parent_a", "volunteer", "administrator", "other_practitioner", "other_manager"):
        with pytest.raises(REFUSED):
            services.add_entry(actor=world[persona], child=world.child_a, text="Hello")
    with pytest.raises(ValidationError):
        services.add_entry(actor=world.key_person_a, child=world.child_a, text="   ")
    assert SettlingLogEntry.objects.count() == 1


def test_a_parent_reply_emails_the_key_person_without_the_words(world: Any, committed: Any) -> None:
    entry = make_entry(world)
    with committed():
        reply = services.add_reply(actor=world.parent_a, entry=entry, text="She talked about the sand all evening!")
    assert reply.author == world.parent_a
    assert AuditEvent.objects.filter(event="enrolment.settling_reply.created", actor_id=world.parent_a.pk).exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.key_person_a.email]
    assert "Amelia" not in message.subject  # no child's name in a subject line
    assert url("settling", world.child_a) in message.body
    assert "sand all evening" not in message.body


def test_no_email_before_commit_nor_without_a_key_person(world: Any, committed: Any) -> None:
    entry = make_entry(world)
    services.add_reply(actor=world.parent_a, entry=entry, text="Thanks")
    assert mail.outbox == []  # never committed: nothing sent
    other = services.add_entry(actor=world.manager, child=world.child_b, text="Barnaby built a tower.")
    with committed():
        services.add_reply(actor=world.parent_b_no_pr, entry=other, text="He loves towers")
    assert mail.outbox == []  # Barnaby has no key person


@pytest.mark.parametrize("persona", ["restricted_parent", "key_person_a", "manager", "parent_b_no_pr", "nobody"])
def test_only_the_family_replies(world: Any, persona: str) -> None:
    entry = make_entry(world)
    with pytest.raises(REFUSED):
        services.add_reply(actor=world[persona], entry=entry, text="Hello")
    assert not SettlingReply.objects.exists()


def test_a_step_parent_without_parental_responsibility_may_reply(world: Any) -> None:
    entry = services.add_entry(actor=world.manager, child=world.child_b, text="Barnaby built a tower.")
    assert services.add_reply(actor=world.parent_b_no_pr, entry=entry, text="Brilliant").pk


def test_who_may_change_may_see(world: Any) -> None:
    for persona in PERSONAS:
        for key in ("child_a", "child_b", "other_child"):
            for action in (SETTLING_PLAN, SETTLING_LOG, SETTLING_REPLY):
                if can(world[persona], action, world[key]):
                    assert can(world[persona], SETTLING_VIEW, world[key]), (persona, key, action.name)


# --- the pages --------------------------------------------------------------------------------


def test_parent_sees_plan_visits_notes_and_replies_with_a_reply_form(world: Any, client: Any) -> None:
    make_plan(world)
    services.save_visit(
        actor=world.key_person_a, child=world.child_a, date=MONDAY, duration_minutes=60, notes="Meet Keira"
    )
    entry = make_entry(world)
    services.add_reply(actor=world.parent_a, entry=entry, text="Thank you, Keira")
    login(client, world.parent_a)
    response = client.get(url("settling", world.child_a))
    assert response.status_code == 200
    body = text_of(response)
    assert "<strong>first</strong>" in body  # the arrangements, as Markdown
    assert "Penny Parentish" in body  # agreed with
    assert "Meet Keira" in body and "1 hour" in body
    assert "waved goodbye to Mum" in body
    assert "Thank you, Keira" in body
    assert url("settling_reply", world.child_a, entry.pk) in body
    # none of the staff's forms
    for name in ("settling_plan", "settling_review", "settling_visit_add", "settling_entry_add"):
        assert url(name, world.child_a) not in body


def test_staff_see_their_forms_and_no_reply_form(world: Any, client: Any) -> None:
    make_plan(world)
    entry = make_entry(world)
    login(client, world.key_person_a)
    body = text_of(client.get(url("settling", world.child_a)))
    for name in ("settling_plan", "settling_review", "settling_visit_add", "settling_entry_add"):
        assert url(name, world.child_a) in body
    assert url("settling_reply", world.child_a, entry.pk) not in body
    login(client, world.room_practitioner)
    body = text_of(client.get(url("settling", world.child_a)))
    assert url("settling_entry_add", world.child_a) in body
    assert url("settling_plan", world.child_a) not in body
    assert client.get(url("settling_plan", world.child_a)).status_code == 404


def test_parent_replies_through_the_page(world: Any, client: Any) -> None:
    entry = make_entry(world)
    login(client, world.parent_a)
    response = client.post(url("settling_reply", world.child_a, entry.pk), {"text": "She loved it"})
    assert response.status_code == 302
    assert response["Location"] == url("settling", world.child_a) + f"#entry-{entry.pk}"
    assert SettlingReply.objects.get().text == "She loved it"
    empty = client.post(url("settling_reply", world.child_a, entry.pk), {"text": "  "})
    assert empty.status_code == 200
    assert "Write your reply." in text_of(empty)
    assert SettlingReply.objects.count() == 1


def test_a_reply_to_another_childs_note_is_404(world: Any, client: Any) -> None:
    other = services.add_entry(actor=world.manager, child=world.child_b, text="Barnaby built a tower.")
    login(client, world.parent_a)
    assert client.post(url("settling_reply", world.child_a, other.pk), {"text": "Hi"}).status_code == 404
    assert client.get(url("settling_reply", world.child_a, 99999999999999999999)).status_code == 404
    assert not SettlingReply.objects.exists()


def test_staff_add_a_note_through_the_page(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    response = client.post(url("settling_entry_add", world.child_a), {"text": "Amelia fed the fish."})
    assert response.status_code == 302
    entry = SettlingLogEntry.objects.get()
    assert response["Location"].endswith(f"#entry-{entry.pk}")
    bad = client.post(url("settling_entry_add", world.child_a), {"text": ""})
    assert bad.status_code == 200
    assert "Write what happened" in text_of(bad)
    assert SettlingLogEntry.objects.count() == 1
    login(client, world.parent_a)
    assert client.post(url("settling_entry_add", world.child_a), {"text": "Me too"}).status_code == 404


def plan_post(world: Any, **extra: Any) -> dict[str, Any]:
    return {
        "version": "0",
        "status": "agreed",
        "arrangements": "Two short visits, then a morning.",
        "agreed_with": [str(world.adult_a.pk)],
        "agreed_on": "",
        "first_visit": "2025-09-01",
        "start_date": "2025-09-08",
        "review_date": "2025-10-06",
    } | extra


def test_manager_makes_the_plan_through_the_page(world: Any, client: Any) -> None:
    login(client, world.manager)
    form = client.get(url("settling_plan", world.child_a))
    assert form.status_code == 200
    body = text_of(form)
    assert "Penny Parentish" in body
    assert "Restrictham" not in body  # a restricted adult is never offered
    response = client.post(url("settling_plan", world.child_a), plan_post(world))
    assert response.status_code == 302
    plan = SettlingPlan.objects.get()
    assert (plan.status, plan.start_date) == (Status.AGREED, dt.date(2025, 9, 8))


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"first_visit": "31/02/2025"}, "Enter the first visit as a real date"),
        ({"start_date": "2025-08-01"}, "The first full session must be on or after the first visit."),
        ({"agreed_with": []}, "Choose who agreed the plan with you"),
        ({"status": "complete"}, "Choose where the plan is up to."),
        ({"agreed_with": ["999999"]}, "Choose only adults linked to this child."),
        ({"version": "x"}, "This form is out of date"),
    ],
)
def test_bad_plans_are_explained_and_write_nothing(world: Any, client: Any, bad: dict[str, Any], message: str) -> None:
    login(client, world.manager)
    response = client.post(url("settling_plan", world.child_a), plan_post(world, **bad))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not SettlingPlan.objects.exists()


def test_a_stale_plan_form_keeps_both_changes_visible_and_writes_nothing(world: Any, client: Any) -> None:
    make_plan(world)
    services.save_plan(
        actor=world.manager,
        child=world.child_a,
        version=1,
        status=Status.IN_PROGRESS,
        agreed_with=[world.adult_a],
        arrangements="Longer mornings from next week.",
    )
    login(client, world.key_person_a)
    response = client.post(url("settling_plan", world.child_a), plan_post(world, version="1", arrangements="Mine"))
    assert response.status_code == 200
    body = text_of(response)
    assert "Someone else changed this plan" in body
    assert "Longer mornings from next week." in body
    assert SettlingPlan.objects.get().arrangements == "Longer mornings from next week."
    assert response.context["form"].data["version"] == "2"


def test_review_and_visits_through_the_pages(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    # no plan yet: the visit and review pages send you to make one
    assert client.get(url("settling_visit_add", world.child_a))["Location"] == url("settling_plan", world.child_a)
    assert client.get(url("settling_review", world.child_a))["Location"] == url("settling_plan", world.child_a)
    make_plan(world)
    response = client.post(
        url("settling_visit_add", world.child_a), {"date": "2025-09-01", "duration_minutes": "45", "notes": "Meet"}
    )
    assert response.status_code == 302
    visit = SettlingVisit.objects.get()
    assert (visit.duration_minutes, visit.parent_present) == (45, False)
    bad = client.post(url("settling_visit_add", world.child_a), {"date": "2025-09-02", "duration_minutes": "1000"})
    assert "between 5 and 600" in text_of(bad)
    changed = client.post(
        url("settling_visit_edit", world.child_a, visit.pk),
        {"date": "2025-09-01", "duration_minutes": "60", "parent_present": "on"},
    )
    assert changed.status_code == 302
    visit.refresh_from_db()
    assert (visit.duration_minutes, visit.parent_present) == (60, True)
    assert client.get(url("settling_visit_delete", world.child_a, visit.pk)).status_code == 405
    assert client.post(url("settling_visit_delete", world.child_a, visit.pk)).status_code == 302
    assert not SettlingVisit.objects.exists()
    review = client.post(url("settling_review", world.child_a), {"version": "1", "review_notes": "Settled well."})
    assert review.status_code == 302
    assert SettlingPlan.objects.get().status == Status.COMPLETE
    page = text_of(client.get(url("settling", world.child_a)))
    assert "Settled well." in page and "Change the review" in page


@pytest.mark.parametrize(
    "persona",
    [
        "restricted_parent",
        "parent_b_no_pr",
        "volunteer",
        "other_practitioner",
        "administrator",
        "owner",
        "other_manager",
        "nobody",
    ],
)
def test_those_without_a_need_to_know_get_404(world: Any, client: Any, persona: str) -> None:
    make_plan(world)
    entry = make_entry(world)
    login(client, world[persona])
    for path in (
        url("settling", world.child_a),
        url("settling_plan", world.child_a),
        url("settling_entry_add", world.child_a),
        url("settling_reply", world.child_a, entry.pk),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "sand" not in text_of(response)


def test_link_on_parent_home_and_panel_on_the_record(world: Any, client: Any) -> None:
    make_plan(world)
    services.add_reply(actor=world.parent_a, entry=make_entry(world), text="Lovely")
    login(client, world.parent_a)
    assert url("settling", world.child_a) in text_of(client.get("/"))
    login(client, world.manager)
    record = text_of(client.get(world.child_a.get_absolute_url()))
    assert 'id="settling-panel-heading"' in record
    assert "Agreed with the family" in record
    assert "1 note, 1 reply" in record


def test_the_page_costs_the_same_however_many_notes_and_replies(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    make_plan(world)
    services.add_reply(actor=world.parent_a, entry=make_entry(world), text="Thanks")
    login(client, world.parent_a)
    client.get(url("settling", world.child_a))
    with django_assert_max_num_queries(30) as few:
        client.get(url("settling", world.child_a))
    for i in range(6):
        services.save_visit(actor=world.manager, child=world.child_a, date=MONDAY, duration_minutes=30 + i)
        entry = make_entry(world, f"Note {i}")
        for j in range(3):
            services.add_reply(actor=world.parent_a, entry=entry, text=f"Reply {i}.{j}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("settling", world.child_a))
    assert "Reply 5.2" in text_of(response)


# --- the demo ---------------------------------------------------------------------------------


def test_demo_settling_and_all_about_me_are_idempotent_and_tell_the_story(client: Any) -> None:
    from tandem.enrolment.demo import aboutme as aboutme_demo
    from tandem.enrolment.demo import settling as settling_demo
    from tandem.enrolment.models import AllAboutMe
    from tandem.people.management.commands import seed_demo
    from tandem.people.models import Child

    loader = seed_demo.Loader()
    loader.run()
    models = [AllAboutMe, SettlingPlan, SettlingVisit, SettlingLogEntry, SettlingReply, AllAboutMe.history.model]

    def counts() -> list[int]:
        return [m._default_manager.count() for m in models]

    for module in (aboutme_demo, settling_demo):
        module.seed(setting=loader.setting)
    first = counts()
    for module in (aboutme_demo, settling_demo):
        module.seed(setting=loader.setting)
    assert counts() == first
    assert first[:5] == [5, 3, 8, 7, 2]

    alfie = Child.objects.get(first_name="Alfred", last_name="Morgan")
    assert not AllAboutMe.objects.filter(child=alfie).exists()  # left for the demo parent to fill in
    emma = seed_demo.User.objects.get(email=seed_demo.PARENT_EMAIL)
    login(client, emma)
    page = text_of(client.get(url("settling", alfie)))
    assert "first full day" in page
    assert "He was full of the fish" in page  # Emma's reply
    latest = SettlingLogEntry.objects.filter(child=alfie).order_by("-at").first()
    assert latest is not None and not latest.replies.exists()  # one waiting for her reply
    assert url("settling_reply", alfie, latest.pk) in page
    jayden = SettlingPlan.objects.get(child__first_name="Jayden")
    assert jayden.status == Status.COMPLETE and jayden.agreed_with.count() == 2
