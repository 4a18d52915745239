"""The command line end to end: analyze, ingest (with bad inputs), show, export, demo."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimscope.cli import app
from claimscope.paths import SAMPLE_CORPUS
from claimscope.store import open_store

runner = CliRunner(env={"COLUMNS": "250"})

GOOD_TXT = """---
title: Bridge reopens after repairs
outlet: Valley Courier
published: 2025-06-02
url: https://valley-courier.test/bridge
---
Bridge reopens after repairs

The transport office said that 3,400 vehicles crossed the bridge on Monday.

“Traffic is back to normal,” engineer Marta Silva said.
"""

GOOD_JSONL = json.dumps(
    {
        "text": "The mayor said that the market would open on Saturday.",
        "title": "Market to open",
        "outlet": "Town Crier",
        "published": "2025-06-03",
    }
)

HTML = """<html><head><title>Dam inspection</title></head><body><article><h1>Dam inspection</h1>
<p>The water authority said that the dam had passed its annual inspection without faults.</p>
<p>“We found no cracks,” inspector Omar Haddad said after the visit.</p></article></body></html>
"""


def _warc(path: Path) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(3):
            body = HTML.replace("annual", f"annual ({n})").encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.test/{n}", "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_analyze_json_is_one_schema_object_per_article(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(GOOD_JSONL + "\n", encoding="utf-8")
    result = _run("analyze", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 2
    for obj in objects:
        assert obj["schema"] == "claimscope/1"
        text = obj["article"]["text"]
        assert obj["statements"]
        for st in obj["statements"]:
            for key in ("cue", "content"):
                assert text[st[key]["start"] : st[key]["end"]] == st[key]["text"]
    first = objects[0]
    assert first["article"]["outlet"] == "Valley Courier"
    assert first["article"]["published"] == "2025-06-02"


def test_analyze_published_fills_missing_dates_and_table_output(tmp_path):
    (tmp_path / "plain.txt").write_text(
        "The council said that taxes would fall.\n", encoding="utf-8"
    )
    result = _run("analyze", str(tmp_path / "plain.txt"), "--json", "--published", "2025-04-28")
    assert json.loads(result.stdout)["article"]["published"] == "2025-04-28"
    table = _run("analyze", str(tmp_path / "plain.txt"))
    assert table.exit_code == 0
    assert "Statements" in table.stdout and "The council" in table.stdout


def test_bad_date_and_unknown_model_are_clear_errors(tmp_path):
    (tmp_path / "plain.txt").write_text("The council said that taxes would fall.\n")
    bad = runner.invoke(app, ["analyze", str(tmp_path), "--published", "28/04/2025"])
    assert bad.exit_code == 2 and "--published" in bad.stderr
    model = runner.invoke(app, ["analyze", str(tmp_path), "--model", "no_such_pipeline"])
    assert model.exit_code == 2 and "no_such_pipeline" in model.stderr


@pytest.fixture
def mixed_batch(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "good.html").write_text(HTML, encoding="utf-8")
    (folder / "lines.jsonl").write_text(GOOD_JSONL + "\n{not json\n", encoding="utf-8")
    _warc(folder / "crawl.warc.gz")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "latin1.txt").write_bytes("Le ministre a déclaré".encode("latin-1"))
    (folder / "broken.html").write_text("<html><body><div><p>", encoding="utf-8")
    data = (folder / "crawl.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    with (folder / "huge.txt").open("wb") as fh:
        fh.write(b"The ministry said that the figures were final. " * 1_100_000)
    return folder


def test_ingest_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, mixed_batch):
    db = str(tmp_path / "store.sqlite")
    result = runner.invoke(app, ["ingest", str(mixed_batch), "--db", db, "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    for name in (
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "broken.html",
        "cut.warc.gz",
        "lines.jsonl:2",
        "huge.txt",
    ):
        assert any(name in line for line in errors), (name, errors)
    shown = _run("show", "--db", db)
    stored = json.loads(_run("export", "--db", db, "--format", "jsonl").stdout.splitlines()[0])
    assert stored["record"] == "statement"
    assert "Bridge reopens after repairs" in shown.stdout
    # good.txt, good.html, 1 jsonl line, 3 WARC records; the cut WARC repeats records already
    # stored, so they are counted as already stored, not stored twice
    store = open_store(db)
    assert store.counts()["articles"] == 6
    statements = store.counts()["statements"]
    store.close()

    again = runner.invoke(app, ["ingest", str(mixed_batch), "--db", db, "--quiet"])
    assert again.exit_code == 1
    store = open_store(db)
    assert store.counts()["articles"] == 6
    assert store.counts()["statements"] == statements
    store.close()


def test_ingest_twice_adds_nothing_and_export_csv(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    db = str(tmp_path / "store.sqlite")
    first = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert first.exit_code == 0
    assert "1 stored" in first.stderr
    second = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", db])
    assert "0 stored, 1 already stored" in second.stderr
    out = tmp_path / "out.csv"
    assert _run("export", "--db", db, "--format", "csv", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    kinds = {r["record"] for r in rows}
    assert "statement" in kinds and "quantity" in kinds
    text = GOOD_TXT.split("---\n", 2)[2]
    assert any(
        r["text"] == "3,400" or "3,400" in r["text"] for r in rows if r["record"] == "quantity"
    ), rows
    assert "3,400" in text


def test_demo_reports_statements_by_speaker(tmp_path):
    db = str(tmp_path / "demo.sqlite")
    result = runner.invoke(app, ["demo", "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "claimscope demo" in result.stdout
    files = [p for p in SAMPLE_CORPUS.rglob("*") if p.is_file() and p.name != "README"]
    assert len(files) >= 6
    store = open_store(db)
    assert store.counts()["articles"] == 9
    rows = list(store.statements())
    store.close()
    assert len(rows) >= 20
    report = " ".join(result.stdout.split())
    # grouped by canonical speaker, with the spellings seen listed beside the name
    assert "Volodymyr Zelenskyy —" in report
    assert "Government of Ukraine —" in report
    assert "Zelenskiy" in report


def test_every_span_matches_its_text_on_the_sample_corpus_and_seed(seed_path):
    result = _run(
        "analyze", str(SAMPLE_CORPUS), str(seed_path), "--json", "--published", "2025-04-28"
    )
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(objects) == 10
    for obj in objects:
        text = obj["article"]["text"]
        for st in obj["statements"]:
            for key in ("cue", "content"):
                assert text[st[key]["start"] : st[key]["end"]] == st[key]["text"]
            if st["speaker"]:
                sp = st["speaker"]
                assert text[sp["start"] : sp["end"]] == sp["text"]
            for s, e in st["content"]["fragments"]:
                assert 0 <= s < e <= len(text)
        for q in obj["quantities"]:
            assert text[q["start"] : q["end"]] == q["text"]
            if q["counted_span"]:
                c = q["counted_span"]
                assert text[c["start"] : c["end"]] == c["text"]
        for tm in obj["times"]:
            assert text[tm["start"] : tm["end"]] == tm["text"]
        for ent in obj["entities"]:
            for s, e in ent["mentions"]:
                assert 0 <= s < e <= len(text)
