"""Quotation spans found at character level, so direct speech is found whatever the parse says.

Curly quotes are unambiguous; straight double quotes alternate within a paragraph. A quote still
open at the end of a paragraph ends there (news style re-opens a running quote at the start of the
next paragraph without closing the previous one). Single quotes are left alone: they are too often
apostrophes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

OPENING = {"“", "„", "«"}
CLOSING = {"”", "»"}
STRAIGHT = '"'


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start``/``end`` bound the inner text; ``outer_*`` include the marks."""

    start: int
    end: int
    closed: bool

    @property
    def outer_start(self) -> int:
        return self.start - 1

    @property
    def outer_end(self) -> int:
        return self.end + 1 if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted passages in the text, in order, as inner-text offsets."""
    quotes: list[Quote] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                quotes.append(Quote(open_at, i, closed=False))
                open_at = None
        elif ch in OPENING or (ch == STRAIGHT and open_at is None):
            if open_at is not None:
                quotes.append(Quote(open_at, i, closed=False))
            open_at = i + 1
        elif (ch in CLOSING or ch == STRAIGHT) and open_at is not None:
            quotes.append(Quote(open_at, i, closed=True))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, len(text), closed=False))
    return [q for q in quotes if q.end > q.start]


class QuoteIndex:
    """Looks up which quotation, if any, contains a character offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotations overlapping [start, end)."""
        return [q for q in self.quotes if q.start < end and start < q.end]
