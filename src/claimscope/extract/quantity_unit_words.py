"""Unit lexicons: the currency, measure and rate words that the unit rules look up.

Keys are lowercased word tuples (lexemes); values are the normalized unit codes listed in
``quantity_units``. Metric words are generated from prefixes and bases ("kilometres" → "km",
"microgrammes" → "ug", "square centimetre" → "cm2"), so every spelling has its singular, plural,
"-er" and "-re" forms.
"""

from __future__ import annotations

SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
    "₴": "UAH", "₺": "TRY", "₿": "BTC", "₪": "ILS", "₦": "NGN", "₱": "PHP", "₡": "CRC",
    "₾": "GEL", "₭": "LAK", "元": "CNY", "ரூ": "LKR",
}
DOLLAR_PREFIXES = {
    "us": "USD", "u.s.": "USD", "usd": "USD", "c": "CAD", "ca": "CAD", "can": "CAD",
    "cad": "CAD", "au": "AUD", "aud": "AUD", "hk": "HKD", "hkd": "HKD", "nz": "NZD",
    "nzd": "NZD", "mex": "MXN", "mxn": "MXN", "r": "BRL", "sgd": "SGD", "nt": "TWD",
}
# One capital letter glued to "$" ("A$5", "S$5"), not the article "a" before a spaced "$".
GLUED_DOLLAR_PREFIXES = {"A": "AUD", "S": "SGD"}
CODES = frozenset(
    "USD EUR GBP JPY CNY KRW RUB UAH INR CAD AUD CHF HKD NZD MXN BRL SEK NOK DKK PLN TRY ZAR "
    "SGD ILS AED SAR IRR KPW BTC EGP NGN PKR IDR THB VND PHP CZK HUF RON TWD".split()
)
CODE_ALIASES = {
    "RMB": "CNY", "usd": "USD", "eur": "EUR", "gbp": "GBP", "rmb": "CNY", "Rs": "INR",
    "Rs.": "INR", "rs": "INR", "rs.": "INR",
}
MONEY_WORDS: dict[tuple[str, ...], str] = {
    ("dollar",): "USD", ("dollars",): "USD", ("us", "dollar"): "USD", ("us", "dollars"): "USD",
    ("u.s.", "dollars"): "USD", ("american", "dollars"): "USD", ("canadian", "dollars"): "CAD",
    ("canadian", "dollar"): "CAD", ("australian", "dollars"): "AUD",
    ("australian", "dollar"): "AUD", ("hong", "kong", "dollars"): "HKD",
    ("new", "zealand", "dollars"): "NZD", ("singapore", "dollars"): "SGD",
    ("taiwan", "dollars"): "TWD", ("euro",): "EUR", ("euros",): "EUR",
    ("pounds", "sterling"): "GBP", ("pound", "sterling"): "GBP", ("sterling",): "GBP",
    ("yen",): "JPY", ("japanese", "yen"): "JPY", ("yuan",): "CNY", ("renminbi",): "CNY",
    ("kuai",): "CNY", ("chinese", "yuan"): "CNY", ("won",): "KRW", ("rubles",): "RUB",
    ("ruble",): "RUB", ("roubles",): "RUB", ("rouble",): "RUB", ("hryvnias",): "UAH",
    ("hryvnia",): "UAH", ("hryvnia", "s"): "UAH", ("rupees",): "INR", ("rupee",): "INR",
    ("sri", "lankan", "rupees"): "LKR", ("pakistani", "rupees"): "PKR",
    ("swiss", "francs"): "CHF", ("swiss", "franc"): "CHF", ("francs",): "CHF",
    ("franc",): "CHF", ("french", "francs"): "FRF", ("belgian", "francs"): "BEF",
    ("pesos",): "MXN", ("peso",): "MXN", ("mexican", "pesos"): "MXN", ("marks",): "DEM",
    ("deutsche", "marks"): "DEM", ("finnish", "markka"): "FIM", ("markka",): "FIM",
    ("guilders",): "NLG", ("dutch", "guilders"): "NLG", ("pesetas",): "ESP", ("lira",): "TRY",
    ("turkish", "lira"): "TRY", ("lire",): "ITL", ("shekels",): "ILS", ("rand",): "ZAR",
    ("naira",): "NGN", ("riyals",): "SAR", ("dirhams",): "AED", ("zlotys",): "PLN",
    ("zloty",): "PLN", ("kronor",): "SEK", ("kronas",): "SEK", ("krona",): "SEK",
    ("kroner",): "NOK", ("reais",): "BRL", ("baht",): "THB", ("rupiah",): "IDR",
    ("bitcoins",): "BTC", ("bitcoin",): "BTC", ("cents",): "cent", ("cent",): "cent",
    ("pence",): "penny", ("penny",): "penny",
}
POUNDS = {("pounds",), ("pound",)}
SCALE_AFTER_CODE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mn": 1e6, "bn": 1e9}
# Words before "pounds" that make it money rather than weight ("paid 300 pounds").
MONEY_CUES = frozenset(
    "pay paid pays paying cost costs costing spend spent spends spending worth price priced "
    "fine fined fines earn earned earns earning salary wage wages buy bought sell sold sells "
    "charge charged charges fee fees budget donate donated owe owed owes invest invested "
    "raise raised lend lent borrow borrowed bet prize compensation tax taxes refund".split()
)

