"""Reader for RSS and Atom feeds (.xml, .rss, .atom, .rdf), streamed entry by entry.

Each entry with text (its first non-empty content, else its summary; HTML made plain text) is an
article; the outlet is the feed's title. Feeds are parsed as they are read (``feedxml``), so one
of any size can be read; the size limit applies to each entry. An entry without text, or over
the limit, yields an InputError naming ``path#N`` (N counts from 1).

XML that breaks part-way (a feed cut short, malformed) yields the entries read before the
damage, then one InputError naming the file. If it breaks before the first entry, a file within
the size limit is read again whole by feedparser's lenient parser (``feedloose``), and the
entries it finds come before that error.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.feedentry import entry_article
from claimscope.ingest.feedloose import loose_entries
from claimscope.ingest.feedxml import EntryTooBig, FeedDocument, NotAFeedError
from claimscope.ingest.files import size_text
from claimscope.model import Article

NOT_A_FEED = "not a readable RSS or Atom feed"


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """An article for each entry of a feed with text, an InputError for each without, and one
    for the file if it is not a feed or its XML breaks."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        yield from read_stream(stream, str(path), config)


def read_stream(
    stream: BinaryIO, origin: str, config: ReadConfig
) -> Iterator[Article | InputError]:
    """The articles and errors of a feed read from a binary stream named ``origin``."""
    document = FeedDocument(stream, config.max_bytes)
    number = 0
    try:
        for entry in document.entries():
            number += 1
            if isinstance(entry, EntryTooBig):
                limit = size_text(config.max_bytes)
                yield InputError(f"{origin}#{number}", f"entry is over the limit of {limit}")
            else:
                yield entry_article(entry, f"{origin}#{number}", config)
    except NotAFeedError as exc:
        yield InputError(origin, f"{NOT_A_FEED} ({exc})")
    except etree.XMLSyntaxError as exc:
        if not document.started:
            yield InputError(origin, f"{NOT_A_FEED} ({exc.msg})")
            return
        if document.begun == 0 and (data := whole(stream, config.max_bytes)) is not None:
            for number, entry in enumerate(loose_entries(data), start=1):
                yield entry_article(entry, f"{origin}#{number}", config)
        yield InputError(origin, f"feed is cut short or malformed ({exc.msg})")


def whole(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """The stream's bytes from the start, or None if they are over ``max_bytes`` or cannot be
    read again."""
    try:
        stream.seek(0)
        data = stream.read(max_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= max_bytes else None
