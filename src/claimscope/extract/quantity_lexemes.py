"""Lexemes: the pieces of a parsed doc's tokens that the number and unit rules read.

spaCy keeps "200lbs", "USD115", "10,000-12,000" and "Su-34" as single tokens; splitting each
token into digit runs, letter runs and single symbols gives the number and unit rules one word
per piece while every piece keeps its character offsets and the index of its token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

PIECE = re.compile(r"\d+(?:[.,]\d+)*(?:/\d+)?|[^\W\d_]+(?:\.[^\W\d_]+)*\.?|\S")


@dataclass(frozen=True)
class Lexeme:
    """One piece of a token: its text, character offsets, token index, and whether it follows
    the previous piece without a space."""

    text: str
    start: int
    end: int
    token: int
    glued: bool


def lexemes(sent: SpacySpan) -> list[Lexeme]:
    """The lexemes of one sentence, in order."""
    out: list[Lexeme] = []
    for token in sent:
        if token.is_space:
            continue
        for k, m in enumerate(PIECE.finditer(token.text)):
            glued = k > 0 or (token.i > 0 and not token.doc[token.i - 1].whitespace_)
            out.append(
                Lexeme(
                    m.group(),
                    token.idx + m.start(),
                    token.idx + m.end(),
                    token.i,
                    glued and bool(out),
                )
            )
    return out
