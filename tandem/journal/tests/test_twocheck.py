"""The progress check at two (R17): the due list, writing, the family's part, sign-off, sharing,
the PDF and who may see what."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.conftest import login
from tandem.core.audit import AuditEvent
from tandem.factories import ChildFactory
from tandem.journal.models import ProgressCheck
from tandem.journal.selectors.twocheck import born_by, due_children, months_after, reaches
from tandem.journal.services import twocheck as services


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def aged(months: int, days: int = 0) -> dt.date:
    """A birth date making a child exactly ``months`` months old today, ``days`` more."""
    return born_by(timezone.localdate(), months) - dt.timedelta(days=days)


def written(world: Any, child: Any = None, *, concerns: bool = False, by: Any = None) -> ProgressCheck:
    child = child or world.child_a
    author = by or world.key_person_a
    check = services.start_check(actor=author, child=child)
    areas = {row.area_id: (f"Enjoys {row.area.name.lower()}.", "") for row in check.areas.select_related("area")}
    return services.save_check(
        actor=author,
        check=check,
        areas=areas,
        concerns=concerns,
        parents_contribution="Mum says she sings all the way home.",
        plan="Keep singing together." if concerns else "",
    )


def shared(world: Any, committed: Any) -> ProgressCheck:
    check = written(world)
    services.sign_off(actor=world.manager, check=check)
    with committed():
        return services.share_with_family(actor=world.key_person_a, check=check)


# --- the due list -------------------------------------------------------------------------------


def test_due_list_dates_edges_and_order(world: Any) -> None:
    s = world.setting
    make = lambda name, born: ChildFactory(setting=s, first_name=name, last_name="Duecheck", date_of_birth=born)  # noqa: E731
    exactly_24 = make("Exactly", aged(24))
    exactly_36 = make("Thirtysix", aged(36))  # too old now
    almost_36 = make("Almost", aged(36) + dt.timedelta(days=1))
    overdue = make("Overdue", aged(31))
    soon = make("Soon", aged(21))  # due in three months
    later = make("Later", aged(21) + dt.timedelta(days=1))  # due a day after the three months
    left = make("Left", aged(26))
    left.leaving_date = timezone.localdate() - dt.timedelta(days=1)
    left.save()
    done = make("Done", aged(27))
    services.sign_off(actor=world.manager, check=written(world, done, by=world.senco))
    drafting = make("Drafting", aged(25))
    written(world, drafting, by=world.senco)

    names = [c.first_name for c in due_children(actor=world.manager, setting=s) if c.last_name == "Duecheck"]
    assert names == ["Almost", "Overdue", "Drafting", "Exactly", "Soon"]
    assert exactly_36.first_name not in names and later.first_name not in names and "Left" not in names
    horizon = months_after(timezone.localdate(), 3)
    assert reaches(soon.date_of_birth, 24) <= horizon
    assert overdue and exactly_24 and almost_36


def test_key_person_sees_only_their_own_children(world: Any, client: Any) -> None:
    world.child_a.date_of_birth = aged(25)
    world.child_a.save()
    world.child_b.date_of_birth = aged(26)
    world.child_b.save()
    login(client, world.key_person_a)
    page = client.get(reverse("journal:twocheck_due", args=[world.setting.pk]))
    assert page.status_code == 200
    assert "Amelia" in page.content.decode() and "Barnaby" not in page.content.decode()
    login(client, world.manager)
    body = client.get(reverse("journal:twocheck_due", args=[world.setting.pk])).content.decode()
    assert "Amelia" in body and "Barnaby" in body


def test_overdue_is_said_in_words(world: Any, client: Any) -> None:
    world.child_a.date_of_birth = aged(32)
    world.child_a.save()
    login(client, world.manager)
    body = client.get(reverse("journal:twocheck_due", args=[world.setting.pk])).content.decode()
    assert ">Overdue<" in body


def test_due_list_refused_to_others(world: Any, client: Any) -> None:
    url = reverse("journal:twocheck_due", args=[world.setting.pk])
    for person in (world.parent_a, world.room_practitioner, world.other_manager, world.administrator):
        login(client, person)
        assert client.get(url).status_code == 404, person


def test_due_list_query_count_is_flat(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    login(client, world.manager)
    url = reverse("journal:twocheck_due", args=[world.setting.pk])
    for i in range(3):
        ChildFactory(
            setting=world.setting, room=world.room_1, date_of_birth=aged(24 + i), key_person=world.key_person_a
        )
    client.get(url)
    with django_assert_max_num_queries(25) as few:
        client.get(url)
    for i in range(40):
        ChildFactory(setting=world.setting, room=world.room_1, date_of_birth=aged(24 + i % 10), key_person=world.senco)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


# --- writing, the family's part, sign-off -----------------------------------------------------------


def test_a_check_covers_the_three_prime_areas(world: Any) -> None:
    check = services.start_check(actor=world.key_person_a, child=world.child_a)
    assert sorted(r.area.code for r in check.areas.all()) == sorted(c for c, a in world.areas.items() if a.prime)
    assert services.start_check(actor=world.key_person_a, child=world.child_a) == check  # one draft at a time


def test_concerns_need_a_plan_with_a_clear_message(world: Any, client: Any) -> None:
    check = services.start_check(actor=world.key_person_a, child=world.child_a)
    login(client, world.key_person_a)
    url = reverse("journal:twocheck_edit", args=[world.child_a.pk, check.pk])
    response = client.post(url, {"concerns": "on", "plan": "  "})
    assert response.status_code == 200
    assert "Write the plan agreed" in response.content.decode()
    check.refresh_from_db()
    assert not check.concerns
    area = check.areas.first()
    response = client.post(
        url, {"concerns": "on", "plan": "Speech therapy referral", f"strengths_{area.area_id}": "Runs"}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "SENCO" in follow
    with pytest.raises(ValidationError) as err:
        services.save_check(
            actor=world.key_person_a, check=check, areas={}, concerns=True, parents_contribution="", plan=""
        )
    assert "plan" in err.value.message_dict


def test_sign_off_is_by_a_leader_who_did_not_write_it(world: Any) -> None:
    check = written(world, by=world.senco)
    with pytest.raises(ValidationError, match="someone else must sign it off"):
        services.sign_off(actor=world.senco, check=check)
    with pytest.raises(Http404):
        services.sign_off(actor=world.key_person_a, check=check)
    services.sign_off(actor=world.deputy, check=check)
    check.refresh_from_db()
    assert check.status == ProgressCheck.Status.SIGNED_OFF and check.signed_off_by == world.deputy


def test_sign_off_needs_the_strengths_and_the_parents(world: Any) -> None:
    check = services.start_check(actor=world.key_person_a, child=world.child_a)
    with pytest.raises(ValidationError, match="strengths"):
        services.sign_off(actor=world.manager, check=check)


def test_signed_off_checks_are_read_only_and_corrected_by_a_new_check(world: Any, client: Any) -> None:
    check = written(world)
    services.sign_off(actor=world.manager, check=check)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.save_check(
            actor=world.key_person_a, check=check, areas={}, concerns=False, parents_contribution="x", plan=""
        )
    login(client, world.key_person_a)
    edit = client.get(reverse("journal:twocheck_edit", args=[world.child_a.pk, check.pk]))
    assert edit.status_code == 302
    response = client.post(reverse("journal:twocheck_correct", args=[world.child_a.pk, check.pk]))
    correction = ProgressCheck.objects.exclude(pk=check.pk).get(child=world.child_a)
    assert response.status_code == 302 and correction.corrects == check and correction.is_draft
    assert correction.parents_contribution == check.parents_contribution
    assert [a.strengths for a in correction.areas.all()] == [a.strengths for a in check.areas.all()]


def test_the_family_adds_their_part_without_seeing_the_draft(world: Any, client: Any, committed: Any) -> None:
    check = written(world)
    login(client, world.parent_a)
    contribute = reverse("journal:twocheck_contribute", args=[world.child_a.pk, check.pk])
    assert client.get(contribute).status_code == 404  # not asked yet
    with committed():
        services.ask_family(actor=world.key_person_a, check=check)
    assert [m.to for m in mail.outbox] == [[world.adult_a.email]]  # never the restricted parent
    assert "Amelia" not in mail.outbox[0].subject
    page = client.get(reverse("journal:twocheck_child", args=[world.child_a.pk])).content.decode()
    assert "Add your contribution" in page and "Enjoys" not in page
    assert client.get(reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk])).status_code == 404
    form = client.get(contribute).content.decode()
    assert "Enjoys" not in form and "sings all the way home" not in form
    assert client.post(contribute, {"text": ""}).status_code == 200
    assert client.post(contribute, {"text": "He loves the bus."}).status_code == 302
    check.refresh_from_db()
    assert check.family_contribution == "He loves the bus." and check.family_contribution_by == world.parent_a
    for person in (world.restricted_parent, world.parent_b_no_pr, world.other_parent):
        login(client, person)
        assert client.get(contribute).status_code == 404


# --- sharing with the family, the PDF, acknowledging ---------------------------------------------------


def test_share_makes_a_pdf_that_only_the_entitled_download(world: Any, client: Any, committed: Any) -> None:
    check = shared(world, committed)
    check.refresh_from_db()
    assert check.pdf and check.pdf.read()[:4] == b"%PDF"
    assert any("progress check at two is ready" in m.subject for m in mail.outbox)
    url = reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk])
    for person in (world.parent_a, world.key_person_a, world.manager):
        login(client, person)
        with committed():  # staff say why (R51): the form on the check's page posts it
            response = client.get(url) if person == world.parent_a else client.post(url, {"reason": "file"})
        assert response.status_code == 200, person
        assert response["Cache-Control"] == "private, no-store"
        assert b"".join(response.streaming_content)[:4] == b"%PDF"
    assert AuditEvent.objects.filter(event="journal.twocheck.downloaded").count() == 3
    for person in (
        world.restricted_parent,
        world.parent_b_no_pr,
        world.other_parent,
        world.nobody,
        world.other_manager,
    ):
        login(client, person)
        assert client.get(url).status_code == 404, person


def test_the_family_does_not_see_a_check_until_it_is_shared(world: Any, client: Any) -> None:
    check = written(world)
    services.sign_off(actor=world.manager, check=check)
    login(client, world.parent_a)
    assert client.get(reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk])).status_code == 404
    assert client.get(reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk])).status_code == 404


def test_pdf_not_ready_is_being_prepared(world: Any, client: Any) -> None:
    check = written(world)
    services.sign_off(actor=world.manager, check=check)
    login(client, world.manager)
    response = client.post(reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk]), {"reason": "file"})
    assert response.status_code == 202 and "being prepared" in response.content.decode()


def test_the_family_acknowledges(world: Any, client: Any, committed: Any) -> None:
    check = shared(world, committed)
    login(client, world.parent_a)
    detail = client.get(reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk])).content.decode()
    assert "Enjoys communication and language" in detail and "I have read it" in detail
    with committed():
        client.post(reverse("journal:twocheck_acknowledge", args=[world.child_a.pk, check.pk]))
    check.refresh_from_db()
    assert check.parent_acknowledged_by == world.parent_a
    assert AuditEvent.objects.filter(event="journal.twocheck.acknowledged").exists()
    login(client, world.parent_b_no_pr)
    assert client.post(reverse("journal:twocheck_acknowledge", args=[world.child_a.pk, check.pk])).status_code == 404


def test_writes_are_audited_by_id(world: Any, committed: Any) -> None:
    with committed():
        check = written(world)
        services.sign_off(actor=world.manager, check=check)
    events = set(AuditEvent.objects.filter(object_id=check.pk).values_list("event", flat=True))
    assert {"journal.twocheck.started", "journal.twocheck.saved", "journal.twocheck.signed_off"} <= events


def test_strangers_get_404(world: Any, client: Any, committed: Any) -> None:
    check = shared(world, committed)
    urls = [
        reverse("journal:twocheck_child", args=[world.child_a.pk]),
        reverse("journal:twocheck_detail", args=[world.child_a.pk, check.pk]),
        reverse("journal:twocheck_pdf", args=[world.child_a.pk, check.pk]),
    ]
    for person in (world.nobody, world.other_parent, world.other_manager, world.restricted_parent):
        login(client, person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    # a check reached through another child's address is not found either
    login(client, world.manager)
    assert client.get(reverse("journal:twocheck_detail", args=[world.child_b.pk, check.pk])).status_code == 404
