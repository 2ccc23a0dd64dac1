"""The learning journal book (R18): asked for by the family or staff, made in the task queue with
visible progress, always as the family sees the journal, downloaded through a checked view."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from tandem.conftest import login
from tandem.core.models import AuditEvent
from tandem.enrolment.models import ConsentCode
from tandem.journal.models import Book, Media, Summary
from tandem.journal.selectors import book as selectors
from tandem.journal.services.book import request_book
from tandem.journal.tasks_book import make_book

from .helpers_boards_book import comment, decide, observation, ready_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def page(child: Any) -> str:
    return reverse("journal:book", args=[child.pk])


def book_html(world: Any) -> str:
    """Every chunk of the book's HTML, as the task renders it (without making the PDF)."""
    from tandem.journal.tasks_book import _chunks

    book = Book.objects.create(child=world.child_a, requested_by=world.parent_a)
    _, chunks = _chunks(book)
    return "\n".join(chunk() for chunk in chunks)


def test_parent_asks_for_the_book_and_downloads_it(world: Any, client: Any, committed: Any) -> None:
    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS)
    obs = observation(world, [world.child_a], title="Tower of blocks", text="Amelia built a **tall** tower.")
    ready_photo(obs, children=[world.child_a], caption="The tower")
    login(client, world.parent_a)
    response = client.get(page(world.child_a))
    assert response.status_code == 200 and "Make the book" in response.content.decode()
    with committed():
        response = client.post(page(world.child_a))
    assert response.status_code == 302
    book = Book.objects.get()
    assert book.state == Book.State.READY and book.progress == 100 and book.observations == 1 and book.pages >= 2
    assert "amelia" not in book.pdf.name.lower() and book.pdf.name.endswith(".pdf")
    status = client.get(reverse("journal:book_status", args=[world.child_a.pk])).content.decode()
    assert "Your book is ready" in status and "hx-trigger" not in status
    download = reverse("journal:book_download", args=[world.child_a.pk, book.pk])
    assert download in status
    with committed():
        response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="amelia-learning-journal.pdf"' in response["Content-Disposition"]
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" in pdf  # the photo was embedded (the fetcher allows our own data: photos)
    assert AuditEvent.objects.filter(event="journal.book.downloaded", object_id=book.pk).exists()
    assert AuditEvent.objects.filter(event="journal.book.requested").exists()


def test_progress_is_shown_and_polled_while_the_book_is_made(world: Any, client: Any) -> None:
    book = Book.objects.create(child=world.child_a, requested_by=world.parent_a, state="making", progress=40)
    login(client, world.parent_a)
    html = client.get(page(world.child_a)).content.decode()
    assert '<progress id="book-progress" max="100" value="40">40%</progress>' in html
    assert "40% done" in html
    status_url = reverse("journal:book_status", args=[world.child_a.pk])
    assert f'hx-get="{status_url}"' in html and 'hx-trigger="every 2s"' in html
    assert "<script" not in html.split("</header>")[1] and "style=" not in html
    assert book.in_progress


def test_one_book_at_a_time_and_old_books_are_replaced(world: Any, committed: Any) -> None:
    observation(world, [world.child_a])
    queued = Book.objects.create(child=world.child_a, requested_by=world.parent_a)
    # the one in progress (staff say why: R51)
    assert request_book(actor=world.key_person_a, child=world.child_a, purpose="For a meeting") == queued
    assert Book.objects.count() == 1
    with committed():
        make_book.call(queued.pk)
    first = Book.objects.get()
    old_file = first.pdf.name
    assert default_storage.exists(old_file)
    with committed():
        second = request_book(actor=world.parent_a, child=world.child_a)
    assert second != first
    assert list(Book.objects.all()) == [second]  # the old book was replaced, file and all
    assert not default_storage.exists(old_file)


