"""Crash safety: an ingest killed with SIGKILL at random points, then resumed by running it again,
leaves a sound store with every article stored once, whole, and none lost.

A clean ingest of a small corpus gives the reference: how long a run takes and each article's
record counts. Then 20 trials each start the same ingest on a store and kill it: half at a random
moment (during start-up, parsing or a write), half as soon as the store holds a few more articles
than before (certainly mid-ingest, however loaded the machine); after each kill the store must
pass SQLite's integrity and foreign-key checks, hold no article twice and no article in part, and
still hold everything stored before. A store that reaches the whole corpus is checked against the
reference and the next trial starts a fresh one; a final run resumes the last store to the end.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import time
from pathlib import Path

from crash_corpus import check_consistent, ingest_command, kill, start, write_corpus

TRIALS = 20


def run_to_end(corpus: Path, db: Path) -> float:
    """Run the ingest to its end; return its wall time."""
    started = time.monotonic()
    done = subprocess.run(ingest_command(corpus, str(db)), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return time.monotonic() - started


def wait_for_articles(db: Path, count: int, process: subprocess.Popen[bytes], limit: float) -> None:
    """Poll the store until it holds ``count`` articles, the ingest ends, or ``limit`` passes."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    if conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= count:
                        return
            except sqlite3.OperationalError:
                pass  # the store is still being created
        time.sleep(0.02)


def test_kill_9_at_random_points_then_resume_loses_and_doubles_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    total = write_corpus(corpus)
    reference_db = tmp_path / "reference.sqlite"
    duration = run_to_end(corpus, reference_db)
    reference = check_consistent(reference_db)
    assert len(reference) == total

    rng = random.Random(20)
    store = 0
    db = tmp_path / f"store{store}.sqlite"
    before: dict[str, tuple[int, ...]] = {}
    interrupted = 0  # kills that left a store part-way: neither empty nor complete
    for trial in range(TRIALS):
        process = start(ingest_command(corpus, str(db)))
        if trial % 2:
            # a random moment: start-up, parsing or a write
            time.sleep(rng.uniform(0.1, 1.0) * duration)
        else:
            # once the store holds a random number of articles: certainly mid-ingest
            wait_for_articles(db, len(before) + rng.randint(1, 3), process, duration * 3)
        finished = process.poll() is not None
        kill(process)
        now = check_consistent(db) if db.exists() else {}
        assert set(before) <= set(now), "articles stored before the kill are gone"
        assert all(now[sha] == reference[sha] for sha in now), "an article is stored in part"
        if not finished and 0 < len(now) < total:
            interrupted += 1
        if len(now) == total:
            store += 1
            db, before = tmp_path / f"store{store}.sqlite", {}
        else:
            before = now
    run_to_end(corpus, db)
    assert check_consistent(db) == reference
    assert interrupted >= TRIALS // 4, f"only {interrupted} kills landed mid-ingest"