_METRIC_PREFIXES = {
    "": "", "kilo": "k", "centi": "c", "milli": "m", "micro": "u", "nano": "n", "deci": "d",
    "pico": "p",
}
_METRIC_BASES = {"metre": "m", "meter": "m", "gram": "g", "gramme": "g", "litre": "l",
                 "liter": "l"}
_POWER_PREFIXES = {"": "", "kilo": "k", "mega": "M", "giga": "G", "tera": "T"}


def _metric_words() -> dict[tuple[str, ...], str]:
    """Every prefixed metric length, mass and volume word, with square and cubic lengths."""
    out: dict[tuple[str, ...], str] = {}
    for prefix, p in _METRIC_PREFIXES.items():
        for base, b in _METRIC_BASES.items():
            for word in (prefix + base, prefix + base + "s"):
                out[(word,)] = p + b
                if b == "m":
                    out[("square", word)] = out[("sq", word)] = f"{p}m2"
                    out[("cubic", word)] = f"{p}m3"
    return out


def _power_words() -> dict[tuple[str, ...], str]:
    """Watts and watt-hours with their prefixes ("megawatts", "kilowatt-hours", "kWh")."""
    out: dict[tuple[str, ...], str] = {}
    for prefix, p in _POWER_PREFIXES.items():
        watt = f"{p}W"
        out[(f"{p}w".lower(),)] = watt
        out[(f"{p}wh".lower(),)] = f"{watt}h"
        for word in (prefix + "watt", prefix + "watts"):
            out[(word,)] = watt
            for hour in ("hour", "hours"):
                out[(word, hour)] = out[(word, "-", hour)] = f"{watt}h"
    del out[("w",)]
    return out


def _byte_words() -> dict[tuple[str, ...], str]:
    """Bytes and bits with their prefixes ("gigabytes", "GB", "megabits", "Mbps")."""
    out: dict[tuple[str, ...], str] = {}
    for prefix, p in (("kilo", "K"), ("mega", "M"), ("giga", "G"), ("tera", "T")):
        out[(f"{p}b".lower(),)] = f"{p}B"
        out[(prefix + "byte",)] = out[(prefix + "bytes",)] = f"{p}B"
        out[(prefix + "bit",)] = out[(prefix + "bits",)] = f"{p}bit"
        out[(f"{p}bps".lower(),)] = f"{p}bit per second"
    return out


_SPELLED_DEGREES = {
    (deg, scale): code
    for deg in ("degrees", "degree", "deg", "°")
    for scale, code in (("celsius", "degC"), ("celcius", "degC"), ("centigrade", "degC"),
                        ("c", "degC"), ("fahrenheit", "degF"), ("farenheit", "degF"),
                        ("f", "degF"))
}

