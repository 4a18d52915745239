"""The pipeline: articles → one spaCy parse each (batched) → extractors → records → store.

Extractors run in a fixed order on the same parsed document and never re-parse: entities first
(speakers and sources refer to them), then statements, times, quantities (tied to the statement
whose content holds them), disputes, and finally the as-of date of each statement and quantity.

``ingest`` streams files through a chunk analyzer (an ``Analyzer`` in this process, or a
``claimscope.workers.WorkerPool`` of processes) and writes each chunk's records in one
transaction, in input order, marking files stored whole so that a rerun resumes (see
``claimscope.resume``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Protocol, TypeVar

from spacy.tokens import Doc

from claimscope.chunks import Chunk, ChunkReader, IngestReport
from claimscope.errors import InputError
from claimscope.extract.asof import assign_as_of
from claimscope.extract.disputes import extract_disputes
from claimscope.extract.entities import extract_entities
from claimscope.extract.quantities import extract_quantities
from claimscope.extract.statements import Refiner, extract_statements
from claimscope.extract.times import extract_times
from claimscope.ingest import ReadConfig
from claimscope.model import Article, ArticleResult
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL, known_text, load
from claimscope.store import Store
from claimscope.store.rows import Record, article_record
from claimscope.tagger.model import load_tagger
from claimscope.tagger.refine import TaggedStatements

__all__ = ["Analyzer", "IngestReport", "Outcome", "extract", "ingest"]

Outcome = Record | InputError
PARSE_CHARS = 50_000  # about 8,000 words: a parse batch's working memory stays near 150 MB


class HasArticles(Protocol):
    articles: list[Article]


C = TypeVar("C", bound=HasArticles)


def extract(doc: Doc, article: Article, refine: Refiner | None = None) -> ArticleResult:
    """Run every extractor on one parsed article; ``refine`` rewrites the rule statements (the
    attribution tagger)."""
    known_text(doc, article.text)
    entities = extract_entities(doc, article)
    statements = extract_statements(doc, article, entities, refine)
    times = extract_times(doc, article)
    quantities = extract_quantities(doc, article, statements, entities)
    disputes = extract_disputes(doc, article, statements, entities, quantities)
    result = ArticleResult(article, entities, statements, quantities, times, disputes)
    assign_as_of(result)
    return result


class Analyzer:
    """Parses and extracts articles with one loaded spaCy pipeline."""

    def __init__(
        self, model: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE, tagger: bool = True
    ) -> None:
        self.nlp = load(model)
        self.batch_size = batch_size
        trained = load_tagger(model) if tagger else None
        self.refine = TaggedStatements(trained) if trained is not None else None
        # The loaded models hold some 140,000 objects that live as long as the process: kept
        # out of the garbage collector's sweeps, which otherwise cost 1-2 ms an article.
        gc.freeze()

    def analyze(self, article: Article) -> ArticleResult:
        return extract(self.nlp(article.text), article, self.refine)

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; parses in batches."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield extract(doc, article, self.refine)

    def records(self, articles: list[Article]) -> list[Outcome]:
        """The article record of each article, in order, or an InputError naming an article
        whose extraction failed (the others go on).

        Parse batches hold at most ``batch_size`` articles and about ``PARSE_CHARS`` characters:
        the parser's working memory grows with the tokens in a batch (some 15 KB a token), not
        with the number of articles, and smaller batches are no slower.
        """
        outcomes: list[Outcome] = []
        for batch in parse_batches(articles, self.batch_size):
            outcomes.extend(self._records(batch))
        return outcomes

    def _records(self, articles: list[Article]) -> Iterator[Outcome]:
        texts = (a.text for a in articles)
        for doc, article in zip(
            self.nlp.pipe(texts, batch_size=len(articles)), articles, strict=True
        ):
            try:
                yield article_record(extract(doc, article, self.refine))
            except Exception as exc:  # one article's failure must not stop a long ingest
                yield InputError(article.origin, f"analysis failed ({type(exc).__name__}: {exc})")

    def analyze_chunks(self, chunks: Iterable[C]) -> Iterator[tuple[C, list[Outcome]]]:
        """Each chunk with the outcomes of its articles, in order."""
        for chunk in chunks:
            yield chunk, self.records(chunk.articles) if chunk.articles else []


def parse_batches(articles: list[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``size`` articles and about ``PARSE_CHARS`` characters."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        if batch and (len(batch) >= size or chars + len(article.text) > PARSE_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += len(article.text)
    if batch:
        yield batch


class ChunkAnalyzer(Protocol):
    """Turns chunks of articles into their outcomes, in input order."""

    batch_size: int

    def analyze_chunks(self, chunks: Iterable[C]) -> Iterator[tuple[C, list[Outcome]]]: ...


def ingest(
    files: list[Path],
    store: Store,
    analyzer: ChunkAnalyzer,
    read_config: ReadConfig,
    on_article: Callable[[str], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Read, analyze and store the articles of the given files; files stored whole before are
    skipped and known articles are skipped before parsing.

    Bad inputs are reported through ``on_error`` and counted; the rest of the batch goes on.
    ``on_article`` is called with each article's origin once it is handled and ``on_file`` with
    each file once it is read (for progress).
    """
    report = IngestReport()
    reader = ChunkReader(store, read_config, analyzer.batch_size, report, on_article, on_error)
    with closing(analyzer.analyze_chunks(reader.chunks(files))) as results:
        for chunk, outcomes in results:
            _write(store, reader, chunk, outcomes)
            for article in chunk.articles:
                if on_article:
                    on_article(article.origin)
            for path in chunk.files:
                if on_file:
                    on_file(path)
    return report


def _write(store: Store, reader: ChunkReader, chunk: Chunk, outcomes: list[Outcome]) -> None:
    records: list[Record] = []
    for article, outcome in zip(chunk.articles, outcomes, strict=True):
        if isinstance(outcome, InputError):
            reader.analysis_failed(article, outcome)
        else:
            records.append(outcome)
    added = store.add_records(records, reader.written(chunk))
    reader.report.stored += sum(added)
    reader.report.duplicates += len(added) - sum(added)
