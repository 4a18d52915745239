"""Normalizing grammar candidates to TimeML values against the publication date.

:func:`normalize` turns one :class:`~claimscope.extract.time_grammar.Candidate` into a
:class:`Resolved` value, TimeML type (DATE, TIME, DURATION, SET) and modifier, or ``None`` when
the match is not a time expression after all ("may" the verb, "fall" the noun). Relative
expressions resolve against the publication date (``Context.dct``); anaphoric ones ("later that
day", "a year earlier") against the reference time, the last resolved date mentioned before.
Underspecified dates take their year from the publication date, moved back or forward by the
tense of the governing verb: news reports the past, so "Monday" is the latest Monday on or before
publication unless the verb is future ("will meet on Monday" → the next Monday); "Monday night"
resolves to that day, as TimeBank's annotators mostly do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimscope.extract import time_calendar as cal
from claimscope.extract.time_grammar import (
    DECADE_WORDS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_WORDS,
    UNITS,
    WEEKDAYS,
    Candidate,
)


@dataclass
class Context:
    """What a candidate resolves against: publication date, tense, and the reference times."""

    dct: date | None
    tense: str | None = None
    ref_day: str | None = None
    ref_quarter: str | None = None
    preceding: str = ""
    following: str = ""


@dataclass(frozen=True)
class Resolved:
    """A normalized time expression: TimeML value, type and modifier."""

    value: str | None
    type: str
    mod: str | None = None


_EDGE_MOD = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "earlier": "START",
    "late": "END",
    "the end of": "END",
    "later": "END",
    "the rest of": "END",
    "mid": "MID",
    "the middle of": "MID",
}
_MAY_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|through|before|after|"
    r"from|to|last|next|this|early|late|mid)\s*-?)$",
    re.I,
)
_PER = re.compile(r"(?:\d|%|million|billion|cents?|dollars?|times|pounds?)\s+$", re.I)
_NOT_MONTH = re.compile(r"\b(?:the|annual|a)\s+$", re.I)
_AGE = re.compile(r"\s*-?\s*old\b", re.I)
_ENDED = re.compile(r"\s+(?:ended|ending|to\s+date)\b", re.I)
_FRACTION = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "D": ("TH", 24),
    "TH": ("TM", 60),
    "TM": ("TS", 60),
}
_DURATION_UNIT = {
    "S": "TS",
    "MIN": "TM",
    "H": "TH",
    "D": "D",
    "W": "W",
    "M": "M",
    "Q": "Q",
    "Y": "Y",
    "DE": "DE",
    "CE": "CE",
}


def _capitalized(text: str, word: str) -> bool:
    """Whether ``word`` appears in ``text`` with a capital first letter (months, weekdays)."""
    m = re.search(re.escape(word), text, re.I)
    return bool(m and text[m.start()].isupper())


def _number(text: str | None) -> float | None:
    """A number from digits or words ("two", "twenty-five", "5 1/2"); None when vague."""
    if text is None:
        return None
    text = text.replace("-", " ")
    if m := re.fullmatch(r"(\d+(?:\.\d+)?)(\s+1/2)?", text):
        return float(m[1]) + (0.5 if m[2] else 0.0)
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    parts = text.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def duration_value(number: float | None, unit: str) -> str:
    """A TimeML duration such as ``P8M``, ``PT3H``, ``PXY`` (``X`` for an unknown amount)."""
    code = _DURATION_UNIT[unit]
    if code in ("DE", "CE") and number is not None:
        code, number = "Y", number * (10 if code == "DE" else 100)
    if number is None:
        return f"PTX{code[1]}" if code.startswith("T") else f"PX{code.rstrip('E')}"
    whole, rest = int(number), number % 1
    text = f"{whole}{code[-1]}"
    if rest and code in _FRACTION:
        sub, factor = _FRACTION[code]
        text += f"{round(rest * factor)}{sub[-1]}"
        code = sub if not code.startswith("T") and sub.startswith("T") else code
    return f"PT{text}" if code.startswith("T") else f"P{text}"


def _unit_code(word: str) -> str:
    return UNITS[word.rstrip("s") if word.rstrip("s") in UNITS else word]


def _shift(dct: date, number: int, unit: str) -> str | None:
    """The value ``number`` units away from ``dct`` at the unit's granularity."""
    if unit in ("D", "H", "MIN", "S"):
        return cal.day_value(dct + timedelta(days=number if unit == "D" else 0))
    if unit == "W":
        return cal.week_value(dct + timedelta(weeks=number))
    if unit == "M":
        return cal.month_value(dct.year, dct.month + number)
    if unit == "Q":
        return cal.quarter_value(dct.year, cal.quarter_of(dct) + number)
    if unit == "Y":
        return str(dct.year + number)
    if unit == "DE":
        return str(dct.year + 10 * number)[:3]
    if unit == "CE":
        return str(dct.year + 100 * number)[:2]
    return None


