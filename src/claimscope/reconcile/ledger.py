"""The estimates ledger: reconciled estimates grouped into measures, with a low/best/high
summary naming the source of each bound, and a conflict flag with the ratio between sources.

Estimates of one claim carried by several copies of one origin article (syndication) are
counted once: they are folded into one estimate that lists every outlet that carried it.
Conflict: two estimates from different sources whose as-of dates lie within ``SAME_TIME_DAYS``
of each other and whose ranges do not overlap ("more than N" is open above, "up to N" starts
at 0); ``ratio`` is the largest gap between such ranges, higher low over lower high.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import groupby
from statistics import median
from typing import Any

SAME_TIME_DAYS = 45
SEASONS = {"WI": 1, "SP": 3, "SU": 6, "FA": 9}


def as_of_date(value: str | None, published: date | None) -> date | None:
    """The first day an as-of value names ("2025-05", "2025-W17", "2024-FA"), else published."""
    if value:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            return date(int(m[1]), int(m[2]), 1)
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := re.fullmatch(r"(\d{4})-(WI|SP|SU|FA)", value):
            return date(int(m[1]), SEASONS[m[2]], 1)
    return published


def _source(row: dict[str, Any]) -> str:
    return row["entity"] or row["source_name"] or row["outlet"] or "unknown"


def _estimate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    first = rows[0]
    published = first["published"]
    return {
        "low": first["low"],
        "high": first["high"],
        "approx": bool(first["approx"]),
        "bound": first["bound"],
        "source": _source(first),
        "outlet": first["outlet"],
        "as_of": first["as_of"] or (published.isoformat() if published else None),
        "article": first["article_id"],
        "url": first["url"],
        "published": published.isoformat() if published else None,
        "evidence": {"text": first["text"], "start": first["start"], "end": first["end"]},
        "counted": first["counted"],
        "outlets": sorted({r["outlet"] or "" for r in rows}),
        "carried_by": len({r["outlet"] for r in rows}),
        "quantities": [r["id"] for r in rows],
        "_date": as_of_date(first["as_of"], published),
    }


def _bounds(e: dict[str, Any]) -> tuple[float, float]:
    low = e["low"] if e["low"] is not None else (0.0 if e["bound"] == "upper" else e["high"])
    high = e["high"] if e["high"] is not None else (math.inf if e["bound"] == "lower" else low)
    return float(low), float(high)


def _summary(estimates: list[dict[str, Any]]) -> dict[str, Any]:
    def point(e: dict[str, Any], value: float) -> dict[str, Any]:
        return {"value": value, "source": e["source"], "outlet": e["outlet"]}

    lows = [(b[0] if b[0] > 0 or e["low"] is not None else b[1], e)
            for e in estimates for b in [_bounds(e)]]
    highs = [(b[1] if math.isfinite(b[1]) else b[0], e) for e in estimates for b in [_bounds(e)]]
    mids = [((lo + hi) / 2, e) for (lo, e), (hi, _) in zip(lows, highs, strict=True)]
    mid = median(v for v, _ in mids)
    best = min(mids, key=lambda ve: (abs(ve[0] - mid), ve[0]))
    low = min(lows, key=lambda ve: ve[0])
    high = max(highs, key=lambda ve: ve[0])
    return {"low": point(low[1], low[0]), "best": point(best[1], best[0]),
            "high": point(high[1], high[0])}


def _conflict(estimates: list[dict[str, Any]]) -> float | None:
    ratio: float | None = None
    for i, a in enumerate(estimates):
        for b in estimates[i + 1 :]:
            if a["source"] == b["source"] or a["_date"] is None or b["_date"] is None:
                continue
            if abs(a["_date"] - b["_date"]) > timedelta(days=SAME_TIME_DAYS):
                continue
            (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
            lower_hi, upper_lo = (ahi, blo) if ahi < blo else (bhi, alo)
            if upper_lo > lower_hi and lower_hi > 0:
                gap = upper_lo / lower_hi
                ratio = gap if ratio is None else max(ratio, gap)
    return round(ratio, 2) if ratio is not None else None


def measure_id(key: str) -> str:
    return "m" + hashlib.blake2b(key.encode(), digest_size=5).hexdigest()


def build_measures(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Measures from estimate rows ordered by measure key (``store.reconcile.estimates``)."""
    for key, group in groupby(rows, key=lambda r: r["measure_key"]):
        members = list(group)
        folded: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for r in members:
            # copies of one origin carry one claim; an unattributed estimate is the origin's
            # own claim, whichever outlet republished it
            attributed = r["entity"] or r["source_name"]
            folded.setdefault((r["origin"], attributed, r["low"], r["high"]), []).append(r)
        estimates = [_estimate(rs) for rs in folded.values()]
        ratio = _conflict(estimates)
        for e in estimates:
            e.pop("_date")
        yield {
            "id": measure_id(key),
            "measure": members[0]["measure"],
            "subject": members[0]["subject"] or None,
            "estimates": estimates,
            "summary": _summary(estimates),
            "conflict": ratio is not None,
            "ratio": ratio,
        }
