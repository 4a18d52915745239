"""Throughput of the full pipeline against the raw spaCy parse of the same articles, same run.

For each worker count it times, on one synthetic corpus (``corpus.py``):

- ``raw``: the spaCy pipeline alone over the article texts already in memory
  (``nlp.pipe(texts, batch_size=64, n_process=W)``, spaCy's own multiprocessing);
- ``pipeline``: ``claimscope.pipeline.ingest`` end to end: reading the JSON Lines files,
  parsing, extracting and storing every record in a fresh SQLite store, with ``W`` workers
  (one worker: in this process; more: ``claimscope.workers.WorkerPool``).

With one worker it also splits the pipeline's cost by stage (parse, extract, store) on a sample.
Prints articles per second and the ratio pipeline / raw (target ≥ 0.85) per worker count, and
the scaling of each from the smallest to the largest worker count; ``--out`` writes JSON.

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

from corpus import write_corpus

from claimscope.ingest import ReadConfig, discover, read_paths
from claimscope.model import Article
from claimscope.nlp import BATCH_SIZE, DEFAULT_MODEL, load
from claimscope.pipeline import Analyzer, extract, ingest
from claimscope.store import open_store
from claimscope.store.rows import article_record
from claimscope.workers import WorkerPool


def corpus(folder: Path, articles: int) -> list[Path]:
    path = folder / f"corpus-{articles}"
    if not path.exists():
        write_corpus(path, articles, per_file=250)
    return discover([path])


def raw_parse(texts: list[str], model: str, workers: int) -> float:
    """Seconds to parse the texts with spaCy alone."""
    nlp = load(model)
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers):
        pass
    return time.perf_counter() - start


def full_pipeline(files: list[Path], folder: Path, model: str, workers: int) -> float:
    """Seconds to read, parse, extract and store the files into a fresh SQLite store."""
    db = folder / f"throughput-{workers}.sqlite"
    for stale in folder.glob(f"{db.name}*"):
        stale.unlink()
    store = open_store(db)
    analyzer = Analyzer(model) if workers == 1 else WorkerPool(model, workers)
    start = time.perf_counter()
    report = ingest(files, store, analyzer, ReadConfig())
    seconds = time.perf_counter() - start
    store.close()
    assert report.stored == report.read and not report.errors, report
    return seconds


def stages(articles: list[Article], folder: Path, model: str) -> dict[str, float]:
    """Seconds per article of each pipeline stage, in this process."""
    nlp = load(model)
    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=BATCH_SIZE))
    parsed = time.perf_counter()
    records = [article_record(extract(doc, a)) for doc, a in zip(docs, articles, strict=True)]
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
    for workers in args.workers:
        raw = raw_parse(texts, args.model, workers)
        full = full_pipeline(files, folder, args.model, workers)
        run = {
            "workers": workers,
            "raw_articles_per_second": round(len(texts) / raw, 2),
            "pipeline_articles_per_second": round(len(texts) / full, 2),
            "ratio": round(raw / full, 3),
        }
        result["runs"].append(run)
        print(
            f"{workers} workers: raw parse {run['raw_articles_per_second']} articles/s, "
            f"full pipeline {run['pipeline_articles_per_second']} articles/s, "
            f"ratio {run['ratio']:.1%}",
            flush=True,
        )
    if len(result["runs"]) > 1:
        low, high = result["runs"][0], result["runs"][-1]
        result["scaling"] = {
            "from_workers": low["workers"],
            "to_workers": high["workers"],
            "raw": round(high["raw_articles_per_second"] / low["raw_articles_per_second"], 2),
            "pipeline": round(
                high["pipeline_articles_per_second"] / low["pipeline_articles_per_second"], 2
            ),
        }
        print(f"scaling {low['workers']} → {high['workers']} workers: {result['scaling']}")
    if args.stage_sample:
        result["stages_one_process"] = stages(articles[: args.stage_sample], folder, args.model)
        print(f"per article, one process: {result['stages_one_process']}")
    result["load_average_after"] = os.getloadavg()
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
