"""Keeping details current (R2): parents ask, the person in charge of records applies or declines,
nothing newer is ever silently overwritten, and the record's history says who changed what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import ChangeRequest
from tandem.enrolment.services import changes as services
from tandem.people.models import Adult
from tandem.people.services import update_adult

pytestmark = pytest.mark.django_db


def text_of(response: Any) -> str:
    return response.content.decode()


def ask(world: Any, **changes: Any) -> ChangeRequest:
    return services.submit_own_details_change(actor=world.parent_a, child=world.child_a, changes=changes)


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))


# --- the parent asks ------------------------------------------------------------------------------


def test_a_parent_asks_for_a_change_to_their_own_details(world: Any, committed: Any) -> None:
    with committed():
        request = ask(world, phone="07700 900555", first_name=world.adult_a.first_name)
    assert request.kind == ChangeRequest.Kind.OWN_DETAILS
    assert request.adult == world.adult_a and request.setting == world.setting
    assert request.proposed == {"phone": "07700 900555"}  # only what changes
    assert request.original == {"phone": world.adult_a.phone}
    assert request.status == ChangeRequest.Status.PENDING
    world.adult_a.refresh_from_db()
    assert world.adult_a.phone != "07700 900555"  # nothing changes until someone applies it
    (event,) = events("enrolment.change_request.submitted")
    assert event.actor_id == world.parent_a.pk and event.setting_id == world.setting.pk
    assert {s.subject_id for s in event.subjects.all()} >= {world.child_a.pk, world.adult_a.pk}


def test_own_details_are_checked_with_the_record_rules(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        ask(world, email="not an email", first_name="")
    assert set(caught.value.message_dict) == {"email", "first_name"}
    assert not ChangeRequest.objects.exists()


def test_only_the_whitelisted_fields_may_be_asked_for(world: Any) -> None:
    with pytest.raises(ValidationError):
        ask(world, setting=world.other_setting.pk)
    with pytest.raises(ValidationError):
        ask(world, user=world.manager.pk)
    assert not ChangeRequest.objects.exists()


def test_asking_for_nothing_new_is_refused(world: Any) -> None:
    with pytest.raises(ValidationError, match="Nothing has changed"):
        ask(world, phone=world.adult_a.phone)


def test_a_restricted_parent_or_a_parent_of_another_child_cannot_ask(world: Any) -> None:
    with pytest.raises(Http404):
        services.submit_own_details_change(actor=world.restricted_parent, child=world.child_a, changes={"phone": "1"})
    with pytest.raises(Http404):
        services.submit_own_details_change(actor=world.parent_b_no_pr, child=world.child_a, changes={"phone": "1"})
    with pytest.raises(Http404):
        services.submit_circumstances_change(
            actor=world.manager, child=world.child_a, category="other", description="Staff do not ask here"
        )
    assert not ChangeRequest.objects.exists()


def test_a_parent_without_parental_responsibility_can_still_tell_us(world: Any) -> None:
    request = services.submit_circumstances_change(
        actor=world.parent_b_no_pr, child=world.child_b, category="address", description="We moved to 3 Elm Road."
    )
    assert request.child == world.child_b and request.adult is None


@pytest.mark.parametrize(
    "category, description, field",
    [("", "We moved", "category"), ("not-a-category", "We moved", "category"), ("address", "   ", "description")],
)
def test_circumstances_need_a_category_and_a_description(
    world: Any, category: str, description: str, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.submit_circumstances_change(
            actor=world.parent_a, child=world.child_a, category=category, description=description
        )
    assert field in caught.value.message_dict
    assert not ChangeRequest.objects.exists()


# --- applying and declining ----------------------------------------------------------------------


def test_applying_writes_through_people_and_the_history_says_who(world: Any, committed: Any) -> None:
    request = ask(world, phone="07700 900555", preferred_language="Polish", interpreter_needed=True)
    with committed():
        services.apply_change_request(actor=world.administrator, change_request=request)
    adult = Adult.objects.get(pk=world.adult_a.pk)
    assert (adult.phone, adult.preferred_language, adult.interpreter_needed) == ("07700 900555", "Polish", True)
    latest = adult.history.latest()  # type: ignore[attr-defined]
    assert latest.history_user_id == world.administrator.pk
    assert "Change request" in latest.history_change_reason
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.APPLIED
    assert request.decided_by == world.administrator and request.decided_at is not None
    assert events("people.adult.updated") and events("enrolment.change_request.applied")


def test_a_request_is_applied_once_only(world: Any) -> None:
    request = ask(world, phone="07700 900555")
    services.apply_change_request(actor=world.manager, change_request=request)
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.apply_change_request(actor=world.deputy, change_request=request)
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.decline_change_request(actor=world.deputy, change_request=request, reason="Too late")


@pytest.mark.parametrize("persona", ["dsl", "key_person_a", "senco", "parent_a", "other_manager", "owner"])
def test_only_record_keepers_of_the_setting_decide(world: Any, persona: str) -> None:
    request = ask(world, phone="07700 900555")
    with pytest.raises(Http404):
        services.apply_change_request(actor=world[persona], change_request=request)
    with pytest.raises(Http404):
        services.decline_change_request(actor=world[persona], change_request=request, reason="No")
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.PENDING


def test_a_newer_change_is_never_silently_overwritten(world: Any) -> None:
    request = ask(world, phone="07700 900555")
    # after the parent asked, the office changed the same field from a phone call
    update_adult(actor=world.manager, adult=Adult.objects.get(pk=world.adult_a.pk), phone="07700 900777")
    with pytest.raises(services.ChangeConflict) as caught:
        services.apply_change_request(actor=world.administrator, change_request=request)
    assert caught.value.fields == ["phone"]
    with pytest.raises(services.ChangeConflict):  # a confirmation made against other values does not count
        services.apply_change_request(actor=world.administrator, change_request=request, confirm="0" * 32)
    assert Adult.objects.get(pk=world.adult_a.pk).phone == "07700 900777"
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.PENDING
    # confirmed against exactly what is on the record now: applied
    seen = services.fingerprint(Adult.objects.get(pk=world.adult_a.pk), request.proposed)
    services.apply_change_request(actor=world.administrator, change_request=request, confirm=seen)
    assert Adult.objects.get(pk=world.adult_a.pk).phone == "07700 900555"


def test_a_change_to_another_field_is_not_a_conflict(world: Any) -> None:
    request = ask(world, phone="07700 900555")
    update_adult(actor=world.manager, adult=Adult.objects.get(pk=world.adult_a.pk), address="1 New Street")
    services.apply_change_request(actor=world.administrator, change_request=request)
    adult = Adult.objects.get(pk=world.adult_a.pk)
    assert (adult.phone, adult.address) == ("07700 900555", "1 New Street")  # both kept


def test_two_parents_asking_for_the_same_field_the_second_needs_confirming(world: Any) -> None:
    first = ask(world, email="penny.new@example.org")
    second = ask(world, email="penny.newer@example.org")
    services.apply_change_request(actor=world.manager, change_request=first)
    with pytest.raises(services.ChangeConflict):
        services.apply_change_request(actor=world.manager, change_request=second)


def test_declining_needs_a_reason_the_parent_reads(world: Any, committed: Any) -> None:
    request = ask(world, phone="07700 900555")
    with pytest.raises(ValidationError) as caught:
        services.decline_change_request(actor=world.manager, change_request=request, reason="  ")
    assert "reason" in caught.value.message_dict
    with committed():
        services.decline_change_request(actor=world.manager, change_request=request, reason="Please phone us.")
    request.refresh_from_db()
    assert (request.status, request.reason) == (ChangeRequest.Status.DECLINED, "Please phone us.")
    assert Adult.objects.get(pk=world.adult_a.pk).phone == world.adult_a.phone
    assert events("enrolment.change_request.declined")


def test_circumstances_are_marked_done_without_touching_any_record(world: Any) -> None:
    request = services.submit_circumstances_change(
        actor=world.parent_a, child=world.child_a, category="medical", description="Diagnosed with asthma."
    )
    before = Adult.history.count()  # type: ignore[attr-defined]
    services.apply_change_request(actor=world.manager, change_request=request)
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.APPLIED
    assert Adult.history.count() == before  # type: ignore[attr-defined]


def test_every_decision_is_in_the_requests_own_history(world: Any) -> None:
    request = ask(world, phone="07700 900555")
    services.decline_change_request(actor=world.manager, change_request=request, reason="Please phone us.")
    latest = request.history.latest()  # type: ignore[attr-defined]
    assert latest.status == "declined" and latest.history_user_id == world.manager.pk


# --- pages: the parent ---------------------------------------------------------------------------


def home_url(world: Any, child: str = "child_a") -> str:
    return f"/children/{world[child].pk}/changes/"


def test_the_link_is_under_the_child_on_the_parents_home(world: Any, client: Client) -> None:
    login(client, world.parent_a)
    page = text_of(client.get("/"))
    assert "Tell us about a change" in page and home_url(world) in page


@pytest.mark.parametrize("persona", ["restricted_parent", "parent_b_no_pr", "manager", "key_person_a", "nobody"])
def test_only_the_childs_own_parents_open_the_change_pages(world: Any, client: Client, persona: str) -> None:
    login(client, world[persona])
    for suffix in ("", "my-details/", "circumstances/"):
        assert client.get(home_url(world) + suffix).status_code == 404
        assert client.post(home_url(world) + suffix, {"category": "other", "description": "x"}).status_code == 404
    assert not ChangeRequest.objects.exists()


def test_the_own_details_form_shows_the_record_and_sends_a_request(world: Any, client: Client) -> None:
    login(client, world.parent_a)
    form = text_of(client.get(home_url(world) + "my-details/"))
    assert world.adult_a.email in form
    data = {f: getattr(world.adult_a, f) for f in ("first_name", "last_name", "email", "address", "home_languages")}
    data |= {"phone": "07700 900555", "preferred_language": "Welsh"}
    response = client.post(home_url(world) + "my-details/", data)
    assert response.status_code == 302
    request = ChangeRequest.objects.get()
    assert request.proposed == {"phone": "07700 900555", "preferred_language": "Welsh"}
    listing = text_of(client.get(home_url(world)))
    assert "07700 900555" in listing and "Waiting" in listing


def test_a_bad_email_is_a_clear_field_error_and_nothing_is_written(world: Any, client: Client) -> None:
    login(client, world.parent_a)
    response = client.post(
        home_url(world) + "my-details/", {"first_name": "Penny", "last_name": "Parentish", "email": "penny@"}
    )
    assert response.status_code == 200
    assert "Enter an email address in the right form" in text_of(response)
    assert not ChangeRequest.objects.exists()


def test_the_circumstances_form_refuses_an_empty_description(world: Any, client: Client) -> None:
    login(client, world.parent_a)
    response = client.post(home_url(world) + "circumstances/", {"category": "medical", "description": ""})
    assert response.status_code == 200 and "Tell us what has changed." in text_of(response)
    response = client.post(home_url(world) + "circumstances/", {"category": "nonsense", "description": "x"})
    assert response.status_code == 200 and "Choose what has changed." in text_of(response)
    assert not ChangeRequest.objects.exists()


def test_the_parent_sees_the_outcome_and_only_their_own_requests(world: Any, client: Client) -> None:
    mine = ask(world, phone="07700 900555")
    services.decline_change_request(actor=world.manager, change_request=mine, reason="Ring the office please")
    services.submit_circumstances_change(
        actor=world.parent_b_no_pr, child=world.child_b, category="address", description="Barnaby moved house"
    )
    login(client, world.parent_a)
    page = text_of(client.get(home_url(world)))
    assert "Declined" in page and "Ring the office please" in page
    assert "Barnaby moved house" not in page


# --- pages: the queue and the decision -----------------------------------------------------------


def queue_url(world: Any, setting: str = "setting") -> str:
    return f"/settings/{world[setting].pk}/change-requests/"


def test_the_queue_shows_the_current_value_beside_the_proposed_one(world: Any, client: Client) -> None:
    ask(world, phone="07700 900555")
    login(client, world.administrator)
    page = text_of(client.get(queue_url(world)))
    assert world.adult_a.phone in page and "07700 900555" in page
    assert "Penny Parentish" in page


@pytest.mark.parametrize("persona", ["parent_a", "dsl", "key_person_a", "other_manager", "owner", "volunteer"])
def test_the_queue_is_for_record_keepers_of_the_setting(world: Any, client: Client, persona: str) -> None:
    request = ask(world, phone="07700 900555")
    login(client, world[persona])
    assert client.get(queue_url(world)).status_code == 404
    decide = f"{queue_url(world)}{request.pk}/"
    assert client.get(decide).status_code == 404
    assert client.post(decide, {"decision": "apply"}).status_code == 404
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.PENDING


def test_another_settings_manager_cannot_reach_our_request_through_their_setting(world: Any, client: Client) -> None:
    request = ask(world, phone="07700 900555")
    login(client, world.other_manager)
    url = f"{queue_url(world, 'other_setting')}{request.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "apply"}).status_code == 404
    assert "07700 900555" not in text_of(client.get(queue_url(world, "other_setting")))


def test_the_queue_is_paginated_with_a_flat_query_count(
    world: Any, client: Client, django_assert_max_num_queries: Any
) -> None:
    login(client, world.manager)
    ask(world, phone="07700 900001")
    client.get(queue_url(world))  # warm up the session and sign-in
    with django_assert_max_num_queries(20) as few:
        client.get(queue_url(world))
    for n in range(30):
        ask(world, phone=f"07700 9002{n:02d}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(queue_url(world))
    assert "Page 1 of 2" in text_of(response)


def test_apply_from_the_page(world: Any, client: Client) -> None:
    request = ask(world, phone="07700 900555")
    login(client, world.manager)
    url = f"{queue_url(world)}{request.pk}/"
    page = text_of(client.get(url))
    assert "Apply the change" in page and "Apply anyway" not in page
    response = client.post(url, {"decision": "apply"})
    assert response.status_code == 302
    assert Adult.objects.get(pk=world.adult_a.pk).phone == "07700 900555"


def test_the_page_warns_of_a_conflict_and_applies_only_when_confirmed(world: Any, client: Client) -> None:
    request = ask(world, phone="07700 900555")
    login(client, world.manager)
    url = f"{queue_url(world)}{request.pk}/"
    client.get(url)
    update_adult(actor=world.deputy, adult=Adult.objects.get(pk=world.adult_a.pk), phone="07700 900777")
    # the page was loaded before the other change: applying stops and explains
    response = client.post(url, {"decision": "apply", "confirm": ""})
    assert response.status_code == 200
    page = text_of(response)
    assert "The record was changed after this request was made" in page
    assert "Apply anyway" in page and "07700 900777" in page
    assert Adult.objects.get(pk=world.adult_a.pk).phone == "07700 900777"
    confirm = response.context["apply_form"].initial["confirm"]
    assert client.post(url, {"decision": "apply", "confirm": confirm}).status_code == 302
    assert Adult.objects.get(pk=world.adult_a.pk).phone == "07700 900555"


def test_decline_from_the_page_needs_a_reason(world: Any, client: Client) -> None:
    request = ask(world, phone="07700 900555")
    login(client, world.administrator)
    url = f"{queue_url(world)}{request.pk}/"
    response = client.post(url, {"decision": "decline", "decline-reason": ""})
    assert response.status_code == 200 and "Give the reason" in text_of(response)
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.PENDING
    assert client.post(url, {"decision": "decline", "decline-reason": "Duplicate"}).status_code == 302
    request.refresh_from_db()
    assert request.status == ChangeRequest.Status.DECLINED
    decided = text_of(client.get(queue_url(world) + "?show=decided"))
    assert "Declined" in decided


def test_malformed_ids_are_not_found(world: Any, client: Client) -> None:
    login(client, world.manager)
    assert client.get(f"{queue_url(world)}999999/").status_code == 404
    assert client.get("/settings/0/change-requests/").status_code == 404


def test_the_office_page_leads_record_keepers_to_the_queue(world: Any, client: Client) -> None:
    login(client, world.administrator)
    assert queue_url(world) in text_of(client.get("/office/"))
    login(client, world.dsl)  # has an office page, but does not decide change requests
    assert "Change requests" not in text_of(client.get("/office/"))