_WINDOW_START = {"past": -265, "future": -30}


def _year_for(ctx: Context, month: int, day: int = 15) -> int | None:
    """The year of an underspecified month (and day): the one that falls in a year-long window
    around the DCT, which starts 265 days back for a past verb (a date up to about three months
    ahead still reads as this year's), 30 days back for a future verb, half a year otherwise."""
    if ctx.dct is None:
        return None
    start = ctx.dct + timedelta(days=_WINDOW_START.get(ctx.tense or "", -182))
    for year in (start.year, start.year + 1):
        if date(year, month, min(day, 28)) >= start:
            return year
    return start.year + 1


def _rel_offset(rel: str | None) -> int:
    return {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(
        rel or "", 0
    )


def _weekday(c: Candidate, ctx: Context) -> Resolved | None:
    if not _capitalized(c.text, c.groups["weekday"]):
        return None
    if ctx.dct is None:
        return Resolved(None, "DATE")
    wd = WEEKDAYS[c.groups["weekday"]]
    rel = c.groups.get("rel")
    if rel in ("next", "coming", "following") or (rel is None and ctx.tense == "future"):
        day = cal.weekday_after(ctx.dct, wd, inclusive=False)
    elif rel == "this":
        day = ctx.dct + timedelta(days=wd - ctx.dct.weekday())
    else:
        day = cal.weekday_before(ctx.dct, wd, inclusive=rel not in ("last", "past", "previous"))
    return Resolved(day.isoformat(), "DATE")


def _month_day(c: Candidate, ctx: Context) -> Resolved | None:
    if "month" in c.groups and not _capitalized(c.text, c.groups["month"]):
        return None
    month = MONTHS[c.groups["month"].rstrip(".")] if "month" in c.groups else int(c.groups["mnum"])
    day = int(c.groups["day"])
    if not 1 <= day <= 31 or not 1 <= month <= 12:
        return None
    year = int(c.groups["year"]) if "year" in c.groups else _year_for(ctx, month, day)
    if year is None:
        return Resolved(None, "DATE")
    try:
        return Resolved(date(year, month, day).isoformat(), "DATE")
    except ValueError:
        return None


def _month(c: Candidate, ctx: Context) -> Resolved | None:
    name = c.groups["month"].rstrip(".")
    plain = "year" not in c.groups and "rel" not in c.groups and "edge" not in c.groups
    if name == "may" and plain and not _MAY_CONTEXT.search(ctx.preceding):
        return None
    if not _capitalized(c.text, name) or (plain and _NOT_MONTH.search(ctx.preceding)):
        return None
    if plain and len(name) <= 4 and name not in ("may", "june", "july") and "." not in c.text:
        return None
    month = MONTHS[name]
    mod = _EDGE_MOD.get(c.groups.get("edge", ""))
    if "year" in c.groups:
        return Resolved(cal.month_value(int(c.groups["year"]), month), "DATE", mod)
    if ctx.dct is None:
        return Resolved(None, "DATE", mod)
    year = ctx.dct.year + _rel_offset(c.groups.get("yrel"))
    rel = c.groups.get("rel")
    if rel in ("last", "past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel in ("next", "coming", "following"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel is None and "yrel" not in c.groups:
        year = _year_for(ctx, month) or year
    return Resolved(cal.month_value(year, month), "DATE", mod)


def _season(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    season = SEASON_WORDS[g["season"]]
    mod = _EDGE_MOD.get(g.get("edge", ""))
    if "year" in g:
        return Resolved(f"{g['year']}-{season}", "DATE", mod)
    anchored = "rel" in g or "ofrel" in g or "thisyr" in g or "edge" in g
    if not anchored and not (
        g.get("the")
        and re.search(
            r"\b(?:in|during|by|until|since|through|this|over|for)\s+$", ctx.preceding, re.I
        )
    ):
        return None
    if ctx.dct is None:
        return Resolved(None, "DATE", mod)
    cur_year, cur_season = cal.season_of(ctx.dct)
    order = cal.SEASONS.index
    rel = g.get("rel") or g.get("thisyr")
    if "ofrel" in g:
        year = ctx.dct.year + {
            "previous": -1,
            "preceding": -1,
            "last": -1,
            "next": 1,
            "following": 1,
        }.get(g["ofrel"], 0)
    elif rel in ("last", "previous"):
        year = ctx.dct.year - 1
    elif rel == "past":
        year = cur_year if order(season) < order(cur_season) else cur_year - 1
    elif rel in ("next", "coming", "following"):
        year = cur_year if order(season) > order(cur_season) else cur_year + 1
    elif rel in ("this", "current"):
        year = ctx.dct.year
    elif ctx.tense == "future":
        year = cur_year if order(season) >= order(cur_season) else cur_year + 1
    else:
        year = cur_year if order(season) <= order(cur_season) else cur_year - 1
    return Resolved(f"{year}-{season}", "DATE", mod)


def _year(c: Candidate, ctx: Context) -> Resolved | None:
    year = int(c.groups["year"])
    if "fiscal" not in c.groups and "edge" not in c.groups and not 1800 <= year <= 2099:
        return None
    return Resolved(str(year), "DATE", _EDGE_MOD.get(c.groups.get("edge", "")))


def _decade(c: Candidate, ctx: Context) -> Resolved | None:
    mod = _EDGE_MOD.get(c.groups.get("edge", ""))
    if "dec2" in c.groups:
        return Resolved("19" + c.groups["dec2"][0], "DATE", mod)
    if "decw" in c.groups:
        if not c.text.lower().startswith("the"):
            return None
        return Resolved(f"19{DECADE_WORDS[c.groups['decw']]}", "DATE", mod)
    decade = c.groups["decade"]
    if decade.endswith("00"):
        return Resolved(decade[:2], "DATE", mod)
    return Resolved(decade[:3], "DATE", mod)


def _century(c: Candidate, ctx: Context) -> Resolved | None:
    return Resolved(f"{ORDINALS[c.groups['ord']] - 1:02d}", "DATE")


def _quarter(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    unit = g["qunit"]
    qord = g.get("qord")
    if unit == "period" and qord is None and "qago" not in g:
        return None
    if (unit != "quarter" and g.get("det") == "a") or (qord is None and "det" not in g):
        return None
    if "year" in g or "pyear" in g:
        year: int | None = int(g.get("year") or g["pyear"])
    elif ctx.dct is not None:
        year = ctx.dct.year + _rel_offset(g.get("qyrel"))
        if "this year's" in g.get("det", ""):
            year = ctx.dct.year
        elif "last year's" in g.get("det", ""):
            year = ctx.dct.year - 1
        elif "next year's" in g.get("det", ""):
            year = ctx.dct.year + 1
    else:
        year = None
    if unit == "half":
        half = 1 if qord in ("first", "1st") else 2
        return Resolved(None if year is None else f"{year}-H{half}", "DATE")
    if qord in ORDINALS:
        if year is None:
            return Resolved(None, "DATE")
        q = ORDINALS[qord]
        current = cal.quarter_of(ctx.dct) if ctx.dct else q
        explicit = "year" in g or "pyear" in g or "qyrel" in g or "year's" in g.get("det", "")
        if not explicit and "det" in g and q > current and ctx.tense != "future":
            year -= 1
        value = cal.quarter_value(year, q)
        if not explicit and ("year-ago" in c.text.lower() or "year-earlier" in c.text.lower()):
            value = cal.shift_value(value, -1)
    elif ctx.dct is None:
        return Resolved(None, "DATE")
    elif qord in ("next",):
        value = cal.quarter_value(ctx.dct.year, cal.quarter_of(ctx.dct) + 1)
    elif qord in ("current",):
        value = cal.quarter_value(ctx.dct.year, cal.quarter_of(ctx.dct))
    elif (
        "year-ago" in c.text.lower()
        or "year-earlier" in c.text.lower()
        or "qago" in g
        or "last year's" in g.get("det", "")
    ):
        value = cal.shift_value(ctx.ref_quarter or _last_quarter(ctx.dct), -1)
    elif qord in ("latest", "last", "most recent", "previous", "past"):
        value = _last_quarter(ctx.dct)
    else:
        value = ctx.ref_quarter or _last_quarter(ctx.dct)
    return Resolved(value, "DATE")


def _last_quarter(dct: date) -> str:
    return cal.quarter_value(dct.year, cal.quarter_of(dct) - 1)


_DEICTIC_REF = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "current": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "recent": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "soon": "FUTURE_REF",
    "the future": "FUTURE_REF",
    "a later date": "FUTURE_REF",
    "the near future": "FUTURE_REF",
    "the near term": "FUTURE_REF",
}
_DEICTIC_DAY = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "this": 0,
    "last": -1,
    "that": 0,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "overnight": 0,
    "earlier": 0,
    "later": 0,
}


def _deictic(c: Candidate, ctx: Context) -> Resolved | None:
    word = c.groups["deictic"]
    if word == "soon" and re.search(r"\bas\s+$", ctx.preceding, re.I):
        return None
    if word in _DEICTIC_REF:
        return Resolved(_DEICTIC_REF[word], "DATE")
    if word == "the other day":
        return Resolved("PAST_REF", "DATE")
    if ctx.dct is None:
        return Resolved(None, "DATE")
    parts = word.split()
    if word.startswith(("earlier", "later")):
        mod = "START" if parts[0] == "earlier" else "END"
        inner = _deictic(Candidate(c.start, c.end, c.rule, {"deictic": parts[1]}, c.text), ctx)
        return Resolved(inner.value if inner else None, inner.type if inner else "DATE", mod)
    anchor = ctx.dct
    if parts[0] == "that" and ctx.ref_day:
        anchor = cal.parse_day(ctx.ref_day) or anchor
    first = parts[0] if len(parts) > 1 and parts[-1] in PARTS_OF_DAY else word
    day = anchor + timedelta(days=_DEICTIC_DAY.get(first, 0))
    if word == "tonight" or word == "overnight":
        return Resolved(f"{day.isoformat()}TNI", "TIME")
    if parts[-1] in PARTS_OF_DAY and len(parts) > 1:
        return Resolved(f"{day.isoformat()}T{PARTS_OF_DAY[parts[-1]]}", "TIME")
    return Resolved(day.isoformat(), "DATE")


def _anaphoric(c: Candidate, ctx: Context) -> Resolved | None:
    unit = c.groups["aunit"]
    mod = _EDGE_MOD.get(c.groups.get("edge2", ""))
    base_value = ctx.ref_day or (ctx.dct.isoformat() if ctx.dct else None)
    base = cal.parse_day(base_value) if base_value else None
    if base is None:
        return Resolved(None, "DATE", mod)
    lead = c.text.lower().split()
    step = (
        1
        if "next" in lead or "following" in lead
        else (-1 if "previous" in lead or "preceding" in lead else 0)
    )
    if unit in PARTS_OF_DAY:
        return Resolved(
            f"{(base + timedelta(days=step)).isoformat()}T{PARTS_OF_DAY[unit]}", "TIME", mod
        )
    return Resolved(_shift(base, step, UNITS[unit]), "DATE", mod)


def _relative(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    unit_word = g["unit"].replace("fiscal ", "")
    rel = g["rel"]
    mod = _EDGE_MOD.get(g.get("edge", ""))
    if rel in ("past",) and unit_word != "weekend":
        return Resolved(duration_value(1, UNITS[unit_word]), "DURATION")
    if ctx.dct is None:
        return Resolved(None, "DATE", mod)
    if rel == "same":
        return Resolved(ctx.ref_day or ctx.dct.isoformat(), "DATE", mod)
    step = _rel_offset(rel)
    if rel == "latest" and unit_word == "year":
        step = -1
    if unit_word == "weekend":
        return Resolved(_weekend(ctx, step), "DATE", mod)
    return Resolved(_shift(ctx.dct, step, UNITS[unit_word]), "DATE", mod)


def _weekend(ctx: Context, step: int) -> str:
    """The weekend just past (on a weekend, this one), or the coming one for a future verb."""
    assert ctx.dct is not None
    if ctx.tense == "future":
        saturday = cal.weekday_after(ctx.dct, 5, inclusive=True)
    else:
        saturday = cal.weekday_before(ctx.dct, 5, inclusive=True)
    return cal.week_value(saturday + timedelta(weeks=step)) + "-WE"


def _the_unit(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    unit_word = g["unit"].replace("fiscal ", "")
    mod = _EDGE_MOD.get(g.get("edge", ""))
    if unit_word == "morning":
        if mod is None:
            return None
        base = ctx.ref_day or (ctx.dct.isoformat() if ctx.dct else None)
        return Resolved(f"{base}TMO" if base else None, "TIME", mod)
    if (
        mod is None
        and unit_word in ("year", "week", "month", "decade")
        and _ENDED.match(ctx.following)
    ):
        return Resolved(duration_value(1, UNITS[unit_word]), "DURATION")
    if ctx.dct is None:
        return Resolved(None, "DATE", mod)
    if unit_word == "weekend":
        return Resolved(_weekend(ctx, 0), "DATE", mod)
    return Resolved(_shift(ctx.dct, 0, UNITS[unit_word]), "DATE", mod)


def _ago(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    unit = _unit_code(g["unit"])
    number = _number(g.get("num"))
    direction = g["dir"]
    approx = g.get("approx")
    mod = {
        "about": "APPROX",
        "around": "APPROX",
        "roughly": "APPROX",
        "some": "APPROX",
        "nearly": "APPROX",
        "almost": "APPROX",
        "more than": "MORE_THAN",
        "over": "MORE_THAN",
        "less than": "LESS_THAN",
    }.get(approx or "")
    if direction in ("before", "after", "since"):
        return Resolved(duration_value(number, unit), "DURATION", mod)
    if number is None:
        return Resolved("PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF", "DATE")
    sign = -1 if direction in ("ago", "earlier") else 1
    if ctx.dct is None:
        return Resolved(None, "DATE", mod)
    base = ctx.dct
    if unit == "Y" and number == 1 and ctx.ref_quarter:
        return Resolved(cal.shift_value(ctx.ref_quarter, sign), "DATE", mod)
    if direction in ("earlier", "later") and ctx.ref_day:
        base = cal.parse_day(ctx.ref_day) or base
    if number % 1:
        return Resolved(None, "DATE", mod)
    return Resolved(_shift(base, sign * int(number), unit), "DATE", mod)


def _bare_ago(c: Candidate, ctx: Context) -> Resolved | None:
    past = c.groups["dir"] in ("ago", "earlier")
    return Resolved("PAST_REF" if past else "FUTURE_REF", "DATE")


def _year_ago(c: Candidate, ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return Resolved(None, "DATE")
    return Resolved(cal.shift_value(ctx.ref_quarter or _last_quarter(ctx.dct), -1), "DATE")


def _bare_units(c: Candidate, ctx: Context) -> Resolved:
    return Resolved(
        duration_value(None, _unit_code(c.groups["bare"].removesuffix("s"))), "DURATION"
    )


def _year_end(c: Candidate, ctx: Context) -> Resolved:
    return Resolved(str(ctx.dct.year) if ctx.dct else None, "DATE", "END")


def _duration(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    if _AGE.match(ctx.following):
        return None
    unit = _unit_code(g["plural"])
    plural = "pl" in g
    if g.get("drel") == "recent" and "num" not in g:
        return Resolved("PAST_REF", "DATE")
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(g.get("drel", ""))
    if step and "num" not in g and not plural and ctx.dct and unit not in ("H", "MIN", "S"):
        return Resolved(_shift(ctx.dct, step, unit), "DATE")
    number = _number(g.get("num"))
    if g.get("det") == "a" and "num" not in g and _PER.search(ctx.preceding):
        return None
    if "num" not in g:
        if not ("det" in g or "drel" in g):
            return None
        if not plural and g.get("det") in ("the",) and "drel" not in g:
            return None
        number = None if plural else 1.0
    elif number is None and not plural:
        return None
    if "and a half" in c.text.lower() and number is not None:
        number += 0.5
    if unit == "MIN" and not plural and number is None:
        return None
    return Resolved(duration_value(number, unit), "DURATION")


def _adj_duration(c: Candidate, ctx: Context) -> Resolved | None:
    if c.groups.get("old") == "-old":
        return None
    return Resolved(
        duration_value(_number(c.groups["num"]), _unit_code(c.groups["unit"])), "DURATION"
    )


_SET_VALUES = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P3M",
    "hourly": "PT1H",
}


def _set(c: Candidate, ctx: Context) -> Resolved | None:
    word = c.groups["set"]
    if word == "quarterly":
        return None
    if word in _SET_VALUES:
        return Resolved(_SET_VALUES[word], "SET")
    last = word.split()[-1]
    if last in WEEKDAYS:
        return Resolved(f"XXXX-WXX-{WEEKDAYS[last] + 1}", "SET")
    if last in PARTS_OF_DAY:
        return Resolved(f"XXXX-XX-XXT{PARTS_OF_DAY[last]}", "SET")
    return Resolved(duration_value(2 if "other" in word else 1, UNITS[last]), "SET")


def _holiday(c: Candidate, ctx: Context) -> Resolved | None:
    name = c.groups["holiday"]
    if "year" in c.groups:
        year: int | None = int(c.groups["year"])
    else:
        year = _year_for(ctx, 11 if name.startswith("thanksgiving") else 12)
    if year is None:
        return Resolved(None, "DATE")
    fixed = {
        "christmas eve": (12, 24),
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "halloween": (10, 31),
        "independence day": (7, 4),
        "valentine's day": (2, 14),
    }
    if name in fixed:
        return Resolved(date(year, *fixed[name]).isoformat(), "DATE")
    if name.startswith("thanksgiving"):
        return Resolved(cal.nth_weekday(year, 11, 3, 4).isoformat(), "DATE")
    if name == "labor day":
        return Resolved(cal.nth_weekday(year, 9, 0, 1).isoformat(), "DATE")
    last_monday = cal.weekday_before(date(year, 5, 31), 0, inclusive=True)
    return Resolved(last_monday.isoformat(), "DATE")


def _time(c: Candidate, ctx: Context) -> Resolved | None:
    g = c.groups
    if "noon" in g and re.search(r"\bhigh\s+$", ctx.preceding, re.I):
        return None
    if "noon" in g:
        clock = "12:00" if g["noon"] == "noon" else "24:00"
    elif "hour24" in g:
        hour = int(g["hour24"])
        if hour > 24:
            return None
        clock = f"{hour:02d}:{g['minute24']}"
    else:
        hour = int(g["hour"]) % 12 + (12 if g["ampm"].startswith("p") else 0)
        clock = f"{hour:02d}:{g.get('minute', '00')}"
    if ctx.dct is None:
        return Resolved(None, "TIME")
    day = ctx.dct
    if "weekday" in g:
        inner = _weekday(
            Candidate(
                c.start, c.end, "weekday", {"weekday": g["weekday"]}, g["weekday"].capitalize()
            ),
            ctx,
        )
        day = cal.parse_day(inner.value or "") or day if inner else day
    elif "deictic" in g:
        day = ctx.dct + timedelta(days=_DEICTIC_DAY.get(g["deictic"], 0))
    elif ctx.ref_day:
        day = cal.parse_day(ctx.ref_day) or day
    return Resolved(f"{day.isoformat()}T{clock}", "TIME")


def _year_words(c: Candidate, ctx: Context) -> Resolved | None:
    words = c.groups["yw"].replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = _number(" ".join(words[3:])) if len(words) > 3 else 0
        return Resolved(str(2000 + int(rest or 0)), "DATE")
    tail = _number(" ".join(words[1:]))
    return None if tail is None else Resolved(str(1900 + int(tail)), "DATE")


_HANDLERS = {
    "iso_date": _month_day,
    "time": _time,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "season": _season,
    "decade": _decade,
    "decade_word": _decade,
    "century": _century,
    "year": _year,
    "quarter": _quarter,
    "weekday": _weekday,
    "deictic": _deictic,
    "anaphoric": _anaphoric,
    "relative": _relative,
    "the_unit": _the_unit,
    "ago": _ago,
    "bare_ago": _bare_ago,
    "year_ago": _year_ago,
    "duration": _duration,
    "adj_duration": _adj_duration,
    "set": _set,
    "holiday": _holiday,
    "year_words": _year_words,
    "bare_units": _bare_units,
    "year_end": _year_end,
}


def normalize(candidate: Candidate, ctx: Context) -> Resolved | None:
    """The TimeML value, type and modifier of a candidate, or None if it is no time expression."""
    return _HANDLERS[candidate.rule](candidate, ctx)
