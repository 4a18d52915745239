"""Helpers that turn sets of spaCy tokens into character spans of the article text, and find
the tokens worth a closer look without visiting every token in Python."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import NamedTuple

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Token

from claimscope.nlp import doc_text

TRAILING_PUNCT = {",", ".", ";", ":", "—", "–", "-", "…"}
CLOSING_MARKS = {"”", '"', "»", "’"}
_TABLE = "claimscope_token_table"


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
    forms = np.array([strings[w] for w in words], dtype=np.uint64)
    found = np.isin(keys[:, 0], forms)
    if lemmas:
        distinct, inverse = np.unique(keys[:, 1], return_inverse=True)
        wanted = np.array([strings[int(k)].lower() in lemmas for k in distinct], dtype=bool)
        found |= wanted[inverse.reshape(-1)]
    return np.nonzero(found)[0]


class TokenTable(NamedTuple):
    """Per token of one document: character start and end, text, and whether it is punctuation
    or whitespace. Built once per document, since spaCy makes a new Token object on every
    ``doc[i]``."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    punct: list[bool]
    space: list[bool]


def token_table(doc: Doc) -> TokenTable:
    """The document's token table, built on first use and kept with the document."""
    cached = doc.user_data.get(_TABLE)
    if cached is None or len(cached.starts) != len(doc):
        cols = doc.to_array([IDX, LENGTH, IS_PUNCT, IS_SPACE]).astype(np.int64).reshape(len(doc), 4)
        starts = cols[:, 0].tolist()
        ends = (cols[:, 0] + cols[:, 1]).tolist()
        text = doc_text(doc)
        cached = doc.user_data[_TABLE] = TokenTable(
            starts,
            ends,
            [text[a:b] for a, b in zip(starts, ends, strict=True)],
            cols[:, 2].astype(bool).tolist(),
            cols[:, 3].astype(bool).tolist(),
        )
    return cached


def char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character offsets covering tokens first..last inclusive."""
    table = token_table(doc)
    return table.starts[first], table.ends[last]


def trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Drop punctuation and spaces at both ends of a token run; keep a closing quote mark and the
    punctuation inside it, so a quoted ending ``wraps.”`` stays whole."""
    table = token_table(doc)
    texts, punct, space = table.texts, table.punct, table.space
    while first <= last and (space[first] or (punct[first] and texts[first] not in '“"«([')):
        first += 1
    while first <= last:
        if (
            space[last]
            or (texts[last] in TRAILING_PUNCT and not _before_closing(texts, last))
            or (punct[last] and texts[last] not in CLOSING_MARKS and texts[last] not in ")]")
        ):
            last -= 1
        else:
            break
    if first > last:
        return None
    return first, last


def _before_closing(texts: list[str], i: int) -> bool:
    return i + 1 < len(texts) and texts[i + 1] in CLOSING_MARKS


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
