"""Allegations against staff (R61): a complaint diverted at once (limits closed, access narrowed,
the person it is about sees nothing and is not told), recorded directly, the LADO referral, close."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.comms.models import Notification
from tandem.complaints.actions.agency import AGENCY_VIEW
from tandem.complaints.actions.allegations import ALLEGATION_VIEW
from tandem.complaints.actions.complaints import COMPLAINT_VIEW
from tandem.complaints.models import Allegation, Complaint, ComplaintStep, Deadline
from tandem.complaints.selectors.allegations import allegations_of
from tandem.complaints.services import allegations as services
from tandem.complaints.services.deadlines import open_deadlines
from tandem.conftest import login
from tandem.core.access import can

KIND = "complaints.allegation"


def told(*users: Any) -> set[int]:
    return set(Notification.objects.filter(kind=KIND, recipient__in=users).values_list("recipient_id", flat=True))


def test_a_complaint_is_diverted_at_once(world: Any, client: Any, committed: Any) -> None:
    w = world
    complaint = w.complaint_about_key_person  # Penny's complaint about Amelia's key person, with the manager
    open_deadlines(complaint)
    login(client, w.deputy)
    url = reverse("complaints:allegation_divert", args=[complaint.pk])
    form = client.get(url)
    assert form.status_code == 200 and form.context["form"]["about"].value() == w.key_person_a.pk
    with committed():
        response = client.post(url, {"about": w.key_person_a.pk, "summary": "Amelia said Keira hit her."})
    # the deputy may pass it on but not see it: thanked, not shown it
    assert response.status_code == 200 and "you will not see it" in response.content.decode()
    complaint.refresh_from_db()
    allegation = Allegation.objects.get(complaint=complaint)
    assert complaint.stage == Complaint.Stage.ALLEGATION and complaint.handler is None
    assert allegation.child == w.child_a and allegation.about == w.key_person_a and allegation.recorded_by == w.deputy
    assert not Deadline.objects.filter(complaint=complaint, cancelled_at__isnull=True, met_at__isnull=True).exists()
    step = complaint.steps.get(kind=ComplaintStep.Kind.DIVERTED)
    assert step.shared_with_complainant and step.text == services.COMPLAINANT_NOTICE
    # told at once: the manager and the DSL, never the person it is about; titles name no one
    assert told(w.manager, w.dsl, w.key_person_a, w.owner, w.deputy) == {w.manager.pk, w.dsl.pk}
    titles = " ".join(Notification.objects.filter(kind=KIND).values_list("title", flat=True))
    assert "Keira" not in titles and "Amelia" not in titles
    assert {w.manager.email, w.dsl.email} <= {to for m in mail.outbox for to in m.to}
    assert w.key_person_a.email not in {to for m in mail.outbox for to in m.to}
    # access narrowed to the manager, the DSL and the owners; the parent sees only their complaint's notice
    for key, sees in {
        "manager": True,
        "dsl": True,
        "owner": True,
        "deputy": False,
        "line_manager": False,
        "key_person_a": False,
    }.items():
        assert can(w[key], ALLEGATION_VIEW, allegation) is sees, key
        assert can(w[key], COMPLAINT_VIEW, complaint) is sees, key
    assert can(w.parent_a, COMPLAINT_VIEW, complaint) and not can(w.parent_a, ALLEGATION_VIEW, allegation)
    shared = complaint.steps.filter(shared_with_complainant=True, stage=Complaint.Stage.ALLEGATION)
    assert [s.text for s in shared] == [services.COMPLAINANT_NOTICE]
    page = reverse("complaints:allegation", args=[allegation.pk])
    for stranger in (w.key_person_a, w.deputy, w.parent_a, w.line_manager):
        login(client, stranger)
        assert client.get(page).status_code == 404
    login(client, w.manager)
    assert client.post(url, {"about": w.key_person_a.pk, "summary": "again"}).status_code == 404
    body = client.get(page).content.decode()
    assert complaint.reference in body and "Not yet referred to the LADO" in body

    # --- the allegations procedure: the DSL informed, the LADO, Ofsted, close ---------------------
    login(client, w.dsl)
    refused = client.post(reverse("complaints:allegation_close", args=[allegation.pk]), {"outcome": "Done."})
    assert refused.status_code == 400 and "referral to the LADO before" in refused.content.decode()
    client.post(reverse("complaints:allegation_dsl", args=[allegation.pk]), {"dsl-at": "2026-01-01T09:00"})
    assert (
        client.post(
            reverse("complaints:allegation_dsl", args=[allegation.pk]), {"dsl-at": "2999-01-01T09:00"}
        ).status_code
        == 400
    )
    allegation.refresh_from_db()
    when = allegation.received_at.astimezone().strftime("%Y-%m-%dT%H:%M")
    client.post(reverse("complaints:allegation_dsl", args=[allegation.pk]), {"dsl-at": when})
    client.post(
        reverse("complaints:allegation_lado", args=[allegation.pk]),
        {"at": when, "lado_name": "Lara Lado", "reference": "LADO/2026/17", "advice": "Suspend pending enquiry."},
    )
    client.post(reverse("complaints:allegation_ofsted", args=[allegation.pk]), {"ofsted-at": when})
    closed = client.post(reverse("complaints:allegation_close", args=[allegation.pk]), {"outcome": "Substantiated."})
    assert closed.status_code == 302
    allegation.refresh_from_db()
    complaint.refresh_from_db()
    assert allegation.dsl_informed_at and allegation.ofsted_notified_at and allegation.closed_at
    assert (allegation.lado_name, allegation.lado_reference) == ("Lara Lado", "LADO/2026/17")
    assert complaint.closed_at and complaint.stage == Complaint.Stage.ALLEGATION
    assert "Lara Lado" in client.get(page).content.decode()
    with pytest.raises(ValidationError):
        services.ofsted_notified(actor=w.dsl, allegation=allegation, at=allegation.received_at)


def test_staff_record_one_directly_and_the_manager_is_left_out_when_it_is_about_them(world: Any, client: Any) -> None:
    w = world
    url = reverse("complaints:allegation_record", args=[w.setting.pk])
    login(client, w.room_practitioner)
    form = client.get(url).context["form"]
    assert list(form.fields["child"].queryset) == [w.child_a]  # only the children they may see
    assert client.post(url, {"summary": "Something."}).status_code == 400  # about whom?
    response = client.post(
        url, {"about": w.manager.pk, "child": w.child_a.pk, "summary": "Saw the manager slap Amelia."}
    )
    assert response.status_code == 200 and "you will not see it" in response.content.decode()
    allegation = Allegation.objects.get(summary="Saw the manager slap Amelia.")
    assert told(w.manager, w.dsl, w.owner, w.room_practitioner) == {w.dsl.pk, w.owner.pk}
    assert client.get(reverse("complaints:allegation", args=[allegation.pk])).status_code == 404
    login(client, w.manager)
    assert client.get(reverse("complaints:allegation", args=[allegation.pk])).status_code == 404
    assert allegation not in allegations_of(w.manager, w.setting)
    login(client, w.volunteer)
    assert client.get(url).status_code == 404


def test_lists_and_an_agency_complaint_diverted(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    w = world
    complaint = w.agency_complaint
    open_deadlines(complaint)
    allegation = services.divert(actor=w.manager, complaint=complaint, about=w.room_practitioner, summary="Harm.")
    assert not can(w.manager, AGENCY_VIEW, complaint) and can(w.manager, ALLEGATION_VIEW, allegation)
    assert set(Deadline.objects.filter(complaint=complaint).values_list("cancelled_at", flat=True)) != {None}
    for n in range(6):
        Allegation.objects.create(setting=w.setting, about=w.other_practitioner, summary=f"Allegation {n}")
    assert set(allegations_of(w.dsl, w.setting)) >= {w.allegation_a, w.allegation_about_manager, allegation}
    assert w.allegation_about_manager not in allegations_of(w.manager, w.setting)
    login(client, w.dsl)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("complaints:allegations", args=[w.setting.pk])).content.decode()
    assert "Otto Outfield" in page and "Rowan Roomfield" in page
    login(client, w.deputy)
    assert client.get(reverse("complaints:allegations", args=[w.setting.pk])).status_code == 404