def test_a_failure_is_plain_and_the_family_can_try_again(
    world: Any, client: Any, committed: Any, monkeypatch: Any
) -> None:
    observation(world, [world.child_a])

    def broken(book: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr("tandem.journal.tasks_book.build_book", broken)
    login(client, world.parent_a)
    with committed():
        client.post(page(world.child_a))
    book = Book.objects.get()
    assert book.state == Book.State.FAILED and "please try again" in book.failure
    html = client.get(page(world.child_a)).content.decode()
    assert "could not be made" in html and "Try again" in html and "boom" not in html
    monkeypatch.undo()
    with committed():
        client.post(page(world.child_a))
    assert Book.objects.order_by("-pk").first().state == Book.State.READY  # type: ignore[union-attr]


def test_the_book_holds_only_what_the_family_sees(world: Any) -> None:
    from tandem.factories import ChildFactory

    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS)
    friend = ChildFactory(setting=world.setting, room=world.room_1, first_name="Fenella")  # no photo consent
    shared = observation(world, [world.child_a], title="Shared painting", text="Painted <script>x</script> a sun.")
    observation(world, [world.child_a], title="Staff only note", shared=False)
    group = observation(world, [world.child_a, friend], title="Group den")
    ready_photo(shared, children=[world.child_a], caption="Alone with the sun")
    ready_photo(group, children=[world.child_a, friend], caption="Both in the den")
    video = Media.objects.create(setting=world.setting, observation=shared, kind="video", state="ready")
    video.children.set([world.child_a])
    comment(shared, world.child_a, world.parent_a, "Lovely, she told us all about it", from_family=True)
    comment(shared, world.child_a, world.key_person_a, "She chose the colours herself")
    comment(group, friend, world.key_person_a, "Fenella's family only")
    Summary.objects.create(
        child=world.child_a,
        title="Autumn term",
        period_start=dt.date(2026, 9, 1),
        period_end=dt.date(2026, 12, 1),
        status="shared",
        overview="Settled in well.",
    )
    Summary.objects.create(
        child=world.child_a, title="Draft spring", period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 3, 1)
    )
    html = book_html(world)
    assert "Shared painting" in html and "Group den" in html
    assert "Staff only note" not in html
    assert "<script>x" not in html
    assert "Alone with the sun" in html and "Both in the den" not in html  # Fenella has no photo consent
    assert html.count("data:image/jpeg;base64,") == 1
    assert "A video: see it in the app" in html
    assert "she told us all about it" in html and "chose the colours herself" in html
    assert "Fenella's family only" not in html
    assert "Autumn term" in html and "Settled in well" in html and "Draft spring" not in html
    assert "Amelia's learning journal" in html and "Meadowbank Preschool" in html


def test_a_book_of_hundreds_of_observations_is_a_real_pdf(world: Any, committed: Any) -> None:
    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS)
    start = dt.date(2026, 1, 5)
    for i in range(200):
        obs = observation(world, [world.child_a], title=f"Day {i}", on=start + dt.timedelta(days=i))
        if i % 50 == 0:
            ready_photo(obs, children=[world.child_a])
    assert len(selectors.book_months(world.child_a)) == 7
    with committed():
        book = request_book(actor=world.parent_a, child=world.child_a)
    book.refresh_from_db()
    assert book.state == Book.State.READY and book.observations == 200 and book.pages > 10
    with book.pdf.open("rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_a_month_is_read_in_a_fixed_number_of_queries(world: Any, django_assert_max_num_queries: Any) -> None:
    decide(world, world.child_a, ConsentCode.PHOTOS_RECORDS)
    for i in range(30):
        obs = observation(world, [world.child_a], on=dt.date(2026, 3, 1) + dt.timedelta(days=i))
        ready_photo(obs, children=[world.child_a])
        comment(obs, world.child_a, world.parent_a, "Lovely", from_family=True)
    with django_assert_max_num_queries(6):
        entries = selectors.month_entries(world.child_a, dt.date(2026, 3, 1))
        assert len(entries) == 30
        assert all(len(e.observation.book_media) == 1 for e in entries)  # type: ignore[attr-defined]


@pytest.mark.parametrize("persona", ["parent_b_no_pr", "restricted_parent", "other_manager", "nobody"])
def test_others_cannot_see_or_ask_for_the_book(world: Any, client: Any, persona: str) -> None:
    book = Book.objects.create(child=world.child_a, requested_by=world.parent_a, state="ready")
    login(client, world[persona])
    for url in (
        page(world.child_a),
        reverse("journal:book_status", args=[world.child_a.pk]),
        reverse("journal:book_download", args=[world.child_a.pk, book.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(page(world.child_a)).status_code == 404
    assert Book.objects.count() == 1


def test_another_childs_book_is_not_reachable_through_ones_own_child(world: Any, client: Any) -> None:
    other = Book.objects.create(child=world.child_b, requested_by=world.manager, state="ready", pdf="x.pdf")
    login(client, world.parent_a)
    assert client.get(reverse("journal:book_download", args=[world.child_a.pk, other.pk])).status_code == 404


def test_staff_may_make_the_book_as_the_family_sees_it(world: Any, client: Any, committed: Any) -> None:
    observation(world, [world.child_a], title="Seen by family")
    observation(world, [world.child_a], title="Not shared", shared=False)
    login(client, world.key_person_a)
    with committed():
        assert client.post(page(world.child_a), {"reason": "meeting"}).status_code == 302  # staff say why (R51)
    book = Book.objects.get()
    assert book.state == Book.State.READY and book.observations == 1 and book.for_family


def test_the_family_home_page_links_to_the_book(world: Any, client: Any) -> None:
    login(client, world.parent_a)
    assert page(world.child_a) in client.get("/").content.decode()


@pytest.mark.parametrize("url", ["http://example.org/x.jpg", "file:///etc/passwd", "data:text/html;base64,PGI+"])
def test_the_pdf_fetches_nothing_but_our_own_photos(url: str) -> None:
    from tandem.journal.tasks_book import _fetcher

    with pytest.raises(ValueError):
        _fetcher()(url)


def test_anonymous_is_sent_to_sign_in(world: Any, client: Any) -> None:
    response = client.get(page(world.child_a))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
