"""Name normalization: lookup keys, romanization-tolerant person keys, titles and acronyms.

``name_key`` folds case, accents, punctuation and a leading "the" ("U.S." and "US" → "us";
"Kim Jong-un" → "kim jong un"). ``person_key`` also folds common romanization variants of one
name ("Zelenskyy", "Zelenskiy", "Zelensky" → "zelensky"; "Sergei"/"Sergey"; "Aleksei"/"Alexei").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "–": "-", "—": "-"})

# Words that precede a name but are not part of it: titles, ranks, honorifics.
TITLES = frozenset(
    {
        "adm", "admiral", "ambassador", "capt", "captain", "chair", "chairman", "chairwoman",
        "assemblyman", "assemblywoman", "chancellor", "chief", "col", "colonel", "commander",
        "comrade", "congressman", "congresswoman", "councillor", "councilman", "councilwoman",
        "dame", "defence",
        "defense", "deputy", "dr", "finance", "foreign", "gen", "general", "governor",
        "interior", "king", "leader", "lieutenant", "lord", "lt", "maj", "major", "marshal",
        "mayor", "minister", "minister's", "miss", "mp", "mr", "mrs", "ms", "pope", "premier",
        "president", "prime", "prince", "princess", "prof", "professor", "queen", "rep",
        "representative", "secretary", "sen", "senator", "sergeant", "sgt", "sir", "spokesman",
        "spokesperson", "spokeswoman", "state", "supreme", "vice"
    }
)
# Titles that only ever stand before a person's name ("Councilwoman Grace Obi", "Mr. Lee").
PERSONAL_TITLES = frozenset(
    {
        "assemblyman", "assemblywoman", "congressman", "congresswoman", "councillor",
        "councilman", "councilwoman", "dr", "mayor", "mr", "mrs", "ms", "sen", "senator",
    }
)
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "de"})

_PUNCT = re.compile(r"[.\u00b7]")
_SEPARATORS = re.compile(r"[\s\-_/]+")
_POSSESSIVE = re.compile(r"'s?$")


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and dashes."""
    text = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 16)  # names repeat within and across articles
def name_key(text: str) -> str:
    """A lookup key for a name: folded, without periods, possessive or a leading "the"."""
    key = _POSSESSIVE.sub("", fold(text).strip())
    key = _SEPARATORS.sub(" ", _PUNCT.sub("", key)).strip()
    key = key.replace(",", "")
    return key[4:] if key.startswith("the ") else key


_WORD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:yy|iy|yi|ij|ii)$"), "y"),
    (re.compile(r"(?<=\w{3})i$"), "y"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"^ye"), "e"),
)


@lru_cache(maxsize=1 << 16)
def person_key(text: str) -> str:
    """A key for a person's name that folds romanization variants of each word."""
    words = []
    for word in name_key(text).split():
        for pattern, repl in _WORD_RULES:
            word = pattern.sub(repl, word)
        words.append(word)
    return " ".join(words)


def acronym(name: str) -> str:
    """The initials of a name's significant words ("Institute for the Study of War" → "ISW")."""
    words = [w for w in _SEPARATORS.split(name.translate(APOSTROPHES)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in FUNCTION_WORDS)


def is_acronym(text: str) -> bool:
    """Whether a surface form is written as an acronym ("NIS", "U.N.")."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
