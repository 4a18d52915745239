"""A small corpus and store checks shared by the crash-safety and concurrency tests.

The corpus is a handful of short, distinct English articles in JSON Lines and text files, so
that an ingest of it takes a few seconds and a kill lands before, during or after its writes.
The checks read a SQLite store directly: PRAGMA integrity and foreign-key checks, each article
once by sha256, and each stored article holding exactly the records a clean ingest gives it.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

RECORD_TABLES = ("statements", "quantities", "times", "mentions")


def article(marker: str) -> str:
    return (
        f"The harbour council of {marker} said on Tuesday that {len(marker) * 3} streets had "
        "flooded overnight, and officials expected the water to recede by Thursday."
    )


def write_corpus(folder: Path) -> int:
    """Write 3 JSON Lines files of 6 articles and 6 text files; return the article count."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(3):
        lines = [
            json.dumps({"text": article(f"Town{f}x{i}"), "published": f"2025-06-0{i + 1}"})
            for i in range(6)
        ]
        (folder / f"batch{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(6):
        (folder / f"village{i}.txt").write_text(article(f"Village{i}") + "\n", encoding="utf-8")
    return 24


def ingest_command(corpus: Path, db: str, *extra: str) -> list[str]:
    """The real CLI's ingest, in its own Python process, one parser, small transactions."""
    return [
        sys.executable, "-m", "claimscope.cli", "ingest", str(corpus), "--db", db, "--quiet",
        "--workers", "1", "--batch-size", "2", *extra,
    ]  # fmt: skip


def start(command: list[str]) -> subprocess.Popen[bytes]:
    """Start a command in its own process group (so a kill reaches any child it made)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the process and its group, and reap it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def check_consistent(db: Path) -> dict[str, tuple[int, ...]]:
    """Assert the store is sound; return each article's sha256 → its record counts."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        shas = [row[0] for row in conn.execute("SELECT sha256 FROM articles")]
        assert len(shas) == len(set(shas)), "an article is stored twice"
        counts: dict[str, list[int]] = {sha: [] for sha in shas}
        for table in RECORD_TABLES:
            query = (
                f"SELECT a.sha256, COUNT(r.article_id) FROM articles a "
                f"LEFT JOIN {table} r ON r.article_id = a.id GROUP BY a.sha256"
            )
            for sha, n in conn.execute(query):
                counts[sha].append(n)
            orphans = conn.execute(
                f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, f"{orphans} {table} rows without their article"
    return {sha: tuple(n) for sha, n in counts.items()}
