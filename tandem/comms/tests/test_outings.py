"""Outings (R29): planning, announcing to the right parents in their language, consent and
"who may go" (for this outing, and under the standing consent), reminders, changes, cancelling,
the pages and who may open them, and lists whose query count does not grow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.comms.models import Notification, Outing, OutingConsent, Translation
from tandem.comms.selectors import outings as selectors
from tandem.comms.selectors.translations import fields_hash, original_fields
from tandem.comms.services import outings as services
from tandem.comms.tasks_outings import OUTING_KIND
from tandem.core.models import AuditEvent
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.services.consents import decide_consent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.people.panels import links_for


def soon(days: int = 10, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def details(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Library visit",
        "purpose": "Story time, and each child borrows a book.",
        "place": "Meadowbank Library, 1 High Street",
        "transport": "Walking",
        "starts_at": soon(),
        "ends_at": soon() + dt.timedelta(hours=2),
        "reply_by": (soon() - dt.timedelta(days=2)).date(),
        "risk_assessment": "Zebra crossing only. RISK-NOTE-42.",
        "consent_mode": Outing.ConsentMode.EACH,
        **extra,
    }


def plan(world: Any, actor: Any = None, rooms: Any = None, children: Any = None, **extra: Any) -> Outing:
    return services.create_outing(
        actor=actor or world.manager,
        setting=world.setting,
        data=details(**extra),
        rooms=[world.room_1] if rooms is None else rooms,
        children=children or [],
    )


def b_parent(world: Any, first: str = "Bella") -> Any:
    """A parent of child B with parental responsibility (the world's B parent has none)."""
    user = UserFactory(first_name=first, last_name="Bparent")
    adult = AdultFactory(user=user, setting=world.setting, first_name=first, last_name="Bparent")
    ChildAdultFactory(child=world.child_b, adult=adult, parental_responsibility=True)
    return user


def told(kind: str = OUTING_KIND) -> dict[int, Notification]:
    return {n.recipient_id: n for n in Notification.objects.filter(kind=kind)}


def test_announce_fixes_children_and_tells_pr_parents_in_their_language(world: Any, committed: Any) -> None:
    bella = b_parent(world)
    world.adult_a.preferred_language = "Polish"
    world.adult_a.save()
    outing = plan(world, children=[world.child_b])
    # a draft shows whom it would invite, and nothing is sent
    assert {c.pk for c in selectors.invited_children(outing)} == {world.child_a.pk, world.child_b.pk}
    assert not Notification.objects.exists()
    Translation.objects.create(
        content_type=ContentType.objects.get_for_model(Outing),
        object_id=outing.pk,
        language="pl",
        fields={"title": "Wizyta w bibliotece", "purpose": "Czytanie.", "place": "Biblioteka", "transport": "Pieszo"},
        source=Translation.Source.HUMAN,
        original_hash=fields_hash(original_fields(outing)),
    )
    with committed():
        services.announce(actor=world.manager, outing=outing)
    late: Any = ChildFactory(setting=world.setting, room=world.room_1)  # joins the room after: not invited
    outing.refresh_from_db()
    assert outing.announced_at and set(outing.children.values_list("pk", flat=True)) == {
        world.child_a.pk,
        world.child_b.pk,
    }
    assert late.pk not in {c.pk for c in selectors.invited_children(outing)}
    sent = told()
    # PR parents of invited children only: not the restricted parent, not B's step-parent without PR
    assert set(sent) == {world.parent_a.pk, bella.pk}
    polish, english = sent[world.parent_a.pk], sent[bella.pk]
    assert polish.title.startswith("Outing: Wizyta w bibliotece") and "Amelia" in polish.title
    assert "Biblioteka" in polish.body and "RISK-NOTE" not in polish.body
    assert english.title == "Outing: Library visit. Please answer for Barnaby" and "Meadowbank Library" in english.body
    assert polish.url == reverse("comms:child_outing", args=[world.child_a.pk, outing.pk])
    assert AuditEvent.objects.filter(event="comms.outing.announced").exists()
    with pytest.raises(ValidationError):
        services.announce(actor=world.manager, outing=outing)  # only once


def test_who_may_plan(world: Any) -> None:
    mine = plan(world, actor=world.room_practitioner)  # their own room
    assert mine.created_by == world.room_practitioner
    with pytest.raises(ValidationError, match="own room"):
        plan(world, actor=world.room_practitioner, rooms=[world.room_2])
    with pytest.raises(ValidationError, match="own room"):
        plan(world, actor=world.room_practitioner, rooms=[world.room_1], children=[world.child_b])
    with pytest.raises(ValidationError, match="Choose a room"):
        plan(world, rooms=[], children=[])
    with pytest.raises(ValidationError):
        plan(world, starts_at=soon(-1), ends_at=soon(-1) + dt.timedelta(hours=1))
    for stranger in (world.volunteer, world.administrator, world.other_practitioner, world.parent_a):
        with pytest.raises(Http404):
            plan(world, actor=stranger)
    # a practitioner of another room cannot change it; the manager's outing for two rooms is the manager's
    with pytest.raises(Http404):
        services.announce(actor=world.key_person_a, outing=mine)
    both = plan(world, rooms=[world.room_1, world.room_2])
    with pytest.raises(Http404):
        services.cancel(actor=world.room_practitioner, outing=both, reason="Rain")


def test_consent_flow_who_may_go_and_reminders(world: Any, committed: Any, as_user: Any) -> None:
    bella = b_parent(world)
    outing = plan(world, children=[world.child_b])
    services.announce(actor=world.manager, outing=outing)
    page = reverse("comms:child_outing", args=[world.child_a.pk, outing.pk])
    post = reverse("comms:outing_consent", args=[world.child_a.pk, outing.pk])
    client = as_user(world.parent_a)
    assert "Send my answer" in client.get(page).content.decode()
    assert client.post(post, {"answer": "yes", "note": "Bring her inhaler"}).status_code == 302
    who = selectors.who_may_go(outing)
    rows = {r.child.pk: r for r in who.rows}
    assert rows[world.child_a.pk].may_go and rows[world.child_a.pk].note == "Bring her inhaler"
    assert not rows[world.child_b.pk].answered and (who.going, who.refused, who.waiting) == (1, 0, 1)
    # a change of mind: appended, the latest counts
    assert client.post(post, {"answer": "no"}).status_code == 302
    assert OutingConsent.objects.filter(outing=outing, child=world.child_a).count() == 2
    assert not selectors.who_may_go(outing).rows[0].may_go
    html = client.get(page).content.decode()
    assert "Consent refused" in html and "Earlier answers" in html and "RISK-NOTE" not in html
    # no answer without a choice: the form says so
    assert "Choose yes or no." in client.post(post, {}).content.decode()
    # the step-parent without PR sees the outing but cannot decide; the restricted parent sees nothing
    b_page = reverse("comms:child_outing", args=[world.child_b.pk, outing.pk])
    step = as_user(world.parent_b_no_pr)
    assert "Only a parent with parental responsibility" in step.get(b_page).content.decode()
    assert (
        step.post(reverse("comms:outing_consent", args=[world.child_b.pk, outing.pk]), {"answer": "yes"}).status_code
        == 404
    )
    assert as_user(world.restricted_parent).get(page).status_code == 404
    assert as_user(world.parent_a).get(b_page).status_code == 404  # another family's child
    with pytest.raises(Http404):
        services.decide(actor=world.manager, outing=outing, child=world.child_a, given=True)  # staff never decide
    # a reminder goes only to the families who have not answered
    Notification.objects.all().delete()
    with committed():
        assert services.remind(actor=world.manager, outing=outing) == 1
    assert set(told()) == {bella.pk} and told()[bella.pk].title.startswith("Reminder: please answer for Barnaby")
    # once it has started, answers are closed
    Outing.objects.filter(pk=outing.pk).update(starts_at=timezone.now() - dt.timedelta(minutes=5))
    outing.refresh_from_db()
    with pytest.raises(ValidationError, match="started"):
        services.decide(actor=world.parent_a, outing=outing, child=world.child_a, given=True)
    with pytest.raises(ValidationError):
        services.remind(actor=world.manager, outing=outing)


def test_standing_consent_applies_to_a_local_outing(world: Any, committed: Any) -> None:
    outing = plan(world, consent_mode=Outing.ConsentMode.STANDING, children=[world.child_b])
    services.announce(actor=world.manager, outing=outing)
    rows = {r.child.pk: r for r in selectors.who_may_go(outing).rows}
    assert not rows[world.child_a.pk].may_go and not rows[world.child_a.pk].answered  # not asked yet
    local = world.consent_types[ConsentCode.LOCAL_OUTINGS]
    decide_consent(actor=world.parent_a, child=world.child_a, consent_type=local, kind="given", seen_version=1)
    who = selectors.who_may_go(outing)
    rows = {r.child.pk: r for r in who.rows}
    assert rows[world.child_a.pk].may_go and "given" in rows[world.child_a.pk].label and who.going == 1
    with pytest.raises(ValidationError, match="local outing"):
        services.decide(actor=world.parent_a, outing=outing, child=world.child_a, given=False)
    decide_consent(actor=world.parent_a, child=world.child_a, consent_type=local, kind="withdrawn")
    rows = {r.child.pk: r for r in selectors.who_may_go(outing).rows}
    assert not rows[world.child_a.pk].may_go and rows[world.child_a.pk].answered  # withdrawn counts at once
    answer = selectors.answers_for_child(world.child_a, [outing])[outing.pk]
    assert answer.status == "withdrawn"


def test_change_and_cancel_tell_every_informed_parent(world: Any, committed: Any) -> None:
    outing = plan(world, children=[world.child_b])
    with committed():
        services.announce(actor=world.manager, outing=outing)
    Notification.objects.all().delete()
    data = details(place="The museum", starts_at=outing.starts_at, ends_at=outing.ends_at)
    with committed():
        services.update_outing(actor=world.manager, outing=outing, data=data)
    outing.refresh_from_db()
    assert outing.place == "The museum" and outing.sequence == 1
    assert set(told()) == {world.parent_a.pk, world.parent_b_no_pr.pk}  # every parent or carer, not restricted
    # a change to the staff-only risk assessment tells no one
    Notification.objects.all().delete()
    with committed():
        services.update_outing(actor=world.manager, outing=outing, data={**data, "risk_assessment": "New"})
    assert not Notification.objects.exists()
    with pytest.raises(ValidationError, match="Say why"):
        services.cancel(actor=world.manager, outing=outing, reason=" ")
    with committed():
        services.cancel(actor=world.manager, outing=outing, reason="The library is closed for repairs")
    outing.refresh_from_db()
    assert outing.cancelled_at and outing.sequence == 2  # the risk note is not in calendars: no bump
    sent = told()
    assert set(sent) == {world.parent_a.pk, world.parent_b_no_pr.pk}
    assert sent[world.parent_a.pk].title == "Outing cancelled: Library visit"
    assert "closed for repairs" in sent[world.parent_a.pk].body
    with pytest.raises(ValidationError):
        services.update_outing(actor=world.manager, outing=outing, data=data)


def test_pages_and_who_may_open_them(world: Any, as_user: Any, committed: Any) -> None:
    client = as_user(world.manager)
    new = reverse("comms:outing_new", args=[world.setting.pk])
    assert client.get(new).status_code == 200
    form = {
        "title": "Farm visit",
        "purpose": "Lambs",
        "place": "Hill Farm",
        "transport": "Minibus",
        "starts_at": soon().strftime("%Y-%m-%dT%H:%M"),
        "ends_at": soon(hour=12).strftime("%Y-%m-%dT%H:%M"),
        "rooms": [world.room_1.pk],
        "consent_mode": "each",
        "risk_assessment": "RISK-NOTE-42",
    }
    bad = client.post(new, {**form, "ends_at": form["starts_at"]})
    assert bad.status_code == 200 and "must end after it starts" in bad.content.decode()
    done = client.post(new, form)
    outing = Outing.objects.get(title="Farm visit")
    assert done["Location"] == reverse("comms:outing", args=[outing.pk])
    staff_page = client.get(done["Location"]).content.decode()
    assert "RISK-NOTE-42" in staff_page and "Announce to families" in staff_page and "Amelia Ashcombe" in staff_page
    with committed():
        assert client.post(reverse("comms:outing_announce", args=[outing.pk])).status_code == 302
    page = client.get(reverse("comms:outing", args=[outing.pk])).content.decode()
    assert "Who may go" in page and "Send a reminder" in page and "No answer yet" in page
    listing = client.get(reverse("comms:outings", args=[world.setting.pk])).content.decode()
    assert listing.count(">Farm visit</a>") == 1 and "Duck pond (Acorn)" in listing
    assert client.get(reverse("comms:outing_cancel", args=[outing.pk])).status_code == 200
    # the parent sees their child's outing in the list, with no staff-only text, and the link under the child
    parent = as_user(world.parent_a)
    assert {"label": "Outings", "url": reverse("comms:child_outings", args=[world.child_a.pk])} in links_for(
        world.parent_a, world.child_a
    )
    mine = parent.get(reverse("comms:child_outings", args=[world.child_a.pk])).content.decode()
    assert "Farm visit" in mine and "RISK-NOTE" not in mine and "Answer for Amelia" in mine
    for url in (reverse("comms:outing", args=[outing.pk]), reverse("comms:outing_edit", args=[outing.pk])):
        assert parent.get(url).status_code == 404
    assert parent.get(reverse("comms:outings", args=[world.setting.pk])).status_code == 404
    # other provider, another family, a volunteer: refused
    assert as_user(world.other_manager).get(reverse("comms:outing", args=[outing.pk])).status_code == 404
    assert as_user(world.parent_b_no_pr).get(reverse("comms:child_outings", args=[world.child_a.pk])).status_code == 404
    volunteer = as_user(world.volunteer)
    assert volunteer.get(reverse("comms:outing", args=[outing.pk])).status_code == 404
    assert volunteer.get(new).status_code == 404
    # the room's practitioner sees who may go but a key person from another room does not
    assert as_user(world.room_practitioner).get(reverse("comms:outing", args=[outing.pk])).status_code == 200
    assert as_user(world.key_person_a).get(reverse("comms:outing", args=[outing.pk])).status_code == 404


def test_lists_do_not_grow_in_queries(world: Any, as_user: Any, django_assert_max_num_queries: Any) -> None:
    for i in range(12):
        outing = plan(world, title=f"Walk {i}", children=[world.child_b])
        services.announce(actor=world.manager, outing=outing)
        services.decide(actor=world.parent_a, outing=outing, child=world.child_a, given=i % 2 == 0)
    for _ in range(8):
        ChildFactory(setting=world.setting, room=world.room_1)
    manager = as_user(world.manager)
    manager.get("/")  # the session, MFA and menus are loaded once
    with django_assert_max_num_queries(16):
        assert manager.get(reverse("comms:outings", args=[world.setting.pk])).status_code == 200
    with django_assert_max_num_queries(18):
        assert manager.get(reverse("comms:outing", args=[outing.pk])).status_code == 200
    parent = as_user(world.parent_a)
    with django_assert_max_num_queries(19):
        html = parent.get(reverse("comms:child_outings", args=[world.child_a.pk])).content.decode()
    assert html.count("Consent given") == 6 and html.count("Consent refused") == 6