MEASURE_WORDS: dict[tuple[str, ...], str] = {
    **_metric_words(),
    **_power_words(),
    **_byte_words(),
    **_SPELLED_DEGREES,
    ("%",): "percent", ("percent",): "percent", ("per", "cent"): "percent", ("pct",): "percent",
    **{("percentage", *dash, point): "percentage point" for point in ("point", "points")
       for dash in ((), ("-",))},
    **{("basis", *dash, point): "bp" for point in ("point", "points") for dash in ((), ("-",))},
    ("bps",): "bp",
    ("‰",): "permille", ("ppm",): "ppm", ("ppb",): "ppb", ("parts", "per", "million"): "ppm",
    ("parts", "per", "billion"): "ppb",
    ("km",): "km", ("m",): "m", ("cm",): "cm", ("mm",): "mm", ("dm",): "dm", ("nm",): "nm",
    ("μm",): "um", ("µm",): "um", ("microns",): "um", ("micron",): "um",
    ("kg",): "kg", ("kilos",): "kg", ("kilo",): "kg", ("g",): "g", ("mg",): "mg",
    ("µg",): "ug", ("μg",): "ug",
    ("l",): "l", ("ml",): "ml", ("μl",): "ul", ("µl",): "ul",
    ("sq", "km"): "km2", ("square", "km"): "km2", ("sq", "m"): "m2",
    ("miles",): "mi", ("mile",): "mi", ("mi",): "mi", ("nautical", "miles"): "nmi",
    ("nautical", "mile"): "nmi", ("feet",): "ft", ("foot",): "ft", ("ft",): "ft",
    ("inches",): "in", ("inch",): "in", ("in",): "in", ('"',): "in", ("″",): "in",
    ("yards",): "yd", ("yard",): "yd",
    ("yd",): "yd",
    ("square", "miles"): "mi2", ("square", "mile"): "mi2", ("sq", "mi"): "mi2",
    ("square", "feet"): "ft2", ("square", "foot"): "ft2", ("sq", "ft"): "ft2",
    ("sq", "feet"): "ft2", ("hectares",): "ha", ("hectare",): "ha", ("ha",): "ha",
    ("acres",): "acre", ("acre",): "acre",
    ("tonnes",): "t", ("tonne",): "t", ("t",): "t", ("metric", "tons"): "t",
    ("metric", "ton"): "t", ("tons",): "ton", ("ton",): "ton", ("lbs",): "lb", ("lb",): "lb",
    ("ounces",): "oz", ("ounce",): "oz", ("oz",): "oz",
    ("gallons",): "gal", ("gallon",): "gal", ("barrels",): "bbl", ("barrel",): "bbl",
    ("bbl",): "bbl", ("cubic", "feet"): "ft3", ("cubic", "foot"): "ft3", ("pints",): "pint",
    ("pint",): "pint", ("tablespoons",): "tbsp", ("tablespoon",): "tbsp", ("tbsp",): "tbsp",
    ("teaspoons",): "tsp", ("teaspoon",): "tsp", ("tsp",): "tsp", ("cups",): "cup",
    ("cup",): "cup",
    ("°c",): "degC", ("celsius",): "degC", ("celcius",): "degC", ("centigrade",): "degC",
    ("centigrate",): "degC", ("°f",): "degF", ("fahrenheit",): "degF", ("farenheit",): "degF",
    ("degrees",): "deg", ("degree",): "deg", ("°",): "deg", ("deg",): "deg",
    ("rad",): "rad", ("radians",): "rad", ("kelvin",): "K",
    ("km", "/", "h"): "km/h", ("km", "/", "hr"): "km/h", ("kph",): "km/h", ("kmph",): "km/h",
    ("kilometers", "per", "hour"): "km/h",
    ("kilometres", "per", "hour"): "km/h", ("kilometers", "an", "hour"): "km/h",
    ("kilometres", "an", "hour"): "km/h", ("mph",): "mph", ("miles", "per", "hour"): "mph",
    ("miles", "an", "hour"): "mph", ("knots",): "kn", ("knot",): "kn",
    ("hz",): "Hz", ("hertz",): "Hz", ("khz",): "kHz", ("mhz",): "MHz", ("ghz",): "GHz",
    ("kilohertz",): "kHz", ("megahertz",): "MHz", ("gigahertz",): "GHz",
    ("pascals",): "Pa", ("hpa",): "hPa", ("kpa",): "kPa", ("mpa",): "MPa",
    ("gpa",): "GPa",
    ("ev",): "eV", ("kev",): "keV", ("mev",): "MeV", ("kv",): "kV", ("volts",): "V",
    ("volt",): "V", ("kilovolts",): "kV",
    ("years", "old"): "year of age", ("year", "old"): "year of age",
    ("-", "year", "-", "old"): "year of age", ("years", "of", "age"): "year of age",
    ("year", "-", "old"): "year of age", ("yo",): "year of age",
    ("months", "old"): "month of age", ("month", "old"): "month of age",
    ("-", "month", "-", "old"): "month of age", ("months", "of", "age"): "month of age",
    ("weeks", "old"): "week of age", ("weeks", "of", "age"): "week of age",
    ("days", "old"): "day of age", ("day", "old"): "day of age",
    ("-", "day", "-", "old"): "day of age",
    ("years",): "year", ("year",): "year", ("months",): "month", ("month",): "month",
    ("weeks",): "week", ("week",): "week", ("days",): "day", ("day",): "day",
    ("hours",): "hour", ("hour",): "hour", ("hrs",): "hour", ("h",): "hour", ("hr",): "hour",
    ("min",): "minute", ("minutes",): "minute", ("minute",): "minute", ("mins",): "minute",
    ("seconds",): "second", ("milliseconds",): "millisecond", ("millisecond",): "millisecond",
    ("decades",): "decade", ("decade",): "decade", ("centuries",): "century",
}
# Short symbols that are often something else after a number: a metric letter is a unit only
# in its own case ("5 m", "48m", "2 L"; not "5G" or "5M"), "in" and an inch mark only glued to
# the digits, before an extent or after feet ('10" long', "10 in wide", "6 ft 2 in").
GLUED_ONLY = {"m", "g", "l", "in", '"', "t"}
METRIC_LETTERS = {"m", "g", "l", "L", "t"}
# Case decides these after a number: "40C" and "104F" are temperatures, "40c" and "2p" coins,
# "6pc" a percentage, "100Mb" megabits; written glued to the number only.
GLUED_CASED = {"C": "degC", "F": "degF", "c": "cent", "p": "penny", "pc": "percent",
               "Mb": "Mbit", "Gb": "Gbit", "Kb": "Kbit", "Tb": "Tbit"}
