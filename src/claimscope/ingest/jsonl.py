"""Reader for JSON Lines (.jsonl, .ndjson): one article object per line.

Fields: ``text`` (required, non-empty), ``title``, ``url``, ``outlet``, ``published``
(YYYY-MM-DD or an ISO datetime). Blank lines are skipped; a bad line yields an InputError naming
``path:LINE`` and the other lines are still read. Files are streamed line by line, so a file of
any size can be read; the size limit applies to each line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from claimscope.errors import InputError
from claimscope.ingest.config import ReadConfig
from claimscope.ingest.dates import parse_iso_date
from claimscope.ingest.files import BINARY_PROBE, decode_utf8, is_binary, size_text
from claimscope.model import Article

OPTIONAL_FIELDS = ("title", "url", "outlet", "published")
SKIP_CHUNK = 1 << 20


def read(path: Path, config: ReadConfig) -> Iterator[Article | InputError]:
    """An article or an InputError for each non-blank line of a JSON Lines file, streamed: the
    size limit applies to each line, not to the file."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        if is_binary(stream.read(BINARY_PROBE)):
            yield InputError(str(path), "binary file, not text")
            return
        stream.seek(0)
        found = False
        for number, raw in enumerate(_lines(stream, config.max_bytes), start=1):
            if raw is None:
                found = True
                yield InputError(
                    f"{path}:{number}", f"line is over the limit of {size_text(config.max_bytes)}"
                )
            elif raw.strip():
                found = True
                yield parse_line(raw, f"{path}:{number}", config)
    if not found:
        yield InputError(str(path), "empty")


def _lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The stream's lines; None for a line longer than ``limit``, which is skipped unread."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


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
