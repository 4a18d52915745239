"""Which reader reads which file, finding the files under directories, and reading them all.

Every article a reader yields passes the same checks before it goes on. NUL characters (a JSON
``\\u0000`` escape; not every database takes them in text) are dropped from its text. A text
longer than the parser takes (``ReadConfig.max_chars``), a text not in English
(``claimscope.language``), and a publication date after tomorrow (a time zone ahead of ours
can make it today's "tomorrow"; a later date would anchor every relative time expression in the
future) are each refused with an InputError naming the article.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest import feed, html, jsonl, text, warc
from claimscope.ingest.config import DEFAULT_CONFIG, ReadConfig
from claimscope.language import non_english
from claimscope.model import Article

Reader = Callable[[Path, ReadConfig], Iterator[Article | InputError]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": text.read,
    ".html": html.read,
    ".htm": html.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".xml": feed.read,
    ".rss": feed.read,
    ".atom": feed.read,
    ".rdf": feed.read,
    ".warc": warc.read,
    ".warc.gz": warc.read,
}


def file_type(path: Path) -> str:
    """The extension that picks a file's reader, lower-cased: ".txt", ".warc.gz"."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"]:
        return ".warc.gz"
    return suffixes[-1] if suffixes else ""


def discover(paths: Iterable[Path]) -> list[Path]:
    """The files to read: each path given that is not a directory, as given (a missing or
    unsupported one is reported when read), and under each directory, walked recursively, the
    files of a known type that are not hidden, sorted. A file named twice is listed once."""
    found: list[Path] = []
    for path in paths:
        found.extend(walk(path) if path.is_dir() else [path])
    return list(dict.fromkeys(found))


def walk(directory: Path) -> list[Path]:
    """The readable, non-hidden files under a directory, in sorted order."""
    files: list[Path] = []
    for root, dirnames, filenames in os.walk(directory):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            path = Path(root, name)
            if not name.startswith(".") and file_type(path) in READERS:
                files.append(path)
    return sorted(files)


def read_paths(
    paths: Iterable[Path], config: ReadConfig = DEFAULT_CONFIG
) -> Iterator[Article | InputError]:
    """An Article for each article in the inputs and an InputError for each input, or part of
    one, that cannot be read; errors are yielded, not raised, so the batch goes on."""
    for path in discover(paths):
        kind = file_type(path)
        reader = READERS.get(kind)
        if reader is None:
            reason = f"unsupported file type '{kind}'" if kind else "unsupported file type (none)"
            yield InputError(str(path), reason)
            continue
        for item in reader(path, config):
            yield item if isinstance(item, InputError) else checked(item, config)


def checked(article: Article, config: ReadConfig) -> Article | InputError:
    """The article, or an InputError naming it if it is too long, not English, or dated after
    tomorrow."""
    if "\x00" in article.text:
        article = replace(article, text=article.text.replace("\x00", ""))
    if len(article.text) > config.max_chars:
        return InputError(
            article.origin,
            f"text is {len(article.text):,} characters, over the limit of {config.max_chars:,}",
        )
    if (language := non_english(article.text)) is not None:
        return InputError(article.origin, f"not English (detected: {language})")
    latest = date.today() + timedelta(days=1)
    if article.published is not None and article.published > latest:
        return InputError(
            article.origin, f"published date {article.published.isoformat()} is in the future"
        )
    return article
