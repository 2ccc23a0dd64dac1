"""Defects found in review of the day (R42–R45, R9): each test failed before its fix."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tandem.attendance.models import Attendance, Collector, Dose, Medicine, OneOffCollector
from tandem.attendance.services import collection as collection_services
from tandem.attendance.services import medication as medication_services
from tandem.conftest import login
from tandem.core.access import can
from tandem.enrolment.models import ConsentCode
from tandem.enrolment.services.consents import ensure_default_consent_types, give_consent, withdraw_consent
from tandem.people.models import ChildAdult


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def present(child: Any) -> Attendance:
    return Attendance.objects.create(child=child, state=Attendance.State.PRESENT, arrived_at=timezone.now())


# --- a restricted adult at the door -----------------------------------------------------------


def test_restricted_adult_cannot_collect_on_the_password_route(world: Any) -> None:
    """Rex (no collection, court order) knows the password: naming himself on the password route
    must not release the child."""
    collection_services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    attendance = present(world.child_a)
    with pytest.raises(ValidationError) as error:
        collection_services.release(
            actor=world.room_practitioner,
            attendance=attendance,
            collector="password",
            check="password",
            identity_note="driving licence",
            password="purple giraffe",
            collector_name="  rex   RESTRICTHAM ",
            collector_is_adult=True,
        )
    assert "Do not release" in " ".join(error.value.messages)
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT


def test_restricted_adult_added_as_a_named_collector_is_still_blocked(world: Any) -> None:
    """A parent cannot undo a court order by adding the restricted adult as a named collector or a
    one-off: they are refused when added, and at the door the restriction wins (for rows made before
    the restriction was recorded)."""
    with pytest.raises(ValidationError) as refused:
        collection_services.add_collector(
            actor=world.parent_a, child=world.child_a, name="rex  RESTRICTHAM", relationship="Father", is_adult=True
        )
    assert "may not collect" in str(refused.value)
    named = Collector.objects.create(
        child=world.child_a, name="Rex Restrictham", relationship="Father", is_adult=True, added_by=world.parent_a
    )
    once = OneOffCollector.objects.create(
        child=world.child_a,
        date=timezone.localdate(),
        name="Rex Restrictham",
        relationship="Father",
        is_adult=True,
        granted_by=world.adult_a,
    )
    attendance = present(world.child_a)
    for key, check, note in ((f"collector:{named.pk}", "known", ""), (f"one_off:{once.pk}", "identity", "passport")):
        with pytest.raises(ValidationError) as error:
            collection_services.release(
                actor=world.room_practitioner, attendance=attendance, collector=key, check=check, identity_note=note
            )
        assert "Do not release" in " ".join(error.value.messages)
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT


# --- medication -------------------------------------------------------------------------------


def _consent(world: Any) -> Any:
    types = {t.code: t for t in ensure_default_consent_types(world.setting)}
    kind = types[ConsentCode.ADMINISTERING_MEDICATION]
    give_consent(actor=world.parent_a, child=world.child_a, consent_type=kind, seen_version=kind.version)
    return kind


def _medicine(world: Any) -> Medicine:
    _consent(world)
    return medication_services.authorise(
        actor=world.parent_a,
        child=world.child_a,
        name="Calpol",
        dose="5 ml",
        times="12:00",
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + dt.timedelta(days=2),
        last_dose_at_home=timezone.now() - dt.timedelta(hours=6),
        typed_name="Penny Parentish",
    )


def test_no_dose_once_the_medication_consent_is_withdrawn(world: Any) -> None:
    """Consent is checked at the point of use: giving the dose, not only authorising it."""
    medicine = _medicine(world)
    kind = _consent(world)
    withdraw_consent(actor=world.parent_a, child=world.child_a, consent_type=kind)
    with pytest.raises(ValidationError):
        medication_services.give_dose(
            actor=world.room_practitioner,
            medicine=medicine,
            given_at=timezone.now(),
            amount="5 ml",
            witness=world.manager,
        )
    assert not Dose.objects.exists()


def test_a_no_contact_parent_with_pr_cannot_authorise_medicine(world: Any) -> None:
    """The medication actions say "never a restricted adult": a no-contact order (without a
    no-information one) must still keep that parent from authorising medicine."""
    ChildAdult.objects.filter(pk=world.restricted_link.pk).update(no_information=False)
    from tandem.attendance.actions.medication import MED_AUTHORISE

    assert not can(world.restricted_parent, MED_AUTHORISE, world.child_a)
    assert can(world.parent_a, MED_AUTHORISE, world.child_a)


def test_password_route_needs_staff_to_confirm_an_adult(world: Any, client: Any) -> None:
    """Someone not on the list who gives the password must also be confirmed as an adult: children
    are only released to an adult."""
    collection_services.set_password(actor=world.parent_a, child=world.child_a, password="purple giraffe")
    attendance = present(world.child_a)
    login(client, world.room_practitioner)
    url = reverse("attendance:release", args=[world.child_a.pk])
    post = {
        "collector": "password",
        "collector_name": "Sam Stranger",
        "password": "purple giraffe",
        "identity_note": "School card",
    }
    response = client.post(url, post)
    assert response.status_code == 400 and "aged 16 or over" in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.PRESENT
    response = client.post(url, {**post, "is_adult": "on"})
    assert response.status_code == 302
    attendance.refresh_from_db()
    assert attendance.state == Attendance.State.LEFT and attendance.collected_by_name == "Sam Stranger"


def test_a_dose_given_before_midnight_can_be_written_up_after_it() -> None:
    import datetime as dt
    from unittest import mock

    from tandem.attendance.forms.medication import DoseForm

    just_after_midnight = timezone.make_aware(dt.datetime(2026, 11, 24, 0, 10))
    form = DoseForm.__new__(DoseForm)
    form.cleaned_data = {"given_at": dt.time(23, 50)}
    with mock.patch("django.utils.timezone.now", return_value=just_after_midnight):
        assert form.given_at_today() == timezone.make_aware(dt.datetime(2026, 11, 23, 23, 50))
        form.cleaned_data = {"given_at": dt.time(0, 5)}
        assert form.given_at_today() == timezone.make_aware(dt.datetime(2026, 11, 24, 0, 5))
    midday = timezone.make_aware(dt.datetime(2026, 11, 24, 12, 0))
    with mock.patch("django.utils.timezone.now", return_value=midday):
        form.cleaned_data = {"given_at": dt.time(23, 50)}  # later today: the service refuses a future time
        assert form.given_at_today() == timezone.make_aware(dt.datetime(2026, 11, 24, 23, 50))
