"""The parent's language (R31): languages in words, translations by a person or a machine, the
staff page of an item's translations, and the LibreTranslate provider (against a local server)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from tandem.comms.languages import code_for, direction, languages_of_users, name_of
from tandem.comms.models import Meeting, Post, Translation
from tandem.comms.selectors.translations import family_languages, localise_many, translations_url
from tandem.comms.services import translations as service
from tandem.comms.services.translations import (
    delete_translation,
    register_translatable,
    request_machine_translation,
    save_translation,
)
from tandem.comms.translation_providers import LibreTranslate, Provider, ProviderError, get_provider
from tandem.core.models import AuditEvent
from tandem.factories import AdultFactory, ChildAdultFactory

FAKE = "tandem.comms.tests.test_translations.FakeProvider"


class FakeProvider(Provider):
    """Translates by tagging each text with the target language; remembers what it was asked."""

    name = "Fake MT"
    calls: list[tuple[tuple[str, ...], str, str]] = []

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        FakeProvider.calls.append((tuple(texts), source, target))
        return [f"[{target}] {text}" for text in texts]


@pytest.fixture
def provider(settings: Any) -> list[Any]:
    settings.TANDEM_TRANSLATION_PROVIDER = FAKE
    FakeProvider.calls = []
    return FakeProvider.calls


@pytest.fixture
def post(world: Any) -> Post:
    return Post.objects.create(
        setting=world.setting, title="Sports day", body="Bring **sun cream** and a hat.\n\n- water bottle"
    )


POLISH = {"title": "Dzień sportu", "body": "Przynieś **krem z filtrem** i czapkę.\n\n- butelka wody"}


def test_languages_in_words_and_codes() -> None:
    cases = {
        "Urdu": "ur",
        "polski": "pl",
        "pl": "pl",
        "PL-pl": "pl",
        "Polish, English": "pl",
        "  Español ": "es",
        "espanol": "es",
        "Portuguese (Brazil)": "pt",
        "Chinese (Cantonese)": "zh-Hant",
        "Mandarin": "zh-Hans",
        "Farsi": "fa",
        "Sylheti": "bn",
        "Panjabi": "pa",
        "Türkçe": "tr",
        "العربية": "ar",
        "Klingon": "en",
        "": "en",
        None: "en",
    }
    assert {words: code_for(words) for words in cases} == cases
    assert name_of("pl") == "Polish (polski)" and name_of("en") == "English"
    assert direction("ur") == "rtl" and direction("ar") == "rtl" and direction("pl") == "ltr"


def test_family_languages_counts_parents_in_one_query(world: Any, django_assert_num_queries: Any) -> None:
    world.adult_a.preferred_language = "Polish"
    world.adult_a.save()
    world.adult_b.preferred_language = "polski"
    world.adult_b.save()
    urdu = AdultFactory(setting=world.setting, preferred_language="Urdu")
    ChildAdultFactory(child=world.child_b, adult=urdu)
    ChildAdultFactory(child=world.child_a, adult=urdu)  # one parent of two children counts once
    english = AdultFactory(setting=world.setting, preferred_language="English")
    ChildAdultFactory(child=world.child_a, adult=english)
    world.restricted_adult.preferred_language = "Romanian"  # told nothing about the child: not a reader
    world.restricted_adult.save()
    world.other_adult.preferred_language = "Somali"  # another provider's family
    world.other_adult.save()
    with django_assert_num_queries(1):
        assert family_languages(world.setting) == [("pl", 2), ("ur", 1)]
    assert languages_of_users([world.parent_a.pk, world.manager.pk]) == {
        world.parent_a.pk: "pl",
        world.manager.pk: "en",
    }


def test_register_translatable() -> None:
    register_translatable(Post, "comms.news.manage")  # again, the same: nothing changes
    with pytest.raises(ValueError):
        register_translatable(Post, "comms.events.edit")
    with pytest.raises(ValueError):
        register_translatable(AuditEvent, "comms.news.manage")  # nothing to translate
    meeting = service.translatable(Meeting)
    assert meeting is not None and meeting.action.name == "comms.meeting.manage"


def test_a_person_translates_and_families_read_it(world: Any, post: Post, committed: Any) -> None:
    with committed():
        saved = save_translation(actor=world.manager, item=post, language="pl", fields=POLISH)
    assert saved.source == Translation.Source.HUMAN and saved.translated_by == world.manager
    assert AuditEvent.objects.filter(event="comms.translation.saved", setting_id=world.setting.pk).count() == 1
    [loc] = localise_many([post], "pl")
    assert loc.title == "Dzień sportu" and loc.translated and not loc.machine and not loc.stale
    assert localise_many([post], "pl", original=True)[0].title == "Sports day"
    assert localise_many([post], "ur")[0].title == "Sports day"  # no Urdu yet: the original

    post.body = "Bring sun cream, a hat and a water bottle."
    post.save()
    assert localise_many([post], "pl")[0].stale

    assert delete_translation(actor=world.manager, item=post, language="pl")
    assert not Translation.objects.exists()


def test_save_translation_checks_who_what_and_which_language(world: Any, post: Post) -> None:
    for actor in (world.parent_a, world.room_practitioner, world.other_manager):
        with pytest.raises(Http404):
            save_translation(actor=actor, item=post, language="pl", fields=POLISH)
    for language in ("en", "xx", ""):
        with pytest.raises(ValidationError):
            save_translation(actor=world.manager, item=post, language=language, fields=POLISH)
    with pytest.raises(ValidationError):
        save_translation(actor=world.manager, item=post, language="pl", fields={**POLISH, "audience": "x"})
    with pytest.raises(ValidationError) as error:
        save_translation(actor=world.manager, item=post, language="pl", fields={"title": "Dzień sportu"})
    assert "body" in error.value.message_dict  # every part the original has must be translated
    # two people at once: the later save over a newer one is refused
    first = save_translation(actor=world.manager, item=post, language="pl", fields=POLISH, seen_version="new")
    with pytest.raises(ValidationError):
        save_translation(actor=world.deputy, item=post, language="pl", fields=POLISH, seen_version="new")
    save_translation(
        actor=world.deputy, item=post, language="pl", fields=POLISH, seen_version=service.version_of(first)
    )
    assert Translation.objects.get().translated_by == world.deputy


def test_machine_translation_is_labelled_and_keeps_a_persons_work(
    world: Any, post: Post, provider: list[Any], committed: Any
) -> None:
    save_translation(actor=world.manager, item=post, language="pl", fields=POLISH)
    with committed():
        asked = request_machine_translation(actor=world.manager, item=post, languages=["ur", "pl"])
    assert asked == ["pl", "ur"]
    urdu = Translation.objects.get(language="ur")
    assert urdu.source == Translation.Source.MACHINE and urdu.provider == "Fake MT" and urdu.translated_by is None
    assert urdu.fields == {"title": "[ur] Sports day", "body": "[ur] Bring **sun cream** and a hat.\n\n- water bottle"}
    assert [call[1:] for call in provider] == [("en", "ur")]  # Markdown passed as text; Polish kept
    assert Translation.objects.get(language="pl").fields == POLISH
    loc = localise_many([post], "ur")[0]
    assert loc.machine and loc.dir == "rtl"
    assert AuditEvent.objects.filter(event="comms.translation.machine_saved").count() == 1

    with committed():  # up to date: not asked again
        request_machine_translation(actor=world.manager, item=post, languages=["ur"])
    assert len(provider) == 1

    post.title = "Sports day (moved to Friday)"
    post.save()
    with committed():  # stale: both replaced, the person's too
        request_machine_translation(actor=world.manager, item=post, languages=["pl", "ur"])
    polish = Translation.objects.get(language="pl")
    assert polish.source == Translation.Source.MACHINE and polish.fields["title"] == "[pl] Sports day (moved to Friday)"
    assert not localise_many([post], "pl")[0].stale


def test_machine_translation_needs_a_provider_and_a_right(world: Any, post: Post, settings: Any) -> None:
    settings.TANDEM_TRANSLATION_PROVIDER = ""
    assert get_provider() is None
    with pytest.raises(ValidationError):
        request_machine_translation(actor=world.manager, item=post, languages=["pl"])
    settings.TANDEM_TRANSLATION_PROVIDER = "tandem.comms.translation_providers.LibreTranslate"
    settings.TANDEM_LIBRETRANSLATE_URL = ""
    assert get_provider() is None  # named but not set up: never called
    settings.TANDEM_TRANSLATION_PROVIDER = FAKE
    with pytest.raises(Http404):
        request_machine_translation(actor=world.key_person_a, item=post, languages=["pl"])
    with pytest.raises(ValidationError):
        request_machine_translation(actor=world.manager, item=post, languages=[])


# --- the staff page ------------------------------------------------------------------------------


def test_translations_page(world: Any, post: Post, as_user: Any, settings: Any, committed: Any) -> None:
    settings.TANDEM_TRANSLATION_PROVIDER = ""
    world.adult_a.preferred_language = "Urdu"
    world.adult_a.save()
    url = translations_url(post)
    content_type = ContentType.objects.get_for_model(Post)
    assert url == reverse("comms:translations", args=[content_type.pk, post.pk])
    client = as_user(world.manager)
    page = client.get(url).content.decode()
    assert "Sports day" in page and "Urdu (اردو)</a>: 1 parent or carer" in page
    assert f'href="{reverse("comms:news_manage", args=[post.pk])}"' in page  # the way back to the post
    assert 'lang="ur" dir="rtl"' in page  # the Urdu form's textareas
    assert "Machine translation is not set up here" in page and "Machine-translate</button>" not in page

    response = client.post(url, {"form": "lang-ur", "lang-ur-title": "کھیلوں کا دن", "lang-ur-version": "new"})
    assert response.status_code == 400 and "Translate this too" in response.content.decode()
    data = {
        "form": "lang-ur",
        "lang-ur-title": "کھیلوں کا دن",
        "lang-ur-body": "دھوپ کی کریم لائیں",
        "lang-ur-version": "new",
    }
    assert client.post(url, data).status_code == 302
    assert Translation.objects.get(language="ur").fields["title"] == "کھیلوں کا دن"
    page = client.get(url).content.decode()
    assert "Translated by a person" in page and "Mona Manningham" in page

    data = {"form": "new", "new-language": "pl", "new-title": POLISH["title"], "new-body": POLISH["body"]}
    assert client.post(url, data).status_code == 302
    assert client.post(reverse("comms:translation_delete", args=[content_type.pk, post.pk]), {"language": "pl"})
    assert set(Translation.objects.values_list("language", flat=True)) == {"ur"}

    settings.TANDEM_TRANSLATION_PROVIDER = FAKE
    page = client.get(url).content.decode()
    assert "Machine-translate</button>" in page and "Fake MT" in page
    machine_url = reverse("comms:translation_machine", args=[content_type.pk, post.pk])
    with committed():
        assert client.post(machine_url, {"languages": ["pl"]}).status_code == 302
    assert Translation.objects.get(language="pl").source == Translation.Source.MACHINE


def test_translations_page_is_for_those_who_manage_the_item(world: Any, post: Post, as_user: Any) -> None:
    url = translations_url(post)
    assert as_user(world.parent_a).get(url).status_code == 403
    assert as_user(world.volunteer).get(url).status_code == 403
    assert as_user(world.room_practitioner).get(url).status_code == 404  # staff, but not the post's writer
    assert as_user(world.other_manager).get(url).status_code == 404
    assert as_user(world.administrator).get(url).status_code == 200
    # a model that is not translatable, and ids that do not exist
    child_type = ContentType.objects.get_for_model(type(world.child_a)).pk
    assert (
        as_user(world.manager).get(reverse("comms:translations", args=[child_type, world.child_a.pk])).status_code
        == 404
    )
    assert as_user(world.manager).get(reverse("comms:translations", args=[999999, post.pk])).status_code == 404
    post_type = ContentType.objects.get_for_model(Post).pk
    assert as_user(world.manager).get(reverse("comms:translations", args=[post_type, 999999])).status_code == 404


# --- LibreTranslate, against a server on this machine ----------------------------------------------


@pytest.fixture
def libretranslate() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append({"path": self.path, **body})
            answer = {"translatedText": [f"<{body['target']}>{q}" for q in body["q"]]}
            if body["q"] == ["fail"]:
                self.send_response(500)
                self.end_headers()
                return
            data = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", received
    finally:
        server.shutdown()
        server.server_close()


def test_libretranslate_posts_plain_text_to_the_operators_server(
    libretranslate: tuple[str, list[dict[str, Any]]], settings: Any
) -> None:
    url, received = libretranslate
    settings.TANDEM_TRANSLATION_PROVIDER = "tandem.comms.translation_providers.LibreTranslate"
    settings.TANDEM_LIBRETRANSLATE_URL, settings.TANDEM_LIBRETRANSLATE_KEY = url, "secret-key"
    provider = get_provider()
    assert isinstance(provider, LibreTranslate)
    assert provider.translate(["Hello", "**Bold**"], "en", "zh-Hans") == ["<zh>Hello", "<zh>**Bold**"]
    assert received == [
        {
            "path": "/translate",
            "q": ["Hello", "**Bold**"],
            "source": "en",
            "target": "zh",
            "format": "text",
            "api_key": "secret-key",
        }
    ]
    assert provider.translate([], "en", "pl") == [] and len(received) == 1  # nothing to send: not called
    with pytest.raises(ProviderError):
        provider.translate(["fail"], "en", "pl")
    with pytest.raises(ProviderError):
        LibreTranslate(url="file:///etc/passwd").translate(["x"], "en", "pl")
