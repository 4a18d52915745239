"""Tests for the PolNeAR loader, the span scorer and the statement-evaluation runner.

All texts and annotations here are written for these tests; the real corpus is only read (if
present) to check that gold scored against itself is perfect.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from claimscope.errors import InputError
from claimscope.eval import statements
from claimscope.eval.polnear import Attribution, load_split, parse_ann
from claimscope.eval.spans import (
    OffsetMap,
    Tokens,
    exact_counts,
    overlap_counts,
    quoted_regions,
    sentence_breaks,
    sentence_pieces,
    span_kind,
)
from claimscope.eval.statements import ArticleSpans, Triple, score_article, score_split
from claimscope.model import Article, ArticleResult, Span, Speaker, Statement
from claimscope.paths import shared_data

TEXT = (
    "Rain plan passes\n"
    "The council said the plan would cost less.  “We are ready,” Mayor Ana Ruiz said, "
    "“and we will start in May.”\n"
    "Critics fear delays."
)


def frag(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def make_ann(text: str) -> str:
    """The annotation of TEXT (or of a copy with different whitespace), offsets found in it."""

    def t(tid: str, label: str, *parts: tuple[str, int]) -> str:
        offsets = ";".join("{} {}".format(*frag(text, p, n)) for p, n in parts)
        return f"{tid}\t{label} {offsets}\t{' '.join(p for p, _ in parts)}"

    return "\n".join(
        [
            t("T1", "Source", ("The council", 0)),
            t("T2", "Cue", ("said", 0)),
            t("T3", "Content", ("the plan would cost less", 0)),
            t("T4", "Attribution", ("said", 0)),
            "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
            t("T5", "Source", ("Mayor Ana Ruiz", 0)),
            t("T6", "Cue", ("said", 1)),
            t("T7", "Content", ("“We are ready,”", 0), ("“and we will start in May.”", 0)),
            t("T8", "Attribution", ("said", 1)),
            "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
            t("T9", "Cue", ("fear", 0)),
            t("T10", "Content", ("delays", 0)),
            t("T11", "Content", ("Rain plan", 0)),
            t("T12", "Attribution-no-source", ("fear", 0)),
            "E3\tAttribution-no-source:T12 Cue:T9 Content:T10 Content2:T11",
            "E4\tAttribution-no-source:T12 ",
            t("T13", "Discard", ("Critics", 0)),
        ]
    )


ANN = make_ann(TEXT)


def test_parse_ann_reads_fragments_no_source_and_content2() -> None:
    atts = parse_ann(ANN)
    assert [a.id for a in atts] == ["E1", "E2", "E3"]  # E4 has no cue or content: skipped
    council, mayor, critics = atts
    assert TEXT[slice(*council.source[0])] == "The council"
    assert len(mayor.content) == 2
    assert critics.source is None
    assert [TEXT[s:e] for s, e in critics.content] == ["Rain plan", "delays"]


def test_parse_ann_rejects_bad_offsets() -> None:
    with pytest.raises(InputError, match="bad span offsets"):
        parse_ann("T1\tCue 3 x\tsaid", "bad.ann")


def make_corpus(root: Path, text: str = TEXT, ann: str = ANN) -> Path:
    split = root / "data" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "paper_2016-01-02_rain-plan.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / "paper_2016-01-02_rain-plan_zz99.ann").write_text("")
    (split / "attributions" / "paper_2016-01-02_rain-plan_aa11.ann").write_text(ann)
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublisher\tpublication_date\ttitle\n"
        "dev\tpaper_2016-01-02_rain-plan\tpaper\t2016-01-02\tRain plan passes\n"
    )
    return root


def test_load_split_picks_first_annotator_and_reads_metadata(tmp_path: Path) -> None:
    (doc,) = load_split(make_corpus(tmp_path), "dev")
    assert doc.annotator == "aa11"
    assert len(doc.attributions) == 3
    assert doc.published == date(2016, 1, 2)
    assert doc.outlet == "paper"
    with pytest.raises(InputError, match="unknown PolNeAR split"):
        load_split(tmp_path, "valid")


def test_tokens_ignore_whitespace_and_need_every_fragment() -> None:
    tokens = Tokens(TEXT)
    start, end = frag(TEXT, "Mayor Ana Ruiz")
    assert tokens.ids(((start - 1, end),)) == tokens.ids(((start, end),))
    both = tokens.ids((frag(TEXT, "“We are ready,”"), frag(TEXT, "“and we will")))
    one = tokens.ids((frag(TEXT, "“We are ready,”"),))
    assert exact_counts([both], [one]).hit_gold == 0


def test_quotes_decide_direct_mixed_indirect() -> None:
    text = "He said “we won” and that the ‘team’s work’ paid off.\n“Open quote runs on"
    tokens = Tokens(text)
    quoted = tokens.ids(tuple(quoted_regions(text)))

    def kind(part: str) -> str:
        return span_kind(tokens, quoted, tokens.ids((frag(text, part),)))

    assert kind("“we won”") == "direct"
    assert kind("“we won” and that") == "mixed"
    assert kind("and that") == "indirect"
    assert kind("team’s work") == "direct"  # the apostrophe does not close the single quote
    assert kind("runs on") == "direct"  # an unclosed quote runs to the end of its paragraph


def test_exact_counts_match_each_gold_span_once() -> None:
    a, b = frozenset({1, 2}), frozenset({5})
    counts = exact_counts([a, b], [a, a, frozenset({9})])
    assert (counts.hit_gold, counts.gold, counts.pred) == (1, 2, 3)
    assert counts.precision == pytest.approx(1 / 3)
    assert counts.recall == pytest.approx(1 / 2)
    assert counts.f1 == pytest.approx(0.4)


def test_overlap_counts_give_proportional_credit_one_to_one() -> None:
    gold = [frozenset({1, 2, 3, 4})]
    pred = [frozenset({3, 4}), frozenset({4, 5})]
    counts = overlap_counts(gold, pred)
    assert counts.hit_gold == pytest.approx(0.5)  # best pair {3,4}: 2 of 4 gold tokens
    assert counts.hit_pred == pytest.approx(1.0)  # 2 of 2 predicted tokens; {4,5} unpaired
    assert counts.precision == pytest.approx(0.5)


def triple(source: set[int] | None, cue: set[int], content: set[int]) -> Triple:
    src = frozenset(source) if source is not None else None
    return Triple(src, frozenset(cue), frozenset(content), "indirect")


def test_joint_needs_all_three_and_absent_sources_on_both_sides() -> None:
    gold = [triple({1}, {2}, {3, 4}), triple(None, {8}, {9})]
    pred = [triple({1}, {2}, {3, 4}), triple({7}, {8}, {9})]
    scores = score_article(gold, pred)
    assert scores[("joint", "exact", "all")].hit_gold == 1
    assert scores[("cue", "exact", "all")].hit_gold == 2
    assert scores[("source", "exact", "all")].pred == 2
    assert scores[("source", "exact", "all")].gold == 1
    partial = score_article(gold, [triple({1}, {2}, {3})])
    assert partial[("joint", "exact", "all")].hit_gold == 0
    assert partial[("joint", "overlap", "all")].hit_gold == 1


def test_sentence_breaks_skip_abbreviations_and_follow_closing_marks() -> None:
    text = (
        "Sen. Ruiz said U.S. troops would stay. “We are ready.” Officials agreed!\n"
        "Lines break too. the lowercase word goes on"
    )
    tokens = Tokens(text)
    starts = {text[tokens.starts[i] : tokens.ends[i]] for i in sentence_breaks(tokens)}
    assert starts == {"“", "Officials", "Lines"}


def test_exact_by_sentence_credits_each_sentence_of_a_content() -> None:
    text = "Ruiz said prices rose. Wages fell. Critics disagreed."
    spans = ArticleSpans(text)
    content = spans.tokens.ids((frag(text, "prices rose. Wages fell."),))
    assert [len(p) for p in sentence_pieces(content, spans.breaks)] == [3, 3]
    cue = spans.tokens.ids((frag(text, "said"),))
    gold = [Triple(None, cue, content, "indirect")]
    first_only = spans.tokens.ids((frag(text, "prices rose. Wages"),))
    scores = score_article(gold, [Triple(None, cue, first_only, "indirect")], spans.breaks)
    assert scores[("content", "exact", "all")].hit_gold == 0
    by_sentence = scores[("content", "sentence", "all")]
    assert (by_sentence.gold, by_sentence.pred, by_sentence.hit_gold) == (2, 2, 1)
    assert scores[("cue", "sentence", "all")].f1 == 1.0


def test_offset_map_takes_normalized_offsets_back_to_raw() -> None:
    raw = "A  line\u00a0here \n\n\n  Cafe\u0301 one"
    norm = Article(text=raw, origin="t").text
    assert norm == "A line here\n\nCaf\u00e9 one"
    mapping = OffsetMap(raw, norm)
    for word in ("line", "here", "one"):
        start, end = mapping.span(*frag(norm, word))
        assert raw[start:end] == word
    start, end = mapping.span(*frag(norm, "Caf\u00e9"))
    assert raw[start:end] == "Cafe\u0301"


def test_statement_without_speaker_becomes_no_source_attribution() -> None:
    text = "“Soon,” he said. “Very soon.”"
    statement = Statement(
        id="s1",
        speaker=None,
        cue=Span("said", *frag(text, "said")),
        cue_lemma="say",
        content=Span(text, 0, len(text)),
        kind="direct",
        confidence=1.0,
        fragments=[frag(text, "“Very soon.”"), frag(text, "“Soon,”")],
    )
    att = statements.statement_attribution(statement, OffsetMap(text, text))
    assert att.source is None
    assert att.content == (frag(text, "“Soon,”"), frag(text, "“Very soon.”"))


def test_report_lines_end_with_f1() -> None:
    spans = ArticleSpans(TEXT)
    gold = [spans.triple(a) for a in parse_ann(ANN)]
    lines = statements.report(score_article(gold, gold[:2]))
    assert lines[0] == "source exact P 1.000 R 1.000 F1 1.000"
    assert "cue exact P 1.000 R 0.667 F1 0.800" in lines
    assert "content exact direct P 1.000 R 1.000 F1 1.000" in lines
    assert "cue exact by sentence P 1.000 R 0.667 F1 0.800" in lines
    assert all(re.fullmatch(r"[a-z ]+ P \d\.\d{3} R \d\.\d{3} F1 \d\.\d{3}", x) for x in lines)


class FakeAnalyzer:
    """Stands in for claimscope.pipeline.Analyzer: finds 'X said' statements by pattern."""

    def __init__(self, model: str, tagger: bool = True) -> None:
        self.model = model
        self.tagger = tagger

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            text = article.text
            found = re.search(r"(The council) (said) (the plan would cost less)", text)
            assert found is not None
            speaker = Speaker(Span(found[1], *found.span(1)), name="council")
            statement = Statement(
                "s1", speaker, Span(found[2], *found.span(2)), "say",
                Span(found[3], *found.span(3)), "indirect", 1.0,
            )
            yield ArticleResult(article=article, statements=[statement])


def test_run_maps_normalized_offsets_back_and_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = TEXT.replace("passes\n", "passes \n\n\n").replace("Critics fear", "Critics \t fear")
    make_corpus(tmp_path, raw, make_ann(raw))
    fake = types.SimpleNamespace(Analyzer=FakeAnalyzer)
    monkeypatch.setitem(sys.modules, "claimscope.pipeline", fake)
    lines = statements.run(tmp_path, "dev")
    assert "source exact P 1.000 R 0.500 F1 0.667" in lines
    assert "content exact indirect P 1.000 R 0.500 F1 0.667" in lines
    assert "joint exact P 1.000 R 0.333 F1 0.500" in lines
    assert any(x.startswith("attributions gold 3 predicted 1 ") for x in lines)
    assert any(x.startswith("speed 1 articles in ") for x in lines)
    # the one prediction (confidence 1.0) is right; the lower bands are empty
    assert "confidence 0.8-1.0: 1.000 right (1/1)" in lines
    assert "confidence 0.0-0.5: 0.000 right (0/0)" in lines


def test_gold_scored_against_itself_is_perfect() -> None:
    root = shared_data("polnear")
    if not (root / "data" / "dev").is_dir():
        pytest.skip("PolNeAR not available under shared/data")
    docs = load_split(root, "dev", limit=10)
    scores = score_split(docs, [list(d.attributions) for d in docs])
    assert all(c.f1 == 1.0 for c in scores.values() if c.gold)
    with_cue: list[list[Attribution]] = [
        [Attribution(a.id, a.source, a.cue, tuple(sorted(a.content + a.cue)))
         for a in d.attributions]
        for d in docs
    ]
    worse = score_split(docs, with_cue)
    assert worse[("content", "exact", "all")].f1 == 0.0
    assert worse[("content", "overlap", "all")].f1 > 0.5
    assert worse[("cue", "exact", "all")].f1 == 1.0
