"""Number values from words: digits, number words, ranges, bounds, approximations, vague sizes.

Works on a sequence of word strings (the quantity extractor's lexemes) and knows nothing of
spaCy, so every rule is testable with a plain list of words. ``scan(words)`` finds each number
expression with its modifiers and returns word-index ranges with a ``Value``.

Values
- digits with separators ("10,000", "12,34,567.89", "1.5"; a group after a spaced comma only
  when it starts with zero, "80, 000", so that lists such as "5, 10" stay apart), fractions
  ("1/2", "½", "10 1/2"), number words ("ninety five", "forty-five", "two dozen", "a hundred
  and five"), scales ("million", "bn", "lakh"; "1.8M", "10k"; "$1.2-billion"; "m" and "b"
  only after a currency symbol), "half a million", "a quarter million", "three quarters billion".
- shares of a whole ("a third of", "two-thirds of", "half of") become percentages (33.33…);
  "the second half of the year" names a period, not a share.
- ranges: "between X and/to Y", "from X to Y" (unless a change verb such as "rose" precedes
  "from": that is a change between two values), "X to Y", "X-Y", "X – Y"; a percent sign may
  repeat on both ends ("20% to 30%", "1.4%–3.1%"); a scale written only after the second
  number scales both when the low end stays below the high one ("10-12 million" is 10 to 12
  million; "900 to 1.2 million" keeps 900); either bound may carry a minus sign that the caller
  marks ("-10 to -12" is −12 to −10; see ``scan``).
- bounds: "more than", "over", "above", "at least", "X or more", "X-plus", ">", "≥" →
  ``bound="lower"`` (low = X, high = None); "up to", "fewer than", "less than", "under",
  "below", "as many as", "no more than", "X or fewer", "<", "≤" → ``bound="upper"`` (low =
  None, high = X).
- approximations (``approx=True``): "around", "about", "nearly", "almost", "roughly",
  "approximately", "some", "closer to", "close to", "an estimated", "X or so", "X-odd", "~",
  "∼", "≈".

Vague magnitudes become a documented range (``approx=True``):

=========================  ===================
expression                 range
=========================  ===================
"dozens"                   24 – 99
"scores of"                40 – 99
"hundreds"                 200 – 999
"thousands"                2,000 – 9,999
"tens of thousands"        20,000 – 99,999
"hundreds of thousands"    200,000 – 999,999
"millions"                 2,000,000 – 9,999,999
"tens of millions"         20,000,000 – 99,999,999
"hundreds of millions"     200,000,000 – 999,999,999
"billions"                 2e9 – 9.999e9
"several" + scale          3 × scale – 9 × scale ("several hundred": 300 – 900)
"a few" + scale            2 × scale – 5 × scale ("a few thousand": 2,000 – 5,000)
=========================  ===================
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "mln": 1e6,
    "mn": 1e6,
    "bln": 1e9,
    "bn": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
BIG_SCALES = {"million", "billion", "trillion", "mln", "bln", "mn", "bn"}
LETTER_SCALES = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9}
MONEY_LETTER_SCALES = {"m": 1e6, "b": 1e9, "mm": 1e6}
FRACTIONS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
HALF_NAMES = {"first", "second", "latter", "last", "back", "front", "bottom", "top"}
VAGUE = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2e3, 9999.0),
    "millions": (2e6, 9_999_999.0),
    "billions": (2e9, 9.999e9),
}
VAGUE_TENS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
FEW = {"several": (3, 9), "few": (2, 5)}

LOWER = "lower"
UPPER = "upper"
PREFIXES: tuple[tuple[tuple[str, ...], str | None, bool], ...] = (
    (("no", "more", "than"), UPPER, False),
    (("no", "fewer", "than"), LOWER, False),
    (("not", "more", "than"), UPPER, False),
    (("no", "less", "than"), LOWER, False),
    (("as", "many", "as"), UPPER, False),
    (("as", "much", "as"), UPPER, False),
    (("as", "few", "as"), LOWER, False),
    (("well", "over"), LOWER, False),
    (("just", "over"), LOWER, True),
    (("just", "under"), UPPER, True),
    (("more", "than"), LOWER, False),
    (("greater", "than"), LOWER, False),
    (("higher", "than"), LOWER, False),
    (("in", "excess", "of"), LOWER, False),
    (("at", "least"), LOWER, False),
    (("at", "most"), UPPER, False),
    (("up", "to"), UPPER, False),
    (("fewer", "than"), UPPER, False),
    (("less", "than"), UPPER, False),
    (("closer", "to"), None, True),
    (("close", "to"), None, True),
    (("an", "estimated"), None, True),
    (("some",), None, True),
    (("over",), LOWER, False),
    (("above",), LOWER, False),
    (("exceeding",), LOWER, False),
    (("under",), UPPER, False),
    (("below",), UPPER, False),
    (("around",), None, True),
    (("about",), None, True),
    (("nearly",), None, True),
    (("almost",), None, True),
    (("roughly",), None, True),
    (("approximately",), None, True),
    (("approx",), None, True),
    (("circa",), None, True),
    (("estimated",), None, True),
    (("~",), None, True),
    (("∼",), None, True),
    (("≈",), None, True),
    (("≥",), LOWER, False),
    (("⩾",), LOWER, False),
    ((">",), LOWER, False),
    (("≤",), UPPER, False),
    (("⩽",), UPPER, False),
    (("<",), UPPER, False),
)
SUFFIXES: tuple[tuple[tuple[str, ...], str | None, bool], ...] = (
    (("or", "more"), LOWER, False),
    (("or", "above"), LOWER, False),
    (("or", "fewer"), UPPER, False),
    (("or", "less"), UPPER, False),
    (("or", "so"), None, True),
    (("-", "plus"), LOWER, False),
    (("plus",), LOWER, False),
    (("+",), LOWER, False),
    (("-", "odd"), None, True),
    (("odd",), None, True),
)
RANGE_JOINERS = {"to", "-", "–", "—", "and", "through", "or"}
# Joiners of a range that are words: a minus sign before such a range is its first bound's.
_RANGE_WORDS = frozenset(j for j in RANGE_JOINERS if j.isalpha())
CHANGE_WORDS = {
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "increased",
    "increase",
    "increases",
    "decreased",
    "decrease",
    "grew",
    "grow",
    "grown",
    "dropped",
    "drop",
    "climbed",
    "jumped",
    "declined",
    "decline",
    "cut",
    "raised",
    "reduced",
    "lowered",
    "slid",
    "sank",
    "soared",
    "surged",
    "plunged",
    "went",
    "up",
    "down",
    "changed",
    "moved",
    "boosted",
    "slashed",
    "doubled",
    "tripled",
    "expanded",
    "shrank",
    "swelled",
}
DIGITS = re.compile(r"^[-−]?\d+(?:,\d{3})*(?:\.\d+)?$|^\d{1,3}(?:,\d{2})+,\d{3}(?:\.\d+)?$|^\.\d+$")
FRACTION = re.compile(r"^(\d+)/(\d+)$")
PERCENT_WORDS = {"%", "percent"}
SPACED_GROUP = re.compile(r"^0\d\d$")


@dataclass(frozen=True)
class Value:
    """A parsed value: a point (low == high), a range, or an open bound."""

    low: float | None
    high: float | None
    approx: bool = False
    bound: str | None = None
    share: bool = False


@dataclass(frozen=True)
class NumberMatch:
    """A number expression over words[start:end]; ``core`` is where the bare number sits."""

    start: int
    end: int
    core_start: int
    core_end: int
    value: Value
    hedge: str | None = None


def parse_digits(word: str) -> float | None:
    """Value of one written number: "10,000", "1.5", "-5", "12,34,567.89", "1/2", "½"."""
    if word in VULGAR:
        return VULGAR[word]
    if DIGITS.match(word):
        return float(word.replace(",", "").replace("−", "-"))
    m = FRACTION.match(word)
    if m and int(m.group(2)) != 0:
        return int(m.group(1)) / int(m.group(2))
    return None


def _low(words: Sequence[str], i: int) -> str:
    return words[i].lower() if 0 <= i < len(words) else ""


def _small_words(words: Sequence[str], i: int) -> tuple[int, float] | None:
    """A number word under a hundred at i ("seven", "forty", "forty-five", "forty five")."""
    w = _low(words, i)
    if w in UNITS:
        return i + 1, float(UNITS[w])
    if w in TENS:
        value = float(TENS[w])
        j = i + 1
        if _low(words, j) == "-" and _low(words, j + 1) in UNITS:
            j += 1
        if _low(words, j) in UNITS and 0 < UNITS[_low(words, j)] < 10:
            return j + 1, value + UNITS[_low(words, j)]
        return i + 1, value
    return None


def _cardinal(words: Sequence[str], i: int, money: bool) -> tuple[int, float] | None:
    """A cardinal at i written with digits, words or both ("1.5 million", "two hundred and five",
    "10 1/2", "a dozen", "a million")."""
    w = _low(words, i)
    base: tuple[int, float] | None
    digits = parse_digits(words[i]) if 0 <= i < len(words) else None
    if digits is not None:
        base = (i + 1, digits)
        while (
            _low(words, base[0]) == ","
            and SPACED_GROUP.match(_low(words, base[0] + 1))
            and (base[1] == int(base[1]))
        ):
            base = (base[0] + 2, base[1] * 1000 + float(words[base[0] + 1]))
        frac = parse_digits(words[i + 1]) if i + 1 < len(words) else None
        if frac is not None and frac < 1 and "," not in words[i] and "." not in words[i]:
            base = (i + 2, digits + frac)
    elif w in ("a", "an", "one") and _low(words, i + 1) in ({"dozen"} | set(SCALES)):
        base = (i + 1, 1.0)
    else:
        base = _small_words(words, i)
    if base is None:
        return None
    j, value = base
    total = 0.0
    written_in_words = digits is None
    while True:
        nxt = _low(words, j)
        if nxt == "dozen":
            value *= 12
            j += 1
        elif nxt in SCALES and not (nxt == "hundred" and value >= 100):
            value *= SCALES[nxt]
            j += 1
            if SCALES[nxt] >= 1000:
                total += value
                value = 0.0
        elif digits is not None and j == i + 1 and nxt == "-" and _low(words, j + 1) in BIG_SCALES:
            value *= SCALES[_low(words, j + 1)]
            j += 2
        elif (
            digits is not None
            and j == i + 1
            and j < len(words)
            and (words[j] in LETTER_SCALES or (money and nxt in MONEY_LETTER_SCALES))
        ):
            value *= LETTER_SCALES.get(words[j], MONEY_LETTER_SCALES.get(nxt, 1.0))
            j += 1
        elif written_in_words and value and nxt == "and" and _small_words(words, j + 1):
            j += 1
        elif written_in_words and (small := _small_words(words, j)) and (total or value >= 100):
            j, extra = small
            value += extra
        else:
            break
    return j, total + value


def _fraction_of(words: Sequence[str], i: int) -> tuple[int, float] | None:
    """A share of a whole: "a third of", "two-thirds of", "half of", "a quarter of"."""
    w = _low(words, i)
    if w == "half" and _low(words, i + 1) == "of" and _low(words, i - 1) not in HALF_NAMES:
        return i + 1, 0.5
    count = 1.0
    j = i
    if w in ("a", "one"):
        j = i + 1
    elif w in UNITS and 1 < UNITS[w] < 10:
        count = float(UNITS[w])
        j = i + 2 if _low(words, i + 1) == "-" else i + 1
    frac = _low(words, j)
    if j > i and frac in FRACTIONS and frac != "half" and _low(words, j + 1) == "of":
        return j + 1, count * FRACTIONS[frac]
    return None


def _multiplied(words: Sequence[str], i: int) -> tuple[int, float] | None:
    """ "half a million", "a quarter million", "three quarters billion", "a half-dozen"."""
    w = _low(words, i)
    j = i
    count = 1.0
    if w in ("a", "an"):
        j = i + 1
    elif w in UNITS and 1 < UNITS[w] < 10:
        count = float(UNITS[w])
        j = i + 1
    frac = _low(words, j)
    if frac not in FRACTIONS or frac in ("third", "fourth", "fifth", "tenth"):
        return None
    k = j + 1
    if _low(words, k) in ("a", "-"):
        k += 1
    scale = _low(words, k)
    if scale == "dozen":
        return k + 1, count * FRACTIONS[frac] * 12
    if scale in SCALES and SCALES[scale] >= 1000:
        return k + 1, count * FRACTIONS[frac] * SCALES[scale]
    return None


def _vague(words: Sequence[str], i: int) -> tuple[int, float, float] | None:
    """Vague magnitudes from the table in the module docstring."""
    w = _low(words, i)
    big = _low(words, i + 2)
    if w in ("tens", "hundreds") and _low(words, i + 1) == "of" and big in VAGUE_TENS:
        scale = VAGUE_TENS[big] * (10 if w == "tens" else 100)
        return i + 3, 2 * scale, 10 * scale - 1
    if w in VAGUE and (w != "scores" or _low(words, i + 1) == "of"):
        low, high = VAGUE[w]
        return i + 1, low, high
    start = i + 1 if w == "a" and _low(words, i + 1) == "few" else i
    key = _low(words, start)
    scale = _low(words, start + 1)
    if key in FEW and (scale in SCALES or scale == "dozen"):
        factor = 12.0 if scale == "dozen" else SCALES[scale]
        low_n, high_n = FEW[key]
        return start + 2, low_n * factor, high_n * factor
    return None


def number_at(words: Sequence[str], i: int, money: bool = False) -> tuple[int, Value] | None:
    """The bare number starting at word i, without bound or approximation words."""
    if (vague := _vague(words, i)) is not None:
        end, low, high = vague
        return end, Value(low, high, approx=True)
    if (share := _fraction_of(words, i)) is not None:
        end, value = share
        return end, Value(value * 100, value * 100, share=True)
    if (mult := _multiplied(words, i)) is not None:
        end, value = mult
        return end, Value(value, value)
    if (card := _cardinal(words, i, money)) is not None:
        end, value = card
        return end, Value(value, value)
    return None


Phrases = tuple[tuple[tuple[str, ...], str | None, bool], ...]


def _by_first_word(table: Phrases) -> dict[str, Phrases]:
    """The table's phrases grouped by their first word, each group in table order."""
    index: dict[str, list[tuple[tuple[str, ...], str | None, bool]]] = {}
    for entry in table:
        index.setdefault(entry[0][0], []).append(entry)
    return {word: tuple(entries) for word, entries in index.items()}


