"""The store on SQLite and PostgreSQL: same records through the same code, batch writes, no
duplicates under concurrent writers, ingest progress marks, and the CLI with a postgresql:// URL.

PostgreSQL tests use ``CLAIMSCOPE_TEST_PG`` (a SQLAlchemy URL of a database they may wipe). In CI
(``CI=true``) it must be set; elsewhere they are skipped when it is not.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from claimscope.cli import app
from claimscope.model import Article
from claimscope.pipeline import Analyzer
from claimscope.resume import file_mark
from claimscope.store import open_store
from claimscope.store import schema as t
from claimscope.store.db import database_url, display_name
from claimscope.store.rows import article_record

PG_URL = os.environ.get("CLAIMSCOPE_TEST_PG")

TEXTS = [
    "Harbour officials said that 120 ships were waiting outside the port of Velmora on Monday."
    "\n\n“The queue will clear by Friday,” port director Ines Koval said.",
    "The shipping ministry estimated that about 80 ships were delayed, a spokesman said.\n\n"
    "Ines Koval, the port director, told reporters that the figure was far too low.",
    "According to the Harbour Authority, between 2,000 and 3,000 containers were stranded last "
    "week.\n\nThe claim that 40 percent of the cargo was lost was denied by the ministry, which "
    "said its own count showed far fewer.",
]


def _pg_url() -> str:
    if not PG_URL:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must set CLAIMSCOPE_TEST_PG (see .ci/run)")
        pytest.skip("no PostgreSQL server: set CLAIMSCOPE_TEST_PG=postgresql+psycopg://…")
    return PG_URL


def _wipe(url: str) -> None:
    engine = create_engine(database_url(url))
    t.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> Iterator[str]:
    """A fresh, empty store location on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.sqlite")
        return
    url = _pg_url()
    _wipe(url)
    yield url
    _wipe(url)


@pytest.fixture(scope="module")
def records(nlp) -> list[dict]:
    analyzer = Analyzer()
    articles = [
        Article(
            text=text, origin=f"t{i}.txt", outlet="Port Gazette", published=date(2025, 3, i + 1)
        )
        for i, text in enumerate(TEXTS)
    ]
    return [article_record(analyzer.analyze(a)) for a in articles]


def _snapshot(store) -> dict:
    return {
        "counts": store.counts(),
        "statements": [
            {k: v for k, v in row.items() if k not in {"ingested_at"}} for row in store.statements()
        ],
        "quantities": list(store.quantities()),
        "articles": store.articles(),
    }


def test_postgres_urls_use_psycopg3():
    assert database_url("postgresql://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.sqlite") == "sqlite:///x.sqlite"
    assert display_name("postgresql://user:secret@host/db") == "postgresql://user:***@host/db"


def test_batch_add_is_idempotent_and_keeps_offsets(db, records):
    store = open_store(db)
    assert store.add_records(records) == [True, True, True]
    assert store.add_records([records[1], records[1]]) == [False, False]
    counts = store.counts()
    assert counts["articles"] == 3
    assert counts["statements"] == sum(len(r["statements"]) for r in records)
    assert counts["quantities"] == sum(len(r["quantities"]) for r in records)
    assert store.known([r["article"]["sha256"] for r in records] + ["0" * 64]) == {
        r["article"]["sha256"] for r in records
    }
    for row in store.statements():
        text = store.article_text(row["article_id"])
        assert text[row["content_start"] : row["content_end"]] == row["content_text"]
    # "Ines Koval" appears in two articles and is kept once
    names = [row["entity"] for row in store.statements() if row["entity"]]
    assert names.count("Ines Koval") >= 2
    store.close()


def test_both_backends_store_the_same(tmp_path, records):
    url = _pg_url()
    _wipe(url)
    stores = [open_store(tmp_path / "a.sqlite"), open_store(url)]
    for store in stores:
        for record in records:  # one by one here, in one batch on the other path below
            store.add_records([record])
    lite, pg = (_snapshot(s) for s in stores)
    assert lite == pg
    for store in stores:
        store.close()
    _wipe(url)


def test_finished_files_are_remembered(db, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "A minister said so."}\n', encoding="utf-8")
    mark = file_mark(path)
    assert mark is not None
    store = open_store(db)
    assert store.finished_file(mark) is None
    store.mark_finished([(mark, 1)])
    store.mark_finished([(mark, 1)])  # marking again replaces
    assert store.finished_file(mark) == 1
    path.write_text('{"text": "A minister said so."}\n{"text": "Then more."}\n', encoding="utf-8")
    assert store.finished_file(file_mark(path)) is None  # changed since: read again
    store.close()


def _write_all(db: str, records: list[dict], start, out) -> None:
    store = open_store(db)
    start.wait()
    added = [store.add_records([r])[0] for r in records]
    added += store.add_records(records)
    out.put(sum(added))
    store.close()


def test_concurrent_writers_never_duplicate(db, records):
    open_store(db).close()  # create the tables first, as an ingest's store does
    ctx = mp.get_context("spawn")
    start = ctx.Event()
    out = ctx.Queue()
    procs = [
        ctx.Process(target=_write_all, args=(db, records[::step], start, out))
        for step in (1, -1, 1)
    ]
    for proc in procs:
        proc.start()
    start.set()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    assert sum(out.get(timeout=5) for _ in procs) == len(records)
    store = open_store(db)
    counts = store.counts()
    assert counts["articles"] == len(records)
    assert counts["statements"] == sum(len(r["statements"]) for r in records)
    store.close()


def test_cli_ingest_show_export_on_postgres(tmp_path):
    url = _pg_url()
    _wipe(url)
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(folder), "--db", plain, "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "3 stored" in first.stderr
    again = runner.invoke(app, ["ingest", str(folder), "--db", plain])
    assert "0 stored, 3 already stored" in again.stderr
    shown = runner.invoke(app, ["show", "--db", plain])
    assert shown.exit_code == 0 and "3 articles" in " ".join(shown.stdout.split())
    exported = runner.invoke(app, ["export", "--db", plain, "--format", "jsonl"])
    assert exported.exit_code == 0 and '"record": "statement"' in exported.stdout
    _wipe(url)


def test_unreachable_postgres_is_a_clean_error(tmp_path):
    pytest.importorskip("psycopg")
    runner = CliRunner()
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "a.txt"), "--db", "postgresql://u:pw@127.0.0.1:1/none"]
    )
    assert result.exit_code == 2
    assert "cannot open database" in result.stderr and "pw" not in result.stderr
    assert "Traceback" not in result.output


def test_missing_folder_names_the_store(tmp_path):
    from claimscope.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        open_store(Path(tmp_path / "nope" / "s.sqlite"))
