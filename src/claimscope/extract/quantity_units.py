"""Units of quantities: currencies, percentages, measures, durations, ages and per-unit rates.

Works on word strings (lexemes) around a number. Normalized unit codes:
- money: ISO 4217 codes ("USD", "EUR", "KRW", "UAH" …); "cent" and "penny" stay as stated
  since the currency they belong to is implicit; "MUSD"/"MEUR" style codes scale by a million;
- "percent", "percentage point", "bp" (basis points);
- measures: "km", "m", "cm", "mm", "mi", "nmi", "ft", "in", "yd", "km2", "m2", "mi2", "ft2",
  "ha", "acre", "kg", "g", "mg", "ug", "t" (metric ton), "ton", "lb", "oz", "l", "ml", "gal",
  "bbl", "m3", "ft3", "tbsp", "tsp", "cup", "degC", "degF", "deg", "rad", "km/h", "mph", "kn",
  "W", "kW", "MW", "GW", "kWh", "MWh", "GWh", "TWh", "KB", "MB", "GB", "TB", "nm", "um",
  "cm2", "mm2", "cm3", "km3", "ul", "Hz", "kHz", "MHz", "GHz", "Pa", "hPa", "kPa", "MPa", "GPa",
  "eV", "keV", "MeV", "V", "kV", "K" (kelvin, written out), "permille" (‰), "ppm", "ppb";
- durations "year", "month", "week", "day", "hour", "minute", "second", "decade", "century";
- ages "year of age", "month of age", "week of age", "day of age";
- rates append " per <thing>": "USD per share", "mi per hour", "mg per l" ("mg/L"), and "per
  day" alone for a rate of counted things ("80,000 cars a day": unit "per day", counted
  "cars").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SYMBOLS = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₴": "UAH",
    "₺": "TRY",
    "₿": "BTC",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₡": "CRC",
    "₾": "GEL",
    "₭": "LAK",
    "元": "CNY",
    "ரூ": "LKR",
}
DOLLAR_PREFIXES = {
    "us": "USD",
    "u.s.": "USD",
    "usd": "USD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "cad": "CAD",
    "au": "AUD",
    "aud": "AUD",
    "hk": "HKD",
    "hkd": "HKD",
    "nz": "NZD",
    "nzd": "NZD",
    "mex": "MXN",
    "mxn": "MXN",
    "r": "BRL",
    "sgd": "SGD",
    "nt": "TWD",
}
CODES = {
    "USD",
    "EUR",
    "GBP",
    "JPY",
    "CNY",
    "KRW",
    "RUB",
    "UAH",
    "INR",
    "CAD",
    "AUD",
    "CHF",
    "HKD",
    "NZD",
    "MXN",
    "BRL",
    "SEK",
    "NOK",
    "DKK",
    "PLN",
    "TRY",
    "ZAR",
    "SGD",
    "ILS",
    "AED",
    "SAR",
    "IRR",
    "KPW",
    "BTC",
    "EGP",
    "NGN",
    "PKR",
    "IDR",
    "THB",
    "VND",
    "PHP",
    "CZK",
    "HUF",
    "RON",
}
CODE_ALIASES = {
    "RMB": "CNY",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "rmb": "CNY",
    "Rs": "INR",
    "Rs.": "INR",
    "rs": "INR",
    "rs.": "INR",
}

MONEY_WORDS: dict[tuple[str, ...], str] = {
    ("dollar",): "USD",
    ("dollars",): "USD",
    ("us", "dollar"): "USD",
    ("us", "dollars"): "USD",
    ("u.s.", "dollars"): "USD",
    ("american", "dollars"): "USD",
    ("canadian", "dollars"): "CAD",
    ("canadian", "dollar"): "CAD",
    ("australian", "dollars"): "AUD",
    ("australian", "dollar"): "AUD",
    ("hong", "kong", "dollars"): "HKD",
    ("new", "zealand", "dollars"): "NZD",
    ("euro",): "EUR",
    ("euros",): "EUR",
    ("pounds", "sterling"): "GBP",
    ("pound", "sterling"): "GBP",
    ("sterling",): "GBP",
    ("yen",): "JPY",
    ("japanese", "yen"): "JPY",
    ("yuan",): "CNY",
    ("renminbi",): "CNY",
    ("kuai",): "CNY",
    ("chinese", "yuan"): "CNY",
    ("won",): "KRW",
    ("rubles",): "RUB",
    ("ruble",): "RUB",
    ("roubles",): "RUB",
    ("rouble",): "RUB",
    ("hryvnias",): "UAH",
    ("hryvnia",): "UAH",
    ("hryvnia", "s"): "UAH",
    ("rupees",): "INR",
    ("rupee",): "INR",
    ("sri", "lankan", "rupees"): "LKR",
    ("pakistani", "rupees"): "PKR",
    ("swiss", "francs"): "CHF",
    ("swiss", "franc"): "CHF",
    ("francs",): "CHF",
    ("franc",): "CHF",
    ("french", "francs"): "FRF",
    ("belgian", "francs"): "BEF",
    ("pesos",): "MXN",
    ("peso",): "MXN",
    ("mexican", "pesos"): "MXN",
    ("marks",): "DEM",
    ("deutsche", "marks"): "DEM",
    ("finnish", "markka"): "FIM",
    ("markka",): "FIM",
    ("guilders",): "NLG",
    ("dutch", "guilders"): "NLG",
    ("pesetas",): "ESP",
    ("lira",): "TRY",
    ("turkish", "lira"): "TRY",
    ("lire",): "ITL",
    ("shekels",): "ILS",
    ("rand",): "ZAR",
    ("naira",): "NGN",
    ("riyals",): "SAR",
    ("dirhams",): "AED",
    ("zlotys",): "PLN",
    ("zloty",): "PLN",
    ("kronor",): "SEK",
    ("kronas",): "SEK",
    ("krona",): "SEK",
    ("kroner",): "NOK",
    ("bitcoins",): "BTC",
    ("bitcoin",): "BTC",
    ("cents",): "cent",
    ("cent",): "cent",
    ("pence",): "penny",
    ("penny",): "penny",
}
POUNDS = {("pounds",), ("pound",)}
SCALE_AFTER_CODE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mn": 1e6, "bn": 1e9}

MEASURE_WORDS: dict[tuple[str, ...], str] = {
    ("%",): "percent",
    ("percent",): "percent",
    ("per", "cent"): "percent",
    ("pct",): "percent",
    ("percentage", "points"): "percentage point",
    ("percentage", "point"): "percentage point",
    ("basis", "points"): "bp",
    ("km",): "km",
    ("kilometres",): "km",
    ("kilometers",): "km",
    ("kilometre",): "km",
    ("kilometer",): "km",
    ("m",): "m",
    ("metres",): "m",
    ("meters",): "m",
    ("metre",): "m",
    ("meter",): "m",
    ("cm",): "cm",
    ("centimetres",): "cm",
    ("centimeters",): "cm",
    ("mm",): "mm",
    ("millimetres",): "mm",
    ("millimeters",): "mm",
    ("miles",): "mi",
    ("mile",): "mi",
    ("mi",): "mi",
    ("nautical", "miles"): "nmi",
    ("feet",): "ft",
    ("foot",): "ft",
    ("ft",): "ft",
    ("inches",): "in",
    ("inch",): "in",
    ('"',): "in",
    ("yards",): "yd",
    ("yard",): "yd",
    ("square", "kilometres"): "km2",
    ("square", "kilometers"): "km2",
    ("square", "kilometre"): "km2",
    ("square", "kilometer"): "km2",
    ("sq", "km"): "km2",
    ("square", "km"): "km2",
    ("km2",): "km2",
    ("km", "2"): "km2",
    ("km", "²"): "km2",
    ("square", "miles"): "mi2",
    ("square", "mile"): "mi2",
    ("sq", "mi"): "mi2",
    ("square", "metres"): "m2",
    ("square", "meters"): "m2",
    ("m2",): "m2",
    ("m", "²"): "m2",
    ("square", "feet"): "ft2",
    ("sq", "ft"): "ft2",
    ("hectares",): "ha",
    ("hectare",): "ha",
    ("ha",): "ha",
    ("acres",): "acre",
    ("acre",): "acre",
    ("kg",): "kg",
    ("kilograms",): "kg",
    ("kilogram",): "kg",
    ("kilos",): "kg",
    ("g",): "g",
    ("grams",): "g",
    ("gram",): "g",
    ("grammes",): "g",
    ("mg",): "mg",
    ("milligrams",): "mg",
    ("µg",): "ug",
    ("μg",): "ug",
    ("micrograms",): "ug",
    ("microgram",): "ug",
    ("microgrammes",): "ug",
    ("tonnes",): "t",
    ("tonne",): "t",
    ("metric", "tons"): "t",
    ("metric", "ton"): "t",
    ("tons",): "ton",
    ("ton",): "ton",
    ("lbs",): "lb",
    ("lb",): "lb",
    ("ounces",): "oz",
    ("ounce",): "oz",
    ("oz",): "oz",
    ("litres",): "l",
    ("liters",): "l",
    ("litre",): "l",
    ("liter",): "l",
    ("l",): "l",
    ("ml",): "ml",
    ("millilitres",): "ml",
    ("milliliters",): "ml",
    ("gallons",): "gal",
    ("gallon",): "gal",
    ("barrels",): "bbl",
    ("barrel",): "bbl",
    ("bbl",): "bbl",
    ("cubic", "metres"): "m3",
    ("cubic", "meters"): "m3",
    ("cubic", "feet"): "ft3",
    ("tablespoons",): "tbsp",
    ("tablespoon",): "tbsp",
    ("teaspoons",): "tsp",
    ("teaspoon",): "tsp",
    ("cups",): "cup",
    ("cup",): "cup",
    ("degrees", "celsius"): "degC",
    ("degree", "celsius"): "degC",
    ("degrees", "c"): "degC",
    ("°", "c"): "degC",
    ("°c",): "degC",
    ("deg", "c"): "degC",
    ("deg", "celsius"): "degC",
    **{
        (deg, scale): code
        for deg in ("degrees", "degree", "deg", "°")
        for scale, code in (
            ("celsius", "degC"),
            ("celcius", "degC"),
            ("centigrade", "degC"),
            ("fahrenheit", "degF"),
            ("farenheit", "degF"),
        )
    },
    ("celsius",): "degC",
    ("celcius",): "degC",
    ("centigrade",): "degC",
    ("centigrate",): "degC",
    ("degrees", "fahrenheit"): "degF",
    ("degree", "fahrenheit"): "degF",
    ("degrees", "f"): "degF",
    ("°", "f"): "degF",
    ("°f",): "degF",
    ("fahrenheit",): "degF",
    ("farenheit",): "degF",
    ("degrees",): "deg",
    ("degree",): "deg",
    ("°",): "deg",
    ("deg",): "deg",
    ("rad",): "rad",
    ("radians",): "rad",
    ("km", "/", "h"): "km/h",
    ("km", "/", "hr"): "km/h",
    ("kph",): "km/h",
    ("kmph",): "km/h",
    ("kilometers", "per", "hour"): "km/h",
    ("kilometres", "per", "hour"): "km/h",
    ("mph",): "mph",
    ("miles", "per", "hour"): "mph",
    ("miles", "an", "hour"): "mph",
    ("knots",): "kn",
    ("kw",): "kW",
    ("mw",): "MW",
    ("gw",): "GW",
    ("kwh",): "kWh",
    ("mwh",): "MWh",
    ("gwh",): "GWh",
    ("twh",): "TWh",
    ("megawatts",): "MW",
    ("gigawatts",): "GW",
    ("kb",): "KB",
    ("mb",): "MB",
    ("gb",): "GB",
    ("tb",): "TB",
    ("nm",): "nm",
    ("nanometres",): "nm",
    ("nanometers",): "nm",
    ("μm",): "um",
    ("µm",): "um",
    ("micrometres",): "um",
    ("micrometers",): "um",
    ("microns",): "um",
    ("micron",): "um",
    ("cm2",): "cm2",
    ("cm", "2"): "cm2",
    ("square", "centimetres"): "cm2",
    ("square", "centimeters"): "cm2",
    ("mm2",): "mm2",
    ("mm", "2"): "mm2",
    ("cm3",): "cm3",
    ("cm", "3"): "cm3",
    ("cubic", "centimetres"): "cm3",
    ("cubic", "centimeters"): "cm3",
    ("km3",): "km3",
    ("cubic", "kilometres"): "km3",
    ("cubic", "kilometers"): "km3",
    ("μl",): "ul",
    ("µl",): "ul",
    ("microlitres",): "ul",
    ("microliters",): "ul",
    ("hz",): "Hz",
    ("hertz",): "Hz",
    ("khz",): "kHz",
    ("mhz",): "MHz",
    ("ghz",): "GHz",
    ("kpa",): "kPa",
    ("mpa",): "MPa",
    ("gpa",): "GPa",
    ("pascals",): "Pa",
    ("hpa",): "hPa",
    ("ev",): "eV",
    ("kev",): "keV",
    ("mev",): "MeV",
    ("kv",): "kV",
    ("volts",): "V",
    ("volt",): "V",
    ("kilovolts",): "kV",
    ("watts",): "W",
    ("watt",): "W",
    ("kilowatts",): "kW",
    ("kelvin",): "K",
    ("‰",): "permille",
    ("ppm",): "ppm",
    ("ppb",): "ppb",
    ("years", "old"): "year of age",
    ("year", "old"): "year of age",
    ("-", "year", "-", "old"): "year of age",
    ("years", "of", "age"): "year of age",
    ("year", "-", "old"): "year of age",
    ("yo",): "year of age",
    ("months", "old"): "month of age",
    ("month", "old"): "month of age",
    ("-", "month", "-", "old"): "month of age",
    ("months", "of", "age"): "month of age",
    ("weeks", "old"): "week of age",
    ("weeks", "of", "age"): "week of age",
    ("days", "old"): "day of age",
    ("day", "old"): "day of age",
    ("-", "day", "-", "old"): "day of age",
    ("years",): "year",
    ("year",): "year",
    ("months",): "month",
    ("month",): "month",
    ("weeks",): "week",
    ("week",): "week",
    ("days",): "day",
    ("day",): "day",
    ("hours",): "hour",
    ("hour",): "hour",
    ("hrs",): "hour",
    ("h",): "hour",
    ("hr",): "hour",
    ("min",): "minute",
    ("minutes",): "minute",
    ("minute",): "minute",
    ("mins",): "minute",
    ("seconds",): "second",
    ("decades",): "decade",
    ("decade",): "decade",
    ("centuries",): "century",
}
GLUED_ONLY = {"m", "g", "l", "in", '"', "t", "yo"}
RATE_WORDS = {
    "day",
    "year",
    "month",
    "week",
    "hour",
    "minute",
    "second",
    "share",
    "barrel",
    "capita",
    "person",
    "head",
    "annum",
    "dozen",
    "gram",
    "kilogram",
    "kg",
    "ton",
    "tonne",
    "unit",
    "mile",
    "km",
    "litre",
    "liter",
    "gallon",
    "ounce",
}
RATE_ABBREVIATIONS = {
    "hr": "hour",
    "h": "hour",
    "yr": "year",
    "d": "day",
    "s": "second",
    "ms": "millisecond",
    "min": "minute",
    "annum": "year",
}


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


def currency_before(words: Sequence[str], i: int) -> UnitMatch | None:
    """A currency written before the number at i: "$", "US $", "C$", "€", "USD", "MUSD"."""
    prev = words[i - 1] if i >= 1 else ""
    if prev in SYMBOLS:
        before = _low(words, i - 2)
        if prev == "$" and before in DOLLAR_PREFIXES:
            return UnitMatch(DOLLAR_PREFIXES[before], i - 2, i)
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
    for size in (4, 3, 2, 1):
        key = tuple(_low(words, i + k) for k in range(size))
        if key in table:
            return key, table[key]
    return None


def unit_after(
    words: Sequence[str], i: int, glued: Sequence[bool], after_scale: bool
) -> UnitMatch | None:
    """The unit written after a number that ends at i; ``glued[k]`` is true where word k
    follows the previous word without a space; ``after_scale`` when the number ended with a
    scale word ("million"), which makes "pounds" sterling."""
    compound = i + 1 < len(glued) and (glued[i + 1] or not glued[i])
    if i < len(words) and words[i] == "-" and compound:
        hyphenated = unit_after(words, i + 1, glued, after_scale)
        return UnitMatch(hyphenated.unit, i, hyphenated.end) if hyphenated else None
    if i < len(words) and words[i] in SYMBOLS:
        return UnitMatch(SYMBOLS[words[i]], i, i + 1)
    if i < len(words) and (code := _code(words[i])) is not None:
        scale = SCALE_AFTER_CODE.get(_low(words, i + 1))
        if scale is not None:
            return UnitMatch(code[0], i, i + 2, code[1] * scale)
        return UnitMatch(code[0], i, i + 1, code[1])
    money = _longest(words, i, MONEY_WORDS)
    if money is not None:
        return UnitMatch(money[1], i, i + len(money[0]))
    key = (_low(words, i),)
    if key in POUNDS:
        sterling = after_scale or _low(words, i - 1) in ("million", "billion", "bn", "m")
        return UnitMatch("GBP" if sterling else "lb", i, i + 1)
    measure = _longest(words, i, MEASURE_WORDS)
    if measure is None:
        return None
    phrase, unit = measure
    if phrase[0] in GLUED_ONLY and len(phrase) == 1 and not (i < len(glued) and glued[i]):
        letter_unit = words[i] in ("m", "g", "t") and _low(words, i + 1) in ("tall", "long")
        if not letter_unit:
            return None
    end = i + len(phrase)
    if _low(words, end) == "/" and (denominator := _denominator(words, end + 1)) is not None:
        return UnitMatch(f"{unit} per {denominator[0]}", i, denominator[1])
    return UnitMatch(unit, i, end)


def _denominator(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """The unit under a slash ("mg / L", "km / s", "°C / min")."""
    if _low(words, i) in RATE_ABBREVIATIONS:
        return RATE_ABBREVIATIONS[_low(words, i)], i + 1
    measure = _longest(words, i, MEASURE_WORDS)
    if measure is None or measure[1] in ("percent", "deg"):
        return None
    return measure[1], i + len(measure[0])


def rate_after(words: Sequence[str], i: int) -> tuple[str, int] | None:
    """A per-unit rate after word i: "a day", "per share", "an hour", "/ hr", "- a - share"."""
    j = i + 1 if _low(words, i) == "-" else i
    first = _low(words, j)
    if first in ("a", "an", "per", "each", "/"):
        k = j + 1
        if first == "a" and _low(words, k) == "-":
            k += 1
        if _low(words, k) == "-":
            k += 1
        thing = _low(words, k)
        if thing in RATE_ABBREVIATIONS and first == "/":
            return RATE_ABBREVIATIONS[thing], k + 1
        if _low(words, k + 1) in ("earlier", "ago", "later", "before", "after", "prior"):
            return None
        if thing in RATE_WORDS:
            return ("year" if thing == "annum" else thing), k + 1
    return None
