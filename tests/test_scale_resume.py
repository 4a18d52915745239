"""Resuming: an ingest killed (SIGKILL) or interrupted (Ctrl-C) with worker processes running
restarts where it stopped, and ends with exactly the store an uninterrupted ingest makes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from claimscope.ingest import ReadConfig, discover
from claimscope.pipeline import Analyzer, ingest
from claimscope.store import open_store
from scale_corpus import write_jsonl

FILES = 48
ARTICLES = 480  # files of 10: both stops land after whole files and well before the end,
# however fast the analysis (each stop is sent a poll after its threshold is reached)


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    store = open_store(db)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def _start(folder: Path, db: Path) -> psutil.Popen:
    command = [sys.executable, "-m", "claimscope.cli", "ingest", str(folder), "--db", str(db),
               "--workers", "2", "--batch-size", "3"]
    return psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop_when(proc: psutil.Popen, db: Path, at_least: int, sig: int) -> list[psutil.Process]:
    deadline = time.monotonic() + 240
    while _count(db) < at_least:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.2)
    workers = proc.children(recursive=True)
    proc.send_signal(sig)
    proc.wait(60)
    return workers


def _gone(procs: list[psutil.Process]) -> bool:
    _ended, alive = psutil.wait_procs(procs, timeout=30)
    return not alive


def _snapshot(db: Path) -> dict:
    store = open_store(db)
    snap = {
        "counts": store.counts(),
        "statements": [
            {k: v for k, v in r.items() if k != "ingested_at"} for r in store.statements()
        ],
        "quantities": list(store.quantities()),
    }
    store.close()
    return snap


def test_killed_then_interrupted_ingest_resumes_without_loss_or_duplicates(tmp_path, nlp):
    folder = tmp_path / "in"
    write_jsonl(folder, files=FILES, per_file=ARTICLES // FILES)
    db = tmp_path / "store.sqlite"

    killed = _start(folder, db)
    workers = _stop_when(killed, db, at_least=6, sig=signal.SIGKILL)
    assert _gone(workers), "worker processes outlived a killed ingest"
    first = _count(db)
    assert 6 <= first < ARTICLES

    interrupted = _start(folder, db)
    workers = _stop_when(interrupted, db, at_least=first + 6, sig=signal.SIGINT)
    _out, err = interrupted.communicate()
    assert interrupted.returncode == 130, err
    assert "run the same ingest again to resume" in err and "Traceback" not in err
    assert _gone(workers)
    second = _count(db)
    assert first + 6 <= second < ARTICLES

    final = _start(folder, db)
    _out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    summary = " ".join(err.split())
    # the rest is parsed and stored; what was stored before is skipped, whole files unread
    assert f"read {ARTICLES} articles: {ARTICLES - second} stored, {second} already stored" in (
        summary
    )
    assert "files unchanged since stored" in summary

    reference = tmp_path / "reference.sqlite"
    store = open_store(reference)
    ingest(discover([folder]), store, Analyzer(batch_size=3), ReadConfig())
    store.close()
    assert _snapshot(db) == _snapshot(reference)
