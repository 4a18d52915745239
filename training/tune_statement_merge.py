"""Choose the attribution tagger's grouping settings on the training articles it did not learn from.

``train_attribution_tagger.py`` keeps every eighth PolNeAR training article out of training; this
script parses those articles once, runs the tagger once, then scores statements (the same
exact-match metric as ``claimscope eval statements``) for each combination of the settings of
:class:`claimscope.tagger.refine.TaggedStatements`. The dev split is not used, so dev figures stay
a fair report.

    python training/tune_statement_merge.py --polnear ../shared/data/polnear
"""

from __future__ import annotations

import argparse
import itertools
from functools import partial
from pathlib import Path

import numpy as np
from heldout import held_out
from spacy.tokens import Doc

from claimscope.eval.polnear import Attribution, load_split
from claimscope.eval.spans import Counts, OffsetMap, Tokens, exact_counts
from claimscope.eval.statements import Scores, score_split, statement_attribution
from claimscope.extract.entities import extract_entities
from claimscope.extract.quotes import QuoteIndex, find_quotes
from claimscope.extract.statements import Candidate, extract_statements, rule_candidates
from claimscope.extract.tokens import char_span
from claimscope.model import Article
from claimscope.nlp import DEFAULT_MODEL, doc_text, load
from claimscope.tagger.encoding import LAYERS, decode_layer
from claimscope.tagger.features import rule_spans
from claimscope.tagger.model import load_tagger
from claimscope.tagger.refine import OUT_SCALE, TaggedStatements


def _grouped(
    grouping: TaggedStatements,
    probs: np.ndarray,
    doc: Doc,
    candidates: list[Candidate],
    quotes: QuoteIndex,
) -> list[Candidate]:
    """The refiner with the tagger's output computed beforehand."""
    return grouping.group(doc, candidates, probs, quotes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/data/polnear"))
    parser.add_argument("--gaps", type=int, nargs="+", default=[6, 12, 20])
    parser.add_argument("--keep", type=float, nargs="+", default=[0.2, 0.35, 0.5, 1.1])
    parser.add_argument("--tails", type=int, nargs="+", default=[0, 1, 2, 3])
    parser.add_argument("--keep-quoted", type=float, nargs="+", default=[0.0, 0.1, 0.2, 0.35])
    parser.add_argument("--source-out", type=float, nargs="+", default=[OUT_SCALE[0]])
    parser.add_argument("--cue-out", type=float, nargs="+", default=[OUT_SCALE[1]])
    parser.add_argument("--content-out", type=float, nargs="+", default=[OUT_SCALE[2]])
    args = parser.parse_args()
    docs = [d for i, d in enumerate(load_split(args.polnear, "train")) if held_out(i)]
    nlp = load(DEFAULT_MODEL)
    tagger = load_tagger(DEFAULT_MODEL)
    assert tagger is not None, "no trained tagger in the package"
    parsed = []
    for d in docs:
        article = Article(text=d.text, origin=d.name)
        doc = nlp(article.text)
        quotes = QuoteIndex(find_quotes(doc_text(doc)))
        rules = rule_candidates(doc, quotes)
        probs = tagger.probabilities(doc, [rule_spans(doc, c) for c in rules], quotes)
        parsed.append((d, article, doc, extract_entities(doc, article), probs))
    print(f"{len(docs)} held-out training articles")
    print("tagger spans alone:", _raw_spans(parsed))
    rules = []
    for d, article, doc, entities, _probs in parsed:
        mapping = OffsetMap(d.text, article.text)
        statements = extract_statements(doc, article, entities)
        rules.append([statement_attribution(s, mapping) for s in statements])
    print("parse rules alone:", _line(score_split(docs, rules)))
    for gap, keep, tail, quoted, *scale in itertools.product(
        args.gaps,
        args.keep,
        args.tails,
        args.keep_quoted,
        args.source_out,
        args.cue_out,
        args.content_out,
    ):
        grouping = TaggedStatements(
            tagger,
            max_content_gap=gap,
            keep_rule_cue=keep,
            max_cue_tail=tail,
            keep_quoted_cue=quoted,
            out_scale=(scale[0], scale[1], scale[2]),
        )
        scores = _line(score_split(docs, _grouped_statements(grouping, parsed)))
        print(
            f"gap {gap:2d} keep {keep:.2f} tail {tail} quoted {quoted:.2f} "
            f"out {' '.join(f'{x:.2f}' for x in scale)}: {scores}",
            flush=True,
        )


def _grouped_statements(grouping: TaggedStatements, parsed: list) -> list[list[Attribution]]:
    """Each parsed article's statements, grouped from its tagger output, as attributions."""
    predicted = []
    for d, article, doc, entities, probs in parsed:
        refine = partial(_grouped, grouping, probs)
        statements = extract_statements(doc, article, entities, refine)
        mapping = OffsetMap(d.text, article.text)
        predicted.append([statement_attribution(s, mapping) for s in statements])
    return predicted


def _line(scores: Scores) -> str:
    return " ".join(
        f"{c} {scores[(c, 'exact', 'all')].f1:.3f}" for c in ("source", "cue", "content", "joint")
    )


def _raw_spans(parsed: list) -> str:
    """Exact F1 of the tagger's decoded spans per layer, before they are grouped."""
    totals = [Counts() for _ in LAYERS]
    for d, article, doc, _entities, probs in parsed:
        mapping = OffsetMap(d.text, article.text)
        tokens = Tokens(d.text)
        tags = probs.argmax(-1)
        for k, layer in enumerate(LAYERS):
            gold = [
                tokens.ids(frags)
                for a in d.attributions
                if (frags := getattr(a, layer)) is not None
            ]
            pred = [
                tokens.ids([mapping.span(*char_span(doc, a, b - 1)) for a, b in runs])
                for runs in decode_layer(tags[:, k])
            ]
            totals[k] = totals[k] + exact_counts(gold, pred)
    return " ".join(f"{layer} {c.f1:.3f}" for layer, c in zip(LAYERS, totals, strict=True))


if __name__ == "__main__":
    main()
