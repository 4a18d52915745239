"""Worker processes: the same store as one process, input order kept, bounded look-ahead, and
model errors from inside a worker reported cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from claimscope.chunks import Chunk
from claimscope.errors import ModelError
from claimscope.ingest import ReadConfig, discover
from claimscope.model import Article
from claimscope.pipeline import Analyzer, ingest
from claimscope.store import open_store
from claimscope.workers import WorkerPool
from scale_corpus import article_text, write_jsonl


def _snapshot(store) -> dict:
    return {
        "counts": store.counts(),
        "statements": [
            {k: v for k, v in row.items() if k != "ingested_at"} for row in store.statements()
        ],
        "quantities": list(store.quantities()),
    }


def test_pool_stores_exactly_what_one_process_stores(tmp_path, nlp):
    files = discover(write_jsonl(tmp_path / "in", files=3, per_file=8))
    stores = {}
    for name, analyzer in [
        ("pool", WorkerPool(workers=2, batch_size=4)),
        ("inline", Analyzer(batch_size=4)),
    ]:
        store = open_store(tmp_path / f"{name}.sqlite")
        seen: list[str] = []
        report = ingest(files, store, analyzer, ReadConfig(), on_article=seen.append)
        assert (report.read, report.stored, report.duplicates) == (24, 24, 0)
        assert seen == [f"{files[i // 8]}:{i % 8 + 1}" for i in range(24)]  # input order
        stores[name] = _snapshot(store)
        store.close()
    assert stores["pool"]["counts"]["statements"] > 24
    # same rows, same entity ids: the writer stores in input order whatever the workers do
    assert stores["pool"] == stores["inline"]


def test_pool_reads_only_a_few_chunks_ahead_of_the_writer():
    pulled = {"n": 0}

    def chunks() -> Iterator[Chunk]:
        for i in range(12):
            pulled["n"] += 1
            yield Chunk(articles=[Article(text=article_text(i), origin=f"c{i}")])

    pool = WorkerPool(workers=2, batch_size=2)
    outcomes = pool.analyze_chunks(chunks())
    first, results = next(outcomes)
    assert pulled["n"] <= 2 * pool.workers  # not the whole input
    assert first.articles[0].origin == "c0"
    assert results[0]["article"]["origin"] == "c0"
    origins = [r[0]["article"]["origin"] for _c, r in outcomes]
    assert origins == [f"c{i}" for i in range(1, 12)]


def test_a_chunk_goes_out_in_parse_batches_and_comes_back_whole_in_order():
    chunks = [
        Chunk(
            articles=[Article(text=article_text(5 * c + i), origin=f"c{c}a{i}") for i in range(5)]
        )
        for c in range(2)
    ]
    pool = WorkerPool(workers=2, batch_size=2)  # 3 batches a chunk, shared by both workers
    back = [
        (chunk, [r["article"]["origin"] for r in results])
        for chunk, results in pool.analyze_chunks(chunks)
    ]
    assert [chunk for chunk, _ in back] == chunks
    assert [origins for _, origins in back] == [[f"c{c}a{i}" for i in range(5)] for c in range(2)]


def test_a_worker_that_cannot_load_the_model_stops_the_run_cleanly():
    chunks = [Chunk(articles=[Article(text=article_text(i), origin=f"c{i}")]) for i in range(3)]
    pool = WorkerPool(model="no_such_pipeline_xyz", workers=2)
    with pytest.raises(ModelError, match="no_such_pipeline_xyz"):
        list(pool.analyze_chunks(chunks))


def testparse_batches_are_capped_by_articles_and_characters():
    from claimscope.pipeline import PARSE_CHARS, parse_batches

    short = [Article(text=f"Short article number {i}.", origin=f"s{i}") for i in range(10)]
    assert [len(b) for b in parse_batches(short, 4)] == [4, 4, 2]
    long = [Article(text="word " * (PARSE_CHARS // 12) + str(i), origin=f"l{i}") for i in range(5)]
    batches = list(parse_batches(long, 64))
    assert [len(b) for b in batches] == [2, 2, 1]  # about PARSE_CHARS characters at most
    huge = [Article(text="word " * PARSE_CHARS, origin="h")]
    assert [len(b) for b in parse_batches(huge + short[:2], 64)] == [1, 2]
