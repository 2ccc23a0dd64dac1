"""A child's move to school (R55): the services' rules (who, validation, stale edits, agreement
required again after a change, notifications), the staff and family pages, and query counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact
from tandem.comms.models import Notification
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import ChildFactory
from tandem.records.models import ReportFeedback, Transition, TransitionMeeting, TransitionReport
from tandem.records.selectors import transition as selectors
from tandem.records.services import transition as services

Status = TransitionReport.Status


def errors_of(call: Any) -> Any:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def refresh(*objs: Any) -> None:
    for obj in objs:
        obj.refresh_from_db()


def sent(world: Any) -> TransitionReport:
    return services.send_report(actor=world.key_person_a, report=world.report)


# --- school age and the lists ---------------------------------------------------------------------


def test_reception_age_is_from_september_to_august() -> None:
    assert selectors.next_september(dt.date(2026, 3, 1)) == dt.date(2026, 9, 1)
    assert selectors.next_september(dt.date(2026, 9, 1)) == dt.date(2027, 9, 1)
    assert selectors.reception_births(dt.date(2026, 3, 1)) == (dt.date(2021, 9, 1), dt.date(2022, 8, 31))


def test_children_who_may_need_a_transition(world: Any) -> None:
    born_from, born_to = selectors.reception_births()
    due = ChildFactory(setting=world.setting, room=world.room_1, date_of_birth=born_to, first_name="Due")
    young = ChildFactory(setting=world.setting, room=world.room_1, date_of_birth=born_to + dt.timedelta(days=1))
    leaving = ChildFactory(
        setting=world.setting,
        room=world.room_1,
        date_of_birth=born_to + dt.timedelta(days=300),
        leaving_date=timezone.localdate() + dt.timedelta(days=30),
    )
    world.child_b.date_of_birth = born_from
    world.child_b.save()
    found = set(selectors.candidates_for(world.manager, world.setting))
    assert {due, leaving, world.child_b} <= found and young not in found and world.child_a not in found
    assert world.child_b not in set(selectors.candidates_for(world.key_person_a, world.setting))  # not her key child


# --- starting and changing a transition -----------------------------------------------------------


def test_start_a_transition_with_a_teacher_of_that_school(world: Any, committed: Any) -> None:
    with committed():
        made = services.start_transition(
            actor=world.manager, child=world.child_b, school=world.school, teacher=world.school_teacher
        )
    assert made.setting == world.setting and made.status == Transition.Status.PLANNING
    assert AuditEvent.objects.filter(event="records.transition.started", object_id=made.pk).exists()
    again = errors_of(lambda: services.start_transition(actor=world.manager, child=world.child_b, school=world.school))
    assert again.messages == ["Barnaby already has a transition to school."]


def test_the_school_and_teacher_must_be_the_settings(world: Any) -> None:
    other = AgencyContact.objects.create(agency=world.other_school, name="X", email="x@x.example.org")
    error = errors_of(
        lambda: services.start_transition(actor=world.manager, child=world.child_b, school=world.school, teacher=other)
    )
    assert error.message_dict == {"teacher": ["Choose a contact at the school you chose."]}
    error = errors_of(lambda: services.start_transition(actor=world.manager, child=world.child_b, school=world.agency))
    assert error.message_dict == {"school": ["Choose a school from the setting's list of schools."]}
    error = errors_of(
        lambda: services.start_transition(actor=world.manager, child=world.child_b, school=world.other_school)
    )
    assert "school" in error.message_dict
    with pytest.raises(Http404):
        services.start_transition(actor=world.administrator, child=world.child_b, school=world.school)
    with pytest.raises(Http404):
        services.start_transition(actor=world.key_person_a, child=world.child_b, school=world.school)


def test_update_a_transition(world: Any) -> None:
    when = timezone.localdate() + dt.timedelta(days=100)
    services.update_transition(
        actor=world.key_person_a, transition=world.transition, school=world.school, teacher=None, starts_on=when
    )
    refresh(world.transition)
    assert world.transition.teacher is None and world.transition.starts_on == when
    with pytest.raises(Http404):
        services.update_transition(actor=world.room_practitioner, transition=world.transition, school=world.school)


# --- the report ---------------------------------------------------------------------------------


def test_write_the_report_from_the_journal(world: Any) -> None:
    from tandem.enrolment.models import AllAboutMe
    from tandem.journal.models import Area, NextStep, Summary, SummaryArea

    child = world.child_b
    transition = Transition.objects.create(setting=world.setting, child=child, school=world.school)
    summary = Summary.objects.create(
        child=child,
        title="Spring",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 3, 31),
        status=Summary.Status.SHARED,
        overview="Barnaby concentrates for a long time.",
        parents_views="He loves trains at home.",
    )
    for code, text in (("PSED", "Plays with friends."), ("CL", "Talks a lot."), ("L", "Knows his name."), ("M", "")):
        SummaryArea.objects.create(summary=summary, area=Area.objects.get(code=code), text=text)
    Summary.objects.create(  # a draft is never used
        child=child, title="Draft", period_start=dt.date(2026, 4, 1), period_end=dt.date(2026, 6, 1), overview="No"
    )
    NextStep.objects.create(child=child, text="Put on his coat.", status=NextStep.Status.OPEN)
    NextStep.objects.create(child=child, text="Done already.", status=NextStep.Status.ACHIEVED)
    AllAboutMe.objects.create(child=child, interests="Trains and diggers.", comfort="His blue blanket.")

    report = services.write_report(actor=world.manager, transition=transition)
    assert report.status == Status.DRAFT and report.version == 1
    assert report.personal_social == "Plays with friends." and report.communication == "Talks a lot."
    assert report.physical == "" and report.specific_areas == "Literacy: Knows his name."
    assert report.learning_characteristics == "Barnaby concentrates for a long time."
    assert report.next_steps == "- Put on his coat."
    assert report.about_me == "Trains and diggers."
    assert "His blue blanket." in report.support and "He loves trains at home." in report.support
    # writing again keeps what is there
    report.about_me = "Changed"
    report.save()
    assert services.write_report(actor=world.manager, transition=transition).about_me == "Changed"


def test_report_sections_for_the_transfer(world: Any) -> None:
    world.report.family_contribution = "Our girl is brave."
    labels = [label for label, _ in selectors.report_sections(world.report)]
    assert labels == ["Who I am and what I enjoy", "Communication and language", "Next steps", "The family's own words"]


def test_a_stale_edit_is_refused(world: Any) -> None:
    seen = selectors.stamp(world.report)
    services.update_report(actor=world.manager, report=world.report, seen=seen, about_me="First")
    error = errors_of(
        lambda: services.update_report(actor=world.key_person_a, report=world.report, seen=seen, about_me="Second")
    )
    assert error.messages == [services.STALE]
    refresh(world.report)
    assert world.report.about_me == "First" and world.report.version == 1  # a draft keeps its version


def test_send_agree_and_a_change_after_agreement_must_be_agreed_again(world: Any, committed: Any) -> None:
    with committed():
        sent(world)
    refresh(world.report, world.transition)
    assert world.report.status == Status.WITH_FAMILY and world.report.sent_to_family_at
    assert world.transition.status == Transition.Status.WITH_FAMILY
    told = Notification.objects.get(kind=services.SENT_KIND)
    assert told.recipient == world.parent_a  # parental responsibility, not the restricted parent
    assert told.url == reverse("records:starting_school", args=[world.child_a.pk])

    with committed():
        services.add_family_words(actor=world.parent_a, report=world.report, text="She is brave.")
        services.agree_report(actor=world.parent_a, report=world.report, version=1)
    refresh(world.report, world.transition)
    assert world.report.is_agreed and world.report.agreed_by == world.adult_a
    assert world.report.family_contribution_by == world.adult_a
    assert world.transition.status == Transition.Status.AGREED
    assert Notification.objects.get(kind=services.AGREED_KIND).recipient == world.key_person_a

    services.update_report(
        actor=world.key_person_a,
        report=world.report,
        seen=selectors.stamp(world.report),
        **{n: getattr(world.report, n) for n in TransitionReport.SECTIONS} | {"physical": "Runs fast."},
    )
    refresh(world.report, world.transition)
    assert (world.report.version, world.report.status, world.report.is_agreed) == (2, Status.DRAFT, False)
    assert world.transition.status == Transition.Status.PLANNING
    sent(world)
    refresh(world.report)
    error = errors_of(lambda: services.agree_report(actor=world.parent_a, report=world.report, version=1))
    assert error.messages == ["The report changed since you opened it. Read it again, then agree it."]
    services.agree_report(actor=world.parent_a, report=world.report, version=2)
    refresh(world.report)
    assert world.report.agreed_version == 2


def test_an_unchanged_save_makes_no_new_version(world: Any) -> None:
    sent(world)
    refresh(world.report)
    fields = {n: getattr(world.report, n) for n in TransitionReport.SECTIONS}
    services.update_report(actor=world.manager, report=world.report, seen=selectors.stamp(world.report), **fields)
    refresh(world.report)
    assert (world.report.version, world.report.status) == (1, Status.WITH_FAMILY)


def test_only_the_family_with_pr_answers_and_only_once_sent(world: Any) -> None:
    error = errors_of(lambda: services.agree_report(actor=world.parent_a, report=world.report, version=1))
    assert error.messages == ["The report is not with you to read at the moment."]
    sent(world)
    refresh(world.report)
    for persona in ("restricted_parent", "parent_b_no_pr", "key_person_a", "manager"):
        with pytest.raises(Http404):
            services.agree_report(actor=world[persona], report=world.report, version=1)
    assert errors_of(
        lambda: services.add_family_words(actor=world.parent_a, report=world.report, text=" ")
    ).message_dict == {"text": ["Write your own words about your child."]}
    with pytest.raises(Http404):
        sent_report = world.report
        services.send_report(actor=world.administrator, report=sent_report)


def test_the_family_asks_for_a_change_and_staff_answer(world: Any, committed: Any) -> None:
    sent(world)
    refresh(world.report)
    with committed():
        feedback = services.ask_for_change(actor=world.parent_a, report=world.report, text="She is 4, not 3.")
    assert feedback.version == 1 and feedback.adult == world.adult_a
    assert Notification.objects.get(kind=services.FEEDBACK_KIND).recipient == world.key_person_a
    services.answer_feedback(actor=world.manager, feedback=feedback)
    refresh(feedback)
    assert feedback.answered_at is not None
    with pytest.raises(Http404):
        services.answer_feedback(actor=world.parent_a, feedback=feedback)


def test_an_empty_report_is_not_sent(world: Any) -> None:
    TransitionReport.objects.filter(pk=world.other_report.pk).update(about_me="")
    report = TransitionReport.objects.get(pk=world.other_report.pk)
    error = errors_of(lambda: services.send_report(actor=world.other_manager, report=report))
    assert error.messages == ["Write the report before you send it to the family."]


# --- meetings -------------------------------------------------------------------------------------


def test_meetings_are_added_changed_and_deleted_by_staff(world: Any, committed: Any) -> None:
    at = timezone.now() + dt.timedelta(days=3)
    with committed():
        meeting = services.add_meeting(
            actor=world.key_person_a, transition=world.transition, kind="school_visit", at=at, with_whom="Ms T"
        )
    errors = errors_of(
        lambda: services.add_meeting(actor=world.key_person_a, transition=world.transition, kind="", at=None)
    ).message_dict
    assert set(errors) == {"kind", "at", "with_whom"}
    services.update_meeting(
        actor=world.dsl, meeting=meeting, kind="meeting", at=at, with_whom="Ms T", shared_with_family=False
    )
    refresh(meeting)
    assert meeting.kind == "meeting" and not meeting.shared_with_family
    with pytest.raises(Http404):
        services.delete_meeting(actor=world.other_practitioner, meeting=meeting)
    services.delete_meeting(actor=world.manager, meeting=meeting)
    assert not TransitionMeeting.objects.filter(pk=meeting.pk).exists()


# --- pages ----------------------------------------------------------------------------------------


def test_the_staff_pages(world: Any, as_user: Any) -> None:
    client = as_user(world.key_person_a)
    listing = client.get(reverse("records:transitions", args=[world.setting.pk]))
    assert listing.status_code == 200 and "Amelia" in listing.content.decode()
    assert client.get(reverse("records:child_transition", args=[world.child_a.pk]))["Location"] == reverse(
        "records:transition", args=[world.transition.pk]
    )
    page = client.get(reverse("records:transition", args=[world.transition.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Tamsin Teachwell" in text and "mud kitchen" in text
    assert "Send to the family" in text and world.transition_meeting.notes in text
    # the report form, with a stale stamp
    address = reverse("records:transition_report", args=[world.transition.pk])
    assert client.get(address).status_code == 200
    bad = client.post(address, {"seen": "1-0", "about_me": "New"})
    assert bad.status_code == 400 and "Someone else changed the report" in bad.content.decode()
    good = client.post(address, {"seen": bad.context["form"].data["seen"], "about_me": "New"})
    assert good.status_code == 302
    assert client.post(reverse("records:transition_report_send", args=[world.transition.pk])).status_code == 302
    refresh(world.report)
    assert world.report.status == Status.WITH_FAMILY and world.report.about_me == "New"


@pytest.mark.parametrize(
    "persona", ["other_practitioner", "administrator", "volunteer", "owner", "parent_a", "other_manager"]
)
def test_other_people_do_not_reach_the_staff_pages(world: Any, as_user: Any, persona: str) -> None:
    client = as_user(world[persona])
    for name, pk in (("transition", world.transition.pk), ("child_transition", world.child_a.pk)):
        assert client.get(reverse(f"records:{name}", args=[pk])).status_code == 404
    assert client.get(reverse("records:transitions", args=[world.setting.pk])).status_code == 404


def test_starting_a_transition_through_the_page(world: Any, as_user: Any) -> None:
    client = as_user(world.manager)
    address = reverse("records:child_transition", args=[world.child_b.pk])
    assert client.get(address).status_code == 200
    bad = client.post(address, {"school": world.other_school.pk})
    assert bad.status_code == 400 and "Choose a school from the list." in bad.content.decode()
    wrong = client.post(address, {"school": world.school.pk, "teacher": world.school_teacher.pk + 1000})
    assert wrong.status_code == 400
    made = client.post(address, {"school": world.school.pk, "teacher": world.school_dsl.pk, "starts_on": ""})
    assert made.status_code == 302 and Transition.objects.get(child=world.child_b).teacher == world.school_dsl


def test_the_family_page_reads_adds_and_agrees(world: Any, as_user: Any) -> None:
    client = as_user(world.parent_a)
    address = reverse("records:starting_school", args=[world.child_a.pk])
    page = client.get(address)
    assert page.status_code == 200 and "has not sent you the report yet" in page.content.decode()
    assert "mud kitchen" not in page.content.decode()  # a draft
    assert world.transition_meeting.notes in page.content.decode()  # shared
    sent(world)
    page = client.get(address)
    assert "mud kitchen" in page.content.decode() and "I agree with this report" in page.content.decode()
    assert (
        client.post(reverse("records:starting_school_words", args=[world.child_a.pk]), {"words-text": ""}).status_code
        == 400
    )
    assert (
        client.post(
            reverse("records:starting_school_words", args=[world.child_a.pk]), {"words-text": "Brave"}
        ).status_code
        == 302
    )
    stale = client.post(
        reverse("records:starting_school_agree", args=[world.child_a.pk]), {"version": "7"}, follow=True
    )
    assert "The report changed since you opened it" in stale.content.decode()
    client.post(reverse("records:starting_school_agree", args=[world.child_a.pk]), {"version": "1"})
    refresh(world.report)
    assert world.report.is_agreed and world.report.family_contribution == "Brave"
    assert (
        client.post(
            reverse("records:starting_school_change", args=[world.child_a.pk]), {"change-text": "x"}
        ).status_code
        == 302
    )
    assert ReportFeedback.objects.filter(report=world.report).count() == 1


@pytest.mark.parametrize("persona", ["parent_b_no_pr", "restricted_parent", "other_manager", "key_person_a"])
def test_others_do_not_reach_the_family_page(world: Any, as_user: Any, persona: str) -> None:
    client = as_user(world[persona])
    assert client.get(reverse("records:starting_school", args=[world.child_a.pk])).status_code == 404
    assert (
        client.post(reverse("records:starting_school_agree", args=[world.child_a.pk]), {"version": 1}).status_code
        == 404
    )


# --- query counts ---------------------------------------------------------------------------------


def many_leavers(world: Any, n: int) -> None:
    born_from, _ = selectors.reception_births()
    teacher = AgencyContact.objects.create(agency=world.school, name="Extra", email="e@x.example.org")
    for i in range(n):
        child = ChildFactory(
            setting=world.setting, room=world.room_1, date_of_birth=born_from, key_person=world.key_person_a
        )
        transition = Transition.objects.create(setting=world.setting, child=child, school=world.school, teacher=teacher)
        TransitionReport.objects.create(transition=transition, about_me=f"Child {i}")
        ChildFactory(setting=world.setting, room=world.room_2, date_of_birth=born_from, key_person=world.key_person_a)
    Agency.objects.filter(pk=world.school.pk).update(name="Hollowfield Primary")


@pytest.mark.parametrize("persona", ["manager", "key_person_a"])
def test_the_leavers_list_does_not_grow_with_the_data(
    world: Any, client: Any, django_assert_max_num_queries: Any, persona: str
) -> None:
    login(client, world[persona])
    address = reverse("records:transitions", args=[world.setting.pk])
    client.get(address)
    with django_assert_max_num_queries(30) as few:
        assert client.get(address).status_code == 200
    many_leavers(world, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(address)
    assert page.status_code == 200 and len(page.context["candidates"]) >= 25
