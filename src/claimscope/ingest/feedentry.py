"""A feed entry's fields as the feed wrote them, from either feed parser, and its Article."""

from __future__ import annotations

from dataclasses import dataclass

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_feed_date
from claimscope.ingest.fragment import fragment_text
from claimscope.model import Article


@dataclass(frozen=True)
class Body:
    """One candidate for an entry's text: the value of a content or summary element, and whether
    it is HTML (then cleaned to text) or plain text."""

    value: str
    html: bool


@dataclass(frozen=True)
class FeedEntry:
    """One feed entry (RSS item, Atom entry). ``bodies`` are its content elements in order, then
    its summaries; ``outlet`` is the feed's title; dates are the raw text of the elements."""

    title: str | None
    link: str | None
    published: str | None
    updated: str | None
    bodies: tuple[Body, ...]
    outlet: str | None


def entry_article(entry: FeedEntry, origin: str, config: ReadConfig) -> Article | InputError:
    """The article of an entry, or an InputError naming it if it has no text. An entry without a
    date of its own gets ``config.published``."""
    text = entry_text(entry.bodies)
    if not text:
        return InputError(origin, "feed entry has no text")
    return Article(
        text=text,
        origin=origin,
        title=entry.title or None,
        url=entry.link or None,
        outlet=entry.outlet or None,
        published=parse_feed_date(entry.published, entry.updated) or config.published,
    )


def entry_text(bodies: tuple[Body, ...]) -> str:
    """The first non-empty text among an entry's bodies; HTML made plain text."""
    for body in bodies:
        text = fragment_text(body.value) if body.html else body.value.strip()
        if text:
            return text
    return ""
