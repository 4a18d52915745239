"""Parquet shards of records: written whole or not at all, loaded into a store with input
errors reported, duplicates dropped, and loaded shards skipped on the next load."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from claimscope.cli import app
from claimscope.errors import ClaimscopeError, InputError
from claimscope.model import Article
from claimscope.pipeline import Analyzer
from claimscope.shards import ShardWriter, find_shards, load, read_shard
from claimscope.store import open_store
from scale_corpus import article_text


@pytest.fixture(scope="module")
def outcomes(nlp) -> list:
    articles = [Article(text=article_text(i), origin=f"in.jsonl:{i + 1}") for i in range(5)]
    found = Analyzer().records(articles)
    return [*found[:2], InputError("in.jsonl:3", "not JSON"), *found[2:]]


def test_shard_round_trip_keeps_records_and_errors_in_order(tmp_path, outcomes):
    path = tmp_path / "a.parquet"
    with ShardWriter(path, batch=2) as writer:
        for outcome in outcomes:
            writer.add(outcome)
    assert path.exists() and not list(tmp_path.glob("*.partial"))
    back = [item for batch in read_shard(path, batch=4) for item in batch]
    assert [type(x) for x in back] == [type(x) for x in outcomes]
    assert back[2].source == "in.jsonl:3" and back[2].reason == "not JSON"
    assert back[0] == outcomes[0]


def test_a_shard_cut_short_is_not_left_behind(tmp_path, outcomes):
    path = tmp_path / "b.parquet"
    with pytest.raises(RuntimeError), ShardWriter(path) as writer:
        writer.add(outcomes[0])
        raise RuntimeError("killed mid-way")
    assert not path.exists() and not list(tmp_path.iterdir())


def test_load_stores_reports_and_skips_loaded_shards(tmp_path, outcomes):
    clean, dirty = tmp_path / "shards" / "clean.parquet", tmp_path / "shards" / "dirty.parquet"
    clean.parent.mkdir()
    with ShardWriter(clean) as writer:
        for outcome in outcomes[:2]:
            writer.add(outcome)
    with ShardWriter(dirty) as writer:
        for outcome in outcomes:  # repeats the clean shard's two articles
            writer.add(outcome)
    assert find_shards([tmp_path / "shards"]) == [clean, dirty]
    store = open_store(tmp_path / "s.sqlite")
    errors: list[InputError] = []
    report = load([clean, dirty], store, on_error=errors.append)
    assert (report.read, report.stored, report.duplicates) == (7, 5, 2)
    assert [e.source for e in errors] == ["in.jsonl:3"]
    again = load([clean, dirty], store)
    # the clean shard is skipped unread; the one with an error is read again and reports it
    assert (again.skipped_files, again.stored, again.duplicates, len(again.errors)) == (1, 0, 7, 1)
    assert store.counts()["articles"] == 5
    store.close()


def test_load_command_and_its_errors(tmp_path, outcomes):
    shard = tmp_path / "one.parquet"
    with ShardWriter(shard) as writer:
        writer.add(outcomes[0])
    runner = CliRunner()
    db = str(tmp_path / "s.sqlite")
    result = runner.invoke(app, ["load", str(shard), "--db", db])
    assert result.exit_code == 0 and "1 stored" in result.stderr
    missing = runner.invoke(app, ["load", str(tmp_path / "none"), "--db", db])
    assert missing.exit_code == 2 and "no such shard" in missing.stderr
    (tmp_path / "junk.parquet").write_text("not parquet", encoding="utf-8")
    with pytest.raises(ClaimscopeError, match=r"junk\.parquet"):
        list(read_shard(tmp_path / "junk.parquet"))
