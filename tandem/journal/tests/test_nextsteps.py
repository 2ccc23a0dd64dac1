"""Next steps (R16): staff set them and move them on with a note; a family suggests one and the key
person takes it on; families read them; access and bad input."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.journal.models import NextStep
from tandem.journal.services import nextsteps as services

pytestmark = pytest.mark.django_db
Status = NextStep.Status


def url(name: str, *args: int) -> str:
    return reverse(f"journal:{name}", args=args)


def test_staff_add_and_move_on_a_next_step(world: Any, committed: Any) -> None:
    with committed():
        step = services.add_step(actor=world.key_person_a, child=world.child_a, text="Pour her own drink")
    assert (step.status, step.from_family) == (Status.OPEN, False)
    step = services.change_step(
        actor=world.room_practitioner, child=world.child_a, step=step, status=Status.ACHIEVED, note="Every day now"
    )
    assert (step.status, step.status_note) == (Status.ACHIEVED, "Every day now")
    assert step.history.count() == 2
    assert AuditEvent.objects.filter(event="journal.next_step.created").exists()


def test_a_family_suggests_and_the_key_person_takes_it_on(world: Any, committed: Any) -> None:
    step = services.suggest_step(actor=world.parent_b_no_pr, child=world.child_b, text="Use a spoon", area=None)
    assert (step.status, step.from_family, step.created_by) == (Status.SUGGESTED, True, world.parent_b_no_pr)
    with committed():
        step = services.take_on(actor=world.key_person_a, child=world.child_b, step=step)
    assert step.status == Status.OPEN
    assert AuditEvent.objects.filter(event="journal.next_step.taken_on").exists()
    with pytest.raises(ValidationError, match="already"):
        services.take_on(actor=world.key_person_a, child=world.child_b, step=step)


def test_bad_input(world: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.add_step(actor=world.key_person_a, child=world.child_a, text="  ")
    assert "text" in caught.value.error_dict
    step = services.add_step(actor=world.key_person_a, child=world.child_a, text="Hop")
    with pytest.raises(ValidationError) as caught:
        services.change_step(actor=world.key_person_a, child=world.child_a, step=step, status=Status.SET_ASIDE)
    assert "status_note" in caught.value.error_dict
    with pytest.raises(ValidationError):
        services.change_step(actor=world.key_person_a, child=world.child_a, step=step, status=Status.SUGGESTED)
    with pytest.raises(ValidationError):
        services.change_step(actor=world.key_person_a, child=world.child_b, step=step, status=Status.ACHIEVED)
    step.refresh_from_db()
    assert step.status == Status.OPEN


def test_who_may(world: Any) -> None:
    for actor in (world.parent_a, world.restricted_parent, world.volunteer, world.other_manager, world.nobody):
        with pytest.raises(Http404):
            services.add_step(actor=actor, child=world.child_a, text="Hop")
    for actor, child in ((world.restricted_parent, world.child_a), (world.parent_a, world.child_b)):
        with pytest.raises(Http404):
            services.suggest_step(actor=actor, child=child, text="Hop")
    assert not NextStep.objects.filter(text="Hop").exists()


def test_pages(world: Any, client: Any) -> None:
    suggestion = services.suggest_step(actor=world.parent_a, child=world.child_a, text="Zip up his coat")
    login(client, world.parent_a)
    page = client.get(url("nextsteps", world.child_a.pk)).content.decode()
    assert "Zip up his coat" in page and "Suggested by the family" in page and "Take it on" not in page
    response = client.post(url("nextsteps_suggest", world.child_a.pk), {"text": ""})
    assert "Write the next step" in response.content.decode()
    assert client.get(url("nextsteps_add", world.child_a.pk)).status_code == 404
    login(client, world.key_person_a)
    assert client.get(url("nextsteps_take_on", world.child_a.pk, suggestion.pk)).status_code == 405
    client.post(url("nextsteps_take_on", world.child_a.pk, suggestion.pk))
    suggestion.refresh_from_db()
    assert suggestion.status == Status.OPEN
    response = client.post(
        url("nextsteps_change", world.child_a.pk, suggestion.pk),
        {"text": "Zip up his coat", "status": "achieved", "status_note": "Did it!"},
    )
    assert response.status_code == 302
    for user in (world.restricted_parent, world.parent_b_no_pr, world.nobody, world.other_manager):
        login(client, user)
        assert client.get(url("nextsteps", world.child_a.pk)).status_code == 404
        assert client.get(url("nextsteps_change", world.child_a.pk, suggestion.pk)).status_code == 404
    # a step is reached only through its own child
    login(client, world.key_person_a)
    assert client.get(url("nextsteps_change", world.child_b.pk, suggestion.pk)).status_code == 404


def test_the_list_query_count_is_flat(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    first = services.add_step(actor=world.key_person_a, child=world.child_a, text="First", area=world.areas["PD"])
    services.change_step(actor=world.key_person_a, child=world.child_a, step=first, status=Status.ACHIEVED)
    services.add_step(actor=world.key_person_a, child=world.child_a, text="Second", area=world.areas["PD"])
    login(client, world.key_person_a)
    client.get(url("nextsteps", world.child_a.pk))
    with CaptureQueriesContext(connection) as few:
        client.get(url("nextsteps", world.child_a.pk))
    for i in range(40):
        step = services.add_step(
            actor=world.key_person_a, child=world.child_a, text=f"Step {i}", area=world.areas["PD"]
        )
        if i % 2:
            services.change_step(actor=world.key_person_a, child=world.child_a, step=step, status=Status.ACHIEVED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("nextsteps", world.child_a.pk))
    assert response.status_code == 200
