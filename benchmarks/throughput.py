"""Throughput of the full pipeline against the raw spaCy parse of the same articles, same run.

For each worker count it times, on one synthetic corpus (``corpus.py``):

- ``raw``: the stock spaCy pipeline alone (``spacy.load(model)``, as installed) over the
  article texts already in memory (``nlp.pipe(texts, batch_size=B, n_process=W)``, spaCy's own
  multiprocessing), with B = 64
  (spaCy's usual best) and with the batch size the pipeline's character cap gives on this
  corpus (``pipeline.PARSE_CHARS``); the ratio is taken against the faster of the two;
- ``own parse``: the same, with the pipeline as claimscope loads it (``claimscope.nlp.load``:
  its tables and numpy's matrix products, the same annotations) and the pipeline's batch size:
  what the pipeline's parse alone costs, so that the second ratio shows what extraction and
  storage add to it;
- ``pipeline``: ``claimscope.pipeline.ingest`` end to end: reading the JSON Lines files,
  parsing, extracting and storing every record in a fresh SQLite store, with ``W`` workers
  (one worker: in this process; more: ``claimscope.workers.WorkerPool``).

With one worker it also splits the pipeline's cost by stage (parse, extract, store) on a sample.
Prints articles per second, the ratio pipeline / raw (target ≥ 0.85) and the ratio pipeline / own
parse per worker count, and the scaling of each from the smallest to the largest worker count;
``--out`` writes JSON.

The pipeline's time includes its one-off start, printed apart as the seconds until the first
article is stored: spaCy's ``n_process`` forks workers that already hold the loaded model, while
the pipeline's workers are spawned and import and load it themselves (a few seconds, once per
run however long the run), so short runs understate the pipeline with several workers.

    python benchmarks/throughput.py --articles 1000 --workers 1 2 --out throughput.json
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import spacy
from corpus import write_corpus

from claimscope.ingest import ReadConfig, discover, read_paths
from claimscope.model import Article
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL, load
from claimscope.pipeline import PARSE_CHARS, Analyzer, extract, ingest
from claimscope.store import open_store
from claimscope.store.rows import article_record
from claimscope.workers import WorkerPool


def corpus(folder: Path, articles: int) -> list[Path]:
    path = folder / f"corpus-{articles}"
    if not path.exists():
        write_corpus(path, articles, per_file=250)
    return discover([path])


def raw_parse(
    texts: list[str], model: str, workers: int, batch_size: int, own: bool = False
) -> float:
    """Seconds to parse the texts with the stock spaCy pipeline alone (``own``: the pipeline as
    claimscope loads it)."""
    nlp = load(model) if own else spacy.load(model)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - start


def full_pipeline(files: list[Path], folder: Path, model: str, workers: int) -> tuple[float, float]:
    """Seconds to read, parse, extract and store the files into a fresh SQLite store, and until
    the first article is stored."""
    db = folder / f"throughput-{workers}.sqlite"
    for stale in folder.glob(f"{db.name}*"):
        stale.unlink()
    store = open_store(db)
    analyzer = Analyzer(model) if workers == 1 else WorkerPool(model, workers)
    first: list[float] = []

    def stored(_origin: str) -> None:
        if not first:
            first.append(time.perf_counter())

    start = time.perf_counter()
    report = ingest(files, store, analyzer, ReadConfig(), on_article=stored)
    seconds = time.perf_counter() - start
    store.close()
    assert report.stored == report.read and not report.errors, report
    return seconds, first[0] - start


def stages(articles: list[Article], folder: Path, model: str, batch_size: int) -> dict[str, float]:
    """Milliseconds per article of each pipeline stage, in this process (extraction with the
    attribution tagger, as the pipeline runs it)."""
    analyzer = Analyzer(model)
    start = time.perf_counter()
    docs = list(analyzer.nlp.pipe((a.text for a in articles), batch_size=batch_size))
    parsed = time.perf_counter()
    records = [
        article_record(extract(doc, a, analyzer.refine))
        for doc, a in zip(docs, articles, strict=True)
    ]
    extracted = time.perf_counter()
    db = folder / "stages.sqlite"
    for stale in folder.glob(f"{db.name}*"):
        stale.unlink()
    store = open_store(db)
    for i in range(0, len(records), BATCH_SIZE):
        store.add_records(records[i : i + BATCH_SIZE])
    stored = time.perf_counter()
    store.close()
    n = len(articles)
    return {
        "parse_ms": round((parsed - start) / n * 1000, 1),
        "extract_ms": round((extracted - parsed) / n * 1000, 1),
        "store_ms": round((stored - extracted) / n * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--stage-sample", type=int, default=128)
    parser.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temp one).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimscope-throughput-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = corpus(folder, args.articles)
    articles = [a for a in read_paths(files) if isinstance(a, Article)]
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    load(args.model)  # loaded once before any timing, for the in-process runs
    result: dict[str, Any] = {
        "articles": len(texts),
        "words_per_article": round(words / len(texts)),
        "cores": os.cpu_count(),
        "load_average_before": os.getloadavg(),
        "runs": [],
    }
    print(f"{len(texts)} articles, {result['words_per_article']} words each on average")
    # the pipeline's parse batches: BATCH_SIZE articles, capped at PARSE_CHARS characters
    capped = max(1, min(BATCH_SIZE, PARSE_CHARS * len(texts) // sum(map(len, texts))))
    result["raw_batch_sizes"] = sorted({BATCH_SIZE, capped})
    for workers in args.workers:
        raws = {b: raw_parse(texts, args.model, workers, b) for b in result["raw_batch_sizes"]}
        own = raw_parse(texts, args.model, workers, capped, own=True)
        full, first = full_pipeline(files, folder, args.model, workers)
        best = min(raws.values())
        run = {
            "workers": workers,
            "raw_articles_per_second": {b: round(len(texts) / t, 2) for b, t in raws.items()},
            "own_parse_articles_per_second": round(len(texts) / own, 2),
            "pipeline_articles_per_second": round(len(texts) / full, 2),
            "pipeline_first_stored_seconds": round(first, 1),
            "ratio_to_fastest_raw": round(best / full, 3),
            "ratio_to_own_parse": round(own / full, 3),
        }
        result["runs"].append(run)
        print(
            f"{workers} workers: raw parse {run['raw_articles_per_second']} articles/s "
            f"(by batch size), own parse {run['own_parse_articles_per_second']} articles/s, "
            f"full pipeline {run['pipeline_articles_per_second']} articles/s "
            f"(first stored after {first:.1f} s), "
            f"ratio to the fastest raw parse {run['ratio_to_fastest_raw']:.1%}, "
            f"to its own parse {run['ratio_to_own_parse']:.1%}",
            flush=True,
        )
    if len(result["runs"]) > 1:
        low, high = result["runs"][0], result["runs"][-1]
        result["scaling"] = {
            "from_workers": low["workers"],
            "to_workers": high["workers"],
            "raw": {
                b: round(high["raw_articles_per_second"][b] / low["raw_articles_per_second"][b], 2)
                for b in result["raw_batch_sizes"]
            },
            "own_parse": round(
                high["own_parse_articles_per_second"] / low["own_parse_articles_per_second"], 2
            ),
            "pipeline": round(
                high["pipeline_articles_per_second"] / low["pipeline_articles_per_second"], 2
            ),
        }
        print(f"scaling {low['workers']} → {high['workers']} workers: {result['scaling']}")
    if args.stage_sample:
        sample = articles[: args.stage_sample]
        result["stages_one_process"] = stages(sample, folder, args.model, capped)
        print(f"per article, one process: {result['stages_one_process']}")
    result["load_average_after"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
