"""The Ray engine on a local Ray instance: input files become Parquet shards in parallel, the
shards are loaded into the store with the same records a local ingest makes, and a rerun reuses
the shards. In CI (``CI=true``) Ray must be installed; elsewhere the test is skipped without it."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from claimscope.cli import app
from claimscope.ingest import ReadConfig, discover
from claimscope.pipeline import Analyzer, ingest
from claimscope.store import open_store
from scale_corpus import write_jsonl


@pytest.fixture(scope="module")
def ray():
    try:
        import ray
    except ModuleNotFoundError:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must install Ray (pip install -e '.[dev]')")
        pytest.skip("Ray is not installed (pip install 'claimscope[ray]')")
    return ray


def test_ray_ingest_writes_shards_loads_them_and_resumes(tmp_path, ray, nlp):
    folder = tmp_path / "in"
    write_jsonl(folder, files=2, per_file=3)
    (folder / "bad.jsonl").write_text('{"text": "A spokesman said so."}\n{oops\n', "utf-8")
    db, shards = str(tmp_path / "ray.sqlite"), tmp_path / "shards"
    runner = CliRunner()
    args = ["ingest", str(folder), "--engine", "ray", "--workers", "2", "--shards", str(shards),
            "--db", db]
    first = runner.invoke(app, args)
    assert first.exit_code == 1, first.output  # the bad line is reported, the rest goes on
    assert "bad.jsonl:2" in first.stderr
    assert "read 7 articles: 7 stored" in " ".join(first.stderr.split())
    assert len(list(shards.glob("*.parquet"))) == 3
    assert not ray.is_initialized()

    reference = open_store(tmp_path / "local.sqlite")
    ingest(discover([folder]), reference, Analyzer(), ReadConfig())
    store = open_store(db)
    assert store.counts() == reference.counts()
    assert [r["content_text"] for r in store.statements()] == [
        r["content_text"] for r in reference.statements()
    ]
    store.close()
    reference.close()

    again = runner.invoke(app, args)  # every shard exists: Ray is not even started
    summary = " ".join(again.stderr.split())
    assert "read 7 articles: 0 stored, 7 already stored (2 files unchanged" in summary
    assert "bad.jsonl:2" in summary
