"""Reader for plain-text and Markdown articles (.txt, .text, .md), with optional front matter.

Front matter is a ``---`` line, ``key: value`` lines (title, url, outlet, published; other keys
are ignored) and a closing ``---`` line. Without a title there, a short first line followed by a
blank line and not ending like a sentence is taken as the headline; it stays in the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_iso_date
from claimscope.ingest.files import decode_utf8, is_binary, read_bytes
from claimscope.model import Article

FENCE = "---"
FRONT_MATTER_KEYS = frozenset({"title", "url", "outlet", "published"})
MAX_TITLE_CHARS = 200
SENTENCE_ENDINGS = (".", "!", "?", '"', "'", "“", "”", "‘", "’", "«", "»")


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """The article in a text file, or one InputError saying why there is none."""
    data = read_bytes(path, config)
    if isinstance(data, InputError):
        yield data
        return
    yield parse(data, str(path), config, markdown=path.suffix.lower() == ".md")


def parse(
    data: bytes, origin: str, config: ReadConfig, markdown: bool = False
) -> Article | InputError:
    """An article from a text file's bytes; ``markdown`` drops ``#`` marks from the headline."""
    if is_binary(data):
        return InputError(origin, "binary file, not text")
    try:
        text = decode_utf8(data)
    except ValueError as exc:
        return InputError(origin, str(exc))
    if not text.strip():
        return InputError(origin, "empty")
    split = split_front_matter(text)
    if isinstance(split, str):
        return InputError(origin, split)
    meta, body = split
    if not body.strip():
        return InputError(origin, "empty")
    published: date | None = config.published
    if "published" in meta:
        try:
            published = parse_iso_date(meta["published"])
        except ValueError:
            return InputError(origin, f"bad published date '{meta['published']}' in front matter")
    title = meta.get("title") or headline(body, markdown)
    return Article(
        text=body,
        origin=origin,
        title=title,
        url=meta.get("url") or None,
        outlet=meta.get("outlet") or None,
        published=published,
    )


def split_front_matter(text: str) -> tuple[dict[str, str], str] | str:
    """The front matter's known keys and the body after it, or a message if it is not closed.

    A text that does not start with a ``---`` line has no front matter.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return {}, text
    meta: dict[str, str] = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return meta, "".join(lines[index + 1 :])
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FRONT_MATTER_KEYS:
            meta[key] = unquote(value.strip())
    return f"front matter opened with '{FENCE}' on line 1 is never closed"


def unquote(value: str) -> str:
    """A front-matter value without the matching quotes around it."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def headline(body: str, markdown: bool) -> str | None:
    """The body's first line if it reads as a headline: followed by a blank line, under 200
    characters, and not ending in . ! ? or a quote mark."""
    lines = body.lstrip("\r\n \t").splitlines()
    if len(lines) < 2 or lines[1].strip():
        return None
    first = lines[0].strip()
    if markdown:
        first = first.lstrip("#").strip()
    if not first or len(first) >= MAX_TITLE_CHARS or first.endswith(SENTENCE_ENDINGS):
        return None
    return first
