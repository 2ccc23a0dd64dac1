"""The languages families in England most often read, and the parent's preferred language (R31).

A parent's preferred language is kept in words on their record (``Adult.preferred_language``,
for example "Polish" or "polski"); ``code_for`` turns it into a code. Codes are BCP 47.
"""

from __future__ import annotations

from collections.abc import Iterable

ENGLISH = "en"

# (code, English name, the language's own name)
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("en", "English", "English"),
    ("ar", "Arabic", "العربية"),
    ("bn", "Bengali", "বাংলা"),
    ("bg", "Bulgarian", "български"),
    ("zh-Hans", "Chinese (Simplified)", "简体中文"),
    ("fa", "Persian (Farsi)", "فارسی"),
    ("fr", "French", "français"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("hu", "Hungarian", "magyar"),
    ("it", "Italian", "italiano"),
    ("ku", "Kurdish", "Kurdî"),
    ("lt", "Lithuanian", "lietuvių"),
    ("ps", "Pashto", "پښتو"),
    ("pl", "Polish", "polski"),
    ("pt", "Portuguese", "português"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("ro", "Romanian", "română"),
    ("ru", "Russian", "русский"),
    ("so", "Somali", "Soomaali"),
    ("es", "Spanish", "español"),
    ("ta", "Tamil", "தமிழ்"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "українська"),
    ("ur", "Urdu", "اردو"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("cy", "Welsh", "Cymraeg"),
)
_BY_CODE = {code.lower(): (code, english, own) for code, english, own in LANGUAGES}
_BY_NAME = {name.casefold(): code for code, english, own in LANGUAGES for name in (english, own)}
_BY_NAME.update({"chinese": "zh-Hans", "mandarin": "zh-Hans", "farsi": "fa", "persian": "fa"})
# Languages written right to left: pages set dir="rtl" on text in them.
RTL = frozenset({"ar", "fa", "ps", "ur", "ku"})

CHOICES = [(code, f"{english} ({own})" if own != english else english) for code, english, own in LANGUAGES]


def code_for(words: str | None) -> str:
    """The code for a language given in words or as a code; English when unknown or empty."""
    text = (words or "").strip()
    if not text:
        return ENGLISH
    if text.lower() in _BY_CODE:
        return _BY_CODE[text.lower()][0]
    return _BY_NAME.get(text.casefold(), ENGLISH)


def name_of(code: str) -> str:
    """The language's English name, with its own name when different: "Polish (polski)"."""
    found = _BY_CODE.get(code.lower())
    if not found:
        return code
    _, english, own = found
    return f"{english} ({own})" if own != english else english


def own_name(code: str) -> str:
    found = _BY_CODE.get(code.lower())
    return found[2] if found else code


def direction(code: str) -> str:
    return "rtl" if code.split("-")[0].lower() in RTL else "ltr"


def languages_of_users(user_ids: Iterable[int]) -> dict[int, str]:
    """Each user's preferred language code (English for staff and for anyone without a record).
    One query, however many users."""
    from tandem.people.models import Adult

    ids = list(user_ids)
    found = {
        uid: code_for(words)
        for uid, words in Adult.objects.filter(user_id__in=ids).values_list("user_id", "preferred_language")
    }
    return {uid: found.get(uid, ENGLISH) for uid in ids}


def language_of(user: object) -> str:
    """One user's preferred language code."""
    pk = getattr(user, "pk", None)
    return languages_of_users([pk])[pk] if pk else ENGLISH
