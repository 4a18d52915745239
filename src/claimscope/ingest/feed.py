"""Reader for RSS and Atom feeds (.xml, .rss, .atom, .rdf) through feedparser.

Each entry with text (its ``content``, else its ``summary``) is an article; the outlet is the
feed's title. An entry without text yields an InputError naming ``path#N`` (N counts from 1). A
feed damaged part-way (cut short, malformed XML) yields the entries read before the damage, then
one InputError naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_feed_date
from claimscope.ingest.files import read_bytes
from claimscope.ingest.fragment import fragment_text
from claimscope.model import Article


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """An article for each entry of a feed with text, an InputError for each without."""
    data = read_bytes(path, config)
    if isinstance(data, InputError):
        yield data
        return
    parsed = feedparser.parse(data)
    if not parsed.get("version") or (parsed.bozo and not parsed.entries):
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        yield InputError(str(path), f"not a readable RSS or Atom feed{detail}")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#{number}"
        text = entry_text(entry)
        if not text:
            yield InputError(origin, "feed entry has no text")
            continue
        published = parse_feed_date(
            entry.get("published") or entry.get("updated"),
            entry.get("published_parsed") or entry.get("updated_parsed"),
        )
        yield Article(
            text=text,
            origin=origin,
            title=entry.get("title") or None,
            url=entry.get("link") or None,
            outlet=outlet,
            published=published or config.published,
        )
    problem = parsed.get("bozo_exception")
    if parsed.bozo and not isinstance(problem, ThingsNobodyCaresAboutButMe):
        yield InputError(str(path), f"feed is cut short or malformed ({problem})")


def entry_text(entry: Any) -> str:
    """An entry's text: the first non-empty ``content`` item, else the summary; HTML to text."""
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    for detail in details:
        value = detail.get("value") or ""
        text = fragment_text(value) if "html" in (detail.get("type") or "") else value.strip()
        if text:
            return text
    return ""
