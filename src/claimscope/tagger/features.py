"""Per-token input features of the attribution tagger, from the parse and the rule candidates.

Each token gets categorical features (part of speech, dependency label, entity tag, lemma, its
head's lemma and label, shape, quotation state, the tags the parse rules gave it in each layer,
reporting-word classes, the distance to its head) and dense ones (the pipeline's own token vectors,
``doc.tensor``, pretrained word vectors (:mod:`claimscope.tagger.word_vectors`), and the
confidence of the rule statement it lies in). The same function serves
training and run time; the vocabularies of string features are learnt from the training split
and ship beside the model.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    LEMMA,
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    TAG,
)
from spacy.tokens import Doc, Token

from claimscope.extract.cues import BELIEF_VERBS, REPORTING_NOUNS, REPORTING_VERBS
from claimscope.extract.quotes import QuoteIndex
from claimscope.extract.statements import Candidate
from claimscope.extract.tokens import char_span, token_table
from claimscope.tagger.encoding import covered_tokens, tag_layer

if TYPE_CHECKING:
    from claimscope.tagger.word_vectors import WordVectors

STRING_FEATURES = (
    "pos",
    "tag",
    "dep",
    "ent",
    "lemma",
    "head_lemma",
    "head_dep",
    "head_pos",
    "shape",
)
# Small integer features and how many values each takes.
INT_FEATURES = {
    "quote": 3,
    "rule_source": 3,
    "rule_cue": 3,
    "rule_content": 3,
    "lexicon": 4,
    "head_lexicon": 4,
    "head_distance": 12,
    "sent_start": 2,
}
FEATURES = (*STRING_FEATURES, *INT_FEATURES)
LEMMA_VOCAB = 5000
LEXICON_IDS = {str(k): k for k in range(INT_FEATURES["lexicon"])}
MEMO_LIMIT = 200_000  # remembered keys per feature before the memo starts afresh
MIN_COUNT = 2
QUOTE_MARKS = frozenset('“”"«»„')


@dataclass(frozen=True)
class RuleSpans:
    """What the parse rules found for one statement, in character offsets."""

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: Sequence[tuple[int, int]]
    confidence: float


class Vocabulary:
    """String feature values to ids (0 for a value not seen in training)."""

    def __init__(self, tables: dict[str, dict[str, int]]) -> None:
        self.tables = tables
        self._memo: dict[str, dict[Hashable, int]] = {}  # per feature: parse key → id

    def ids(
        self,
        name: str,
        keys: np.ndarray,
        text_of: Callable[[int], str],
        table: dict[str, int] | None = None,
    ) -> np.ndarray:
        """Ids of feature ``name`` for every token from a column of keys (spaCy's hashes or
        symbol ids, one row per token): each distinct key is turned into text (``text_of`` the
        index of the first token holding it) and looked up once, and remembered for later
        documents."""
        table = self.tables[name] if table is None else table
        memo = self._memo.setdefault(name, {})
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        rows = keys.tolist()
        if keys.ndim > 1:
            rows = [tuple(row) for row in rows]
        found = [memo.get(key) for key in rows]
        if None in found:
            for i, key in enumerate(rows):
                if found[i] is None:
                    if (known := memo.get(key)) is None:
                        known = memo[key] = table.get(text_of(i), 0)
                    found[i] = known
        return np.array(found, dtype=np.int64)

    @classmethod
    def learn(cls, values: Iterable[dict[str, str]]) -> Vocabulary:
        counts: dict[str, Counter[str]] = {name: Counter() for name in STRING_FEATURES}
        for row in values:
            for name in STRING_FEATURES:
                counts[name][row[name]] += 1
        lemmas = counts["lemma"] + counts["head_lemma"]
        kept_lemmas = [w for w, c in lemmas.most_common(LEMMA_VOCAB) if c >= MIN_COUNT]
        tables = {}
        for name in STRING_FEATURES:
            kept = (
                kept_lemmas
                if name in ("lemma", "head_lemma")
                else sorted(w for w, c in counts[name].items() if c >= MIN_COUNT)
            )
            tables[name] = {w: i for i, w in enumerate(kept, start=1)}
        return cls(tables)

    def sizes(self) -> dict[str, int]:
        """Number of ids of every feature, unknown included."""
        return {
            **{name: len(self.tables[name]) + 1 for name in STRING_FEATURES},
            **INT_FEATURES,
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.tables, ensure_ascii=False, sort_keys=True))

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        return cls(json.loads(path.read_text(encoding="utf-8")))


def _ent(tok: Token) -> str:
    return f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_type_ else "O"


def _lexicon(lemma: str, pos: str) -> int:
    if pos == "NOUN":
        return 3 if lemma in REPORTING_NOUNS else 0
    if lemma in BELIEF_VERBS:
        return 2
    return 1 if lemma in REPORTING_VERBS and pos in ("VERB", "AUX") else 0


def string_values(tok: Token) -> dict[str, str]:
    """The string features of one token."""
    head = tok.head
    return {
        "pos": tok.pos_,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "ent": _ent(tok),
        "lemma": tok.lemma_.lower(),
        "head_lemma": head.lemma_.lower(),
        "head_dep": head.dep_,
        "head_pos": head.pos_,
        "shape": tok.shape_[:4],
    }


def _rule_tags(
    starts: list[int], ends: list[int], rules: Sequence[RuleSpans]
) -> tuple[np.ndarray, np.ndarray]:
    """Per-token rule tags (tokens × 3 layers, the gold scheme) and rule confidence."""
    layers = (
        [(r.source,) for r in rules if r.source is not None],
        [(r.cue,) for r in rules],
        [tuple(r.content) for r in rules],
    )
    tags = np.stack([tag_layer(starts, ends, spans) for spans in layers], axis=1)
    confidence = np.zeros(len(starts), dtype=np.float32)
    for r in rules:
        for s, e in (r.cue, *r.content):
            first, end = covered_tokens(starts, ends, s, e)
            confidence[first:end] = np.maximum(confidence[first:end], r.confidence)
    return tags, confidence


def token_offsets(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Character start and end of every token, as arrays."""
    table = token_table(doc)
    return np.array(table.starts, dtype=np.int64), np.array(table.ends, dtype=np.int64)


