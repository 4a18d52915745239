"""Concurrency: ingest processes running at once on one store finish with every article stored
once and whole.

Two ``claimscope ingest`` processes share a SQLite file; three share a PostgreSQL database given
in ``CLAIMSCOPE_TEST_PG`` (a SQLAlchemy URL of a database the test may wipe; required in CI,
skipped elsewhere without it). The processes read overlapping inputs, so they race to
store the same articles.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from crash_corpus import check_consistent, ingest_command, start, write_corpus


def run_together(commands: list[list[str]]) -> None:
    """Start all the commands at once and assert that each exits cleanly."""
    processes = [start(command) for command in commands]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr.decode()[-2000:]


def test_two_processes_on_one_sqlite_file_store_each_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    total = write_corpus(corpus)
    reference_db = tmp_path / "reference.sqlite"
    done = subprocess.run(ingest_command(corpus, str(reference_db)), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    reference = check_consistent(reference_db)

    db = str(tmp_path / "shared.sqlite")
    run_together([ingest_command(corpus, db), ingest_command(corpus, db)])
    stored = check_consistent(Path(db))
    assert len(stored) == total
    assert stored == reference


PG_URL = os.environ.get("CLAIMSCOPE_TEST_PG")


def pg_url() -> str:
    if not PG_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must set CLAIMSCOPE_TEST_PG (see .ci/run)")
        pytest.skip("no PostgreSQL server: set CLAIMSCOPE_TEST_PG=postgresql+psycopg://…")
    return PG_URL


def test_marking_a_file_while_another_writer_marks_it_does_not_fail(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, insert

    from claimscope.resume import file_mark
    from claimscope.store import open_store
    from claimscope.store import schema as t
    from claimscope.store.db import database_url

    url = pg_url()
    engine = create_engine(database_url(url))
    t.metadata.drop_all(engine)
    store = open_store(url)
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    mark = file_mark(path)
    assert mark is not None
    failures: list[BaseException] = []

    def other_writer() -> None:
        try:
            store.mark_finished([(mark, 1)])
        except Exception as exc:
            failures.append(exc)

    try:
        with engine.begin() as conn:  # the first writer, mid-way through its mark
            conn.execute(
                insert(t.ingest_files).values(
                    path=mark.path,
                    size=mark.size,
                    mtime_ns=mark.mtime_ns,
                    articles=1,
                    finished_at=datetime(2025, 1, 1),
                )
            )
            thread = threading.Thread(target=other_writer)
            thread.start()
            time.sleep(1.0)  # the second writer now waits on the first one's row
        thread.join(timeout=60)
        assert not failures, failures
    finally:
        store.close()
        t.metadata.drop_all(engine)
        engine.dispose()


def test_several_processes_on_postgresql_store_each_article_once(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, func, select

    from claimscope.store import schema as t
    from claimscope.store.db import database_url

    url = pg_url()
    corpus = tmp_path / "corpus"
    total = write_corpus(corpus)
    engine = create_engine(database_url(url))
    t.metadata.drop_all(engine)
    try:
        run_together([ingest_command(corpus, url) for _ in range(3)])
        with engine.connect() as conn:
            shas = conn.execute(select(t.articles.c.sha256)).scalars().all()
            ids = select(t.articles.c.id)
            orphans = {
                table.name: conn.execute(
                    select(func.count()).select_from(table).where(table.c.article_id.not_in(ids))
                ).scalar_one()
                for table in (t.statements, t.quantities, t.times, t.mentions)
            }
        assert len(shas) == len(set(shas)) == total
        assert not any(orphans.values()), orphans
    finally:
        t.metadata.drop_all(engine)
        engine.dispose()
