"""Publication dates given as text in inputs: ISO dates and datetimes, RSS and Atom dates."""

from __future__ import annotations

from datetime import date, datetime
from email.utils import parsedate_to_datetime

from feedparser.datetimes import _parse_date as feedparser_date


def parse_iso_date(value: str) -> date:
    """The date of an ISO 8601 date or datetime ("2024-03-05", "2024-03-05T10:00:00Z").

    A datetime keeps its own calendar day, whatever its time zone. Raises ``ValueError``.
    """
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


def parse_feed_date(published: str | None, updated: str | None) -> date | None:
    """A feed entry's date: its published date, else its updated one, as the publisher wrote it
    (RFC 822 or ISO 8601), so that a late evening in New York stays that day; else feedparser's
    more lenient UTC reading of either; else None."""
    if raw := published or updated:
        try:
            return parsedate_to_datetime(raw).date()
        except (TypeError, ValueError):
            pass
        try:
            return parse_iso_date(raw)
        except ValueError:
            pass
    for value in (published, updated):
        if value and (parsed := feedparser_date(value)) is not None:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
