"""Consents (R9): the parent's screen, the staff panel and overview, and the consent catalogue pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tandem.conftest import login
from tandem.enrolment.models import ConsentCode, ConsentDecision, ConsentType
from tandem.enrolment.selectors.consents import consent_now
from tandem.enrolment.services.consents import ONLY_PARENTAL_RESPONSIBILITY, give_consent, refuse_consent
from tandem.factories import ChildAdultFactory, ChildFactory

pytestmark = pytest.mark.django_db

PHOTOS = ConsentCode.PHOTOS_RECORDS


def page_of(child: Any) -> str:
    return reverse("enrolment:child_consents", args=[child.pk])


def decide_url(child: Any, consent_type: Any) -> str:
    return reverse("enrolment:consent_decide", args=[child.pk, consent_type.pk])


def overview(setting: Any) -> str:
    return reverse("enrolment:consents_overview", args=[setting.pk])


def text(response: Any) -> str:
    return response.content.decode()


def photo(world: Any) -> ConsentType:
    return world.consent_types[PHOTOS]


# --- the parent's screen ----------------------------------------------------------------------


def test_parent_sees_each_consent_explained_with_buttons(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.get(page_of(world.child_a))
    assert response.status_code == 200
    page = text(response)
    assert "Consents for Amelia Ashcombe" in page
    for consent_type in world.consent_types.values():
        assert escape(consent_type.title) in page
    assert "Without this consent we do not photograph your child at all." in page  # an explanation
    assert "Give consent" in page
    assert "Refuse" in page
    assert "Not asked yet" in page
    assert ONLY_PARENTAL_RESPONSIBILITY not in page


def test_parent_gives_photo_consent(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(decide_url(world.child_a, photo(world)), {"kind": "given", "seen_version": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("#consent-photos_records")
    assert consent_now(world.child_a, PHOTOS).given
    page = text(client.get(page_of(world.child_a)))
    assert "you have given consent" in page
    assert "Given by Penny Parentish on" in page
    assert "Withdraw consent" in page


def test_parent_withdraws_and_the_key_person_is_told(world: Any, client: Any) -> None:
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    login(client, world.parent_a)
    response = client.post(decide_url(world.child_a, photo(world)), {"kind": "withdrawn"})
    assert response.status_code == 302
    state = consent_now(world.child_a, PHOTOS)
    assert state.status == "withdrawn"
    page = text(client.get(page_of(world.child_a)))
    assert "This takes effect now" in page
    assert "Withdrawn" in page
    assert ConsentDecision.objects.filter(child=world.child_a).count() == 2  # history kept


def test_withdrawal_email_is_sent_after_commit(
    world: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    login(client, world.parent_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(world.child_a, photo(world)), {"kind": "withdrawn"})
    assert [m.to for m in mail.outbox] == [[world.key_person_a.email]]


def test_parent_without_parental_responsibility_sees_but_is_told_who_decides(world: Any, client: Any) -> None:
    login(client, world.parent_b_no_pr)
    response = client.get(page_of(world.child_b))
    assert response.status_code == 200
    page = text(response)
    assert ONLY_PARENTAL_RESPONSIBILITY in page
    assert "Give consent" not in page
    assert 'name="kind"' not in page
    # and a forged decision is refused without writing anything
    response = client.post(decide_url(world.child_b, photo(world)), {"kind": "given", "seen_version": "1"})
    assert response.status_code == 404
    assert not ConsentDecision.objects.exists()


def test_key_person_sees_the_state_but_cannot_decide(world: Any, client: Any) -> None:
    refuse_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    login(client, world.key_person_a)
    response = client.get(page_of(world.child_a))
    assert response.status_code == 200
    page = text(response)
    assert "Refused by Penny Parentish" in page
    assert 'name="kind"' not in page
    assert ONLY_PARENTAL_RESPONSIBILITY not in page  # not a parent: nothing to explain
    response = client.post(decide_url(world.child_a, photo(world)), {"kind": "given", "seen_version": "1"})
    assert response.status_code == 404
    assert consent_now(world.child_a, PHOTOS).status == "refused"


@pytest.mark.parametrize(
    "persona", ["restricted_parent", "parent_b_no_pr", "other_practitioner", "volunteer", "owner", "other_manager"]
)
def test_those_without_a_reason_to_see_get_404(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(page_of(world.child_a)).status_code == 404
    response = client.post(decide_url(world.child_a, photo(world)), {"kind": "given", "seen_version": "1"})
    assert response.status_code == 404
    assert not ConsentDecision.objects.exists()


def test_restricted_parent_sees_no_link_and_nothing_of_the_child(world: Any, client: Any) -> None:
    login(client, world.restricted_parent)
    page = text(client.get("/"))
    assert "Consents" not in page
    assert page_of(world.child_a) not in page


@pytest.mark.parametrize(
    "data, error",
    [
        ({"kind": "maybe", "seen_version": "1"}, "Choose whether to give, refuse or withdraw consent."),
        ({"seen_version": "1"}, "Choose whether to give, refuse or withdraw consent."),
        ({"kind": "given", "seen_version": "abc"}, "Please read the consent again and decide."),
        ({"kind": "withdrawn"}, "There is no consent to withdraw: it has not been given."),
    ],
)
def test_bad_input_writes_nothing_and_says_why(data: dict[str, str], error: str, world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(decide_url(world.child_a, photo(world)), data)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert error in page
    assert not ConsentDecision.objects.exists()


def test_changed_wording_is_not_agreed_to_unseen(world: Any, client: Any) -> None:
    ConsentType.objects.filter(pk=photo(world).pk).update(version=2, explanation="New words about photographs.")
    login(client, world.parent_a)
    response = client.post(decide_url(world.child_a, photo(world)), {"kind": "given", "seen_version": "1"})
    assert response.status_code == 200
    page = text(response)
    assert "The wording of this consent has changed" in page
    assert "New words about photographs." in page
    assert not ConsentDecision.objects.exists()


@pytest.mark.parametrize("type_key", ["other", "missing", "huge"])
def test_a_consent_type_not_of_the_childs_setting_gives_404(type_key: str, world: Any, client: Any) -> None:
    login(client, world.parent_a)
    type_id = {"other": world.other_photo_consent_type.pk, "missing": 999999, "huge": 2**40}[type_key]
    url = reverse("enrolment:consent_decide", args=[world.child_a.pk, type_id])
    assert client.post(url, {"kind": "given", "seen_version": "1"}).status_code == 404
    assert not ConsentDecision.objects.exists()


def test_deciding_needs_post(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert client.get(decide_url(world.child_a, photo(world))).status_code == 405


def test_bad_child_ids_give_404(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    for path in ("/children/0/consents/", "/children/99999999999999999999999/consents/"):
        assert client.get(path).status_code == 404


def test_the_consents_page_query_count_is_flat(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    with CaptureQueriesContext(connection) as few:
        assert client.get(page_of(world.child_a)).status_code == 200
    for consent_type in world.consent_types.values():
        give_consent(actor=world.parent_a, child=world.child_a, consent_type=consent_type)
        refuse_consent(actor=world.parent_a, child=world.child_a, consent_type=consent_type)
    with CaptureQueriesContext(connection) as many:
        assert client.get(page_of(world.child_a)).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# --- the child's pages ------------------------------------------------------------------------


def test_parent_home_has_a_consents_link_under_the_child(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert page_of(world.child_a) in text(client.get("/"))


def test_key_person_sees_no_photo_consent_unmistakably_on_the_child_record(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    page = text(client.get(world.child_a.get_absolute_url()))
    assert "No photo consent" in page
    assert 'class="badge badge--danger">No photo consent' in page  # a badge with words, not colour only
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    page = text(client.get(world.child_a.get_absolute_url()))
    assert "No photo consent" not in page
    assert "Details and history" in page


def test_no_panel_for_a_volunteer(world: Any, client: Any) -> None:
    login(client, world.volunteer)
    assert client.get(world.child_a.get_absolute_url()).status_code == 404


# --- the overview -----------------------------------------------------------------------------


def test_manager_sees_every_childs_consents_in_the_setting(world: Any, client: Any) -> None:
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    login(client, world.manager)
    response = client.get(overview(world.setting))
    assert response.status_code == 200
    page = text(response)
    assert "Amelia Ashcombe" in page
    assert "Barnaby Brackenbury" in page
    assert "Otterburn" not in page
    assert response.context["without_photo_count"] == 1
    assert '<span class="stat__number">1</span> child has no photo consent' in page
    assert page.count("No photo consent") == 1  # Barnaby's badge
    filtered = client.get(overview(world.setting), {"missing_photo": "on"})
    names = [child.display_name for child, _ in filtered.context["rows"]]
    assert names == ["Barnaby Brackenbury"]


@pytest.mark.parametrize("persona", ["senco", "dsl", "deputy", "administrator"])
def test_leadership_and_administrator_see_the_overview(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(overview(world.setting)).status_code == 200


@pytest.mark.parametrize(
    "persona", ["key_person_a", "room_practitioner", "volunteer", "parent_a", "owner", "line_manager", "other_manager"]
)
def test_others_are_refused_the_overview(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(overview(world.setting)).status_code == 404


def test_overview_on_the_office_page_for_managers_only(world: Any, client: Any) -> None:
    login(client, world.manager)
    assert overview(world.setting) in text(client.get("/office/"))
    login(client, world.key_person_a)  # no office page at all
    assert client.get("/office/").status_code == 403


def add_children(world: Any, count: int) -> None:
    for i in range(count):
        child = ChildFactory(setting=world.setting, room=world.room_1, last_name=f"Zz{i:02d}")
        link = ChildAdultFactory(child=child, parental_responsibility=True)
        if i % 2:
            ConsentDecision.objects.create(
                child=child,
                consent_type=photo(world),
                type_version=1,
                kind="given",
                given=True,
                decided_by=link.adult,
            )


def test_overview_pages_and_filters_in_the_database_with_a_flat_query_count(world: Any, client: Any) -> None:
    login(client, world.manager)
    add_children(world, 4)
    with CaptureQueriesContext(connection) as few:
        assert client.get(overview(world.setting)).status_code == 200
    add_children(world, 40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(overview(world.setting))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.context["page"].paginator.count == 46
    assert response.context["page"].paginator.num_pages == 2
    missing = client.get(overview(world.setting), {"missing_photo": "on", "page": "2"})
    assert missing.context["page"].paginator.count == 2 + 22  # A and B, and every other new child
    assert all(not states[3].given for _, states in missing.context["rows"])


# --- the catalogue ----------------------------------------------------------------------------


def test_manager_rewords_a_consent_and_parents_are_asked_again(world: Any, client: Any) -> None:
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=photo(world))
    login(client, world.manager)
    url = reverse("enrolment:consent_type_edit", args=[world.setting.pk, photo(world).pk])
    assert client.get(url).status_code == 200
    data = {"title": photo(world).title, "explanation": "Only on the setting's own tablets.", "active": "on"}
    response = client.post(url, {**data, "seen_version": "1"})
    assert response.status_code == 302
    assert ConsentType.objects.get(pk=photo(world).pk).version == 2
    # a stale form is refused rather than overwriting
    response = client.post(url, {**data, "explanation": "Other words.", "seen_version": "1"})
    assert response.status_code == 200
    assert "Someone else changed this consent" in text(response)
    login(client, world.parent_a)
    page = text(client.get(page_of(world.child_a)))
    assert "Needs renewing" in page
    assert "Give consent again" in page


def test_blank_wording_is_a_clear_error(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("enrolment:consent_type_edit", args=[world.setting.pk, photo(world).pk])
    response = client.post(url, {"title": "", "explanation": "", "seen_version": "1"})
    assert response.status_code == 200
    page = text(response)
    assert "Enter a title for this consent." in page
    assert "Explain to parents what this consent allows." in page
    assert ConsentType.objects.get(pk=photo(world).pk).version == 1


def test_manager_sets_up_the_standard_consents(world: Any, client: Any) -> None:
    ConsentType.objects.filter(setting=world.setting, code=ConsentCode.ONLINE_JOURNAL).delete()
    login(client, world.manager)
    url = reverse("enrolment:consent_types", args=[world.setting.pk])
    page = text(client.get(url))
    assert "1 of the standard consents is not set up yet." in page
    assert client.post(url).status_code == 302
    assert ConsentType.objects.filter(setting=world.setting).count() == 7


@pytest.mark.parametrize("persona", ["administrator", "key_person_a", "parent_a", "other_manager"])
def test_others_cannot_change_the_catalogue(persona: str, world: Any, client: Any) -> None:
    login(client, world[persona])
    assert client.get(reverse("enrolment:consent_types", args=[world.setting.pk])).status_code == 404
    url = reverse("enrolment:consent_type_edit", args=[world.setting.pk, photo(world).pk])
    response = client.post(url, {"title": "X", "explanation": "Y", "active": "on", "seen_version": "1"})
    assert response.status_code == 404
    assert ConsentType.objects.get(pk=photo(world).pk).version == 1


def test_a_consent_type_of_another_setting_is_not_edited_through_this_one(world: Any, client: Any) -> None:
    login(client, world.manager)
    url = reverse("enrolment:consent_type_edit", args=[world.setting.pk, world.other_photo_consent_type.pk])
    assert client.get(url).status_code == 404
