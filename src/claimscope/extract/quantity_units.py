"""Units of quantities: currencies, percentages, measures, durations, ages and per-unit rates.

Works on word strings (lexemes) around a number. Normalized unit codes:
- money: ISO 4217 codes ("USD", "EUR", "KRW", "UAH" …); "cent" and "penny" stay as stated
  since the currency they belong to is implicit; "MUSD"/"MEUR" style codes scale by a million;
- "percent", "percentage point", "bp" (basis points);
- metric measures: a prefix ("k", "c", "m", "u" for micro, "n", "d", "p") before "m", "g" or
  "l" ("km", "ug", "ml"), and "2" or "3" after a length for its square or cube ("km2", "cm3");
- other measures: "mi", "nmi", "ft", "in", "yd", "mi2", "ft2", "ft3", "ha", "acre", "t"
  (metric ton), "ton", "lb", "oz", "gal", "bbl", "pint", "tbsp", "tsp", "cup", "degC", "degF",
  "deg", "rad", "K" (kelvin, written out), "km/h", "mph", "kn", "W", "kW", "MW", "GW", "TW",
  "Wh", "kWh", "MWh", "GWh", "TWh", "KB", "MB", "GB", "TB", "Kbit", "Mbit", "Gbit", "Tbit",
  "Hz", "kHz", "MHz", "GHz", "Pa", "hPa", "kPa", "MPa", "GPa", "eV", "keV", "MeV", "V", "kV",
  "permille" (‰), "ppm", "ppb";
- durations "year", "month", "week", "day", "hour", "minute", "second", "millisecond",
  "decade", "century";
- ages "year of age", "month of age", "week of age", "day of age" ("34 years old", "aged 34");
- rates append " per <thing>": "USD per share", "mi per hour", "mg per l" ("mg/L"), "cent per
  kWh" (any measure after "per", "a" or a slash), and "per day" alone for a rate of counted
  things ("80,000 cars a day": unit "per day", counted "cars").

The word lists are in ``quantity_unit_words``. Lookups ignore a trailing period ("lbs.",
"sq. ft.").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimscope.extract.quantity_unit_words import (
    BRACKETS,
    CODE_ALIASES,
    CODES,
    DOLLAR_PREFIXES,
    EXPONENT_BASES,
    EXPONENTS,
    EXTENTS,
    GLUED_CASED,
    GLUED_DOLLAR_PREFIXES,
    GLUED_ONLY,
    MEASURE_WORDS,
    METRIC_LETTERS,
    MONEY_CUES,
    MONEY_WORDS,
    POUNDS,
    RATE_ABBREVIATIONS,
    RATE_WORDS,
    SCALE_AFTER_CODE,
    SYMBOLS,
)

FEET = {"ft", "feet", "foot", "'", "′"}
INVERSE_POWERS = {"1": "", "¹": "", "2": "2", "²": "2", "3": "3", "³": "3"}
NOT_DENOMINATORS = {"percent", "deg", "percentage point", "bp", "permille"}
LATER = {"earlier", "ago", "later", "before", "after", "prior", "'", "’"}


@dataclass(frozen=True)
class UnitMatch:
    """A unit over words[start:end]; ``factor`` scales the value ("MUSD" = million USD)."""

    unit: str
    start: int
    end: int
    factor: float = 1.0


def _low(words: Sequence[str], i: int) -> str:
    return words[i].lower() if 0 <= i < len(words) else ""


def _code(word: str) -> tuple[str, float] | None:
    if word in CODES:
        return word, 1.0
    if word in CODE_ALIASES:
        return CODE_ALIASES[word], 1.0
    if word.upper() in CODES and word.islower() and word in ("usd", "eur", "gbp", "btc"):
        return word.upper(), 1.0
    if len(word) == 4 and word[0] == "M" and word[1:] in CODES:
        return word[1:], 1e6
    return None


def currency_before(words: Sequence[str], i: int, glued: Sequence[bool]) -> UnitMatch | None:
    """A currency written before the number at i: "$", "US $", "C$", "A$", "€", "USD",
    "MUSD"."""
    prev = words[i - 1] if i >= 1 else ""
    if prev in SYMBOLS:
        before = _low(words, i - 2)
        if prev == "$" and before in DOLLAR_PREFIXES:
            return UnitMatch(DOLLAR_PREFIXES[before], i - 2, i)
        if prev == "$" and i >= 2 and glued[i - 1] and words[i - 2] in GLUED_DOLLAR_PREFIXES:
            return UnitMatch(GLUED_DOLLAR_PREFIXES[words[i - 2]], i - 2, i)
        return UnitMatch(SYMBOLS[prev], i - 1, i)
    code = _code(prev)
    if code is not None:
        return UnitMatch(code[0], i - 1, i, code[1])
    if prev.lower() in ("dollar", "usd"):
        return UnitMatch("USD", i - 1, i)
    return None


def _longest(
    words: Sequence[str], i: int, table: dict[tuple[str, ...], str]
) -> tuple[tuple[str, ...], str] | None:
    """The longest phrase of ``table`` at i, read as written or without trailing periods."""
    for size in (4, 3, 2, 1):
        key = tuple(_low(words, i + k) for k in range(size))
        if key in table:
            return key, table[key]
        bare = tuple(w.rstrip(".") if len(w) > 1 else w for w in key)
        if bare != key and bare in table:
            return key, table[bare]
    return None


def _money_context(words: Sequence[str], i: int) -> bool:
    """Whether "pounds" at i is money: after a scale word, or a payment word shortly before."""
    if _low(words, i - 1) in ("million", "billion", "bn", "m"):
        return True
    return any(_low(words, k) in MONEY_CUES for k in range(max(0, i - 7), i))


def _symbol_is_unit(words: Sequence[str], i: int, glued: Sequence[bool]) -> bool:
    """Whether a short symbol of ``GLUED_ONLY`` at i is a unit here: a metric letter in its own
    case, else glued to the digits, before an extent, or the inches after feet ("6 ft 2 in"),
    not "one-in-five"."""
    word = words[i].rstrip(".")
    if word.lower() in METRIC_LETTERS:
        return word in METRIC_LETTERS
    after_digits = glued[i] and words[i - 1][-1:].isdigit()
    return after_digits or _low(words, i + 1) in EXTENTS or _low(words, i - 2) in FEET


def _measure_after(words: Sequence[str], i: int, glued: Sequence[bool]) -> UnitMatch | None:
    """A measure unit at i, with a glued exponent ("m2") and a slash denominator ("mg/L")."""
    measure = _longest(words, i, MEASURE_WORDS)
    if measure is None:
        return None
    phrase, unit = measure
    if len(phrase) == 1 and phrase[0].rstrip(".") in GLUED_ONLY and not _symbol_is_unit(
        words, i, glued
    ):
        return None
    end = i + len(phrase)
    power = EXPONENTS.get(words[end]) if end < len(words) and glued[end] else None
    if unit in EXPONENT_BASES and power is not None:
        unit, end = unit + power, end + 1
    if _low(words, end) == "/" and (denominator := _denominator(words, end + 1)) is not None:
        return UnitMatch(f"{unit} per {denominator[0]}", i, denominator[1])
    if (inverse := _inverse(words, end, glued)) is not None:
        return UnitMatch(f"{unit} per {inverse[0]}", i, inverse[1])
    return UnitMatch(unit, i, end)


def _inverse(words: Sequence[str], i: int, glued: Sequence[bool]) -> tuple[str, int] | None:
    """A unit with a negative exponent after another ("m s−1", "g cm−3", "t ha⁻¹")."""
    if i + 2 >= len(words) or not (glued[i + 1] and glued[i + 2]):
        return None
    power = INVERSE_POWERS.get(words[i + 2])
    if words[i + 1] not in ("−", "-", "⁻") or power is None:
        return None
    word = _low(words, i)
    thing = RATE_ABBREVIATIONS.get(word) or MEASURE_WORDS.get((word,))
    if thing is None or (power and thing not in EXPONENT_BASES):
        return None
    return thing + power, i + 3


def _bracketed(
    words: Sequence[str], i: int, glued: Sequence[bool], after_scale: bool
) -> UnitMatch | None:
    """A unit alone in brackets after the number ("20 (kg)", "20 [kg]")."""
    closer = BRACKETS.get(words[i]) if i < len(words) else None
    if closer is None:
        return None
    inner = unit_after(words, i + 1, glued, after_scale)
    if inner is None or inner.end >= len(words) or words[inner.end] != closer:
        return None
    return UnitMatch(inner.unit, i, inner.end + 1, inner.factor)


def unit_after(
    words: Sequence[str], i: int, glued: Sequence[bool], after_scale: bool
) -> UnitMatch | None:
    """The unit written after a number that ends at i; ``glued[k]`` is true where word k
    follows the previous word without a space; ``after_scale`` when the number ended with a
    scale word ("million"), which makes "pounds" sterling, as a payment word before does."""
    if i >= len(words):
        return None
    compound = i + 1 < len(glued) and (glued[i + 1] or not glued[i])
    if words[i] == "-" and compound:
        hyphenated = unit_after(words, i + 1, glued, after_scale)
        return UnitMatch(hyphenated.unit, i, hyphenated.end) if hyphenated else None
    if words[i] in SYMBOLS:
        return UnitMatch(SYMBOLS[words[i]], i, i + 1)
    if (code := _code(words[i])) is not None:
        scale = SCALE_AFTER_CODE.get(_low(words, i + 1))
        if scale is not None:
            return UnitMatch(code[0], i, i + 2, code[1] * scale)
        return UnitMatch(code[0], i, i + 1, code[1])
    after_digits = i > 0 and glued[i] and words[i - 1][-1:].isdigit()
    if after_digits and (cased := GLUED_CASED.get(words[i].rstrip("."))) is not None:
        return UnitMatch(cased, i, i + 1)
    money = _longest(words, i, MONEY_WORDS)
    if money is not None:
        return UnitMatch(money[1], i, i + len(money[0]))
    if (_low(words, i),) in POUNDS:
        return UnitMatch("GBP" if after_scale or _money_context(words, i) else "lb", i, i + 1)
    return _measure_after(words, i, glued) or _bracketed(words, i, glued, after_scale)


def _measure_denominator(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """A measure unit as the "per" side of a rate ("per kilowatt-hour", "a square foot");
    not a one-letter symbol, a percentage or an angle."""
    measure = _longest(words, i, MEASURE_WORDS)
    if measure is None or measure[1] in NOT_DENOMINATORS or len(measure[0][0]) < 2:
        return None
    if measure[0][0] in GLUED_ONLY:
        return None
    return measure[1], i + len(measure[0])


def _denominator(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """The unit under a slash ("mg / L", "km / s", "°C / min")."""
    if _low(words, i) in RATE_ABBREVIATIONS:
        return RATE_ABBREVIATIONS[_low(words, i)], i + 1
    measure = _longest(words, i, MEASURE_WORDS)
    if measure is None or measure[1] in NOT_DENOMINATORS:
        return None
    return measure[1], i + len(measure[0])


def rate_after(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """A per-unit rate after word i: "a day", "per share", "an hour", "/ hr", "- a - share",
    "per kilowatt-hour"."""
    j = i + 1 if _low(words, i) == "-" else i
    first = _low(words, j)
    if first not in ("a", "an", "per", "each", "/"):
        return None
    k = j + 1
    if first == "a" and _low(words, k) == "-":
        k += 1
    if _low(words, k) == "-":
        k += 1
    thing = _low(words, k)
    if thing in RATE_ABBREVIATIONS and first == "/":
        return RATE_ABBREVIATIONS[thing], k + 1
    if _low(words, k + 1) in LATER:
        return None
    if thing in RATE_WORDS:
        return RATE_ABBREVIATIONS.get(thing, thing), k + 1
    return _measure_denominator(words, k)
