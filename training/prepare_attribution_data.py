"""Prepare the attribution tagger's training data from PolNeAR: features and gold tags per token.

Parses every article of the train and dev splits with the spaCy pipeline the package uses, runs
the parse rules, and writes into OUT (default ``.tagger-train/``, git-ignored):

- ``vocabulary.json``: the string feature vocabularies, learnt from the train split;
- ``train.npz`` and ``dev.npz``: per token, categorical feature ids (``cats``), dense features
  (``dense``, float16) and gold tags (``labels``: source, cue, content; O/B/I), with ``lengths``
  giving each article's token count, in the split's article order (sorted by name).

Gold spans are mapped onto the tokens of the normalized text the pipeline sees, exactly as the
evaluation maps predictions back. Then ``train_attribution_tagger.py`` trains on the result.

    python training/prepare_attribution_data.py --polnear ../shared/data/polnear
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from rich.progress import track

from claimscope.eval.polnear import PolnearArticle, load_split
from claimscope.eval.spans import OffsetMap
from claimscope.extract.quotes import QuoteIndex, find_quotes
from claimscope.extract.statements import rule_candidates
from claimscope.model import Article
from claimscope.nlp import DEFAULT_MODEL, doc_text, load
from claimscope.tagger.encoding import tag_layer
from claimscope.tagger.features import (
    STRING_FEATURES,
    Vocabulary,
    rule_spans,
    string_values,
    token_features,
    token_offsets,
)
from claimscope.tagger.word_vectors import WordVectors


def parse_split(docs: list[PolnearArticle], model: str) -> list[dict]:
    """Features with raw string values, and gold tags, of every article."""
    nlp = load(model)
    empty = Vocabulary({name: {} for name in STRING_FEATURES})
    vectors = WordVectors()
    articles = [Article(text=d.text, origin=d.name) for d in docs]
    out = []
    items = ((a.text, (a, d)) for a, d in zip(articles, docs, strict=True))
    pairs = nlp.pipe(items, as_tuples=True)
    for doc, (article, gold) in track(pairs, total=len(docs), description="parsing"):
        quotes = QuoteIndex(find_quotes(doc_text(doc)))
        rules = [rule_spans(doc, c) for c in rule_candidates(doc, quotes)]
        cats, dense = token_features(doc, rules, quotes, empty, vectors)
        mapping = OffsetMap(gold.text, article.text)
        starts, ends = token_offsets(doc)
        raw = np.array([mapping.span(int(s), int(e)) for s, e in zip(starts, ends, strict=True)])
        raw_starts, raw_ends = raw[:, 0], raw[:, 1]
        layers = (
            [a.source for a in gold.attributions if a.source],
            [a.cue for a in gold.attributions],
            [a.content for a in gold.attributions],
        )
        labels = np.stack([tag_layer(raw_starts, raw_ends, spans) for spans in layers], axis=1)
        out.append(
            {
                "strings": [string_values(t) for t in doc],
                "cats": cats,
                "dense": dense.astype(np.float16),
                "labels": labels.astype(np.int8),
            }
        )
    return out


def save(path: Path, parsed: list[dict], vocab: Vocabulary) -> None:
    for item in parsed:
        for k, name in enumerate(STRING_FEATURES):
            table = vocab.tables[name]
            item["cats"][:, k] = [table.get(row[name], 0) for row in item["strings"]]
    np.savez_compressed(
        path,
        cats=np.concatenate([p["cats"] for p in parsed]).astype(np.int16),
        dense=np.concatenate([p["dense"] for p in parsed]),
        labels=np.concatenate([p["labels"] for p in parsed]),
        lengths=np.array([len(p["cats"]) for p in parsed], dtype=np.int32),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=Path("../shared/data/polnear"))
    parser.add_argument("--out", type=Path, default=Path(".tagger-train"))
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train = parse_split(load_split(args.polnear, "train"), args.model)
    vocab = Vocabulary.learn(row for item in train for row in item["strings"])
    vocab.save(args.out / "vocabulary.json")
    save(args.out / "train.npz", train, vocab)
    del train
    save(args.out / "dev.npz", parse_split(load_split(args.polnear, "dev"), args.model), vocab)
    print("features", vocab.sizes())


if __name__ == "__main__":
    main()
