"""The directory (R46) and signposting (R47): the services' rules, and the pages staff and
families see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.agencies.models import Agency, AgencyContact, Signposting
from tandem.agencies.services import directory as services
from tandem.conftest import login
from tandem.core.models import AuditEvent, AuditSubject

GOOD = {
    "name": "Meadowbank Money Advice",
    "category": Agency.Category.WELFARE_RIGHTS,
    "reach": Agency.Reach.LOCAL,
    "description": "Benefits and debt advice.",
    "phone": "01632 960070",
    "email": "",
    "website": "",
    "address": "",
    "languages": "Polish",
    "show_to_families": True,
}


def add(world: Any, actor: Any = None, **changes: Any) -> Agency:
    return services.create_agency(actor=actor or world.manager, setting=world.setting, **{**GOOD, **changes})


def errors_of(call: Any) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name))


# --- agencies --------------------------------------------------------------------------------------


def test_a_leader_or_the_administrator_adds_an_agency_audited(world: Any, committed: Any) -> None:
    with committed():
        agency = add(world, actor=world.administrator)
    assert agency.setting == world.setting and agency.active
    (event,) = events("agencies.directory.agency_added")
    assert event.actor_id == world.administrator.pk and event.object_id == agency.pk
    assert event.setting_id == world.setting.pk
    for leader in ("senco", "dsl", "deputy"):
        add(world, actor=world[leader], name=f"Service of the {leader}")


@pytest.mark.parametrize("persona", ["key_person_a", "room_practitioner", "volunteer", "parent_a", "other_manager"])
def test_others_may_not_add_an_agency(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        add(world, actor=world[persona])
    assert not Agency.objects.filter(name=GOOD["name"]).exists()


@pytest.mark.parametrize(
    "changes, field, words",
    [
        ({"name": "  "}, "name", "name"),
        ({"phone": "", "email": "", "website": "", "address": ""}, "phone", "at least one way"),
        ({"website": "ftp://files.example.org"}, "website", "https://"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"phone": "call me maybe"}, "phone", "digits"),
        ({"email": "not an email"}, "email", "email address"),
        ({"category": "astrology"}, "category", "kind of agency"),
        ({"reach": "galactic"}, "reach", "local or a national"),
    ],
)
def test_an_agency_needs_a_name_a_way_to_reach_it_and_a_safe_website(
    world: Any, changes: dict[str, Any], field: str, words: str
) -> None:
    found = errors_of(lambda: add(world, **changes))
    assert words in " ".join(found[field])
    assert not Agency.objects.filter(name=GOOD["name"]).exists()


def test_an_address_alone_is_a_way_to_reach_them_and_names_are_unique(world: Any) -> None:
    add(world, phone="", address="1 High Street, Meadowbank", website="https://money.example.org")
    assert "already" in errors_of(lambda: add(world, name="meadowbank money ADVICE"))["name"][0]


def test_changing_and_unlisting_an_agency_is_audited(world: Any, committed: Any) -> None:
    agency = add(world)
    with committed():
        services.update_agency(actor=world.senco, agency=agency, **{**GOOD, "description": "Now with a crèche."})
        services.set_agency_active(actor=world.manager, agency=agency, active=False)
        services.set_agency_active(actor=world.manager, agency=agency, active=False)  # nothing to do
        services.set_agency_active(actor=world.manager, agency=agency, active=True)
    agency.refresh_from_db()
    assert agency.description == "Now with a crèche." and agency.active
    assert len(events("agencies.directory.agency_changed")) == 1
    assert len(events("agencies.directory.agency_deactivated")) == 1
    assert len(events("agencies.directory.agency_reactivated")) == 1
    with pytest.raises(Http404):
        services.update_agency(actor=world.other_manager, agency=agency, **GOOD)


def test_a_contact_needs_a_name_and_an_email_or_phone(world: Any, committed: Any) -> None:
    found = errors_of(lambda: services.add_contact(actor=world.manager, agency=world.agency, name="", role="x"))
    assert "name" in found and "email" in found
    with committed():
        contact = services.add_contact(actor=world.dsl, agency=world.agency, name="Sam Social", phone="01632 960071")
        services.update_contact(actor=world.dsl, contact=contact, name="Sam Social", email="sam@example.org")
        services.set_contact_active(actor=world.dsl, contact=contact, active=False)
    contact.refresh_from_db()
    assert contact.email == "sam@example.org" and not contact.active
    for name in ("contact_added", "contact_changed", "contact_deactivated"):
        assert len(events(f"agencies.directory.{name}")) == 1
    with pytest.raises(Http404):
        services.add_contact(actor=world.volunteer, agency=world.agency, name="V", phone="01632 960072")


# --- signposting -----------------------------------------------------------------------------------


def signpost(world: Any, actor: Any = None, **changes: Any) -> Signposting:
    fields = {
        "adult": world.adult_a,
        "agency": world.agency,
        "reason": "Amelia's speech: Penny is worried.",
        "how": "Talked at drop-off",
        "shared_with_family": True,
        "follow_up_on": timezone.localdate() + dt.timedelta(days=7),
        **changes,
    }
    return services.record_signposting(actor=actor or world.key_person_a, child=world.child_a, **fields)


def test_staff_who_work_with_the_child_record_a_signposting_audited(world: Any, committed: Any) -> None:
    with committed():
        made = signpost(world)
    assert made.recorded_by == world.key_person_a and made.outcome == Signposting.Outcome.SUGGESTED
    (event,) = events("agencies.directory.signposted")
    subjects = set(AuditSubject.objects.filter(event=event).values_list("kind", "subject_id"))
    assert subjects == {("child", world.child_a.pk), ("person", world.adult_a.pk)}
    signpost(world, actor=world.room_practitioner)
    signpost(world, actor=world.senco)


@pytest.mark.parametrize("persona", ["volunteer", "administrator", "other_practitioner", "parent_a", "other_manager"])
def test_others_may_not_signpost_the_child(world: Any, persona: str) -> None:
    with pytest.raises(Http404):
        signpost(world, actor=world[persona])


def test_a_signposting_names_an_informed_adult_and_an_active_agency_of_the_setting(world: Any) -> None:
    assert "adult" in errors_of(lambda: signpost(world, adult=world.restricted_adult))
    assert "adult" in errors_of(lambda: signpost(world, adult=world.adult_b))  # not linked to A
    assert "adult" in errors_of(lambda: signpost(world, adult=None))
    assert "agency" in errors_of(lambda: signpost(world, agency=world.other_agency))
    Agency.objects.filter(pk=world.family_hub.pk).update(active=False)
    assert "agency" in errors_of(lambda: signpost(world, agency=world.family_hub))
    assert "reason" in errors_of(lambda: signpost(world, reason="   "))
    past = timezone.localdate() - dt.timedelta(days=1)
    assert "past" in errors_of(lambda: signpost(world, follow_up_on=past))["follow_up_on"][0]
    assert not Signposting.objects.filter(child=world.child_a).exclude(pk=world.signposting.pk).exists()


def test_the_outcome_is_recorded_later_audited(world: Any, committed: Any) -> None:
    with committed():
        services.update_signposting(
            actor=world.room_practitioner,
            signposting=world.signposting,
            outcome=Signposting.Outcome.HELPED,
            follow_up_on=None,
            shared_with_family=False,
        )
    world.signposting.refresh_from_db()
    assert world.signposting.outcome == "helped" and world.signposting.follow_up_on is None
    assert not world.signposting.shared_with_family
    assert len(events("agencies.directory.signposting_updated")) == 1
    with pytest.raises(ValidationError):
        services.update_signposting(
            actor=world.manager, signposting=world.signposting, outcome="lost", follow_up_on=None, shared_with_family=1
        )
    with pytest.raises(Http404):
        services.update_signposting(
            actor=world.other_manager,
            signposting=world.signposting,
            outcome="helped",
            follow_up_on=None,
            shared_with_family=True,
        )


def test_an_old_follow_up_date_may_stay_when_the_outcome_changes(world: Any) -> None:
    old = timezone.localdate() - dt.timedelta(days=3)
    Signposting.objects.filter(pk=world.signposting.pk).update(follow_up_on=old)
    world.signposting.refresh_from_db()
    services.update_signposting(
        actor=world.manager,
        signposting=world.signposting,
        outcome="contacted",
        follow_up_on=old,
        shared_with_family=True,
    )
    moved = timezone.localdate() - dt.timedelta(days=1)
    found = errors_of(
        lambda: services.update_signposting(
            actor=world.manager,
            signposting=world.signposting,
            outcome="contacted",
            follow_up_on=moved,
            shared_with_family=True,
        )
    )
    assert "follow_up_on" in found


# --- the staff directory pages ------------------------------------------------------------------------


def url(name: str, *args: Any) -> str:
    return reverse(f"agencies:{name}", args=args)


def test_every_member_of_staff_browses_the_directory_and_its_contacts(world: Any, client: Any) -> None:
    login(client, world.volunteer)
    page = client.get(url("directory", world.setting.pk)).content.decode()
    assert world.agency.name in page and world.family_hub.name in page
    assert world.other_family_hub.name not in page
    assert "Add an agency" not in page
    one = client.get(url("directory_agency", world.agency.pk)).content.decode()
    assert world.agency_contact.name in one and "Change the details" not in one
    assert client.get(url("directory_agency", world.other_agency.pk)).status_code == 404
    assert client.get(url("directory_add", world.setting.pk)).status_code == 404


def test_the_staff_directory_is_searched_and_filtered_in_the_database(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    add(world, languages="Polish, Romanian")
    page = client.get(url("directory", world.setting.pk), {"q": "romanian"}).content.decode()
    assert GOOD["name"] in page and world.agency.name not in page
    page = client.get(url("directory", world.setting.pk), {"category": "health"}).content.decode()
    assert world.agency.name in page and GOOD["name"] not in page and world.family_hub.name not in page
    Agency.objects.filter(pk=world.family_hub.pk).update(active=False)
    page = client.get(url("directory", world.setting.pk)).content.decode()
    assert world.family_hub.name not in page
    page = client.get(url("directory", world.setting.pk), {"inactive": "on"}).content.decode()
    assert world.family_hub.name in page and world.agency.name not in page
    partial = client.get(url("directory", world.setting.pk), {"q": "speech"}, HTTP_HX_REQUEST="true")
    assert b"<h1>" not in partial.content and world.agency.name.encode() in partial.content
    for bad in ({"category": "nonsense"}, {"page": "999"}, {"page": "x"}, {"q": "x" * 500}):
        assert client.get(url("directory", world.setting.pk), bad).status_code == 200


@pytest.mark.parametrize("persona", ["parent_a", "other_manager", "nobody", "professional", "owner"])
def test_the_staff_directory_is_not_for_others(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(url("directory", world.setting.pk)).status_code == 404
    assert client.get(url("directory_agency", world.agency.pk)).status_code == 404


def test_adding_and_changing_an_agency_through_the_forms(world: Any, client: Any) -> None:
    login(client, world.administrator)
    bad = client.post(url("directory_add", world.setting.pk), {**GOOD, "phone": "", "website": "ftp://x.example.org"})
    assert bad.status_code == 400
    assert "starts with https://" in bad.content.decode()
    bad = client.post(url("directory_add", world.setting.pk), {**GOOD, "phone": ""})
    assert bad.status_code == 400 and "at least one way to reach them" in bad.content.decode()
    assert client.post(url("directory_add", world.setting.pk), {"name": ""}).status_code == 400
    assert not Agency.objects.filter(name=GOOD["name"]).exists()
    made = client.post(url("directory_add", world.setting.pk), {**GOOD, "website": "money.example.org"})
    assert made.status_code == 302
    agency = Agency.objects.get(name=GOOD["name"])
    assert agency.website == "https://money.example.org"
    assert made["Location"] == url("directory_agency", agency.pk)
    form = client.get(url("directory_agency_edit", agency.pk)).content.decode()
    fingerprint = form.split('name="fingerprint" value="')[1].split('"')[0]
    changed = client.post(
        url("directory_agency_edit", agency.pk), {**GOOD, "description": "Changed.", "fingerprint": fingerprint}
    )
    assert changed.status_code == 302
    agency.refresh_from_db()
    assert agency.description == "Changed."
    # a save over someone else's newer save is refused
    stale = client.post(
        url("directory_agency_edit", agency.pk), {**GOOD, "description": "Old", "fingerprint": fingerprint}
    )
    assert stale.status_code == 400 and "Someone else changed" in stale.content.decode()
    assert client.post(url("directory_agency_active", agency.pk), {"active": "0"}).status_code == 302
    agency.refresh_from_db()
    assert not agency.active
    assert client.get(url("directory_agency_active", agency.pk)).status_code == 405


def test_contacts_through_the_forms(world: Any, client: Any) -> None:
    login(client, world.deputy)
    assert client.post(url("directory_contact_add", world.agency.pk), {"name": "No Way"}).status_code == 400
    made = client.post(url("directory_contact_add", world.agency.pk), {"name": "Jo Health", "phone": "01632 960073"})
    assert made.status_code == 302
    contact = AgencyContact.objects.get(name="Jo Health")
    edit = url("directory_contact_edit", world.agency.pk, contact.pk)
    assert client.post(edit, {"name": "Jo Health", "email": "nope"}).status_code == 400
    assert client.post(edit, {"name": "Jo Health", "email": "jo@example.org"}).status_code == 302
    assert client.post(url("directory_contact_active", world.agency.pk, contact.pk), {"active": "0"}).status_code == 302
    contact.refresh_from_db()
    assert contact.email == "jo@example.org" and not contact.active
    # a contact of another agency is not reached through this one
    other = AgencyContact.objects.create(agency=world.other_agency, name="Other Person", phone="01632 960074")
    assert client.get(url("directory_contact_edit", world.agency.pk, other.pk)).status_code == 404
    assert client.get(url("directory_contact_edit", world.other_agency.pk, other.pk)).status_code == 404
    login(client, world.key_person_a)
    assert client.get(url("directory_contact_edit", world.agency.pk, contact.pk)).status_code == 404


# --- the parents' support directory ---------------------------------------------------------------------


def test_parents_see_the_agencies_listed_for_families_never_contacts(world: Any, client: Any) -> None:
    hidden = add(world, name="Duty Social Work Team (hidden)", category="social_care", show_to_families=False)
    gone = add(world, name="Closed Playgroup (gone)", category="other")
    services.set_agency_active(actor=world.manager, agency=gone, active=False)
    Agency.objects.filter(pk=world.agency.pk).update(website="https://slt.example.org")
    for persona in ("parent_a", "parent_b_no_pr"):
        login(client, world[persona])
        response = client.get(url("support_directory", world.setting.pk))
        assert response.status_code == 200
        page = response.content.decode()
        assert world.agency.name in page and world.family_hub.name in page
        assert hidden.name not in page and gone.name not in page
        assert world.other_family_hub.name not in page and world.other_agency.name not in page
        assert world.agency_contact.name not in page and world.agency_contact.email not in page
        assert 'href="tel:01632960001"' in page
        assert 'href="https://slt.example.org" rel="noopener' in page
        assert 'name="viewport"' in page


def test_parents_search_the_support_directory(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    page = client.get(url("support_directory", world.setting.pk), {"q": "stay and play"}).content.decode()
    assert world.family_hub.name in page and world.agency.name not in page
    page = client.get(url("support_directory", world.setting.pk), {"category": "health"}).content.decode()
    assert world.agency.name in page and world.family_hub.name not in page
    partial = client.get(url("support_directory", world.setting.pk), {"q": "hub"}, HTTP_HX_REQUEST="true")
    assert b"<h1>" not in partial.content and world.family_hub.name.encode() in partial.content


@pytest.mark.parametrize("persona", ["restricted_parent", "nobody", "other_manager", "professional", "manager"])
def test_the_support_directory_is_for_the_settings_families(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(url("support_directory", world.setting.pk)).status_code == 404


def test_a_parent_may_not_open_another_settings_support_directory(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert client.get(url("support_directory", world.other_setting.pk)).status_code == 404


def test_the_menus_lead_each_person_to_their_directory(world: Any, client: Any) -> None:
    support = url("support_directory", world.setting.pk)
    directory = url("directory", world.setting.pk)
    login(client, world.parent_a)
    home = client.get(reverse("people:home")).content.decode()
    assert support in home and "Support directory" in home and directory not in home
    assert url("suggested", world.child_a.pk) in home and "Support we suggested" in home
    login(client, world.volunteer)
    assert directory in client.get(reverse("people:home")).content.decode()
    login(client, world.manager)
    office = client.get(reverse("core:office")).content.decode()
    assert "Agencies and support" in office and directory in office
    assert "Signposting" in office and url("signpostings", world.setting.pk) in office
    login(client, world.administrator)
    office = client.get(reverse("core:office")).content.decode()
    assert directory in office and url("signpostings", world.setting.pk) not in office


# --- signposting pages -------------------------------------------------------------------------------------


def test_the_child_record_shows_the_signposting_panel_and_link(world: Any, client: Any) -> None:
    login(client, world.room_practitioner)
    page = client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    assert "Signposting" in page and url("signpost", world.child_a.pk) in page
    assert world.family_hub.name in page and url("signposting", world.signposting.pk) in page
    login(client, world.administrator)  # sees the record, not the signposting
    page = client.get(reverse("people:child", args=[world.child_a.pk])).content.decode()
    assert url("signpost", world.child_a.pk) not in page and world.family_hub.name not in page


def test_signposting_a_family_through_the_form(world: Any, client: Any) -> None:
    login(client, world.key_person_a)
    form = client.get(url("signpost", world.child_a.pk)).content.decode()
    assert "Penny Parentish" in form and "Rex Restrictham" not in form  # barred from information
    assert world.agency.name in form and world.other_agency.name not in form
    assert world.family_hub.name in form
    data = {
        "adult": world.adult_a.pk,
        "agency": world.agency.pk,
        "reason": "Speech",
        "how": "At drop-off",
        "shared_with_family": "on",
        "follow_up_on": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
    }
    for bad in (
        {"reason": ""},
        {"adult": world.restricted_adult.pk},
        {"adult": "x"},
        {"agency": world.other_agency.pk},
        {"follow_up_on": "2020-01-01"},
        {"follow_up_on": "not a date"},
    ):
        response = client.post(url("signpost", world.child_a.pk), {**data, **bad})
        assert response.status_code == 400, bad
        assert "There is a problem" in response.content.decode()
    assert Signposting.objects.filter(child=world.child_a).count() == 1
    assert client.post(url("signpost", world.child_a.pk), data).status_code == 302
    made = Signposting.objects.filter(child=world.child_a, agency=world.agency).get()
    assert made.shared_with_family and made.adult == world.adult_a


@pytest.mark.parametrize("persona", ["volunteer", "administrator", "parent_a", "other_manager", "nobody"])
def test_the_signpost_page_is_for_staff_who_work_with_the_child(world: Any, client: Any, persona: str) -> None:
    login(client, world[persona])
    assert client.get(url("signpost", world.child_a.pk)).status_code == 404
    assert client.post(url("signpost", world.child_a.pk), {"reason": "x"}).status_code == 404
    assert client.get(url("signposting", world.signposting.pk)).status_code == 404


def test_updating_the_outcome_through_the_form(world: Any, client: Any) -> None:
    login(client, world.manager)
    page = client.get(url("signposting", world.signposting.pk)).content.decode()
    assert "Penny Parentish" in page and world.family_hub.name in page
    bad = client.post(url("signposting", world.signposting.pk), {"outcome": "lost"})
    assert bad.status_code == 400
    done = client.post(url("signposting", world.signposting.pk), {"outcome": "helped", "follow_up_on": ""})
    assert done.status_code == 302
    world.signposting.refresh_from_db()
    assert world.signposting.outcome == "helped" and not world.signposting.shared_with_family
    assert client.get(url("signposting", world.other_signposting.pk)).status_code == 404


def test_the_family_sees_only_what_was_shared_with_them(world: Any, client: Any) -> None:
    signpost(world, agency=world.agency, reason="Confidential: money worries.", shared_with_family=False)
    login(client, world.parent_a)
    page = client.get(url("suggested", world.child_a.pk)).content.decode()
    assert world.family_hub.name in page and "groups where Amelia can play" in page
    assert "Confidential: money worries." not in page and world.agency.name not in page
    assert "Keira Keyworth" in page and 'href="tel:01632960050"' in page
    assert world.agency_contact.name not in page
    assert client.get(url("suggested", world.child_b.pk)).status_code == 404
    assert client.get(url("suggested", world.other_child.pk)).status_code == 404
    for persona in ("restricted_parent", "parent_b_no_pr", "key_person_a", "nobody"):
        login(client, world[persona])
        assert client.get(url("suggested", world.child_a.pk)).status_code == 404, persona


def test_leaders_list_the_settings_signposting_and_the_follow_ups_due(world: Any, client: Any) -> None:
    due = signpost(world, agency=world.agency)
    Signposting.objects.filter(pk=due.pk).update(follow_up_on=timezone.localdate() - dt.timedelta(days=1))
    helped = signpost(world, agency=world.agency, reason="Helped already")
    Signposting.objects.filter(pk=helped.pk).update(
        follow_up_on=timezone.localdate() - dt.timedelta(days=1), outcome="helped"
    )
    login(client, world.dsl)
    listed = client.get(url("signpostings", world.setting.pk)).content.decode()
    for row in (due, helped, world.signposting):
        assert url("signposting", row.pk) in listed
    assert url("signposting", world.other_signposting.pk) not in listed
    only_due = client.get(url("signpostings", world.setting.pk), {"due": "on"}).content.decode()
    assert url("signposting", due.pk) in only_due and "Due" in only_due
    assert url("signposting", helped.pk) not in only_due
    assert url("signposting", world.signposting.pk) not in only_due  # follow up next fortnight
    health = client.get(url("signpostings", world.setting.pk), {"category": "health"}).content.decode()
    assert url("signposting", due.pk) in health and url("signposting", world.signposting.pk) not in health
    assert client.get(url("signpostings", world.setting.pk), {"category": "x", "page": "9"}).status_code == 200
    for persona in ("key_person_a", "administrator", "volunteer", "other_manager", "parent_a"):
        login(client, world[persona])
        assert client.get(url("signpostings", world.setting.pk)).status_code == 404, persona


# --- query counts ------------------------------------------------------------------------------------------


def many_agencies(world: Any, count: int) -> None:
    categories = Agency.Category.values
    Agency.objects.bulk_create(
        [
            Agency(
                setting=world.setting,
                name=f"Agency {i:03}",
                category=categories[i % len(categories)],
                phone="01632 960100",
                email=f"a{i}@example.org",
                website="https://a.example.org",
            )
            for i in range(count)
        ]
    )


def many_signpostings(world: Any, count: int) -> None:
    Signposting.objects.bulk_create(
        [
            Signposting(
                child=world.child_a if i % 2 else world.child_b,
                adult=world.adult_a if i % 2 else world.adult_b,
                agency=world.agency,
                reason=f"Reason {i}",
                recorded_by=world.key_person_a,
                follow_up_on=timezone.localdate(),
            )
            for i in range(count)
        ]
    )


@pytest.mark.parametrize(
    "persona, name, key",
    [
        ("volunteer", "directory", "setting"),
        ("parent_a", "support_directory", "setting"),
        ("manager", "signpostings", "setting"),
        ("key_person_a", "signpost", "child_a"),
        ("parent_a", "suggested", "child_a"),
    ],
)
def test_list_pages_do_not_grow_with_the_data(
    world: Any, client: Any, django_assert_max_num_queries: Any, persona: str, name: str, key: str
) -> None:
    login(client, world[persona])
    address = url(name, world[key].pk)
    client.get(address)
    with django_assert_max_num_queries(30) as few:
        assert client.get(address).status_code == 200
    many_agencies(world, 60)
    many_signpostings(world, 60)
    Signposting.objects.update(shared_with_family=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(address).status_code == 200


def test_the_child_record_panel_does_not_grow_with_the_data(
    world: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    login(client, world.senco)
    address = reverse("people:child", args=[world.child_a.pk])
    client.get(address)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(address)
    many_signpostings(world, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(address)
    assert "All signposting for" in page.content.decode()
