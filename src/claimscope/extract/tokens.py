"""Helpers that turn sets of spaCy tokens into character spans of the article text, and find
the tokens worth a closer look without visiting every token in Python."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Token

TRAILING_PUNCT = {",", ".", ";", ":", "—", "–", "-", "…"}
CLOSING_MARKS = {"”", '"', "»", "’"}
_BOUNDS = "claimscope_token_bounds"


def runs(indices: Iterable[int]) -> list[tuple[int, int]]:
    """Group token indices into runs of consecutive indices, as (first, last) pairs."""
    out: list[tuple[int, int]] = []
    for i in sorted(set(indices)):
        if out and i == out[-1][1] + 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def tokens_with(
    doc: Doc, lemmas: Collection[str] = (), words: Collection[str] = ()
) -> np.ndarray:
    """Indices of the tokens whose lowercased lemma is in ``lemmas`` or whose lowercased form is
    in ``words``; each distinct lemma is looked up once."""
    keys = doc.to_array([LOWER, LEMMA]).reshape(len(doc), 2)
    strings = doc.vocab.strings
    distinct, inverse = np.unique(keys[:, 1], return_inverse=True)
    wanted = np.array([strings[int(k)].lower() in lemmas for k in distinct], dtype=bool)
    forms = np.array([strings[w] for w in words], dtype=np.uint64)
    return np.nonzero(wanted[inverse.reshape(-1)] | np.isin(keys[:, 0], forms))[0]


def token_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Character start and end of every token, worked out once per document (spaCy makes a new
    Token object on every ``doc[i]``)."""
    cached = doc.user_data.get(_BOUNDS)
    if cached is None or len(cached[0]) != len(doc):
        starts, lengths = doc.to_array([IDX, LENGTH]).astype(np.int64).reshape(len(doc), 2).T
        cached = doc.user_data[_BOUNDS] = (starts.tolist(), (starts + lengths).tolist())
    return cached


def char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character offsets covering tokens first..last inclusive."""
    starts, ends = token_bounds(doc)
    return starts[first], ends[last]


def trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation and spaces at both ends of a token run; keep a closing quote mark and the
    punctuation inside it, so a quoted ending ``wraps.”`` stays whole."""
    while first <= last and (
        doc[first].is_space or (doc[first].is_punct and doc[first].text not in '“"«([')
    ):
        first += 1
    while first <= last:
        tok = doc[last]
        if (
            tok.is_space
            or (tok.text in TRAILING_PUNCT and not _before_closing(doc, last))
            or (tok.is_punct and tok.text not in CLOSING_MARKS and tok.text not in ")]")
        ):
            last -= 1
        else:
            break
    if first > last:
        return None
    return first, last


def _before_closing(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and doc[i + 1].text in CLOSING_MARKS


def contiguous_run_with(indices: set[int], anchor: int) -> tuple[int, int]:
    """The run of consecutive indices in ``indices`` that contains ``anchor``."""
    first = last = anchor
    while first - 1 in indices:
        first -= 1
    while last + 1 in indices:
        last += 1
    return first, last


def subtree_without(token: Token, cut: set[int]) -> set[int]:
    """Indices of the token's subtree, leaving out the subtrees rooted at the ``cut`` indices."""
    out: set[int] = set()
    stack = [token]
    while stack:
        t = stack.pop()
        if t.i in cut and t.i != token.i:
            continue
        out.add(t.i)
        stack.extend(t.children)
    return out
