"""Machine translation providers (R31): pluggable, off unless the operator names one.

``settings.TANDEM_TRANSLATION_PROVIDER`` is the dotted path of a :class:`Provider` class ("" =
off). Tandem ships one: :class:`LibreTranslate`, for a LibreTranslate server the provider runs
itself (``TANDEM_LIBRETRANSLATE_URL``, and ``TANDEM_LIBRETRANSLATE_KEY`` if it needs one), so a
family's newsletter never leaves the provider's own machines. Text is sent as plain text (Markdown
stays Markdown); nothing is sent when no provider is configured.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The provider could not translate (unreachable, refused, or answered nonsense)."""


class Provider:
    """Translate a list of texts from one language to another, in order. Codes are Tandem's
    (BCP 47, as in ``tandem.comms.languages``); a provider maps them to its own."""

    name = "Machine translation"

    @classmethod
    def configured(cls) -> bool:
        """Whether it can be used here (its settings are present)."""
        return True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        raise NotImplementedError


def get_provider() -> Provider | None:
    """The configured provider, or None when machine translation is off (or not set up)."""
    dotted = (getattr(settings, "TANDEM_TRANSLATION_PROVIDER", "") or "").strip()
    if not dotted:
        return None
    cls: type[Provider] = import_string(dotted)
    if not cls.configured():
        return None
    return cls()


# LibreTranslate's codes where they differ from Tandem's.
LIBRETRANSLATE_CODES = {"zh-Hans": "zh", "zh-Hant": "zt", "prs": "fa"}


class LibreTranslate(Provider):
    """A LibreTranslate server (https://libretranslate.com): ``POST /translate``."""

    name = "LibreTranslate"
    timeout = 30  # seconds

    def __init__(self, url: str | None = None, key: str | None = None) -> None:
        self.url = (url if url is not None else settings.TANDEM_LIBRETRANSLATE_URL).strip()
        self.key = (key if key is not None else settings.TANDEM_LIBRETRANSLATE_KEY).strip()

    @classmethod
    def configured(cls) -> bool:
        return bool((settings.TANDEM_LIBRETRANSLATE_URL or "").strip())

    @staticmethod
    def code(code: str) -> str:
        return LIBRETRANSLATE_CODES.get(code, code.split("-")[0].lower())

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        if not self.url:
            raise ProviderError("LibreTranslate is not configured")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ProviderError("TANDEM_LIBRETRANSLATE_URL must be an http(s) address")
        payload: dict[str, Any] = {
            "q": texts,
            "source": self.code(source),
            "target": self.code(target),
            "format": "text",
        }
        if self.key:
            payload["api_key"] = self.key
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
            self.url.rstrip("/") + "/translate",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise ProviderError(f"LibreTranslate did not answer: {error}") from error
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if isinstance(translated, str):
            translated = [translated]
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise ProviderError("LibreTranslate answered with something other than the translations")
        return [str(t) for t in translated]
