"""Statement evaluation on PolNeAR: score extracted statements against gold attributions.

The metric follows the published evaluations on this corpus (Newell et al., LREC 2018; CofeNet,
COLING 2022): precision, recall and F1 per component — source, cue and content — each scored on
its own, by exact span match and by token overlap; plus a joint score.

- Gold: one annotator file per article (see :mod:`claimscope.eval.polnear`). Each attribution
  gives a source (absent for ``Attribution-no-source``), a cue and a content, each possibly
  discontinuous.
- Predictions: each ``Statement`` becomes one attribution: its speaker span (absent when the
  statement has no speaker), its cue span, and its content fragments (or the content span when it
  lists none). Offsets into the normalized ``Article.text`` are mapped back to the raw corpus text.
- Per component, the spans of one article form a multiset; matching is per article and each gold
  span is matched at most once (:mod:`claimscope.eval.spans`). Spans compare as token sets, so a
  discontinuous span matches exactly only when all its fragments match. Attributions without a
  source contribute no source span.
- Joint exact: an attribution counts as matched when its source, cue and content all match
  exactly, one-to-one; a no-source attribution only matches a prediction with no speaker. Joint
  overlap: source, cue and content each share at least one token (or both sources are absent);
  pairs are chosen greedily by summed Jaccard and each pair counts 1.
- Direct / mixed / indirect: decided from the content alone, by the same rule for gold and
  predictions: direct when every word token of the content lies inside quotation marks, mixed
  when some do, indirect when none do (:func:`claimscope.eval.spans.quoted_regions`). The
  statement's own ``kind`` field is not used. Per-kind lines compare gold attributions of that
  kind with predicted attributions of that kind.
- Exact by sentence, the convention of taggers that work sentence by sentence (CofeNet's figures
  are of this kind): each span is cut into pieces at gaps and sentence starts
  (:func:`claimscope.eval.spans.sentence_breaks`, a rule on the raw text, the same for gold and
  predictions), and the pieces of one article are matched exactly as a multiset, all kinds
  together. It credits a statement's content sentence by sentence, so a content right in its
  first sentence and wrong in its last earns one piece of two.
- Micro-averaged over the split: credits and span counts are summed over articles first.
- Speed: articles per second of wall-clock time through ``Analyzer.analyze_many`` (parse and
  extract; the model load is timed apart), and articles per CPU-second of this process, which
  does not depend on what else runs on the machine (worker processes are not counted).

Differences from CofeNet's figures: CofeNet tags sentence by sentence, so content running over
several sentences and each fragment of a discontinuous span count there as separate spans, and
it keeps all 94 annotator files of dev (here one per article, 84). The plain exact lines are
stricter for content; the "exact by sentence" lines come closest to CofeNet's counting, with
sentences found by a rule rather than PolNeAR's own preprocessing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from claimscope.eval.polnear import Attribution, PolnearArticle, load_split
from claimscope.eval.spans import (
    Counts,
    OffsetMap,
    Tokens,
    TokenSet,
    exact_counts,
    jaccard,
    overlap_counts,
    pair_greedy,
    quoted_regions,
    sentence_breaks,
    sentence_pieces,
    span_kind,
)
from claimscope.model import Article, Statement
from claimscope.nlp import DEFAULT_MODEL

COMPONENTS = ("source", "cue", "content", "joint")
MATCHES = ("exact", "overlap")
KINDS = ("all", "direct", "mixed", "indirect")
Key = tuple[str, str, str]
Scores = dict[Key, Counts]


@dataclass(frozen=True)
class Triple:
    """An attribution as token sets, with its kind by the quotation rule."""

    source: TokenSet | None
    cue: TokenSet
    content: TokenSet
    kind: str


class ArticleSpans:
    """Turns the attributions of one raw text into token-set triples."""

    def __init__(self, text: str) -> None:
        self.tokens = Tokens(text)
        self.breaks = sentence_breaks(self.tokens)
        self.quoted = self.tokens.ids(tuple(quoted_regions(text)))

    def triple(self, attribution: Attribution) -> Triple:
        content = self.tokens.ids(attribution.content)
        return Triple(
            source=self.tokens.ids(attribution.source) if attribution.source else None,
            cue=self.tokens.ids(attribution.cue),
            content=content,
            kind=span_kind(self.tokens, self.quoted, content),
        )


def statement_attribution(statement: Statement, mapping: OffsetMap) -> Attribution:
    """A predicted statement as an attribution in raw-text offsets."""
    frags = statement.fragments or [(statement.content.start, statement.content.end)]
    speaker = statement.speaker
    return Attribution(
        id=statement.id,
        source=(mapping.span(speaker.span.start, speaker.span.end),) if speaker else None,
        cue=(mapping.span(statement.cue.start, statement.cue.end),),
        content=tuple(sorted(mapping.span(s, e) for s, e in frags)),
    )


def _joint_exact(gold: Sequence[Triple], pred: Sequence[Triple]) -> Counts:
    def key(t: Triple) -> Hashable:
        return (t.source, t.cue, t.content)

    return exact_counts([key(t) for t in gold], [key(t) for t in pred])


def _joint_overlap(gold: Sequence[Triple], pred: Sequence[Triple]) -> Counts:
    scores: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if (g.source is None) != (p.source is None):
                continue
            if g.source is not None and p.source is not None and not g.source & p.source:
                continue
            if g.cue & p.cue and g.content & p.content:
                source = jaccard(g.source, p.source) if g.source and p.source else 1.0
                scores[(gi, pi)] = source + jaccard(g.cue, p.cue) + jaccard(g.content, p.content)
    hits = len(pair_greedy(scores))
    return Counts(len(gold), len(pred), hits, hits)


def score_article(
    gold: Sequence[Triple], pred: Sequence[Triple], breaks: frozenset[int] = frozenset()
) -> Scores:
    """Counts for every (component, match, kind) on one article; ``breaks``, the tokens that
    start a sentence, serve the exact-by-sentence counts (match ``sentence``, all kinds)."""
    scores: Scores = {}
    for component in ("source", "cue", "content"):
        spans = (getattr(t, component) for t in (*gold, *pred))
        pieces = [sentence_pieces(s, breaks) if s is not None else [] for s in spans]
        scores[(component, "sentence", "all")] = exact_counts(
            [p for ps in pieces[: len(gold)] for p in ps],
            [p for ps in pieces[len(gold) :] for p in ps],
        )
    for kind in KINDS:
        g = [t for t in gold if kind in ("all", t.kind)]
        p = [t for t in pred if kind in ("all", t.kind)]
        for component in ("source", "cue", "content"):
            gs = [s for s in (getattr(t, component) for t in g) if s is not None]
            ps = [s for s in (getattr(t, component) for t in p) if s is not None]
            scores[(component, "exact", kind)] = exact_counts(gs, ps)
            scores[(component, "overlap", kind)] = overlap_counts(gs, ps)
        scores[("joint", "exact", kind)] = _joint_exact(g, p)
        scores[("joint", "overlap", kind)] = _joint_overlap(g, p)
    return scores


def total(per_article: Iterable[Scores]) -> Scores:
    """Micro-average: sum the counts of every article."""
    out: Scores = {}
    for scores in per_article:
        for key, counts in scores.items():
            out[key] = out.get(key, Counts()) + counts
    return out


def report(scores: Scores) -> list[str]:
    """One line per component, match type and kind, ending with the F1."""
    lines: list[str] = []

    def line(label: str, c: Counts) -> None:
        lines.append(f"{label} P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}")

    for kind in KINDS:
        for component in COMPONENTS:
            for match in MATCHES:
                c = scores.get((component, match, kind), Counts())
                line(f"{component} {match}" + ("" if kind == "all" else f" {kind}"), c)
        if kind == "all":
            for component in COMPONENTS[:3]:
                c = scores.get((component, "sentence", "all"), Counts())
                line(f"{component} exact by sentence", c)
    return lines


def _counts_line(scores: Scores) -> str:
    by_kind = {kind: scores[("content", "exact", kind)] for kind in KINDS}
    parts = [f"{kind} {c.gold}/{c.pred}" for kind, c in by_kind.items() if kind != "all"]
    c = by_kind["all"]
    return f"attributions gold {c.gold} predicted {c.pred} (gold/predicted: {', '.join(parts)})"


def score_split(
    docs: Sequence[PolnearArticle], predicted: Sequence[Sequence[Attribution]]
) -> Scores:
    """Scores of a whole split: gold from ``docs``, predictions in raw offsets, same order."""
    per_article = []
    for doc, attributions in zip(docs, predicted, strict=True):
        spans = ArticleSpans(doc.text)
        gold = [spans.triple(a) for a in doc.attributions]
        pred = [spans.triple(a) for a in attributions]
        per_article.append(score_article(gold, pred, spans.breaks))
    return total(per_article)


def calibration(
    docs: Sequence[PolnearArticle],
    predicted: Sequence[Sequence[Attribution]],
    confidences: Sequence[Sequence[float]],
) -> list[str]:
    """How often a statement is right at each confidence level: a prediction is right when its
    cue matches a gold cue exactly and its content shares a token with that attribution's
    content. One line per confidence band, so a reader can see that higher means more often
    right."""
    bands = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 1.01)]
    right = [0] * len(bands)
    seen = [0] * len(bands)
    for doc, attributions, scores in zip(docs, predicted, confidences, strict=True):
        spans = ArticleSpans(doc.text)
        gold = [spans.triple(a) for a in doc.attributions]
        for attribution, confidence in zip(attributions, scores, strict=True):
            pred = spans.triple(attribution)
            hit = any(g.cue == pred.cue and g.content & pred.content for g in gold)
            band = next(i for i, (lo, hi) in enumerate(bands) if lo <= confidence < hi)
            seen[band] += 1
            right[band] += hit
    return [
        f"confidence {lo:.1f}-{min(hi, 1.0):.1f}: {right[i] / seen[i] if seen[i] else 0:.3f} "
        f"right ({right[i]}/{seen[i]})"
        for i, (lo, hi) in enumerate(bands)
    ]


def predict(
    docs: Sequence[PolnearArticle], model: str = DEFAULT_MODEL, tagger: bool = True
) -> tuple[list[list[Attribution]], list[list[float]], float, float, float]:
    """Run the pipeline over the articles: attributions per article, their statements'
    confidences, then the seconds spent loading the model, analysing (wall clock) and analysing
    (CPU time of this process)."""
    from claimscope.pipeline import Analyzer

    articles = [
        Article(text=d.text, origin=d.name, title=d.title, outlet=d.outlet, published=d.published)
        for d in docs
    ]
    started = time.perf_counter()
    analyzer = Analyzer(model, tagger=tagger)
    loaded = time.perf_counter()
    cpu = time.process_time()
    results = list(analyzer.analyze_many(articles))
    cpu = time.process_time() - cpu
    done = time.perf_counter()
    predicted = []
    confidences = []
    for doc, result in zip(docs, results, strict=True):
        mapping = OffsetMap(doc.text, result.article.text)
        predicted.append([statement_attribution(s, mapping) for s in result.statements])
        confidences.append([s.confidence for s in result.statements])
    return predicted, confidences, loaded - started, done - loaded, cpu


def run(
    polnear: Path,
    split: str,
    model: str = DEFAULT_MODEL,
    limit: int | None = None,
    tagger: bool = True,
) -> list[str]:
    """Evaluate the statement extractor on one PolNeAR split; returns the report lines."""
    docs = load_split(polnear, split, limit)
    predicted, confidences, load_s, run_s, cpu_s = predict(docs, model, tagger)
    scores = score_split(docs, predicted)
    cores = len(os.sched_getaffinity(0))
    rate = len(docs) / run_s if run_s else 0.0
    cpu_rate = len(docs) / cpu_s if cpu_s else 0.0
    return [
        f"polnear {split}: {len(docs)} articles, one annotator file each, model {model}, "
        f"statements from {'the attribution tagger and parse rules' if tagger else 'parse rules'}",
        *report(scores),
        _counts_line(scores),
        f"speed {len(docs)} articles in {run_s:.1f} s: {rate:.2f} articles/s "
        f"({cores} cores available; model load {load_s:.1f} s not counted); "
        f"CPU {cpu_s:.1f} s in this process: {cpu_rate:.2f} articles per CPU-second",
        *calibration(docs, predicted, confidences),
    ]