def quote_marks(doc: Doc) -> np.ndarray:
    """Whether each token is a quotation mark."""
    orth = doc.to_array([ORTH]).reshape(-1)
    return np.isin(orth, np.array([doc.vocab.strings[m] for m in QUOTE_MARKS], dtype=np.uint64))


def _quoted(starts: np.ndarray, quotes: QuoteIndex) -> np.ndarray:
    """Whether each token starts inside a quotation."""
    if not quotes.quotes:
        return np.zeros(len(starts), dtype=bool)
    q_starts = np.array([q.start for q in quotes.quotes])
    q_ends = np.array([q.end for q in quotes.quotes])
    k = np.searchsorted(q_starts, starts, side="right") - 1
    return (k >= 0) & (starts < q_ends[np.maximum(k, 0)])


def _distances(rel: np.ndarray) -> np.ndarray:
    """0 for a root; 1-5 (head before) or 6-10 (head after) by distance band; 11 beyond 30."""
    band = np.searchsorted(np.array([1, 2, 4, 8]), np.abs(rel))
    out = np.where(rel < 0, 1 + band, 6 + band)
    out[np.abs(rel) > 30] = 11
    out[rel == 0] = 0
    return out


def token_features(
    doc: Doc,
    rules: Sequence[RuleSpans],
    quotes: QuoteIndex,
    vocab: Vocabulary,
    vectors: WordVectors,
) -> tuple[np.ndarray, np.ndarray]:
    """Categorical ids (tokens × features, int64) and dense values (tokens × (tensor width +
    word-vector width + 1), float32) of every token. Columns are read from the parse with
    ``Doc.to_array`` and mapped once per distinct value, which keeps this a small share of the
    analysis time."""
    n = len(doc)
    table = token_table(doc)
    rule_tags, rule_conf = _rule_tags(table.starts, table.ends, rules)
    attrs = doc.to_array([POS, TAG, DEP, ENT_IOB, ENT_TYPE, LEMMA, HEAD, SHAPE, SENT_START])
    cols = attrs.astype(np.uint64).view(np.int64).reshape(n, -1)
    pos, tag, dep, iob, etype, lemma, rel, shape, sent = cols.T
    head = np.arange(n) + rel
    ids = vocab.ids
    lexicon = ids(
        "lexicon",
        np.stack([lemma, pos], axis=1),
        lambda i: str(_lexicon(doc[i].lemma_.lower(), doc[i].pos_)),
        LEXICON_IDS,
    )
    quote = np.where(_quoted(np.array(table.starts, dtype=np.int64), quotes), 1, 0)
    quote[quote_marks(doc)] = 2
    columns = [
        ids("pos", pos, lambda i: doc[i].pos_),
        ids("tag", tag, lambda i: doc[i].tag_),
        ids("dep", dep, lambda i: doc[i].dep_),
        ids("ent", np.stack([iob, etype], axis=1), lambda i: _ent(doc[i])),
        ids("lemma", lemma, lambda i: doc[i].lemma_.lower()),
        ids("head_lemma", lemma[head], lambda i: doc[int(head[i])].lemma_.lower()),
        ids("head_dep", dep[head], lambda i: doc[int(head[i])].dep_),
        ids("head_pos", pos[head], lambda i: doc[int(head[i])].pos_),
        ids("shape", shape, lambda i: doc[i].shape_[:4]),
        quote,
        *rule_tags.T,
        lexicon,
        lexicon[head],
        _distances(rel),
        (sent == 1).astype(np.int64),
    ]
    cats = np.stack(columns, axis=1).astype(np.int64)
    tensor = np.asarray(doc.tensor, dtype=np.float32).reshape(n, -1)
    dense = np.concatenate([tensor, vectors.of(doc), rule_conf[:, None]], axis=1)
    return cats, dense


def rule_spans(doc: Doc, candidate: Candidate) -> RuleSpans:
    """A rule candidate in character offsets."""
    return RuleSpans(
        source=char_span(doc, *candidate.speaker) if candidate.speaker else None,
        cue=char_span(doc, *candidate.cue),
        content=tuple(candidate.fragments),
        confidence=candidate.confidence,
    )
