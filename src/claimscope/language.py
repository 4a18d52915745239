"""Cheap detection of text that is not English, so that it is reported instead of mis-extracted.

Two signals, read from the first ``SAMPLE_CHARS`` characters: the writing system of the letters
(a text mostly in Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Hangul, kana or Han
characters is not English) and, for Latin-script text, which language's most frequent function
words it uses. A text is called non-English only when another language's function words clearly
outnumber English ones, so English articles quoting foreign phrases, lists and tables of figures
pass; texts too short to judge pass too (``None``).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter

SAMPLE_CHARS = 20_000
MIN_WORDS = 12
MIN_LETTERS = 20
SCRIPT_SHARE = 0.5
FOREIGN_SHARE = 0.12
FOREIGN_RATIO = 2.0

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is that for it was on with as he she by at from his her "
        "they this have has had are were be been not but which who would will said an or "
        "their its we you there after about than also more",
        "de": "der die das und ist nicht ein eine einen dem den des zu mit sich auf für von "
        "auch als wie bei oder wird werden wurde sind hat haben nach noch aus über dass "
        "sie es ich wir aber nur",
        "fr": "le la les des du et est une un dans que qui pour pas sur au aux avec ce cette "
        "ses son sont été par plus il elle nous vous mais ou être avait leur",
        "es": "el la los las del y es en que un una por con para se su sus al lo como más "
        "pero fue ha han este esta entre también sin sobre muy hay",
        "it": "il la lo gli le di del della che è e un una per con non sono nel nella alla "
        "anche come più ma ha dei delle questo stato",
        "pt": "o a os as do da dos das e é em um uma que para com não por se na no mais como "
        "mas foi ao são também pela pelo seu sua",
        "nl": "de het een en van is dat op te in niet met voor zijn er ook maar bij aan om "
        "als dit nog wordt werd heeft naar uit ze",
        "sv": "och att det som en på är av för med till den inte har de om ett var men "
        "från vid eller sig kan också",
        "pl": "i w na z że się nie do to jest jak po od za ale są przez dla tak jego jej "
        "było oraz już",
        "tr": "ve bir bu da de için ile olarak daha çok gibi olan en ama değil kadar sonra "
        "ise olan var",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada oleh "
        "karena sudah bisa mereka",
        "ru": "и в не на что с по он она как это но к из за от то для так его все был "
        "была были же уже также",
        "uk": "і в не на що з по він вона як це але до із за від та для так його все був "
        "була були вже також",
    }.items()
}

# the languages each function word belongs to
LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(code for code, words in STOPWORDS.items() if word in words)
    for word in set().union(*STOPWORDS.values())
}
ASCII_LETTERS = str.maketrans("", "", string.ascii_letters)
NON_ASCII = re.compile(r"[^\x00-\x7f]")

SCRIPTS: tuple[tuple[str, str], ...] = (
    ("CYRILLIC", "ru"),
    ("GREEK", "el"),
    ("ARABIC", "ar"),
    ("HEBREW", "he"),
    ("DEVANAGARI", "hi"),
    ("THAI", "th"),
    ("HANGUL", "ko"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("CJK", "zh"),
)


def script_language(letters: Counter[str]) -> str | None:
    """The language a non-Latin writing system stands for when it holds most of the letters."""
    total = sum(letters.values())
    if total < MIN_LETTERS:
        return None
    script, count = letters.most_common(1)[0]
    if script == "LATIN" or count / total < SCRIPT_SHARE:
        return None
    if script == "CJK" and (letters["HIRAGANA"] or letters["KATAKANA"]):
        return "ja"
    return dict(SCRIPTS).get(script, script.lower())


def letter_scripts(text: str) -> Counter[str]:
    """How many letters of each writing system the text has (named by their Unicode prefix)."""
    counts: Counter[str] = Counter()
    ascii_letters = len(text) - len(text.translate(ASCII_LETTERS))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    for ch, n in Counter(NON_ASCII.findall(text)).items():
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            counts[name.split(" ", 1)[0] if name else "OTHER"] += n
    return counts


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language when it can tell: "en", "de", "ru", …; None
    when the text is too short or mixed to judge."""
    sample = text[:SAMPLE_CHARS]
    by_script = script_language(letter_scripts(sample))
    words = [w.lower() for w in WORD.findall(sample)]
    if by_script in ("ru", "uk"):
        return function_word_language(words, ("ru", "uk")) or by_script
    if by_script is not None:
        return by_script
    return function_word_language(words, tuple(STOPWORDS))


def function_word_language(words: list[str], candidates: tuple[str, ...]) -> str | None:
    """The candidate language whose function words are most frequent among the words, when
    enough words are function words of it to judge."""
    if len(words) < MIN_WORDS:
        return None
    hits = dict.fromkeys(candidates, 0)
    for word, n in Counter(words).items():
        for code in LANGUAGES_OF.get(word, ()):
            if code in hits:
                hits[code] += n
    best = max(hits, key=lambda code: hits[code])
    if hits[best] / len(words) < FOREIGN_SHARE / 2:
        return None
    return best


def non_english(text: str) -> str | None:
    """The code of the language the text is written in when that is clearly not English, else
    None (English, or too short or too mixed to tell)."""
    found = detect_language(text)
    if found is None or found == "en":
        return None
    if found not in STOPWORDS or found in ("ru", "uk"):
        return found
    words = [w.lower() for w in WORD.findall(text[:SAMPLE_CHARS])]
    english = sum(w in STOPWORDS["en"] for w in words)
    foreign = sum(w in STOPWORDS[found] for w in words)
    if foreign / len(words) >= FOREIGN_SHARE and foreign >= FOREIGN_RATIO * english:
        return found
    return None
