"""Tests for the entity evaluation: the pairwise metric, the gold file and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.eval.entities import GOLD, load_gold, pairwise, run


def test_pairwise_perfect_and_split_and_merge() -> None:
    assert pairwise(["a", "a", "b"], ["x", "x", "y"]) == (1.0, 1.0, 1.0)
    p, r, _ = pairwise(["a", "a", "a"], ["x", "x", None])  # a missed mention costs recall
    assert p == 1.0 and r == pytest.approx(1 / 3)
    p, r, _ = pairwise(["a", "b"], ["x", "x"])  # a wrong merge costs precision
    assert p == 0.0 and r == 1.0


def test_packaged_gold_is_large_enough_and_consistent() -> None:
    articles = load_gold(GOLD)
    mentions = [m for a in articles for m in a.mentions]
    assert len(articles) >= 15 and len(mentions) >= 150
    cross = {m.entity for a in articles for m in a.mentions}
    assert sum(any(m.entity == e for m in a.mentions) for e in cross for a in articles) > len(cross)


def test_bad_gold_offsets_are_reported(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    record = {"id": "x", "text": "Kyiv said.", "published": None,
              "mentions": [{"start": 0, "end": 3, "text": "Kyiv", "entity": "k", "type": "GOV"}]}
    bad.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="does not match"):
        load_gold(bad)


def test_run_prints_scores(tmp_path: Path, nlp) -> None:
    text = "Kyiv contends that the claims are false. Zelenskiy said so, and Zelensky agreed."
    mentions = [(0, 4, "gov_ukraine", "GOV"), (41, 50, "zel", "PERSON"),
                (64, 72, "zel", "PERSON")]
    record = {"id": "t1", "text": text, "published": "2025-04-28",
              "mentions": [{"start": s, "end": e, "text": text[s:e], "entity": g, "type": t}
                           for s, e, g, t in mentions]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    lines = run(gold)
    assert lines[0].startswith("entities: 3 gold mentions, 2 gold entities, 1 articles")
    assert lines[1].startswith("pairwise P 1.000 R 1.000 F1 1.000")
    assert any(line.strip().startswith("PERSON") for line in lines)
    assert lines[-1] == "mentions found at exact offsets 3/3, with the gold type 3/3"
