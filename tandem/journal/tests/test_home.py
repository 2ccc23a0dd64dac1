"""Learning at home (R15): a family adds an observation from home with photos and a suggested next
step; the key person acknowledges it into the journal with a reply; access and bad input."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory, ChildFactory, UserFactory
from tandem.journal.models import Media, NextStep, Observation, ObservationChild
from tandem.journal.services import home as services

pytestmark = pytest.mark.django_db
Status = Observation.Status
HOME_OBS = Observation.objects.filter(source=Observation.Source.HOME)
FAMILY_STEPS = NextStep.objects.filter(from_family=True)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def photo(name: str = "cake.jpg", colour: str = "orange") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def add(world: Any, **extra: Any) -> Observation:
    fields = {"text": "Amelia counted the eggs: 'one, two, free!'", "title": "Baking"} | extra
    return services.add_home_observation(actor=world.parent_a, child=world.child_a, **fields)


def url(name: str, *args: int) -> str:
    return reverse(f"journal:{name}", args=args)


# --- services -------------------------------------------------------------------------------


def test_a_parent_adds_a_home_observation_with_a_photo_and_a_next_step(world: Any, committed: Any) -> None:
    with committed():
        observation = add(world, photos=[photo()], next_step="Crack an egg herself", next_step_area=world.areas["PD"])
    observation.refresh_from_db()
    assert (observation.source, observation.status) == (Observation.Source.HOME, Status.AWAITING)
    assert (observation.author, observation.author_adult) == (world.parent_a, world.adult_a)
    link = ObservationChild.objects.get(observation=observation)
    assert link.child == world.child_a and link.shared_at is None
    media = Media.objects.get(observation=observation)
    assert media.state == Media.State.READY  # processed after commit (tasks run at once in tests)
    assert list(media.children.all()) == [world.child_a]
    step = NextStep.objects.get(observation=observation)
    assert (step.status, step.from_family, step.area) == (NextStep.Status.SUGGESTED, True, world.areas["PD"])
    assert AuditEvent.objects.filter(event="journal.home_observation.created", object_id=observation.pk).exists()


def test_the_key_person_acknowledges_it_into_the_journal(world: Any, committed: Any) -> None:
    observation = add(world)
    with committed():
        services.acknowledge(actor=world.key_person_a, child=world.child_a, observation=observation, reply="Lovely!")
    observation.refresh_from_db()
    assert observation.status == Status.PUBLISHED
    assert observation.acknowledged_by == observation.published_by == world.key_person_a
    assert observation.acknowledged_at == observation.published_at is not None
    assert observation.acknowledgement == "Lovely!"
    assert ObservationChild.objects.get(observation=observation).shared_at == observation.published_at
    assert AuditEvent.objects.filter(event="journal.home_observation.acknowledged").exists()
    with pytest.raises(ValidationError, match="already"):
        services.acknowledge(actor=world.key_person_a, child=world.child_a, observation=observation)


def test_a_parent_changes_and_withdraws_while_it_waits_only(world: Any, committed: Any, settings: Any) -> None:
    observation = add(world, next_step="Pour her own milk")
    services.change_home_observation(
        actor=world.parent_a,
        child=world.child_a,
        observation=observation,
        text="Changed",
        aspects=[world.areas["M"].aspects.first()],
    )
    observation.refresh_from_db()
    assert observation.text == "Changed" and observation.aspects.count() == 1
    with committed():
        keep = add(world, photos=[photo()])
    files = [keep.media.get().display.name]
    with committed():
        services.withdraw_home_observation(actor=world.parent_a, child=world.child_a, observation=keep)
        services.withdraw_home_observation(actor=world.parent_a, child=world.child_a, observation=observation)
    assert not Observation.objects.filter(pk__in=[keep.pk, observation.pk]).exists()
    assert not NextStep.objects.filter(text="Pour her own milk").exists()
    assert not Media.objects.filter(observation_id=keep.pk).exists()
    assert not (settings.MEDIA_ROOT / files[0]).exists()


def test_once_read_it_cannot_be_changed_or_withdrawn(world: Any) -> None:
    observation = add(world)
    services.acknowledge(actor=world.key_person_a, child=world.child_a, observation=observation)
    with pytest.raises(ValidationError, match="already been read"):
        services.change_home_observation(actor=world.parent_a, child=world.child_a, observation=observation, text="x")
    with pytest.raises(ValidationError, match="already been read"):
        services.withdraw_home_observation(actor=world.parent_a, child=world.child_a, observation=observation)


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * (services.MAX_TEXT + 1)}, "text"),
        ({"observed_on": timezone.localdate() + dt.timedelta(days=2)}, "observed_on"),
        ({"next_step": "x" * (services.MAX_STEP + 1)}, "next_step"),
        ({"next_step_area": "PD"}, "next_step"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world: Any, extra: dict[str, Any], field: str) -> None:
    if extra.get("next_step_area") == "PD":
        extra["next_step_area"] = world.areas["PD"]
    with pytest.raises(ValidationError) as caught:
        add(world, **extra)
    assert field in caught.value.error_dict
    assert not HOME_OBS.exists() and not FAMILY_STEPS.exists()


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_written(world: Any) -> None:
    fake = SimpleUploadedFile("virus.jpg", b"MZ this is not a photo at all", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        add(world, photos=[photo(), fake], next_step="Something")
    assert "virus.jpg" in " ".join(caught.value.message_dict["photos"])
    assert (
        not HOME_OBS.exists()
        and not Media.objects.filter(observation__source="home").exists()
        and not FAMILY_STEPS.exists()
    )


def test_who_may_add(world: Any) -> None:
    for actor, child in [
        (world.restricted_parent, world.child_a),
        (world.parent_a, world.child_b),
        (world.key_person_a, world.child_a),
        (world.nobody, world.child_a),
    ]:
        with pytest.raises(Http404):
            services.add_home_observation(actor=actor, child=child, text="Hello")
    assert not HOME_OBS.exists()
    # a parent without parental responsibility may add for their own child
    services.add_home_observation(actor=world.parent_b_no_pr, child=world.child_b, text="Hello")


def test_a_parent_cannot_acknowledge_and_staff_of_another_child_cannot(world: Any) -> None:
    observation = add(world)
    for actor in (world.parent_a, world.volunteer, world.other_manager):
        with pytest.raises(Http404):
            services.acknowledge(actor=actor, child=world.child_a, observation=observation)


# --- views ----------------------------------------------------------------------------------


def test_the_family_adds_through_the_form_and_sees_it_waiting(world: Any, client: Any, committed: Any) -> None:
    login(client, world.parent_a)
    assert client.get(url("home_add", world.child_a.pk)).status_code == 200
    with committed():
        response = client.post(
            url("home_add", world.child_a.pk),
            {
                "text": "Amelia planted beans",
                "title": "Gardening",
                "observed_on": timezone.localdate().isoformat(),
                "aspects": [world.areas["UW"].aspects.last().pk],
                "photos": [photo("a.jpg"), photo("b.jpg", "green")],
                "next_step": "Water them every day",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    observation = HOME_OBS.get()
    assert observation.media.count() == 2
    page = client.get(url("home", world.child_a.pk)).content.decode()
    assert "Gardening" in page and "Waiting for Keira to read it" in page
    media = observation.media.first()
    assert media is not None
    thumb = client.get(url("home_media_thumb", world.child_a.pk, observation.pk, media.pk))
    assert thumb.status_code == 200 and thumb["Cache-Control"] == "private, no-store"


def test_bad_form_input_gives_clear_messages(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    response = client.post(url("home_add", world.child_a.pk), {"text": "", "observed_on": "not a date"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write what happened" in page and "real date" in page
    assert not HOME_OBS.exists()


def test_staff_see_the_queue_and_acknowledge_from_it(world: Any, client: Any) -> None:
    observation = add(world)
    other = ChildFactory(setting=world.setting, room=world.room_2)  # key_person_a works in room 2
    stranger_child = ChildFactory(setting=world.setting, room=None)
    for kid in (other, stranger_child):
        adult = AdultFactory(setting=world.setting, user=UserFactory())
        ChildAdultFactory(child=kid, adult=adult)
        services.add_home_observation(actor=adult.user, child=kid, text=f"About {kid.pk}", title=f"Kid {kid.pk}")
    login(client, world.key_person_a)
    page = client.get(url("home_queue", world.setting.pk)).content.decode()
    assert "Baking" in page and f"Kid {other.pk}" in page
    assert f"Kid {stranger_child.pk}" not in page  # not a child key_person_a may contribute for
    response = client.post(
        url("home_acknowledge", world.child_a.pk, observation.pk), {"acknowledgement": "Thank you!", "back": "queue"}
    )
    assert response.status_code == 302 and response["Location"] == url("home_queue", world.setting.pk)
    observation.refresh_from_db()
    assert observation.status == Status.PUBLISHED
    # the family now reads the reply
    login(client, world.parent_a)
    assert "Thank you!" in client.get(url("home", world.child_a.pk)).content.decode()


def test_access_to_the_pages(world: Any, client: Any) -> None:
    observation = add(world)
    mine = [
        url("home", world.child_a.pk),
        url("home_add", world.child_a.pk),
        url("home_edit", world.child_a.pk, observation.pk),
        url("home_withdraw", world.child_a.pk, observation.pk),
    ]
    for user in (world.restricted_parent, world.parent_b_no_pr, world.nobody, world.other_manager):
        login(client, user)
        for page in mine:
            assert client.get(page).status_code == 404, (user, page)
    # the other parent of child B cannot reach A's observation through their own child
    login(client, world.parent_b_no_pr)
    assert client.get(url("home_edit", world.child_b.pk, observation.pk)).status_code == 404
    assert client.get(url("home_acknowledge", world.child_a.pk, observation.pk)).status_code == 404
    # staff cannot edit the family's words
    login(client, world.key_person_a)
    assert client.get(url("home_edit", world.child_a.pk, observation.pk)).status_code == 404
    assert client.get(url("home_acknowledge", world.child_a.pk, observation.pk)).status_code == 200
    # a parent has no queue
    login(client, world.parent_a)
    assert client.get(url("home_queue", world.setting.pk)).status_code == 404


def test_the_queue_query_count_is_flat(world: Any, client: Any, django_assert_max_num_queries: Any) -> None:
    add(world, title="First", photos=[photo()], next_step="Try", aspects=[world.areas["PD"].aspects.first()])
    login(client, world.key_person_a)
    client.get(url("home_queue", world.setting.pk))  # warm the session and the user's caches
    with CaptureQueriesContext(connection) as few:
        client.get(url("home_queue", world.setting.pk))
    for i in range(30):
        add(world, title=f"Obs {i}", photos=[photo()], next_step="Try", aspects=[world.areas["PD"].aspects.first()])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("home_queue", world.setting.pk))
    assert response.status_code == 200 and "Obs 0" in response.content.decode()
    page = response.context["page"]
    assert page.paginator.count == 31
