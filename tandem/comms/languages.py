"""The languages families in England most often read, and the parent's preferred language (R31).

A parent's preferred language is kept in words on their record (``Adult.preferred_language``,
for example "Polish" or "polski"); ``code_for`` turns it into a code. Codes are BCP 47.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ENGLISH = "en"

# (code, English name, the language's own name), in order of the English name after English.
LANGUAGES: tuple[tuple[str, str, str], ...] = (
    ("en", "English", "English"),
    ("sq", "Albanian", "shqip"),
    ("am", "Amharic", "አማርኛ"),
    ("ar", "Arabic", "العربية"),
    ("bn", "Bengali", "বাংলা"),
    ("bg", "Bulgarian", "български"),
    ("zh-Hans", "Chinese (Simplified)", "简体中文"),
    ("zh-Hant", "Chinese (Traditional)", "繁體中文"),
    ("cs", "Czech", "čeština"),
    ("prs", "Dari", "دری"),
    ("nl", "Dutch", "Nederlands"),
    ("fr", "French", "français"),
    ("de", "German", "Deutsch"),
    ("el", "Greek", "Ελληνικά"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("hi", "Hindi", "हिन्दी"),
    ("hu", "Hungarian", "magyar"),
    ("it", "Italian", "italiano"),
    ("ku", "Kurdish", "Kurdî"),
    ("lv", "Latvian", "latviešu"),
    ("lt", "Lithuanian", "lietuvių"),
    ("ml", "Malayalam", "മലയാളം"),
    ("ne", "Nepali", "नेपाली"),
    ("ps", "Pashto", "پښتو"),
    ("fa", "Persian (Farsi)", "فارسی"),
    ("pl", "Polish", "polski"),
    ("pt", "Portuguese", "português"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("ro", "Romanian", "română"),
    ("ru", "Russian", "русский"),
    ("sk", "Slovak", "slovenčina"),
    ("so", "Somali", "Soomaali"),
    ("es", "Spanish", "español"),
    ("tl", "Tagalog (Filipino)", "Tagalog"),
    ("ta", "Tamil", "தமிழ்"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("tr", "Turkish", "Türkçe"),
    ("uk", "Ukrainian", "українська"),
    ("ur", "Urdu", "اردو"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("cy", "Welsh", "Cymraeg"),
    ("yo", "Yoruba", "Yorùbá"),
)


def _plain(text: str) -> str:
    """Case, accents and spacing folded away: "Español " and "espanol" are the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


_BY_CODE = {code.lower(): (code, english, own) for code, english, own in LANGUAGES}
_BY_NAME = {_plain(name): code for code, english, own in LANGUAGES for name in (english, own)}
# What people write on forms, beside the names above. A spoken language without a written form of
# its own maps to the language its speakers usually read (Sylheti → Bengali, Mirpuri → Urdu).
_ALIASES = {
    "chinese": "zh-Hans",
    "mandarin": "zh-Hans",
    "simplified chinese": "zh-Hans",
    "cantonese": "zh-Hant",
    "traditional chinese": "zh-Hant",
    "farsi": "fa",
    "persian": "fa",
    "iranian": "fa",
    "panjabi": "pa",
    "gurmukhi": "pa",
    "sylheti": "bn",
    "bangla": "bn",
    "bengali sylheti": "bn",
    "mirpuri": "ur",
    "pahari": "ur",
    "pothwari": "ur",
    "kurdi": "ku",
    "sorani": "ku",
    "kurmanji": "ku",
    "filipino": "tl",
    "tagalog": "tl",
    "brazilian": "pt",
    "brazilian portuguese": "pt",
    "castilian": "es",
    "flemish": "nl",
    "afghan persian": "prs",
    "dari persian": "prs",
    "slovakian": "sk",
    "czech republic": "cs",
    "english only": "en",
    "british english": "en",
}
_BY_NAME.update({_plain(k): v for k, v in _ALIASES.items()})
# Region and script tags people or browsers give ("pl-PL", "zh_TW"): the code Tandem uses.
_REGIONAL = {
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
}
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|\band\b|\bor\b|\n)\s*", re.IGNORECASE)
# Languages written right to left: pages set dir="rtl" on text in them.
RTL = frozenset({"ar", "fa", "prs", "ps", "ur", "ku"})

CHOICES = [(code, f"{english} ({own})" if own != english else english) for code, english, own in LANGUAGES]
CODES = frozenset(code for code, _, _ in LANGUAGES)


def _one(text: str) -> str | None:
    """The code for one language, or None when it is not one Tandem knows."""
    lowered = text.strip().lower().replace("_", "-")
    if not lowered:
        return None
    if lowered in _BY_CODE:
        return _BY_CODE[lowered][0]
    if lowered in _REGIONAL:
        return _REGIONAL[lowered]
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})+", lowered) and lowered.split("-")[0] in _BY_CODE:
        return _BY_CODE[lowered.split("-")[0]][0]  # "pl-PL", "pt-BR"
    plain = _plain(text)
    if plain in _BY_NAME:
        return _BY_NAME[plain]
    for words in re.findall(r"\((.*?)\)", text):  # "Chinese (Cantonese)": the more precise word wins
        found = _BY_NAME.get(_plain(words))
        if found:
            return found
    # "Portuguese (Brazil)", "Urdu language", "Polish - written": the words around the name.
    bare = _plain(re.sub(r"\(.*?\)", " ", text))
    bare = re.sub(r"\b(language|written|spoken|only|please|mostly|mainly|preferred)\b", " ", bare)
    bare = " ".join(re.sub(r"[^\w\s-]", " ", bare).replace("-", " ").split())
    if bare in _BY_NAME:
        return _BY_NAME[bare]
    return None


def code_for(words: str | None) -> str:
    """The code for a language given in words or as a code ("Urdu", "polski", "pl", "pl-PL",
    "Polish, English"); English when unknown or empty. Of several, the first Tandem knows."""
    text = (words or "").strip()
    if not text:
        return ENGLISH
    whole = _one(text)
    if whole:
        return whole
    for part in _SEPARATORS.split(text):
        found = _one(part)
        if found:
            return found
    return ENGLISH


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
