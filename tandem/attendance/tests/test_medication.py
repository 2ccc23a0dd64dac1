"""Medication (R9): authorising under consent, doses with a witness, the family's acknowledgement, access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tandem.attendance.models import Dose, Medicine
from tandem.attendance.services import medication as services
from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import ConsentCode, ConsentDecision
from tandem.enrolment.services.consents import ensure_default_consent_types, give_consent, withdraw_consent
from tandem.factories import ChildFactory

TODAY = timezone.localdate


def consent(world: Any, child: Any = None, adult_user: Any = None) -> ConsentDecision:
    child = child or world.child_a
    types = {t.code: t for t in ensure_default_consent_types(world.setting)}
    return give_consent(
        actor=adult_user or world.parent_a,
        child=child,
        consent_type=types[ConsentCode.ADMINISTERING_MEDICATION],
        seen_version=types[ConsentCode.ADMINISTERING_MEDICATION].version,
    )


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "name": "Calpol (paracetamol)",
        "reason": "Teething",
        "dose": "5 ml",
        "times": "12:00",
        "start_date": TODAY().isoformat(),
        "end_date": (TODAY() + dt.timedelta(days=2)).isoformat(),
        "last_dose_at_home": (timezone.localtime() - dt.timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        "instructions": "",
        "typed_name": "Penny Parentish",
    }
    return {**data, **overrides}


def authorised(world: Any, **kw: Any) -> Medicine:
    consent(world)
    args: dict[str, Any] = {
        "name": "Calpol",
        "dose": "5 ml",
        "times": "12:00",
        "start_date": TODAY(),
        "end_date": TODAY() + dt.timedelta(days=2),
        "last_dose_at_home": timezone.now() - dt.timedelta(hours=6),
        "typed_name": "Penny Parentish",
        **kw,
    }
    return services.authorise(actor=world.parent_a, child=world.child_a, **args)


def test_refused_without_consent_with_a_link(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    url = reverse("attendance:medicine_add", args=[world.child_a.pk])
    page = client.get(url).content.decode()
    assert "consent to giving medicine" in page
    assert reverse("enrolment:child_consents", args=[world.child_a.pk]) in page
    client.post(url, form_data())
    assert not Medicine.objects.exists()
    with pytest.raises(ValidationError) as error:
        services.authorise(
            actor=world.parent_a,
            child=world.child_a,
            name="Calpol",
            dose="5 ml",
            times="12:00",
            start_date=TODAY(),
            end_date=TODAY(),
            last_dose_at_home=timezone.now() - dt.timedelta(hours=6),
            typed_name="Penny Parentish",
        )
    assert "consent" in str(error.value)


def test_withdrawn_consent_refuses(world: Any) -> None:
    decision = consent(world)
    withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=decision.consent_type)
    with pytest.raises(ValidationError):
        services.authorise(
            actor=world.parent_a,
            child=world.child_a,
            name="Calpol",
            dose="5 ml",
            times="12:00",
            start_date=TODAY(),
            end_date=TODAY(),
            last_dose_at_home=timezone.now(),
            typed_name="Penny Parentish",
        )


def test_parent_authorises_with_consent_and_signature(world: Any, client: Any) -> None:
    decision = consent(world)
    login(client, world.parent_a)
    url = reverse("attendance:medicine_add", args=[world.child_a.pk])
    bad = client.post(url, form_data(end_date=(TODAY() - dt.timedelta(days=1)).isoformat(), typed_name="Bob"))
    assert bad.status_code == 200 and not Medicine.objects.exists()
    assert "on or after the first day" in bad.content.decode()
    missing = client.post(url, form_data(last_dose_at_home=""))
    assert "When did they last have it" in missing.content.decode() or "last had" in missing.content.decode()
    assert not Medicine.objects.exists()
    wrong_name = client.post(url, form_data(typed_name="Someone Else"))
    assert "as the setting knows it" in wrong_name.content.decode() and not Medicine.objects.exists()
    assert client.post(url, form_data()).status_code == 302
    medicine = Medicine.objects.get()
    assert medicine.consent_decision_id == decision.pk and medicine.authorised_by == world.adult_a
    assert medicine.typed_name == "Penny Parentish" and medicine.last_dose_at_home is not None


def test_parent_without_pr_cannot_authorise(world: Any, client: Any) -> None:
    login(client, world.parent_b_no_pr)
    page = client.get(reverse("attendance:medicines", args=[world.child_b.pk]))
    assert page.status_code == 200 and "Authorise a medicine</a>" not in page.content.decode()
    assert client.get(reverse("attendance:medicine_add", args=[world.child_b.pk])).status_code == 404
    assert client.post(reverse("attendance:medicine_add", args=[world.child_b.pk]), form_data()).status_code == 404
    with pytest.raises(ValidationError):
        services.authorise(
            actor=world.parent_b_no_pr,
            child=world.child_b,
            name="Calpol",
            dose="5 ml",
            times="12:00",
            start_date=TODAY(),
            end_date=TODAY(),
            last_dose_at_home=timezone.now(),
            typed_name="Stefan Stepfordson",
        )


def test_other_family_and_strangers_get_404(world: Any, client: Any) -> None:
    medicine = authorised(world)
    urls = [
        reverse("attendance:medicines", args=[world.child_a.pk]),
        reverse("attendance:medicine_add", args=[world.child_a.pk]),
        reverse("attendance:medicine_dose", args=[world.child_a.pk, medicine.pk]),
    ]
    for person in (world.parent_b_no_pr, world.restricted_parent, world.other_manager, world.nobody, world.volunteer):
        login(client, person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
    login(client, world.manager)  # the medicine of child A through child B's URL
    assert client.get(reverse("attendance:medicine_dose", args=[world.child_b.pk, medicine.pk])).status_code == 404


def test_witness_must_be_another_member_of_staff_of_the_setting(world: Any) -> None:
    medicine = authorised(world)
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        services.give_dose(
            actor=world.room_practitioner,
            medicine=medicine,
            given_at=now,
            amount="5 ml",
            witness=world.room_practitioner,
        )
    assert "another member of staff" in str(error.value)
    for stranger in (world.other_manager, world.parent_a, world.volunteer):
        with pytest.raises(ValidationError):
            services.give_dose(
                actor=world.room_practitioner, medicine=medicine, given_at=now, amount="5 ml", witness=stranger
            )
    assert not Dose.objects.exists()
    dose = services.give_dose(
        actor=world.room_practitioner, medicine=medicine, given_at=now, amount="5 ml", witness=world.manager
    )
    assert dose.given_by == world.room_practitioner and dose.witnessed_by == world.manager


def test_witness_form_never_offers_the_giver(world: Any, client: Any) -> None:
    medicine = authorised(world)
    login(client, world.room_practitioner)
    url = reverse("attendance:medicine_dose", args=[world.child_a.pk, medicine.pk])
    page = client.get(url).content.decode()
    assert "Mona Manningham" in page and f'value="{world.room_practitioner.pk}"' not in page
    response = client.post(
        url,
        {"given_at": timezone.localtime().strftime("%H:%M"), "amount": "5 ml", "witness": world.room_practitioner.pk},
    )
    assert response.status_code == 200 and not Dose.objects.exists()


def test_dose_outside_dates_or_stopped_is_refused(world: Any) -> None:
    consent(world)
    later = services.authorise(
        actor=world.parent_a,
        child=world.child_a,
        name="Later",
        dose="5 ml",
        times="12:00",
        start_date=TODAY() + dt.timedelta(days=1),
        end_date=TODAY() + dt.timedelta(days=3),
        last_dose_at_home=timezone.now() - dt.timedelta(hours=6),
        typed_name="Penny Parentish",
    )
    with pytest.raises(ValidationError) as error:
        services.give_dose(
            actor=world.manager, medicine=later, given_at=timezone.now(), amount="5 ml", witness=world.deputy
        )
    assert "authorised from" in str(error.value)
    medicine = authorised(world)
    services.stop(actor=world.parent_a, medicine=medicine)
    with pytest.raises(ValidationError) as error:
        services.give_dose(
            actor=world.manager, medicine=medicine, given_at=timezone.now(), amount="5 ml", witness=world.deputy
        )
    assert "stopped" in str(error.value)
    assert not Dose.objects.exists()


def test_warns_but_does_not_block_within_four_hours(world: Any, client: Any) -> None:
    medicine = authorised(world, last_dose_at_home=timezone.now() - dt.timedelta(hours=2))
    login(client, world.room_practitioner)
    url = reverse("attendance:medicine_dose", args=[world.child_a.pk, medicine.pk])
    assert "less than 4 hours ago" in client.get(url).content.decode()
    response = client.post(
        url,
        {"given_at": timezone.localtime().strftime("%H:%M"), "amount": "5 ml", "witness": world.manager.pk},
        follow=True,
    )
    assert Dose.objects.count() == 1
    assert "less than 4 hours before" in response.content.decode()


def test_family_is_emailed_sees_and_acknowledges(world: Any, client: Any, committed: Any) -> None:
    medicine = authorised(world, name="Piriton")
    with committed():
        dose = services.give_dose(
            actor=world.room_practitioner,
            medicine=medicine,
            given_at=timezone.now(),
            amount="2.5 ml",
            witness=world.manager,
        )
    sent = [m for m in mail.outbox if world.parent_a.email in m.to]
    assert len(sent) == 1 and "Piriton" not in sent[0].subject and "Amelia" not in sent[0].subject
    assert not [m for m in mail.outbox if world.restricted_parent.email in m.to]
    login(client, world.room_practitioner)
    assert (
        "1 not yet seen by the family"
        in client.get(reverse("attendance:medicines", args=[world.child_a.pk])).content.decode()
    )
    login(client, world.parent_a)
    page = client.get(reverse("attendance:medicines", args=[world.child_a.pk])).content.decode()
    assert "Piriton" in page and "2.5 ml" in page and "I have seen this" in page
    with committed():
        client.post(reverse("attendance:dose_acknowledge", args=[world.child_a.pk, dose.pk]))
    dose.refresh_from_db()
    assert dose.acknowledged_by == world.parent_a and dose.acknowledged_at is not None
    assert AuditEvent.objects.filter(event="attendance.medication.dose_acknowledged").count() == 1
    login(client, world.room_practitioner)  # staff cannot acknowledge for the family
    assert client.post(reverse("attendance:dose_acknowledge", args=[world.child_a.pk, dose.pk])).status_code == 404


def test_staff_receive_and_stop(world: Any, client: Any) -> None:
    medicine = authorised(world)
    login(client, world.key_person_a)
    client.post(reverse("attendance:medicine_received", args=[world.child_a.pk, medicine.pk]))
    medicine.refresh_from_db()
    assert medicine.received_by == world.key_person_a
    client.post(reverse("attendance:medicine_stop", args=[world.child_a.pk, medicine.pk]))
    medicine.refresh_from_db()
    assert medicine.stopped_by == world.key_person_a
    login(client, world.parent_b_no_pr)
    with pytest.raises(Http404):
        services.stop(actor=world.parent_b_no_pr, medicine=medicine)


def test_query_bounds(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    medicine = authorised(world)
    for _ in range(5):
        services.give_dose(
            actor=world.room_practitioner,
            medicine=medicine,
            given_at=timezone.now(),
            amount="5 ml",
            witness=world.manager,
        )
    for i in range(6):
        child = ChildFactory(setting=world.setting, room=world.room_1)
        Medicine.objects.create(
            child=child,
            name=f"Medicine {i}",
            dose="1",
            times="12:00",
            start_date=TODAY(),
            end_date=TODAY(),
            authorised_by=world.adult_a,
        )
        authorised_again = Medicine.objects.create(
            child=world.child_a,
            name=f"Cream {i}",
            dose="1",
            times="12:00",
            start_date=TODAY(),
            end_date=TODAY(),
            authorised_by=world.adult_a,
        )
        Dose.objects.create(medicine=authorised_again, amount="1", given_by=world.manager, witnessed_by=world.deputy)
    login(client, world.manager)
    for url in (
        reverse("attendance:medicines", args=[world.child_a.pk]),
        reverse("attendance:medicines_today", args=[world.setting.pk]),
    ):
        client.get(url)
        with django_assert_max_num_queries(17):
            assert client.get(url).status_code == 200
    today = client.get(reverse("attendance:medicines_today", args=[world.setting.pk])).content.decode()
    assert "Medicine 5" in today and "Calpol" in today
    login(client, world.key_person_a)  # only the children they may give medicine to
    today = client.get(reverse("attendance:medicines_today", args=[world.setting.pk])).content.decode()
    assert "Calpol" in today and "Medicine 5" not in today
