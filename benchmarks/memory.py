"""Peak memory of `claimscope ingest` with worker processes, at several corpus sizes.

Runs the real command line in a subprocess on a synthetic corpus (``corpus.py``) into a fresh
SQLite store, sampling the resident memory (RSS) of the whole process tree (the writer and its
workers) every quarter second. Prints, per size, the peak total RSS, the largest single process,
wall time and articles per second, and a trace of RSS against articles stored, which shows
whether memory is flat in the number of articles. Writes everything as JSON with ``--out``.

    python benchmarks/memory.py --articles 1000 20000 --workers 2 --out memory.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from corpus import write_corpus

from claimscope.store import open_store

MB = 1024 * 1024


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    store = open_store(db)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def _tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """Total and largest RSS in bytes of a process and its descendants."""
    sizes = []
    for p in [proc, *proc.children(recursive=True)]:
        try:
            sizes.append(p.memory_info().rss)
        except psutil.Error:
            continue
    return sum(sizes), max(sizes, default=0)


def measure(articles: int, workers: int, folder: Path, batch_size: int) -> dict[str, Any]:
    """Ingest ``articles`` synthetic articles with ``workers`` workers; memory and speed."""
    corpus = folder / f"corpus-{articles}"
    if not corpus.exists():
        write_corpus(corpus, articles, per_file=1000)
    db = folder / f"store-{articles}-{workers}.sqlite"
    for stale in folder.glob(f"{db.name}*"):
        stale.unlink()
    command = [sys.executable, "-m", "claimscope.cli", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers), "--batch-size", str(batch_size), "--quiet"]
    start = time.perf_counter()
    proc = psutil.Popen(command)
    peak_total = peak_single = 0
    trace: list[tuple[float, int, float]] = []
    last = 0.0
    while proc.poll() is None:
        total, single = _tree_rss(proc)
        peak_total, peak_single = max(peak_total, total), max(peak_single, single)
        now = time.perf_counter() - start
        if now - last >= 10:
            trace.append((round(now, 1), _stored(db), round(total / MB, 1)))
            print(f"  {trace[-1][0]:>8} s {trace[-1][1]:>7} stored {trace[-1][2]:>8} MB "
                  f"(peak {peak_total / MB:.0f} MB)", flush=True)
            last = now
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    stored = _stored(db)
    return {
        "articles": articles,
        "workers": workers,
        "exit_code": proc.returncode,
        "stored": stored,
        "seconds": round(seconds, 1),
        "articles_per_second": round(stored / seconds, 2),
        "peak_total_rss_mb": round(peak_total / MB, 1),
        "peak_process_rss_mb": round(peak_single / MB, 1),
        "trace_seconds_stored_rss_mb": trace,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temp one).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimscope-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.articles:
        result = measure(n, args.workers, folder, args.batch_size)
        results.append(result)
        print(
            f"{n:>7} articles, {args.workers} workers: peak RSS {result['peak_total_rss_mb']} MB "
            f"(largest process {result['peak_process_rss_mb']} MB), {result['seconds']} s, "
            f"{result['articles_per_second']} articles/s, exit {result['exit_code']}",
            flush=True,
        )
        if args.out:
            args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
