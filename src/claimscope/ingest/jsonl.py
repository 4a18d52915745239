"""Reader for JSON Lines (.jsonl, .ndjson): one article object per line.

Fields: ``text`` (required, non-empty), ``title``, ``url``, ``outlet``, ``published``
(YYYY-MM-DD or an ISO datetime). Blank lines are skipped; a bad line yields an InputError naming
``path:LINE`` and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_iso_date
from claimscope.ingest.files import decode_utf8, is_binary, read_bytes
from claimscope.model import Article

OPTIONAL_FIELDS = ("title", "url", "outlet", "published")


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """An article or an InputError for each non-blank line of a JSON Lines file."""
    data = read_bytes(path, config)
    if isinstance(data, InputError):
        yield data
        return
    if is_binary(data):
        yield InputError(str(path), "binary file, not text")
        return
    found = False
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            found = True
            yield parse_line(raw, f"{path}:{number}", config)
    if not found:
        yield InputError(str(path), "empty")


def parse_line(raw: bytes, origin: str, config: ReadConfig) -> Article | InputError:
    """The article on one line, or an InputError naming the line and what is wrong with it."""
    try:
        record = json.loads(decode_utf8(raw))
    except json.JSONDecodeError as exc:
        return InputError(origin, f"not JSON ({exc.msg} at column {exc.colno})")
    except ValueError as exc:
        return InputError(origin, str(exc))
    if not isinstance(record, dict):
        return InputError(origin, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(origin, "no text (needs a non-empty string field 'text')")
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(origin, f"field '{name}' must be a string")
        fields[name] = (value or "").strip() or None
    published = config.published
    if (raw_date := fields["published"]) is not None:
        try:
            published = parse_iso_date(raw_date)
        except ValueError:
            return InputError(origin, f"bad published date '{raw_date}'")
    return Article(
        text=text,
        origin=origin,
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=published,
    )
