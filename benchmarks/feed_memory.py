"""Peak memory of reading RSS feeds of growing size with the streaming feed reader.

Writes synthetic RSS 2.0 files (generated news-like text, about 2 KB an item with HTML content
and a teaser) of the sizes asked, then reads each in a fresh child process with
``claimscope.ingest.feed.read``, consuming every article. The child reports its resident memory
(RSS) after its imports and its peak (``ru_maxrss``); the parent samples the child's RSS with
psutil as a second witness. ``--feedparser SIZE_MB ...`` also reads those sizes the way the reader
did before it streamed (``feedparser.parse`` on the whole file), for comparison.

    python benchmarks/feed_memory.py --mb 10 120 --feedparser 10 --out feed_memory.json
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, TextIO

import psutil

MB = 1_000_000
MIB = 1024 * 1024
PLACES = ["Port Avel", "Linmouth", "Carrow Bay", "Eastholm", "the Marren delta", "North Quay"]
BODIES = [
    "the harbour council",
    "the river authority",
    "the port board",
    "the ferry operator",
    "the district health office",
    "the coast guard",
    "the water company",
]
VERBS = ["said", "confirmed", "announced", "told reporters", "estimated", "denied"]
THINGS = [
    "flood barriers",
    "ferry crossings",
    "dredging works",
    "bridge tolls",
    "sea walls",
    "pumping stations",
    "tide gauges",
    "quay repairs",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentence(rng: random.Random) -> str:
    """One generated news sentence."""
    return (
        f"{rng.choice(BODIES).capitalize()} {rng.choice(VERBS)} on {rng.choice(DAYS)} that "
        f"{rng.randint(2, 900)} {rng.choice(THINGS)} near {rng.choice(PLACES)} would cost "
        f"about {rng.randint(1, 90)} million pounds by {rng.randint(2026, 2031)}."
    )


def write_item(out: TextIO, rng: random.Random, n: int) -> None:
    """One RSS item of about 2 KB: title, link, guid, date, teaser and HTML content."""
    paragraphs = "".join(f"<p>{' '.join(sentence(rng) for _ in range(3))}</p>\n" for _ in range(4))
    out.write(
        f"<item><title>Story {n}: {rng.choice(THINGS)} near {rng.choice(PLACES)}</title>\n"
        f"<link>https://courier.test/{n}</link><guid>https://courier.test/{n}</guid>\n"
        f"<pubDate>Tue, 05 Mar 2024 {n % 24:02d}:00:00 +0000</pubDate>\n"
        f"<description>{sentence(rng)}</description>\n"
        f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>\n"
    )


def write_feed(path: Path, size: int, seed: int = 7) -> int:
    """An RSS 2.0 feed of at least ``size`` bytes; the number of items written."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
            "<title>The Synthetic Courier</title><link>https://courier.test/</link>\n"
        )
        items = 0
        while out.tell() < size:
            write_item(out, rng, items)
            items += 1
        out.write("</channel></rss>\n")
    return items


def child(path: Path, whole: bool) -> None:
    """Read a feed (streamed, or whole with feedparser) and print what it took as JSON."""
    from claimscope.errors import InputError
    from claimscope.ingest import ReadConfig, feed

    process = psutil.Process()
    baseline = process.memory_info().rss
    start = time.perf_counter()
    articles = errors = 0
    if whole:
        import feedparser

        articles = len(feedparser.parse(path.read_bytes()).entries)
    else:
        for item in feed.read(path, ReadConfig()):
            errors += isinstance(item, InputError)
            articles += not isinstance(item, InputError)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux
    print(
        json.dumps(
            {
                "articles": articles,
                "errors": errors,
                "seconds": seconds,
                "baseline": baseline,
                "peak": peak,
            }
        )
    )


def measure(path: Path, whole: bool) -> dict[str, Any]:
    """Run the child on a feed, sampling its RSS every 20 ms; its report and the sampled peak."""
    command = [sys.executable, __file__, "--child", str(path)] + (["--whole"] if whole else [])
    process = psutil.Popen(command, stdout=subprocess.PIPE, text=True)
    sampled = 0
    while process.poll() is None:
        try:
            sampled = max(sampled, process.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.02)
    output, _ = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"child failed on {path} (exit {process.returncode})")
    report: dict[str, Any] = json.loads(output)
    report["sampled_peak"] = sampled
    return report


HEADER = (
    "reader      file MB    items   seconds  RSS after imports MiB  peak MiB  "
    "peak - imports MiB  sampled peak MiB"
)


def line(row: dict[str, Any]) -> str:
    """A result as a row under ``HEADER``."""
    baseline, peak = row["baseline"] / MIB, row["peak"] / MIB
    return (
        f"{row['reader']:<10} {row['file_mb']:>8.1f} {row['items']:>8} {row['seconds']:>9.1f} "
        f"{baseline:>22.0f} {peak:>9.0f} {peak - baseline:>19.0f} "
        f"{row['sampled_peak'] / MIB:>17.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[10, 120], help="Feed sizes, MB.")
    parser.add_argument(
        "--feedparser",
        type=float,
        nargs="*",
        default=[],
        help="Sizes (MB, among --mb) also read whole by feedparser.",
    )
    parser.add_argument("--dir", type=Path, default=None, help="Work folder (default: a temp one).")
    parser.add_argument("--out", type=Path, default=None, help="Write the results as JSON.")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--whole", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.whole)
        return
    folder = args.dir or Path(tempfile.mkdtemp(prefix="claimscope-feed-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    print(HEADER)
    for size in args.mb:
        path = folder / f"feed-{size:g}mb.rss"
        items = write_feed(path, int(size * MB))
        for whole in [False, True] if size in args.feedparser else [False]:
            report = measure(path, whole)
            reader = "feedparser" if whole else "streaming"
            row = {"reader": reader, "file_mb": path.stat().st_size / MB, "items": items, **report}
            results.append(row)
            print(line(row), flush=True)
        if args.out:
            args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        path.unlink()


if __name__ == "__main__":
    main()
