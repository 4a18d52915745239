"""Lexemes: the pieces of a parsed doc's tokens that the number and unit rules read.

spaCy keeps "200lbs", "USD115", "10,000-12,000" and "Su-34" as single tokens; splitting each
token into digit runs, letter runs and single symbols gives the number and unit rules one word
per piece while every piece keeps its character offsets and the index of its token. A period
that closes the sentence is its own piece even where spaCy leaves it on the last token ("$450K.",
"60 eV."), so that it does not hide a scale or a unit; a piece after a whitespace token (a
double space) is not glued to the piece before it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span as SpacySpan

from claimscope.extract.tokens import token_table
from claimscope.nlp import doc_text

PIECE = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+)?|[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\S")


class Lexeme(NamedTuple):
    """One piece of a token: its text, character offsets, token index, and whether it follows
    the previous piece without a space."""

    text: str
    start: int
    end: int
    token: int
    glued: bool


def _final_period(text: str) -> bool:
    """Whether a sentence's last piece ends in a period that is not part of an abbreviation
    with inner periods ("K." yes, "U.S." no)."""
    return len(text) > 1 and text.endswith(".") and "." not in text[:-1]


def lexemes(sent: SpacySpan) -> list[Lexeme]:
    """The lexemes of one sentence, in order (read from the document's token table)."""
    table = token_table(sent.doc)
    texts, starts, ends, space = table.texts, table.starts, table.ends, table.space
    stop = len(doc_text(sent.doc))
    out: list[Lexeme] = []
    last = sent.end - 1
    while last > sent.start and space[last]:
        last -= 1
    spaced = True
    for i in range(sent.start, sent.end):
        if space[i]:
            spaced = True
            continue
        word, idx = texts[i], starts[i]
        if word.isalpha() or word.isdecimal():
            pieces = [(word, 0)]  # what PIECE finds in it: the whole token
        else:
            pieces = [(m.group(), m.start()) for m in PIECE.finditer(word)]
        for k, (piece, offset) in enumerate(pieces):
            glued = (k > 0 or not spaced) and bool(out)
            start, end = idx + offset, idx + offset + len(piece)
            if i == last and k == len(pieces) - 1 and _final_period(piece):
                out.append(Lexeme(piece[:-1], start, end - 1, i, glued))
                out.append(Lexeme(".", end - 1, end, i, True))
            else:
                out.append(Lexeme(piece, start, end, i, glued))
        # a token's trailing whitespace is whatever lies before the next token
        spaced = (starts[i + 1] if i + 1 < len(starts) else stop) > ends[i]
    return out
