"""End to end on a small store: ingest written articles, reconcile, read the views."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from claimscope.cli import app
from claimscope.model import Article
from claimscope.pipeline import extract
from claimscope.reconcile import disputes, measures
from claimscope.store import open_store

WIRE = (
    "LJUBLJANA (Test Wire) — Flash floods in northern Slovenia have killed at least 23 people, "
    "the civil protection agency said on Tuesday, after two days of rain swept away roads.\n\n"
    "The Slovenian Red Cross said that at least 40 people had died in the floods across the "
    "valley, and rescue teams were still searching villages cut off by landslides."
)
COPY = WIRE.replace("swept away roads", "washed away roads")
REBUT = (
    "LJUBLJANA — Red Cross secretary general Ana Petrovec rejected the civil protection "
    "agency's figure of 23 deaths as far too low."
)


def _store(nlp, tmp_path):
    store = open_store(tmp_path / "r.sqlite")
    for k, (text, outlet) in enumerate([(WIRE, "Wire"), (COPY, "Copy"), (REBUT, "Review")]):
        article = Article(text=text, origin=f"t{k}", outlet=outlet, url=f"https://x.test/{k}",
                          published=date(2025, 6, 10 + k // 2))
        store.add(extract(nlp(article.text), article))
    return store


def test_measures_fold_copies_and_flag_no_false_conflict(nlp, tmp_path) -> None:
    store = _store(nlp, tmp_path)
    found = measures(store, about="Slovenia")
    deaths = [m for m in found if m["measure"] == "Slovenia: killed"]
    assert deaths, [m["measure"] for m in found]
    wire = [e for e in deaths[0]["estimates"] if e["evidence"]["text"] == "at least 23"]
    assert wire and sorted(wire[0]["outlets"]) == ["Copy", "Wire"]
    text = store.article_text(wire[0]["article"])
    ev = wire[0]["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["text"]
    assert deaths[0]["conflict"] is False  # "at least 23" and "at least 40" overlap


def test_disputes_and_cli(nlp, tmp_path) -> None:
    store = _store(nlp, tmp_path)
    found = disputes(store)
    assert any(d["rebuttal"]["cue"] == "rejected" and d["rebuttal"]["outlet"] == "Review"
               for d in found)
    store.close()
    runner = CliRunner()
    res = runner.invoke(app, ["estimates", "--db", str(tmp_path / "r.sqlite"), "--json"])
    assert res.exit_code == 0, res.output
    assert {"id", "measure", "subject", "estimates", "summary", "conflict", "ratio"} <= set(
        json.loads(res.stdout)[0]
    )
    res = runner.invoke(app, ["export", "--db", str(tmp_path / "r.sqlite"), "--format",
                              "claimreview"])
    assert res.exit_code == 0 and "ClaimReview" in res.stdout
