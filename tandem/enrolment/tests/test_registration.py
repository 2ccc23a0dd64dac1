"""Registration (R7) and session changes (R13): services, rules and pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models.registration import Registration, SessionChangeRequest, validate_sessions
from tandem.enrolment.selectors.registration import current_sessions, registrations_in
from tandem.enrolment.services import registration as services
from tandem.factories import ChildFactory
from tandem.people.models import Adult

pytestmark = pytest.mark.django_db

REFUSED = (Http404, PermissionDenied)
TODAY = timezone.localdate


def answers(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "sessions": ["mon_am", "wed_day"],
        "preferred_start_date": dt.date(2026, 9, 7),
        "gp_name": "Dr Gale",
        "gp_surgery": "Meadow Surgery",
        "gp_phone": "01632 960000",
        "health_visitor": "Hana Visitor",
        "home_languages": "English, Welsh",
        "dietary_needs": "",
        "medical_needs": "",
        "anything_else": "",
    }
    data.update(extra)
    return data


def fill(world: Any, actor: str = "parent_a", **kwargs: Any) -> Registration:
    revision = kwargs.pop("revision", None)
    submit = kwargs.pop("submit", False)
    help_note = kwargs.pop("help_note", "")
    return services.save_registration(
        actor=world[actor],
        child=world.child_a,
        revision=revision,
        submit=submit,
        help_note=help_note,
        **answers(**kwargs),
    )


# --- sessions codes ----------------------------------------------------------------------------


def test_sessions_are_checked_against_the_fixed_weekly_pattern() -> None:
    assert validate_sessions(["wed_day", "mon_am", "mon_pm"]) == ["mon_am", "mon_pm", "wed_day"]
    for bad in (["sat_am"], ["mon_am", "mon_day"], "mon_am", [1]):
        with pytest.raises(ValidationError):
            validate_sessions(bad)


# --- the form --------------------------------------------------------------------------------


def test_parent_saves_a_draft_then_sends_it(world: Any, committed: Any) -> None:
    with committed():
        draft = fill(world)
    assert (draft.status, draft.revision, draft.completed_with_help) == ("draft", 1, False)
    assert AuditEvent.objects.filter(event="enrolment.registration.created", object_id=draft.pk).exists()
    with committed():
        sent = fill(world, revision=1, submit=True)
    assert (sent.status, sent.submitted_by, sent.revision) == ("submitted", world.parent_a, 2)
    assert sent.history.count() == 2
    assert AuditEvent.objects.filter(event="enrolment.registration.submitted").count() == 1
    row = AuditEvent.objects.filter(event="enrolment.registration.submitted").values().get()
    assert not any("Gale" in str(v) for v in row.values())


def test_staff_helping_must_say_how_and_the_help_is_recorded(world: Any) -> None:
    with pytest.raises(ValidationError) as error:
        fill(world, "administrator")
    assert "help_note" in error.value.message_dict
    assert not Registration.objects.exists()
    done = fill(world, "administrator", submit=True, help_note="Completed over the phone with Mum")
    assert done.completed_with_help and done.helped_by == world.administrator
    assert done.help_note == "Completed over the phone with Mum"
    assert done.submitted_by == world.administrator


def test_bad_sessions_are_explained_and_nothing_is_written(world: Any) -> None:
    with pytest.raises(ValidationError, match="On Monday, choose a full day or a morning or afternoon"):
        fill(world, sessions=["mon_am", "mon_day"])
    with pytest.raises(ValidationError, match="Choose at least one session"):
        fill(world, sessions=[], submit=True)
    assert not Registration.objects.exists()


def test_two_editors_never_silently_lose_one_of_their_saves(world: Any) -> None:
    first = fill(world)
    fill(world, "manager", revision=first.revision, help_note="Added the GP with Dad", gp_name="Dr Updated")
    with pytest.raises(ValidationError, match="Someone else saved this form"):
        fill(world, revision=first.revision, gp_name="Dr Stale")
    assert Registration.objects.get().gp_name == "Dr Updated"
    with pytest.raises(ValidationError, match="Someone else saved"):
        fill(world, revision=None)  # a second "new" form for the same child


@pytest.mark.parametrize("persona", ["parent_b_no_pr", "restricted_parent", "key_person_a", "senco", "other_manager"])
def test_who_may_not_fill_in_the_form(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        fill(world, persona, help_note="x")
    assert not Registration.objects.exists()


def test_review_marks_reviewed_and_may_copy_languages_to_parents(world: Any, committed: Any) -> None:
    draft = fill(world)
    with pytest.raises(ValidationError, match="Only a form that has been sent"):
        services.review_registration(actor=world.manager, registration=draft)
    sent = fill(world, revision=draft.revision, submit=True)
    with pytest.raises(REFUSED):
        services.review_registration(actor=world.parent_a, registration=sent)
    with committed():
        done = services.review_registration(actor=world.administrator, registration=sent, apply_languages=True)
    assert (done.status, done.reviewed_by) == ("reviewed", world.administrator)
    assert Adult.objects.get(pk=world.adult_a.pk).home_languages == "English, Welsh"
    # the restricted adult's record is never touched
    assert Adult.objects.get(pk=world.restricted_adult.pk).home_languages == ""
    assert AuditEvent.objects.filter(event="people.adult.updated").count() == 1
    with pytest.raises(ValidationError, match="reviewed by the setting"):
        fill(world, revision=done.revision)


# --- session changes -------------------------------------------------------------------------


def request(world: Any, actor: str = "parent_a", **extra: Any) -> SessionChangeRequest:
    data: dict[str, Any] = {
        "sessions": ["mon_day", "tue_day"],
        "from_date": TODAY() + dt.timedelta(days=7),
        "reason": "New job",
    }
    data.update(extra)
    return services.request_session_change(actor=world[actor], child=world.child_a, **data)


def test_parent_requests_and_the_manager_approves(world: Any, committed: Any) -> None:
    change = request(world, from_date=TODAY())
    assert change.status == "pending"
    with pytest.raises(ValidationError, match="already a request waiting"):
        request(world)
    with pytest.raises(REFUSED):
        services.decide_session_change(actor=world.administrator, change=change, approve=True)
    with committed():
        services.decide_session_change(actor=world.manager, change=change, approve=True)
    assert current_sessions(child=world.child_a) == ["mon_day", "tue_day"]
    assert len(mail.outbox) == 1 and "approved" in mail.outbox[0].subject
    assert mail.outbox[0].to == [world.parent_a.email]
    with pytest.raises(ValidationError, match="These are the sessions your child has now"):
        request(world, sessions=["tue_day", "mon_day"])


def test_declining_needs_a_reason_the_family_reads(world: Any, committed: Any) -> None:
    change = request(world)
    with pytest.raises(ValidationError) as error:
        services.decide_session_change(actor=world.deputy, change=change, approve=False, reason=" ")
    assert "reason" in error.value.message_dict
    assert SessionChangeRequest.objects.get().status == "pending"
    with committed():
        services.decide_session_change(actor=world.deputy, change=change, approve=False, reason="Mondays are full.")
    assert SessionChangeRequest.objects.get().decision_reason == "Mondays are full."
    assert "Mondays are full." in mail.outbox[0].body
    with pytest.raises(ValidationError, match="already been decided"):
        services.decide_session_change(actor=world.manager, change=change, approve=True)


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"from_date": dt.date(2000, 1, 1)}, "from_date"),
        ({"from_date": None}, "from_date"),
        ({"sessions": []}, "sessions"),
        ({"sessions": ["sun_am"]}, "sessions"),
    ],
)
def test_bad_session_requests_are_refused_field_by_field(world: Any, extra: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as error:
        request(world, **extra)
    assert field in error.value.message_dict
    assert not SessionChangeRequest.objects.exists()


def test_parent_without_pr_cannot_request(world: Any) -> None:
    with pytest.raises(REFUSED):
        services.request_session_change(
            actor=world.parent_b_no_pr, child=world.child_b, sessions=["mon_am"], from_date=TODAY()
        )


# --- pages -----------------------------------------------------------------------------------


def form_post(**extra: Any) -> dict[str, Any]:
    data = {
        "sessions": ["mon_am", "wed_day"],
        "preferred_start_date": "07/09/2026",
        "gp_name": "Dr Gale",
        "gp_surgery": "Meadow Surgery",
        "home_languages": "English",
        "action": "submit",
    }
    data.update(extra)
    return data


def test_parent_fills_in_and_sends_the_form(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert "Registration form" in client.get("/").content.decode()
    url = reverse("enrolment:registration_edit", args=[world.child_a.pk])
    page = client.get(url).content.decode()
    assert "How did you help?" not in page and 'name="sessions"' in page
    response = client.post(url, form_post(action="save"))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == "draft"
    response = client.post(url, form_post(revision=str(registration.revision)))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "submitted" and registration.sessions == ["mon_am", "wed_day"]
    page = client.get(reverse("enrolment:registration", args=[world.child_a.pk])).content.decode()
    assert "Monday morning" in page and "Wednesday full day" in page and "Submitted" in page


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"sessions": ["mon_am", "mon_day"]}, "On Monday, choose a full day"),
        ({"sessions": ["sat_am"]}, "Choose the sessions from the list."),
        ({"sessions": []}, "Choose at least one session before you send the form."),
        ({"preferred_start_date": "31/02/2026"}, "Enter a real date"),
    ],
)
def test_bad_form_input_is_explained_and_writes_nothing(world: Any, client: Any, extra: Any, message: str) -> None:
    login(client, world.parent_a)
    response = client.post(reverse("enrolment:registration_edit", args=[world.child_a.pk]), form_post(**extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_collision_shows_the_other_persons_answers(world: Any, client: Any) -> None:
    first = fill(world)
    fill(world, "manager", revision=first.revision, help_note="On the phone", gp_name="Dr Newer")
    login(client, world.parent_a)
    url = reverse("enrolment:registration_edit", args=[world.child_a.pk])
    response = client.post(url, form_post(revision=str(first.revision), gp_name="Dr Stale"))
    page = response.content.decode()
    assert "Someone else saved this form" in page and "Dr Newer" in page
    assert Registration.objects.get().gp_name == "Dr Newer"


def test_staff_see_the_help_field_and_review(world: Any, client: Any) -> None:
    login(client, world.administrator)
    url = reverse("enrolment:registration_edit", args=[world.child_a.pk])
    assert "How did you help?" in client.get(url).content.decode()
    response = client.post(url, form_post())
    assert "Say how you helped" in response.content.decode()
    assert not Registration.objects.exists()
    client.post(url, form_post(help_note="Completed over the phone with Mum"))
    registration = Registration.objects.get()
    assert registration.completed_with_help
    record = client.get(world.child_a.get_absolute_url()).content.decode()
    assert "Completed with help from Ada Adminton" in record
    client.post(reverse("enrolment:registration_review", args=[world.child_a.pk]), {"apply_languages": "on"})
    registration.refresh_from_db()
    assert registration.status == "reviewed"


@pytest.mark.parametrize(
    "persona", ["parent_b_no_pr", "restricted_parent", "key_person_a", "volunteer", "other_manager"]
)
def test_others_cannot_open_the_form(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    for name in ("registration", "registration_edit", "sessions", "session_request"):
        url = reverse(f"enrolment:{name}", args=[world.child_a.pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, form_post(help_note="x")).status_code == 404, name
    assert not Registration.objects.exists() and not SessionChangeRequest.objects.exists()


def test_session_request_and_decision_through_the_pages(world: Any, client: Any, committed: Any) -> None:
    login(client, world.parent_a)
    url = reverse("enrolment:session_request", args=[world.child_a.pk])
    response = client.post(url, {"sessions": ["tue_am"], "from_date": "01/01/2001"})
    assert "The change must start today or later." in response.content.decode()
    response = client.post(url, {"sessions": ["tue_am"], "from_date": TODAY().strftime("%d/%m/%Y"), "reason": "Work"})
    assert response.status_code == 302
    change = SessionChangeRequest.objects.get()
    decide = reverse("enrolment:session_decide", args=[world.child_a.pk, change.pk])
    assert client.get(decide).status_code == 404  # parents do not decide
    login(client, world.deputy)
    assert "Change requested" in client.get(world.child_a.get_absolute_url()).content.decode()
    response = client.post(decide, {"decision": "decline"})
    assert "Give a reason for declining" in response.content.decode()
    with committed():
        response = client.post(decide, {"decision": "decline", "reason": "Tuesdays are full this term."})
    assert response.status_code == 302
    login(client, world.parent_a)
    page = client.get(reverse("enrolment:sessions", args=[world.child_a.pk])).content.decode()
    assert "Declined" in page and "Tuesdays are full this term." in page


@pytest.mark.parametrize("bad", ["0", "123456789"])
def test_unknown_change_ids_are_404(world: Any, client: Any, bad: str) -> None:
    login(client, world.manager)
    assert client.get(f"/children/{world.child_a.pk}/sessions/{bad}/decide/").status_code == 404


def test_setting_list_is_filtered_paginated_and_flat(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    fill(world, submit=True)
    login(client, world.manager)
    url = reverse("enrolment:registrations", args=[world.setting.pk])
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        page = client.get(url).content.decode()
    assert "Amelia Ashcombe" in page
    for n in range(30):
        child: Any = ChildFactory(setting=world.setting, last_name=f"Zeta{n:02d}")
        Registration.objects.create(child=child, status="submitted", sessions=["mon_am"], submitted_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Page 1 of 2" in page
    assert registrations_in(actor=world.other_manager, setting=world.setting, status="submitted").count() == 0
    for show in ("draft", "reviewed", "sessions", "nonsense"):
        assert client.get(url + f"?show={show}").status_code == 200
    login(client, world.other_manager)
    assert client.get(url).status_code == 404
