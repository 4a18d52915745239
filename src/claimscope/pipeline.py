"""The pipeline: articles → one spaCy parse each (batched) → extractors → results → store.

Extractors run in a fixed order on the same parsed document and never re-parse: entities first
(speakers and sources refer to them), then statements, times, quantities (tied to the statement
whose content holds them), and finally the as-of date of each statement and quantity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc

from claimscope.errors import InputError
from claimscope.extract.asof import assign_as_of
from claimscope.extract.entities import extract_entities
from claimscope.extract.quantities import extract_quantities
from claimscope.extract.statements import extract_statements
from claimscope.extract.times import extract_times
from claimscope.ingest import ReadConfig, read_paths
from claimscope.model import Article, ArticleResult
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL, load
from claimscope.store import Store


def extract(doc: Doc, article: Article) -> ArticleResult:
    """Run every extractor on one parsed article."""
    entities = extract_entities(doc, article)
    statements = extract_statements(doc, article, entities)
    times = extract_times(doc, article)
    quantities = extract_quantities(doc, article, statements, entities)
    result = ArticleResult(article, entities, statements, quantities, times)
    assign_as_of(result)
    return result


class Analyzer:
    """Parses and extracts articles with one loaded spaCy pipeline."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE) -> None:
        self.nlp = load(model)
        self.batch_size = batch_size

    def analyze(self, article: Article) -> ArticleResult:
        return extract(self.nlp(article.text), article)

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; parses in batches."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield extract(doc, article)


@dataclass
class IngestReport:
    """What an ingest did: articles read, newly stored, already stored, and input errors."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)


def ingest(
    files: list[Path],
    store: Store,
    analyzer: Analyzer,
    read_config: ReadConfig,
    on_article: Callable[[str], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read, analyze and store the articles of the given files; known articles are skipped
    before parsing.

    Bad inputs are reported through ``on_error`` and counted; the rest of the batch goes on.
    ``on_article`` is called with each article's origin once it is handled and ``on_file`` with
    each file once it is read (for progress).
    """
    report = IngestReport()
    seen: set[str] = set()

    def fresh() -> Iterator[Article]:
        for path in files:
            for item in read_paths([path], read_config):
                if isinstance(item, InputError):
                    report.errors.append(item)
                    if on_error:
                        on_error(item)
                    continue
                report.read += 1
                if item.sha256 in seen or store.has_article(item.sha256):
                    report.duplicates += 1
                    if on_article:
                        on_article(item.origin)
                    continue
                seen.add(item.sha256)
                yield item
            if on_file:
                on_file(path)

    stream = fresh()
    while batch := list(islice(stream, analyzer.batch_size)):
        for result in analyzer.analyze_many(batch):
            if store.add(result):
                report.stored += 1
            else:
                report.duplicates += 1
            if on_article:
                on_article(result.article.origin)
    return report