PREFIX_INDEX = _by_first_word(PREFIXES)
SUFFIX_INDEX = _by_first_word(SUFFIXES)
# Words a number written without digits can begin with, "a"/"an"/"one" aside ("seven", "forty",
# "dozens", "several", "third", "half", "tens of").
_NUMBER_FIRST = frozenset(
    {"half", "tens", "hundreds"}
    | UNITS.keys()
    | TENS.keys()
    | VAGUE.keys()
    | FEW.keys()
    | FRACTIONS.keys()
)
# Every lowercase word (other than one written in digits) that can begin a match of ``_scan_at``:
# a prefix's first word, a range opener, or the first word of a number from ``number_at``.
STARTERS = _NUMBER_FIRST | {*PREFIX_INDEX, "between", "from", "a", "an", "one"}


# Every word (lowercase) one of which a number written without digits needs: its own first word,
# or the word after "a"/"an" ("a dozen", "a third of", "a few hundred", "a million").
NUMBER_WORDS = _NUMBER_FIRST | {"dozen", *SCALES}
_DIGIT_OR_FRACTION = re.compile(r"[\d" + "".join(VULGAR) + "]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def may_hold_number(text: str) -> bool:
    """Whether ``scan`` could find a number in the words of ``text`` at all: it has a digit, a
    fraction sign or a number word (a cheap test that lets most sentences skip the scan)."""
    if _DIGIT_OR_FRACTION.search(text):
        return True
    return not NUMBER_WORDS.isdisjoint(_LETTER_RUN.findall(text.lower()))


def _may_start(
    words: Sequence[str], i: int, currency_at: frozenset[int], signs: frozenset[int]
) -> bool:
    """Whether a match could begin at word i (a cheap test that skips most words)."""
    word = words[i]
    lead = word[:1]
    return (
        lead.isdecimal()
        or lead in "-−."
        or word in VULGAR
        or i in currency_at
        or i in signs
        or word.lower() in STARTERS
    )


def _match_phrase(
    words: Sequence[str], i: int, index: dict[str, Phrases]
) -> tuple[int, str | None, bool, str] | None:
    """The first phrase of the table (indexed by first word) that the words at i spell."""
    for phrase, bound, approx in index.get(_low(words, i), ()):
        if all(_low(words, i + k) == p for k, p in enumerate(phrase)):
            return i + len(phrase), bound, approx, " ".join(phrase)
    return None


def _signed_number(
    words: Sequence[str], i: int, signs: frozenset[int], money: bool
) -> tuple[int, Value, bool] | None:
    """The bare number at word i, or after the minus sign at i (negated, its bounds swapped);
    returns (end, value, whether signed)."""
    signed = i in signs
    found = number_at(words, i + 1 if signed else i, money)
    if found is None:
        return None
    end, value = found
    if signed and value.low is not None and value.high is not None:
        value = Value(-value.high, -value.low, value.approx, value.bound, value.share)
    return end, value, signed


def _range_end(
    words: Sequence[str], j: int, opener: str, skip: int, money: bool, signs: frozenset[int]
) -> tuple[int, float, bool] | None:
    """The second number of a range whose joiner is at j; returns (end, value, whether it has
    its own minus sign)."""
    joiner = _low(words, j)
    allowed = {"between": {"and", "to", "-", "–", "—"}, "from": {"to", "-", "–", "—", "through"}}
    if joiner not in allowed.get(opener, RANGE_JOINERS - {"and"}):
        return None
    second = _signed_number(words, j + 1 + skip, signs, money)
    if second is None or second[1].low is None or second[1].low != second[1].high:
        return None
    return second[0], second[1].low, second[2]


def _second_bound(
    low: float, signed: bool, second: float, second_signed: bool, whole_range: bool
) -> float | None:
    """The second bound of a range, with its sign, or None when the two numbers make no range.
    A sign on the first number alone is the whole range's when ``whole_range`` (a dash joins
    them or the sign is the word "minus": "minus 10 to 12", "-10-12"); a range written with its
    signs may run either way ("-10 to -12", "-3 to 4"); unsigned, it must rise."""
    if signed and not second_signed and whole_range:
        return -second if second > abs(low) else None
    if signed or second_signed:
        return second if second != low else None
    return second if second > low else None


def scan(
    words: Sequence[str],
    currency_at: frozenset[int] = frozenset(),
    signs: frozenset[int] = frozenset(),
) -> list[NumberMatch]:
    """Every number expression in words, left to right, without overlaps.

    ``currency_at`` holds indices of currency-symbol words that may sit between a modifier and
    its number ("more than $ 5"); after one of them, "m" and "b" right after digits scale
    ("$ 62.7 m"); "K", "k", "M" and "B" always do ("1.8M", "10k"). ``signs`` holds indices of
    words that are minus signs of the number after them ("-", "−", "minus"; which ones are is
    the caller's reading of the spacing): a signed number's match starts at its sign. Either
    bound of a range may be signed ("between -3 and 4", "-10 to -12": −12 to −10). A sign before
    a range with no sign of its own on the second bound belongs to the first bound when a word
    joins them ("-3 to 4": −3 to 4), and to the whole range when a dash does or the sign is the
    word "minus" ("-10-12", "minus 10 to 12": −12 to −10).
    """
    matches: list[NumberMatch] = []
    i = 0
    while i < len(words):
        may = _may_start(words, i, currency_at, signs)
        found = _scan_at(words, i, currency_at, signs) if may else None
        if found is None:
            i += 1
            continue
        matches.append(found)
        i = found.end
    return matches


def _scale_of(words: Sequence[str], start: int, end: int) -> float:
    """The product of the scale words (a thousand or more) in words[start:end]."""
    factor = 1.0
    for k in range(start + 1, end):
        scale = SCALES.get(words[k].lower(), 0.0) or LETTER_SCALES.get(words[k], 0.0)
        if scale >= 1000:
            factor *= scale
    return factor


def _scan_at(
    words: Sequence[str], i: int, currency_at: frozenset[int], signs: frozenset[int]
) -> NumberMatch | None:
    bound: str | None = None
    approx = False
    hedge: str | None = None
    opener = ""
    j = i
    prefix = _match_phrase(words, i, PREFIX_INDEX)
    if prefix is not None:
        j, bound, approx, phrase = prefix
        hedge = "estimated" if phrase.endswith("estimated") else None
    elif _low(words, i) == "between" or (
        _low(words, i) == "from" and _low(words, i - 1) not in CHANGE_WORDS
    ):
        opener = _low(words, i)
        j = i + 1
    skip = 1 if j in currency_at else 0
    money = j + skip - 1 in currency_at
    core = _signed_number(words, j + skip, signs, money)
    if core is None or (prefix is not None and core[1].share):
        return None
    end, value, signed = core
    core_start = j + skip + 1 if signed else j + skip
    low, high = value.low, value.high
    changed = _low(words, j + skip - 1) in CHANGE_WORDS | {"from"} and not opener
    gap = 1 if _low(words, end) in PERCENT_WORDS else 0
    second_skip = 1 if end + gap + 1 in currency_at else 0
    rng = None
    if low == high and low is not None and not changed:
        rng = _range_end(words, end + gap, opener, second_skip, money, signs)
        if rng is not None and gap and _low(words, rng[0]) != _low(words, end):
            rng = None
    second = None
    if rng is not None and low is not None:
        joiner = _low(words, end + gap)
        whole_range = _low(words, core_start - 1) == "minus" or joiner not in _RANGE_WORDS
        second = _second_bound(low, signed, rng[1], rng[2], whole_range)
    if rng is not None and low is not None and second is not None:
        factor = _scale_of(words, end + gap + 1 + second_skip, rng[0])
        if _scale_of(words, core_start, end) == 1 and abs(low * factor) <= abs(second):
            low *= factor
        end = rng[0]
        low, high = min(low, second), max(low, second)
        bound = None
    elif opener:
        return None
    core_end = end
    suffix = _match_phrase(words, end, SUFFIX_INDEX)
    if suffix is not None and bound is None and low == high:
        end, bound, suffix_approx, _ = suffix
        approx = approx or suffix_approx
    if bound == LOWER:
        high = None
    elif bound == UPPER:
        low = None
    approx = approx or value.approx
    start = i if (prefix is not None or opener) else j + skip
    return NumberMatch(
        start, end, core_start, core_end, Value(low, high, approx, bound, value.share), hedge
    )
