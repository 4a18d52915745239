"""Cutting the input stream into chunks of new articles for the parsers, streaming.

Files are read one at a time and articles pass through in chunks of the parse batch size; a file
already stored whole (``claimscope.resume``) is skipped unread, and an article already in the
store, or already on its way there in this run, is counted as a duplicate before it is parsed.
Memory holds only the chunks in flight: the duplicate check asks the store, and remembers only
the articles not yet written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from claimscope.errors import InputError
from claimscope.ingest import ReadConfig, read_paths
from claimscope.model import Article
from claimscope.resume import FileMark, file_mark
from claimscope.store import Store


@dataclass
class IngestReport:
    """What an ingest did: articles read, newly stored, already stored, input errors, and
    input files skipped because they were stored whole before (their articles count as read
    and already stored)."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    skipped_files: int = 0


@dataclass
class Chunk:
    """New articles to parse, the files that are stored whole once they (and every chunk
    before) are written, with their article counts, and the files read so far (for
    progress)."""

    articles: list[Article] = field(default_factory=list)
    finished: list[tuple[FileMark, int]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.articles or self.finished or self.files)


class ChunkReader:
    """Reads files into chunks, counting into ``report`` and reporting errors and duplicates
    through the callbacks as they are read."""

    def __init__(
        self,
        store: Store,
        config: ReadConfig,
        size: int,
        report: IngestReport,
        on_article: Callable[[str], None] | None = None,
        on_error: Callable[[InputError], None] | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.size = size
        self.report = report
        self.on_article = on_article
        self.on_error = on_error
        self.pending: dict[str, str] = {}  # sha256 of each article in flight → its file's path
        self.failed: set[str] = set()  # files with an article that could not be analyzed

    def chunks(self, files: Iterable[Path]) -> Iterator[Chunk]:
        chunk = Chunk()
        for path in files:
            mark = file_mark(path)
            stored = self.store.finished_file(mark) if mark else None
            if stored is not None:
                self.report.read += stored
                self.report.duplicates += stored
                self.report.skipped_files += 1
            else:
                count, clean = 0, True
                for batch in _batched(read_paths([path], self.config), self.size):
                    known = self.store.known(
                        {a.sha256 for a in batch if isinstance(a, Article)} - self.pending.keys()
                    )
                    for item in batch:
                        if isinstance(item, InputError):
                            clean = False
                            self.error(item)
                            continue
                        count += 1
                        self.report.read += 1
                        if item.sha256 in known or item.sha256 in self.pending:
                            self.report.duplicates += 1
                            if self.on_article:
                                self.on_article(item.origin)
                            continue
                        self.pending[item.sha256] = mark.path if mark else str(path)
                        chunk.articles.append(item)
                        if len(chunk.articles) >= self.size:
                            yield chunk
                            chunk = Chunk()
                if clean and mark:
                    chunk.finished.append((mark, count))
            chunk.files.append(path)
            if len(chunk.files) >= self.size:
                yield chunk
                chunk = Chunk()
        if chunk:
            yield chunk

    def error(self, error: InputError) -> None:
        self.report.errors.append(error)
        if self.on_error:
            self.on_error(error)

    def analysis_failed(self, article: Article, error: InputError) -> None:
        """An article whose analysis failed: reported, and its file is not marked stored."""
        self.failed.add(self.pending.get(article.sha256, article.origin))
        self.error(error)

    def written(self, chunk: Chunk) -> list[tuple[FileMark, int]]:
        """The chunk goes to the store: forget its articles as in flight; the files to mark
        stored whole in the same transaction."""
        for article in chunk.articles:
            self.pending.pop(article.sha256, None)
        return [(mark, n) for mark, n in chunk.finished if mark.path not in self.failed]


Item = Article | InputError


def _batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
