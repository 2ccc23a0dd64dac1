"""All About Me (R11): who may read and write it, the revision trail, and never losing an edit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from tandem.conftest import PERSONAS, login
from tandem.core.access import ACTIONS, can
from tandem.core.models import AuditEvent, AuditSubject
from tandem.enrolment.actions.aboutme import ABOUT_ME_EDIT, ABOUT_ME_VIEW
from tandem.enrolment.models import AllAboutMe
from tandem.enrolment.services.aboutme import EditConflict, save_all_about_me
from tandem.factories import AdultFactory, ChildAdultFactory, UserFactory
from tandem.people.models import Relationship

pytestmark = pytest.mark.django_db

REFUSED = (Http404, PermissionDenied)


def page(name: str, child: Any) -> str:
    return reverse(f"enrolment:{name}", args=[child.pk])


def text_of(response: Any) -> str:
    return response.content.decode()


def start(world: Any, **fields: Any) -> AllAboutMe:
    values = {"interests": "Digging for worms", "comforters": "Bun-bun, a grey rabbit"} | fields
    return save_all_about_me(actor=world.parent_a, child=world.child_a, version=0, **values)


def posted(booklet: AllAboutMe | None = None, **fields: str) -> dict[str, Any]:
    """What the form posts: every part, as loaded, with ``fields`` changed."""
    names = [f.name for f in AllAboutMe._meta.get_fields() if f.name not in ("id", "child")]
    base = {n: getattr(booklet, n) for n in names if booklet is not None and isinstance(getattr(booklet, n), str)}
    return base | {"version": booklet.version if booklet else 0} | fields


# --- the service ------------------------------------------------------------------------------


def test_parent_starts_the_booklet_with_an_audit_row_and_a_revision(world: Any, committed: Any) -> None:
    with committed():
        booklet = start(world)
    booklet.refresh_from_db()
    assert booklet.version == 1
    assert booklet.interests == "Digging for worms"
    assert booklet.updated_by == world.parent_a
    event = AuditEvent.objects.get(event="enrolment.aboutme.created")
    assert event.actor_id == world.parent_a.pk
    assert event.setting_id == world.setting.pk
    assert (event.object_type, event.object_id) == ("enrolment.allaboutme", booklet.pk)
    assert set(AuditSubject.objects.filter(event=event).values_list("kind", "subject_id")) == {
        ("child", world.child_a.pk)
    }
    # ids only: none of the family's words in the audit row
    row = AuditEvent.objects.filter(pk=event.pk).values().get()
    assert not any("worms" in str(v) for v in row.values())
    history = list(booklet.history.all())
    assert len(history) == 1
    assert history[0].history_user == world.parent_a


def test_an_update_bumps_the_version_and_keeps_the_old_text_in_history(world: Any, committed: Any) -> None:
    booklet = start(world)
    with committed():
        save_all_about_me(
            actor=world.key_person_a, child=world.child_a, version=1, interests="Worms and woodlice", likes="Toast"
        )
    booklet.refresh_from_db()
    assert (booklet.version, booklet.interests, booklet.likes) == (2, "Worms and woodlice", "Toast")
    assert booklet.comforters == "Bun-bun, a grey rabbit"  # parts not posted are left alone
    assert booklet.updated_by == world.key_person_a
    assert [h.interests for h in booklet.history.order_by("history_id")] == ["Digging for worms", "Worms and woodlice"]
    assert AuditEvent.objects.filter(event="enrolment.aboutme.updated", actor_id=world.key_person_a.pk).count() == 1


def test_saving_without_a_change_writes_nothing(world: Any, committed: Any) -> None:
    start(world)
    with committed():
        booklet = save_all_about_me(
            actor=world.parent_a, child=world.child_a, version=1, interests="Digging for worms "
        )
    assert booklet.version == 1
    assert AllAboutMe.history.count() == 1  # type: ignore[attr-defined]
    assert not AuditEvent.objects.filter(event="enrolment.aboutme.updated").exists()


def test_two_people_editing_at_once_never_lose_an_edit(world: Any) -> None:
    """Both opened version 1; the first to save wins; the second is told, with the first's words."""
    start(world)
    save_all_about_me(actor=world.parent_a, child=world.child_a, version=1, likes="Peas and pasta")
    with pytest.raises(EditConflict) as caught:
        save_all_about_me(actor=world.key_person_a, child=world.child_a, version=1, likes="Bananas")
    assert caught.value.code == "conflict"
    assert caught.value.current is not None
    assert caught.value.current.likes == "Peas and pasta"
    booklet = AllAboutMe.objects.get(child=world.child_a)
    assert (booklet.version, booklet.likes) == (2, "Peas and pasta")
    assert booklet.history.count() == 2


