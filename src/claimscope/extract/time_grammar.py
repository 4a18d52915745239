"""The rule grammar for time expressions: regular expressions that find candidate spans.

Each rule has a name and a pattern with named groups; :func:`find_candidates` runs them all over
a text and keeps the longest non-overlapping matches. Extents follow TimeML: no leading
preposition ("on Monday" → "Monday"), determiners and modifiers included ("the third quarter",
"early next year", "the fall of the previous year"). Normalization lives in ``time_normalize``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.extract.numbers import TENS, UNITS

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
NUMBER_WORDS = {
    **{word: n for word, n in UNITS.items() if n},
    **TENS,
    "a": 1,
    "an": 1,
    "hundred": 100,
    "a hundred": 100,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
}
VAGUE_NUMBERS = ("several", "a few", "few", "some", "many", "a number of")
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    **{
        f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}": n
        for n in range(1, 32)
    },
}
DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
UNITS = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}
SEASON_WORDS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _alt(words: object) -> str:
    """A regex alternation of words, longest first."""
    items = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items) + ")"


_MONTH = (
    r"(?P<month>"
    + _alt(k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july"))
    + r"|"
    + _alt(k for k in MONTHS if len(k) <= 4)
    + r"\.?)"
)
_WEEKDAY = r"(?P<weekday>" + _alt(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?![\d,.%]\d|\d|%|-\d)"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|,\d)"
_NUM_WORD = _alt(NUMBER_WORDS)
_NUM = (
    r"(?P<num>\d{1,3}(?:\.\d+)?(?:\s+1/2)?|(?:" + _NUM_WORD + r")(?:[-\s]+(?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|" + _alt(VAGUE_NUMBERS) + r")"
)
_UNIT = r"(?P<unit>" + _alt(UNITS) + r")"
_UNITS = r"(?P<unit>" + _alt(UNITS) + r")s?"
_REL = r"(?P<rel>last|this|next|past|previous|coming|following|current|same|latest)"
_EDGE = (
    r"(?P<edge>early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|"
    r"the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of)"
)
_PART = r"(?:morning|afternoon|evening|night)"
_SEASON = r"(?P<season>" + _alt(SEASON_WORDS) + r")"
_OFREL = r"(?P<ofrel>previous|following|same|next|last|current|preceding|this)"
_TIME = (
    r"(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
    r"|(?P<hour24>[012]?\d):(?P<minute24>[0-5]\d)(?!\d)(?:\s*(?P<zone>GMT|UTC|EST|EDT|CET))?"
    r"|(?P<noon>noon|midnight)"
)

RULES: tuple[tuple[str, str], ...] = (
    ("iso_date", r"(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    (
        "time",
        r"(?:" + _TIME + r")(?:\s+(?:on\s+)?(?:" + _WEEKDAY + r"|(?P<deictic>today|"
        r"yesterday|tomorrow|tonight)))?",
    ),
    (
        "month_day",
        r"(?:"
        + _WEEKDAY
        + r",?\s+)?"
        + _MONTH
        + r"\s+"
        + _DAYNUM
        + r"(?:(?:,\s*|\s+)"
        + _YEAR
        + r")?",
    ),
    (
        "day_month",
        r"(?:"
        + _WEEKDAY
        + r",?\s+)?(?:the\s+)?"
        + _DAYNUM
        + r"(?:\s+of)?\s+"
        + _MONTH
        + r"(?:,?\s+"
        + _YEAR
        + r")?",
    ),
    (
        "month",
        r"(?:"
        + _EDGE
        + r"[-\s]+(?:of\s+)?)?(?:"
        + _REL
        + r"\s+)?"
        + _MONTH
        + r"(?:(?:,\s*|\s+)(?:of\s+)?"
        + _YEAR
        + r"|\s+(?P<yrel>this|last|next)\s+year)?",
    ),
    (
        "season",
        r"(?:" + _EDGE + r"[-\s]+)?(?:" + _REL + r"\s+|(?P<the>the)\s+|(?P<thisyr>this|"
        r"last|next)\s+year's\s+)?"
        + _SEASON
        + r"(?:\s+(?:of\s+)?(?:"
        + _YEAR
        + r"|(?:the\s+)?"
        + _OFREL
        + r"\s+year))?",
    ),
    ("decade", r"(?:the\s+)?(?:" + _EDGE + r"[-\s]+)?(?P<decade>(?:1[5-9]|20)\d0)'?s(?!\w)"),
    (
        "decade_word",
        r"(?:the\s+)?(?:" + _EDGE + r"[-\s]+)?(?:'(?P<dec2>\d0)s(?!\w)|"
        r"(?P<decw>" + _alt(DECADE_WORDS) + r"))",
    ),
    ("century", r"(?:the\s+)?(?P<ord>" + _alt(ORDINALS) + r")[-\s]+century"),
    ("year", r"(?:(?P<fiscal>fiscal(?:\s+year)?)\s+|" + _EDGE + r"[-\s]+)?" + _YEAR),
    (
        "quarter",
        r"(?:(?P<det>the|its|this|that|(?:this|last|next)\s+year's|a)\s+)?(?:(?P<pyear>"
        r"(?:19|20)\d\d)\s+)?(?:(?P<fiscal>fiscal)[-\s]+)?(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current|most"
        r"\s+recent|previous|past|next|same|comparable|year-ago|year-earlier)(?:\s+|-)(?:(?:year-"
        r"ago|year-earlier|fiscal)\s+)?)?(?P<qunit>quarter|period|half)(?:\s+of\s+(?:"
        + _YEAR
        + r"|(?P<qyrel>this|last|next)\s+year|the\s+year))?(?:\s+(?P<qago>a\s+year\s+(?:ago|"
        r"earlier)))?",
    ),
    ("weekday", r"(?:" + _REL + r"\s+)?" + _WEEKDAY + r"(?:\s+" + _PART + r")?"),
    (
        "deictic",
        r"(?P<deictic>today|tonight|yesterday|tomorrow|now|right\s+now|currently|"
        r"current|nowadays|these\s+days|recently|recent|lately|soon|the\s+(?:near\s+)?future|"
        r"the\s+near\s+term|the\s+past|"
        r"the\s+other\s+day|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
        r"overnight|(?:this|last|yesterday|tomorrow|that)\s+(?:morning|afternoon|evening|night)|"
        r"(?:earlier|later)\s+(?:today|tonight|yesterday)|a\s+later\s+date)",
    ),
    (
        "anaphoric",
        r"(?:(?P<edge2>earlier|later)\s+)?(?:that|the\s+same|the\s+next|the\s+"
        r"following|the\s+previous|the\s+preceding)\s+(?P<aunit>day|morning|afternoon|evening|"
        r"night|week|month|year)",
    ),
    (
        "relative",
        r"(?:" + _EDGE + r"\s+(?:in\s+)?)?(?:" + _REL + r"\s+)(?P<unit>week|weekend|"
        r"month|year|decade|century|fiscal\s+year)(?!-)",
    ),
    (
        "the_unit",
        r"(?:" + _EDGE + r"\s+(?:in\s+)?)?the\s+(?P<unit>weekend|week|"
        r"month|year|fiscal\s+year|decade|morning)(?![-\w])",
    ),
    (
        "ago",
        r"(?:(?P<approx>about|around|almost|nearly|some|roughly|more\s+than|less\s+than|"
        r"over|just)\s+)?" + _NUM + r"\s+" + _UNITS + r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|"
        r"later|before|after|from\s+now|hence|since)",
    ),
    ("bare_ago", r"(?P<bunit>years|months|weeks|days|decades)\s+(?P<dir>ago|earlier|later)"),
    (
        "year_ago",
        r"(?:(?P<det>the|a|its)\s+)?(?P<ya>year-ago|year-earlier)(?:\s+(?P<yaunit>"
        r"quarter|period))?",
    ),
    (
        "bare_units",
        r"(?:(?<=for\s)|(?<=within\s)|(?<=in\s))(?P<bare>years|months|weeks|days|"
        r"hours|minutes|decades|centuries)(?:\s+or\s+(?:years|months|weeks|days|hours))?",
    ),
    (
        "duration",
        r"(?:(?P<det>the|a|an|another|an\s+additional)\s+)?(?:(?P<drel>first|last|"
        r"past|next|coming|previous|following|latest|final|initial|remaining|recent|preceding)\s+"
        r")?(?:" + _NUM + r"\s+)?(?P<plural>" + _alt(UNITS) + r")(?P<pl>s)?(?:\s+(?:and\s+a\s+"
        r"half|or\s+so))?(?![-\w])",
    ),
    (
        "adj_duration",
        r"(?P<num>\d+(?:\.\d+)?|" + _NUM_WORD + r"(?:-(?:one|two|three|four|five|"
        r"six|seven|eight|nine))?)-" + _UNIT + r"(?P<old>-old|-long)?(?!\w)",
    ),
    (
        "set",
        r"(?P<set>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|"
        r"every\s+(?:other\s+)?(?:day|week|month|year|morning|night|" + _alt(WEEKDAYS) + r")|"
        r"each\s+(?:day|week|month|year)|per\s+(?:day|week|month|year))",
    ),
    (
        "holiday",
        r"(?P<holiday>christmas\s+eve|christmas(?:\s+day)?|new\s+year's\s+(?:day|eve)|"
        r"thanksgiving(?:\s+day)?|independence\s+day|halloween|valentine's\s+day|labor\s+day|"
        r"memorial\s+day)(?:,?\s+" + _YEAR + r")?",
    ),
    ("year_end", r"(?:(?P<ydet>the)\s+)?(?:year[-\s]end|year's\s+end)"),
    (
        "year_words",
        r"(?:the\s+year\s+)?(?P<yw>two\s+thousand(?:\s+and\s+\w+)?|nineteen\s+"
        r"(?:ninety|eighty|seventy|sixty|fifty)(?:-(?:one|two|three|four|five|six|seven|eight|"
        r"nine))?)",
    ),
)

_BOUNDED = tuple((name, r"(?<![\w'-])(?:" + p + r")(?![\w])") for name, p in RULES)
# Every rule ignores case. Matching lowercased text is faster than re.IGNORECASE, which is kept
# only for rules spelling capitals (time zones) and for texts whose lowercase form changes length.
_CASED = re.compile(r"\\[a-zA-Z]|\(\?P<\w+>|\(\?P=\w+\)")
_SPELLS_CAPITALS = tuple(any(c.isupper() for c in _CASED.sub("", p)) for _, p in RULES)
_LOWERED = tuple(
    (name, re.compile(p, re.I if capitals else 0))
    for (name, p), capitals in zip(_BOUNDED, _SPELLS_CAPITALS, strict=True)
)
_ANY_CASE = tuple((name, re.compile(p, re.I)) for name, p in _BOUNDED)


def _gate(lowered: bool) -> re.Pattern[str]:
    """One zero-width pattern that matches where any rule's match can start: the shared word
    boundary is tested once per position instead of once per rule, and each rule then only tries
    those positions."""
    alternatives = []
    for (_, p), capitals in zip(RULES, _SPELLS_CAPITALS, strict=True):
        body = re.sub(r"\(\?P<\w+>", "(?:", p) + r"(?![\w])"
        alternatives.append(f"(?i:{body})" if capitals and lowered else f"(?:{body})")
    return re.compile(r"(?<![\w'-])(?=" + "|".join(alternatives) + ")", 0 if lowered else re.I)


_LOWERED_GATE = _gate(lowered=True)
_ANY_CASE_GATE = _gate(lowered=False)


@dataclass(frozen=True)
class Candidate:
    """A span the grammar matched, with its rule and named groups (lowercased)."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]
    text: str


def find_candidates(text: str) -> list[Candidate]:
    """All rule matches in ``text``, longest first, non-overlapping, in text order; between
    matches of equal length the earlier rule in ``RULES`` wins ("for weeks": ``bare_units``
    before ``duration``)."""
    lowered = text.lower()
    same_length = len(lowered) == len(text)
    rules, gate, searched = (
        (_LOWERED, _LOWERED_GATE, lowered) if same_length else (_ANY_CASE, _ANY_CASE_GATE, text)
    )
    starts = [m.start() for m in gate.finditer(searched)]
    found: list[Candidate] = []
    for name, pattern in rules:
        end = 0  # as finditer: each rule's matches do not overlap one another
        for start in starts:
            if start < end or not (m := pattern.match(searched, start)):
                continue
            end = m.end()
            groups = {k: " ".join(v.lower().split()) for k, v in m.groupdict().items() if v}
            found.append(Candidate(m.start(), m.end(), name, groups, text[m.start() : m.end()]))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)
