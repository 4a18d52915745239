"""Quotation spans found at character level, so direct speech is found whatever the parse says.

Curly quotes are unambiguous; straight double quotes alternate within a paragraph, and so do the
typewriter marks some archives write for them (''…'', two apostrophes; ``…'' opens with two
backquotes). A quote still open at the end of a paragraph ends there (news style re-opens a
running quote at the start of the next paragraph without closing the previous one). A closing
curly mark that starts a paragraph opens a quotation there: it is a mistyped opening mark, since
nothing before it in the paragraph could be closed. Single quotes are left alone: they are too
often apostrophes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# ''' is a typewriter quote next to a single quote inside it ('…''' closes, '''… opens).
QUOTE_MARK = re.compile(r"'''?|``|[“”\"«»„\n]")
OPENING = frozenset({"“", "„", "«", "``"})
CLOSING = frozenset({"”", "»"})
# Marks a quoted fragment may start or end with, for checks on text alone.
OPENING_MARKS = ("“", "„", "«", "``", '"', "''")
CLOSING_MARKS = ("”", "»", '"', "''")


@dataclass(frozen=True)
class Quote:
    """One quotation: ``start``/``end`` bound the inner text; ``outer_*`` include the marks."""

    start: int
    end: int
    closed: bool
    opening: int = 1  # characters of the opening mark
    closing: int = 1  # characters of the closing mark (when closed)

    @property
    def outer_start(self) -> int:
        return self.start - self.opening

    @property
    def outer_end(self) -> int:
        return self.end + self.closing if self.closed else self.end


def find_quotes(text: str) -> list[Quote]:
    """All double-quoted passages in the text, in order, as inner-text offsets."""
    quotes: list[Quote] = []
    open_at: int | None = None
    width = 1
    for m in QUOTE_MARK.finditer(text):
        mark = m.group()
        if mark == "\n":
            if open_at is not None:
                quotes.append(Quote(open_at, m.start(), False, width))
                open_at = None
        elif mark in OPENING or (
            open_at is None and (mark not in CLOSING or _mistyped_opening(text, m.start()))
        ):
            if open_at is not None:
                quotes.append(Quote(open_at, m.start(), False, width))
            width = min(len(mark), 2)
            open_at = m.start() + width
        elif open_at is not None:
            closing = min(len(mark), 2)
            quotes.append(Quote(open_at, m.end() - closing, True, width, closing))
            open_at = None
    if open_at is not None:
        quotes.append(Quote(open_at, len(text), False, width))
    return [q for q in quotes if q.end > q.start]


def _mistyped_opening(text: str, at: int) -> bool:
    """A closing curly mark that starts a paragraph (”Fear. …”): nothing before it could close."""
    return text[at] == "”" and text[at - 1 : at] in ("", "\n")


class QuoteIndex:
    """Looks up which quotation, if any, contains a character offset."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]
        self._outer_starts = [q.outer_start for q in quotes]

    def at(self, offset: int) -> Quote | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def opened_by(self, offset: int) -> Quote | None:
        """The quotation whose opening mark or inner text holds an offset."""
        i = bisect_right(self._outer_starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def closed_at(self, offset: int) -> Quote | None:
        """The closed quotation whose closing mark ends at an offset."""
        i = bisect_right(self._outer_starts, offset - 1) - 1
        if i >= 0 and self.quotes[i].closed and self.quotes[i].outer_end == offset:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotations overlapping [start, end)."""
        return [q for q in self.quotes if q.start < end and start < q.end]
