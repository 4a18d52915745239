"""Calendar arithmetic on TimeML values: weeks, quarters, seasons, shifts and granularity.

Values follow TimeML (ISO 8601 plus TimeML's extensions): ``2025-04-28`` (day), ``2025-W17``
(ISO week), ``2025-04`` (month), ``2025-Q2`` (quarter), ``2025-H1`` (half), ``2024-FA`` (season:
SP, SU, FA, WI), ``2025`` (year), ``202`` (decade), ``20`` (century), ``2025-04-28T09:30`` and
``2025-04-28TMO`` (time, part of day), ``P8M`` (duration), ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF`` (vague reference). :func:`to_edtf` maps the TimeML-only forms onto EDTF.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASONS = ("SP", "SU", "FA", "WI")
EDTF_SEASONS = {"SP": "21", "SU": "22", "FA": "23", "WI": "24"}

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_WEEK = re.compile(r"^(\d{4})-W(\d\d?)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$")
_HALF = re.compile(r"^(\d{4})-H(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def day_value(d: date) -> str:
    """A day as ``YYYY-MM-DD``."""
    return d.isoformat()


def week_value(d: date) -> str:
    """The ISO week holding ``d`` as ``YYYY-Www``."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    """A month as ``YYYY-MM``, normalizing a month number outside 1..12 into the right year."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}"


def quarter_of(d: date) -> int:
    """The calendar quarter (1..4) of a day."""
    return (d.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    """A quarter as ``YYYY-Qn``, normalizing a quarter number outside 1..4 into the right year."""
    year += (quarter - 1) // 4
    quarter = (quarter - 1) % 4 + 1
    return f"{year:04d}-Q{quarter}"


def season_of(d: date) -> tuple[int, str]:
    """The (year, season) of a day, meteorological seasons; December counts as next winter."""
    if d.month == 12:
        return d.year + 1, "WI"
    return d.year, ("WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA")[d.month - 1]


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, clamping the day to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def weekday_before(anchor: date, weekday: int, *, inclusive: bool) -> date:
    """The latest day with ``weekday`` (0 = Monday) on or before ``anchor`` (before, if not
    ``inclusive``)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and not inclusive:
        back = 7
    return anchor - timedelta(days=back)


def weekday_after(anchor: date, weekday: int, *, inclusive: bool) -> date:
    """The earliest day with ``weekday`` on or after ``anchor`` (after, if not ``inclusive``)."""
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and not inclusive:
        ahead = 7
    return anchor + timedelta(days=ahead)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th (1-based) ``weekday`` of a month, e.g. Thanksgiving is the 4th Thursday."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def granularity(value: str | None, timex_type: str) -> str:
    """The granularity of a TimeML value: day, week, month, quarter, half, season, year, decade,
    century, time, duration, set or ref."""
    if timex_type == "SET":
        return "set"
    if value is None or value.endswith("_REF"):
        return "ref"
    if value.startswith("P"):
        return "duration"
    if "T" in value:
        return "time"
    checks = (
        (_DAY, "day"),
        (_WEEK, "week"),
        (_MONTH, "month"),
        (_QUARTER, "quarter"),
        (_HALF, "half"),
        (_SEASON, "season"),
    )
    for pattern, name in checks:
        if pattern.match(value):
            return name
    return {4: "year", 3: "decade", 2: "century"}.get(len(value), "ref")


def shift_value(value: str, years: int) -> str:
    """A day, week, month, quarter, half, season or year value moved by whole years."""
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return add_months(d, 12 * years).isoformat() + value[10:]
    if m := re.match(r"^(\d{4})(-.*)?$", value):
        return f"{int(m[1]) + years:04d}{m[2] or ''}"
    return value


def to_edtf(value: str | None) -> str | None:
    """The EDTF (ISO 8601-2) form of a TimeML value where the two differ.

    Seasons become EDTF season codes (``2024-FA`` → ``2024-23``), decades and centuries take
    ``X`` digits (``202`` → ``202X``), a part of day drops to its day, vague references become
    ``None``; every other value is already ISO 8601 and is returned unchanged.
    """
    if value is None or value.endswith("_REF"):
        return None
    if m := _SEASON.match(value):
        return f"{m[1]}-{EDTF_SEASONS[m[2]]}"
    if re.fullmatch(r"\d{2,3}", value):
        return value + "X" * (4 - len(value))
    if m := re.match(r"^(\d{4}-\d\d-\d\d)T[A-Z]{2}$", value):
        return m[1]
    return value


def parse_day(value: str) -> date | None:
    """The day a value starts with, if it names one."""
    m = _DAY.match(value)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def value_start(value: str) -> date | None:
    """The first day a calendar value covers (day, week, month, quarter, season, year)."""
    if d := parse_day(value):
        return d
    if m := _WEEK.match(value):
        return date.fromisocalendar(int(m[1]), int(m[2]), 1)
    if m := _MONTH.match(value):
        return date(int(m[1]), int(m[2]), 1)
    if m := _QUARTER.match(value):
        return date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := _SEASON.match(value):
        year = int(m[1]) - (1 if m[2] == "WI" else 0)
        return date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]], 1)
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1)
    return None
