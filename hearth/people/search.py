"""Typo-tolerant name search keys, computed in Python and stored on `Person`.

PostgreSQL's pg_trgm is not available on every server (the embedded one has no contrib modules),
so Hearth keeps its own keys: the trigrams of every name a person has had, and a phonetic code for
each name part. Both are text arrays under GIN indexes, searched with the array overlap operator.
See docs/adr/0003-name-search-without-extensions.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_NON_LETTERS = re.compile(r"[^a-z ]+")


def normalise(name: str) -> str:
    """Lower case, accents and punctuation removed, hyphens and apostrophes dropped."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(_NON_LETTERS.sub("", folded.replace("-", " ")).split())


def trigrams(name: str) -> set[str]:
    """The padded trigrams of each word, as pg_trgm makes them ("  s", " sm", "smi", ...)."""
    grams: set[str] = set()
    for word in normalise(name).split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


_SOUNDEX_CODES = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def soundex(word: str) -> str:
    """American Soundex of one word (Smith and Smyth share S530)."""
    word = normalise(word).replace(" ", "")
    if not word:
        return ""
    code, previous = word[0].upper(), _SOUNDEX_CODES.get(word[0], "")
    for letter in word[1:]:
        digit = _SOUNDEX_CODES.get(letter, "")
        if digit and digit != previous:
            code += digit
        if letter not in "hw":
            previous = digit
    return (code + "000")[:4]


def search_keys(names: Iterable[str]) -> tuple[list[str], list[str]]:
    """(trigrams, phonetic codes) for a person known by `names` (current, former and aliases)."""
    grams: set[str] = set()
    phonetic: set[str] = set()
    for name in names:
        grams |= trigrams(name)
        phonetic.update(soundex(word) for word in normalise(name).split())
    phonetic.discard("")
    return sorted(grams), sorted(phonetic)