# Length codes that a glued exponent makes an area or a volume ("24 m2", "5 km²", "3 ft³").
EXPONENT_BASES = {"km", "m", "cm", "mm", "dm", "mi", "ft", "yd", "in"}
EXPONENTS = {"2": "2", "²": "2", "3": "3", "³": "3"}
EXTENTS = {"long", "tall", "wide", "high", "deep", "thick", "away", "across"}
BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}
# Things a rate is per that are not measures; a measure after "per" or "a" is read from
# ``MEASURE_WORDS`` ("a gallon" → "gal", "per kilowatt-hour" → "kWh").
RATE_WORDS = {
    "day", "year", "month", "week", "hour", "minute", "second", "millisecond", "night",
    "share", "capita", "person", "head", "annum", "dozen", "unit", "piece", "item", "game",
    "match", "season", "trip", "visit", "household", "family", "student", "child", "employee",
    "worker", "customer", "passenger", "patient", "resident", "vehicle", "car", "ticket",
    "pound",
}
# Rate words written otherwise than their unit code ("/hr", "a pound", "per annum").
RATE_ABBREVIATIONS = {
    "pound": "lb",
    "hr": "hour", "h": "hour", "yr": "year", "d": "day", "s": "second", "ms": "millisecond",
    "min": "minute", "annum": "year",
}
AGE_WORDS = {"aged", "age", "ages"}
