"""Lenient reading of a whole feed through feedparser: the rescue for a small feed whose XML
breaks before its first entry (an entity that expands too far or is not defined, a bad byte in
the channel header), where the streaming parser would find nothing."""

from __future__ import annotations

from typing import Any

import feedparser

from claimscope.ingest.feedentry import Body, FeedEntry


def loose_entries(data: bytes) -> list[FeedEntry]:
    """The entries feedparser's lenient parser finds in a feed document held in memory."""
    parsed = feedparser.parse(data)
    outlet = parsed.feed.get("title") or None
    return [loose_entry(entry, outlet) for entry in parsed.entries]


def loose_entry(entry: Any, outlet: str | None) -> FeedEntry:
    """The record of one feedparser entry: its content items, then its summary."""
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    return FeedEntry(
        title=entry.get("title") or None,
        link=entry.get("link") or None,
        published=entry.get("published"),
        updated=dict.get(entry, "updated"),  # not feedparser's deprecated fallback to published
        bodies=tuple(
            Body(detail.get("value") or "", "html" in (detail.get("type") or ""))
            for detail in details
        ),
        outlet=outlet,
    )