def test_a_second_first_save_does_not_overwrite_the_first(world: Any) -> None:
    """Two people both open the empty booklet (version 0); only the first save makes it."""
    start(world)
    with pytest.raises(EditConflict):
        save_all_about_me(actor=world.key_person_a, child=world.child_a, version=0, interests="Trains")
    assert AllAboutMe.objects.get(child=world.child_a).interests == "Digging for worms"


def test_a_version_from_nowhere_is_a_conflict_not_a_new_booklet(world: Any) -> None:
    with pytest.raises(EditConflict):
        save_all_about_me(actor=world.parent_a, child=world.child_a, version=7, interests="Trains")
    assert not AllAboutMe.objects.exists()


def test_the_first_save_needs_some_words(world: Any) -> None:
    with pytest.raises(ValidationError):
        save_all_about_me(actor=world.parent_a, child=world.child_a, version=0, interests="   ")
    assert not AllAboutMe.objects.exists()


def test_overlong_text_is_refused_on_its_field(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        save_all_about_me(actor=world.parent_a, child=world.child_a, version=0, likes="x" * 2001)
    assert "likes" in caught.value.error_dict
    assert not AllAboutMe.objects.exists()


def test_unknown_parts_are_a_programming_error(world: Any) -> None:
    with pytest.raises(ValueError):
        save_all_about_me(actor=world.parent_a, child=world.child_a, version=0, version_note="x")


def test_a_step_parent_without_parental_responsibility_may_write_it(world: Any) -> None:
    booklet = save_all_about_me(actor=world.parent_b_no_pr, child=world.child_b, version=0, family="Mum, me and Stef")
    assert booklet.updated_by == world.parent_b_no_pr


def test_a_foster_carer_without_parental_responsibility_may_write_it(world: Any) -> None:
    carer = UserFactory(first_name="Fern", last_name="Fostering")
    adult = AdultFactory(user=carer, setting=world.setting)
    ChildAdultFactory(
        child=world.child_b, adult=adult, relationship=Relationship.FOSTER_CARER, parental_responsibility=False
    )
    assert save_all_about_me(actor=carer, child=world.child_b, version=0, likes="Bubbles").likes == "Bubbles"


@pytest.mark.parametrize(
    "persona",
    ["restricted_parent", "room_practitioner", "senco", "dsl", "administrator", "volunteer", "owner", "other_manager"],
)
def test_others_may_not_write_it(world: Any, persona: str) -> None:
    with pytest.raises(REFUSED):
        save_all_about_me(actor=world[persona], child=world.child_a, version=0, interests="Nothing")
    assert not AllAboutMe.objects.exists()


def test_whoever_may_write_it_may_read_it(world: Any) -> None:
    for persona in PERSONAS:
        user = world[persona]
        for key in ("child_a", "child_b", "other_child"):
            if can(user, ABOUT_ME_EDIT, world[key]):
                assert can(user, ABOUT_ME_VIEW, world[key]), (persona, key)
    assert ACTIONS["enrolment.aboutme.view"] is ABOUT_ME_VIEW


# --- the pages --------------------------------------------------------------------------------


def test_parent_sees_an_invitation_to_fill_it_in(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.get(page("aboutme", world.child_a))
    assert response.status_code == 200
    assert "Fill in All About Me" in text_of(response)


def test_parent_fills_it_in_and_reads_it_back(world: Any, client: Any, committed: Any) -> None:
    login(client, world.parent_a)
    form = client.get(page("aboutme_edit", world.child_a))
    assert form.status_code == 200
    body = text_of(form)
    assert "<fieldset>" in body and "Comfort and feelings" in body  # parts in fieldsets
    assert "A teddy, blanket or dummy" in body  # a hint
    response = client.post(
        page("aboutme_edit", world.child_a),
        posted(interests="Splashing in puddles", comfort="A cuddle and 'Twinkle Twinkle'"),
    )
    assert response.status_code == 302
    assert response["Location"] == page("aboutme", world.child_a)
    with committed():
        shown = text_of(client.get(page("aboutme", world.child_a)))
    assert "Splashing in puddles" in shown
    assert "Twinkle Twinkle" in shown
    assert "Penny Parentish" in shown  # who last updated it
    assert AuditEvent.objects.filter(event="enrolment.aboutme.viewed", actor_id=world.parent_a.pk).exists()


def test_a_stale_form_shows_the_other_persons_words_and_writes_nothing(world: Any, client: Any) -> None:
    booklet = start(world)
    loaded = posted(booklet)  # the key person opens the form at version 1 …
    save_all_about_me(actor=world.parent_a, child=world.child_a, version=1, likes="Peas and pasta")  # … mum saves
    login(client, world.key_person_a)
    response = client.post(page("aboutme_edit", world.child_a), loaded | {"likes": "Bananas"})
    assert response.status_code == 200
    body = text_of(response)
    assert "Someone else saved this booklet" in body
    assert "Peas and pasta" in body  # the other person's words
    assert "Bananas" in body  # and this person's, still in the form
    booklet.refresh_from_db()
    assert (booklet.version, booklet.likes) == (2, "Peas and pasta")
    # The form now carries the current version: saving again is a knowing choice, and works.
    assert response.context["form"].data["version"] == "2"
    again = client.post(page("aboutme_edit", world.child_a), dict(response.context["form"].data.items()))
    assert again.status_code == 302
    booklet.refresh_from_db()
    assert (booklet.version, booklet.likes) == (3, "Bananas")


@pytest.mark.parametrize("version", ["", "abc", "-1"])
def test_a_tampered_version_is_a_clear_error_and_writes_nothing(world: Any, client: Any, version: str) -> None:
    login(client, world.parent_a)
    response = client.post(page("aboutme_edit", world.child_a), posted(interests="Trains") | {"version": version})
    assert response.status_code == 200
    assert "This form is out of date" in text_of(response)
    assert not AllAboutMe.objects.exists()


def test_overlong_answer_is_shown_on_its_field(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(page("aboutme_edit", world.child_a), posted(likes="x" * 2001))
    assert response.status_code == 200
    assert "Keep this to 2,000 characters or fewer." in text_of(response)
    assert not AllAboutMe.objects.exists()


def test_an_empty_first_save_is_refused_kindly(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(page("aboutme_edit", world.child_a), posted())
    assert response.status_code == 200
    assert "Write something in at least one part" in text_of(response)


def test_room_practitioner_reads_but_may_not_edit(world: Any, client: Any) -> None:
    start(world)
    login(client, world.room_practitioner)
    response = client.get(page("aboutme", world.child_a))
    assert response.status_code == 200
    assert "Digging for worms" in text_of(response)
    assert page("aboutme_edit", world.child_a) not in text_of(response)
    assert client.get(page("aboutme_edit", world.child_a)).status_code == 404
    assert client.post(page("aboutme_edit", world.child_a), posted(interests="x")).status_code == 404


def test_key_person_prints_it(world: Any, client: Any) -> None:
    start(world)
    login(client, world.key_person_a)
    response = client.get(page("aboutme_print", world.child_a))
    assert response.status_code == 200
    body = text_of(response)
    assert "booklet-print" in body
    assert "Digging for worms" in body
    assert "Bun-bun" in body


@pytest.mark.parametrize(
    "persona",
    [
        "restricted_parent",
        "parent_b_no_pr",
        "volunteer",
        "other_practitioner",
        "administrator",
        "owner",
        "line_manager",
        "other_manager",
        "nobody",
    ],
)
@pytest.mark.parametrize("name", ["aboutme", "aboutme_edit", "aboutme_print"])
def test_those_without_a_need_to_know_get_404(world: Any, client: Any, persona: str, name: str) -> None:
    start(world)
    login(client, world[persona])
    response = client.get(page(name, world.child_a))
    assert response.status_code == 404
    assert "worms" not in text_of(response)


def test_anonymous_is_sent_to_sign_in(world: Any, client: Any) -> None:
    response = client.get(page("aboutme", world.child_a))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_providers_child_is_404_and_bad_ids_too(world: Any, client: Any) -> None:
    login(client, world.manager)
    assert client.get(page("aboutme", world.other_child)).status_code == 404
    for path in ("/children/0/all-about-me/", "/children/99999999999999999999999/all-about-me/edit/"):
        assert client.get(path).status_code == 404


def test_link_on_parent_home_and_panel_on_the_record(world: Any, client: Any) -> None:
    start(world, languages="English and Welsh")
    login(client, world.parent_a)
    assert page("aboutme", world.child_a) in text_of(client.get("/"))
    login(client, world.key_person_a)
    record = text_of(client.get(world.child_a.get_absolute_url()))
    assert 'id="aboutme-panel-heading"' in record
    assert "English and Welsh" in record
    assert "3 of 12 parts filled in" in record


def test_the_page_costs_the_same_however_many_revisions(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    start(world)
    login(client, world.parent_a)
    client.get(page("aboutme", world.child_a))  # warm up the session
    with django_assert_max_num_queries(16) as few:
        client.get(page("aboutme", world.child_a))
    for version in range(1, 15):
        save_all_about_me(actor=world.parent_a, child=world.child_a, version=version, likes=f"Number {version}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(page("aboutme", world.child_a))
    assert len(response.context["revisions"]) == 10
