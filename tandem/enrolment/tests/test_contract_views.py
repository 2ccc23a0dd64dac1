"""The partnership agreement's pages, as each persona sees them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tandem.conftest import login
from tandem.enrolment.models.contract import AgreementSignature, AgreementVersion
from tandem.enrolment.services import contract as services
from tandem.factories import ChildAdultFactory, ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def page_of(child: Any) -> str:
    return reverse("enrolment:contract_child", args=[child.pk])


def signed(world: Any, committed: Any) -> AgreementSignature:
    with committed():
        return services.sign_agreement(
            actor=world.parent_a, child=world.child_a, version=world.agreement, typed_name="Penny Parentish"
        )


def sign_post(world: Any, **extra: Any) -> dict[str, Any]:
    return {"version": world.agreement.pk, "typed_name": "Penny Parentish", "agree": "on", **extra}


def test_parent_is_asked_to_sign_on_the_home_page(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    page = client.get("/").content.decode()
    assert "Please sign the new agreement" in page
    assert "Partnership agreement" in page


def test_parent_reads_and_signs(world: Any, client: Any, committed: Any) -> None:
    login(client, world.parent_a)
    response = client.get(page_of(world.child_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Meadowbank partnership agreement" in page and "Working together" in page
    assert world.agreement.fingerprint in page
    assert "Sign the agreement" in page
    with committed():
        response = client.post(page_of(world.child_a), sign_post(world))
    assert response.status_code == 302
    signature = AgreementSignature.objects.get()
    assert signature.typed_name == "Penny Parentish"
    page = client.get(page_of(world.child_a)).content.decode()
    assert "waiting for the setting to countersign" in page
    assert reverse("enrolment:contract_copy", args=[world.child_a.pk, signature.pk]) in page
    assert "Please sign the new agreement" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "data, error",
    [
        ({"typed_name": ""}, "Type your full name to sign."),
        ({"typed_name": "Penny"}, "your first name and your last name"),
        ({"agree": ""}, "Tick the box"),
        ({"version": "not-a-number"}, "This page is out of date"),
        ({"version": "999999"}, "replaced by a newer one"),
    ],
)
def test_bad_signing_input_is_explained_and_writes_nothing(world: Any, client: Any, data: Any, error: str) -> None:
    login(client, world.parent_a)
    response = client.post(page_of(world.child_a), sign_post(world, **data))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_signing_a_version_replaced_while_reading_is_refused(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    client.get(page_of(world.child_a))
    new = services.save_draft(actor=world.manager, setting=world.setting, title="Version two", body="New words.")
    services.publish_version(actor=world.manager, version=new)
    response = client.post(page_of(world.child_a), sign_post(world))
    assert "replaced by a newer one" in response.content.decode()
    assert not AgreementSignature.objects.exists()


def test_parent_without_parental_responsibility_reads_but_cannot_sign(world: Any, client: Any) -> None:
    login(client, world.parent_b_no_pr)
    response = client.get(page_of(world.child_b))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Only a parent or carer with parental responsibility for Barnaby Brackenbury" in page
    assert 'name="typed_name"' not in page
    response = client.post(page_of(world.child_b), sign_post(world, typed_name="Stefan Stepfordson"))
    assert "Only a parent or carer with parental responsibility" in response.content.decode()
    assert not AgreementSignature.objects.exists()


@pytest.mark.parametrize("persona", ["restricted_parent", "parent_b_no_pr", "key_person_a", "volunteer", "owner"])
def test_others_get_404_for_the_agreement_of_child_a(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(page_of(world.child_a)).status_code == 404
    assert client.post(page_of(world.child_a), sign_post(world)).status_code == 404
    assert not AgreementSignature.objects.exists()


# --- the signed copy -------------------------------------------------------------------------


def test_the_signed_copy_is_downloaded_only_by_those_allowed(world: Any, client: Any, committed: Any) -> None:
    signature = signed(world, committed)
    url = reverse("enrolment:contract_copy", args=[world.child_a.pk, signature.pk])
    for persona in ("parent_a", "manager", "deputy", "administrator"):
        login(client, world[persona])
        response = client.get(url)
        assert response.status_code == 200, persona
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    for persona in ("restricted_parent", "parent_b_no_pr", "key_person_a", "dsl", "other_manager", "owner"):
        login(client, world[persona])
        assert client.get(url).status_code == 404, persona


def test_a_missing_copy_is_prepared_on_request(world: Any, client: Any, committed: Any) -> None:
    signature = AgreementSignature.objects.create(
        version=world.agreement,
        child=world.child_a,
        adult=world.adult_a,
        user=world.parent_a,
        typed_name="Penny Parentish",
        fingerprint=world.agreement.fingerprint,
    )
    url = reverse("enrolment:contract_copy", args=[world.child_a.pk, signature.pk])
    login(client, world.parent_a)
    with committed():
        response = client.get(url)
    assert response.status_code == 202
    assert "being prepared" in response.content.decode()
    response = client.get(url)  # the task has run (immediately, in tests)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("bad", ["0", "99999999", "9999999999999999999999"])
def test_malformed_or_unknown_signature_ids_are_404(world: Any, client: Any, bad: str) -> None:
    login(client, world.manager)
    url = f"/children/{world.child_a.pk}/agreement/signatures/{bad}/copy.pdf"
    assert client.get(url).status_code == 404


def test_another_childs_signature_is_not_reachable_through_this_child(world: Any, client: Any, committed: Any) -> None:
    signature = signed(world, committed)
    login(client, world.manager)
    url = reverse("enrolment:contract_copy", args=[world.child_b.pk, signature.pk])
    assert client.get(url).status_code == 404


# --- staff ------------------------------------------------------------------------------------


def test_staff_panel_shows_whether_signed_and_manager_countersigns(world: Any, client: Any, committed: Any) -> None:
    login(client, world.manager)
    page = client.get(world.child_a.get_absolute_url()).content.decode()
    assert "Not signed" in page
    signature = signed(world, committed)
    page = client.get(world.child_a.get_absolute_url()).content.decode()
    assert "Signed, not yet countersigned" in page
    url = reverse("enrolment:contract_countersign", args=[world.child_a.pk, signature.pk])
    with committed():
        response = client.post(url, {"back": "record"})
    assert response.status_code == 302 and response["Location"] == world.child_a.get_absolute_url()
    assert "Signed and countersigned" in client.get(world.child_a.get_absolute_url()).content.decode()


def test_parent_does_not_see_the_staff_panel(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    page = client.get(world.child_a.get_absolute_url()).content.decode()
    assert "agreement-panel-heading" not in page


def test_administrator_cannot_countersign(world: Any, client: Any, committed: Any) -> None:
    signature = signed(world, committed)
    login(client, world.administrator)
    url = reverse("enrolment:contract_countersign", args=[world.child_a.pk, signature.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    signature.refresh_from_db()
    assert signature.countersigned_at is None


def test_manager_writes_and_publishes_through_the_pages(world: Any, client: Any) -> None:
    login(client, world.manager)
    draft_url = reverse("enrolment:contract_draft", args=[world.setting.pk])
    form = client.get(draft_url).content.decode()
    assert "Working together" in form  # starts from the version in force
    response = client.post(draft_url, {"title": "", "body": ""})
    assert "Enter a title for the agreement." in response.content.decode()
    assert not AgreementVersion.objects.filter(published_at=None).exists()
    response = client.post(draft_url, {"title": "Version two", "body": "## Fees\n\nNew fees.", "based_on": ""})
    draft = AgreementVersion.objects.get(published_at=None)
    assert response["Location"] == reverse("enrolment:contract_version", args=[world.setting.pk, draft.pk])
    response = client.post(reverse("enrolment:contract_publish", args=[world.setting.pk, draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    overview = client.get(reverse("enrolment:contract_setting", args=[world.setting.pk])).content.decode()
    assert "In force" in overview and "Version two" in overview


@pytest.mark.parametrize("persona", ["administrator", "key_person_a", "parent_a", "other_manager"])
def test_only_managers_reach_the_draft(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    url = reverse("enrolment:contract_draft", args=[world.setting.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "T", "body": "B"}).status_code == 404
    assert not AgreementVersion.objects.filter(published_at=None).exists()


def test_unsigned_list_is_paginated_and_its_queries_do_not_grow(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    login(client, world.administrator)
    url = reverse("enrolment:contract_signatures", args=[world.setting.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        response = client.get(url)
    page = response.content.decode()
    assert "Amelia Ashcombe" in page and "Barnaby Brackenbury" in page and "Ottilie" not in page
    for n in range(30):
        child = ChildFactory(setting=world.setting, room=world.room_1, last_name=f"Zeta{n:02d}")
        ChildAdultFactory(child=child)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "Page 1 of 2" in response.content.decode()
    assert client.get(url + "?show=awaiting").status_code == 200


def test_other_provider_cannot_open_this_settings_lists(world: Any, client: Any) -> None:
    login(client, world.other_manager)
    for name in ("contract_setting", "contract_signatures", "contract_draft"):
        assert client.get(reverse(f"enrolment:{name}", args=[world.setting.pk])).status_code == 404
    url = reverse("enrolment:contract_version", args=[world.setting.pk, world.agreement.pk])
    assert client.get(url).status_code == 404
    # and their own setting's version is not reachable through ours
    login(client, world.manager)
    elsewhere = reverse("enrolment:contract_version", args=[world.setting.pk, world.other_agreement.pk])
    assert client.get(elsewhere).status_code == 404
