"""Scaling of the full pipeline with the number of worker processes (target: 2 workers ≥ 1.8×
one worker on a 2-core machine).

Runs ``claimscope.pipeline.ingest`` end to end (read, parse, extract, store into a fresh SQLite
store) on one synthetic corpus, alternating the worker counts for ``--repeats`` rounds so that
drift in the machine's load hits all of them alike, and reports the median articles per second
of each and its ratio to the first. The load average is printed too: on a shared machine,
other processes' load caps what extra workers can gain.

    python benchmarks/scaling.py --articles 400 --workers 1 2 --repeats 2 --out scaling.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from pathlib import Path

from throughput import corpus, full_pipeline

from claimscope.nlp import DEFAULT_MODEL, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temp one).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimscope-scaling-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = corpus(folder, args.articles)
    load(args.model)  # the one-worker runs parse in this process: load before timing
    speeds: dict[int, list[float]] = {w: [] for w in args.workers}
    loads = [os.getloadavg()[0]]
    for round_ in range(args.repeats):
        for workers in args.workers:
            seconds, _first = full_pipeline(files, folder, args.model, workers)
            speeds[workers].append(args.articles / seconds)
            loads.append(os.getloadavg()[0])
            print(f"round {round_ + 1}, {workers} workers: {args.articles / seconds:.2f} "
                  f"articles/s (load average {loads[-1]:.1f})", flush=True)
    base = statistics.median(speeds[args.workers[0]])
    result = {
        "articles": args.articles,
        "cores": os.cpu_count(),
        "load_averages": loads,
        "articles_per_second": {w: [round(s, 2) for s in v] for w, v in speeds.items()},
        "speedup": {w: round(statistics.median(v) / base, 2) for w, v in speeds.items()},
    }
    print(f"speed-up against {args.workers[0]} worker(s): {result['speedup']}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
