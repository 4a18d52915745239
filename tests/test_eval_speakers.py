"""Tests for the speaker-resolution evaluation: gold file checks, matching rule and report."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.eval import speakers
from claimscope.eval.speakers import (
    DEFAULT_GOLD,
    GoldSpeaker,
    PredictedSpeaker,
    judge,
    load_gold,
    report,
    score,
)
from claimscope.model import Article, ArticleResult, Span, Speaker, Statement

TEXT = "Ana Ruiz, the mayor, spoke first. She said the plan was ready. The council agreed."


def item(
    mention: str, name: str, aliases: tuple[str, ...] = (), kind: str = "pronoun"
) -> GoldSpeaker:
    start = TEXT.index(mention)
    return GoldSpeaker("t1", start, start + len(mention), mention, name, aliases, kind)


def test_bundled_gold_is_valid_and_large_enough() -> None:
    gold = load_gold(DEFAULT_GOLD)
    items = [s for a in gold for s in a.speakers]
    assert len(gold) >= 12
    assert len(items) >= 40
    assert {s.type for s in items} == {"pronoun", "nominal"}
    assert len({a.id for a in gold}) == len(gold)


def test_load_gold_rejects_offsets_that_miss_the_mention(tmp_path: Path) -> None:
    row = {"id": "x", "text": "He said so.", "speakers": [
        {"start": 3, "end": 7, "mention": "He", "name": "Bo Li", "type": "pronoun"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(InputError, match="miss 'He'"):
        load_gold(path)


def test_judge_needs_overlap_and_a_matching_name_or_alias() -> None:
    she = item("She", "Ana Ruiz", ("Mayor Ana Ruiz",))
    at = (she.start, she.end + 5)
    assert judge(she, [PredictedSpeaker(*at, "ana ruiz")]) is None
    assert judge(she, [PredictedSpeaker(*at, "Mayor  Ana Ruiz")]) is None
    assert judge(she, [PredictedSpeaker(0, 8, "Ana Ruiz")]) == "no statement has this speaker"
    assert judge(she, [PredictedSpeaker(*at, None)]) == "resolved to '(unresolved)'"
    council = item("The council", "City Council", kind="nominal")
    predicted = PredictedSpeaker(council.start, council.end, "the City Council")
    assert judge(council, [predicted]) is None


def test_score_counts_by_type_and_lists_misses() -> None:
    gold = load_gold(DEFAULT_GOLD)[:2]
    predicted = [[PredictedSpeaker(s.start, s.end, s.name) for s in a.speakers] for a in gold]
    predicted[0] = predicted[0][1:]
    result = score(gold, predicted)
    total = sum(result.total.values())
    lines = report(result, verbose=True)
    assert lines[0] == f"speakers accuracy {(total - 1) / total:.3f} ({total - 1}/{total})"
    assert lines[1].startswith("pronoun accuracy ")
    assert lines[2].startswith("nominal accuracy ")
    assert len(lines) == 4 and lines[3].startswith("miss a01 ")
    assert len(report(result)) == 3


class EchoAnalyzer:
    """Stands in for claimscope.pipeline.Analyzer: resolves every pronoun speaker correctly
    and finds no nominal one."""

    def __init__(self, model: str) -> None:
        self.model = model

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        by_text = {a.text: a for a in load_gold(DEFAULT_GOLD)}
        for article in articles:
            gold = by_text[article.text]
            statements = [
                Statement(f"s{i}", Speaker(Span(s.mention, s.start, s.end), name=s.name),
                          Span("said", 0, 4), "say", Span("x", 0, 1), "indirect", 1.0)
                for i, s in enumerate(gold.speakers)
                if s.type == "pronoun"
            ]
            yield ArticleResult(article=article, statements=statements)


def test_run_scores_pipeline_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "claimscope.pipeline",
                        types.SimpleNamespace(Analyzer=EchoAnalyzer))
    lines = speakers.run(None)
    assert lines[1].startswith("pronoun accuracy 1.000 ")
    assert lines[2].startswith("nominal accuracy 0.000 ")
