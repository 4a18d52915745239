"""As-of dates for statements and quantities: the time their content refers to when stated.

Rules, applied to an :class:`~claimscope.model.ArticleResult` whose times, statements and
quantities are already extracted:

- A time is *usable* when it names a point or period: a date, time, week, month, quarter,
  season, year, decade or century value gives itself; an anchored duration ("eight months after
  March 2024") gives the point it lands on; "now" (``PRESENT_REF``) gives the publication date.
  Unanchored durations, sets and vague past or future references are not usable.
- Statement: the first usable time inside its content fragments (the content's own time: "troops
  were sent in the fall of 2024"); failing that, the first usable time in the cue's sentence
  outside the content (the statement time: "said on Monday"); failing that, the publication
  date.
- Quantity: the usable time nearest to it in its sentence, preferring one inside the content of
  its statement when it belongs to one; failing that, its statement's as-of; failing that, the
  publication date.
- Sentences are cut on the article text at line breaks and at ``.``, ``!`` or ``?`` followed by
  white space (the records carry offsets, not the parse).

Values are the times' TimeML values (``2025-04-28``, ``2024-FA``) or the publication date in ISO
form; ``None`` when nothing applies and the publication date is unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from claimscope.model import ArticleResult, Quantity, Statement, TimeRef

_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"'”’)\]]*\s+")
_UNUSABLE = {"duration", "set", "ref"}


def usable_value(time: TimeRef, published: str | None) -> str | None:
    """The as-of value a time expression gives, or None if it names no point or period."""
    if time.value == "PRESENT_REF":
        return published
    if time.granularity == "duration":
        return time.anchor
    if time.granularity in _UNUSABLE:
        return None
    return time.value


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (the first is 0)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def _sentence_of(starts: list[int], offset: int) -> tuple[int, int]:
    i = bisect_right(starts, offset) - 1
    end = starts[i + 1] if i + 1 < len(starts) else 1 << 62
    return starts[i], end


def _inside(time: TimeRef, spans: list[tuple[int, int]]) -> bool:
    return any(s <= time.span.start and time.span.end <= e for s, e in spans)


def _inside_any(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(s <= quantity.span.start and quantity.span.end <= e for s, e in spans)


def _fragments(statement: Statement) -> list[tuple[int, int]]:
    return list(statement.fragments) or [(statement.content.start, statement.content.end)]


def statement_as_of(
    statement: Statement, times: list[TimeRef], starts: list[int], published: str | None
) -> str | None:
    """A statement's as-of value (see the module rules)."""
    fragments = _fragments(statement)
    for time in times:
        if _inside(time, fragments) and (value := usable_value(time, published)):
            return value
    low, high = _sentence_of(starts, statement.cue.start)
    for time in times:
        if low <= time.span.start < high and not _inside(time, fragments):
            value = usable_value(time, published)
            if value:
                return value
    return published


def quantity_as_of(
    quantity: Quantity,
    statement: Statement | None,
    times: list[TimeRef],
    starts: list[int],
    published: str | None,
) -> str | None:
    """A quantity's as-of value (see the module rules)."""
    low, high = _sentence_of(starts, quantity.span.start)
    near = [t for t in times if low <= t.span.start < high and usable_value(t, published)]
    if statement is not None and _inside_any(quantity, _fragments(statement)):
        in_content = [t for t in near if _inside(t, _fragments(statement))]
        near = in_content or near
    if near:
        middle = (quantity.span.start + quantity.span.end) / 2
        best = min(near, key=lambda t: abs((t.span.start + t.span.end) / 2 - middle))
        return usable_value(best, published)
    if statement is not None and statement.as_of:
        return statement.as_of
    return published


def assign_as_of(result: ArticleResult) -> None:
    """Set ``as_of`` on every statement and quantity of ``result`` in place."""
    published = result.article.published.isoformat() if result.article.published else None
    starts = sentence_bounds(result.article.text)
    times = sorted(result.times, key=lambda t: t.span.start)
    by_id: dict[str, Statement] = {}
    for statement in result.statements:
        statement.as_of = statement_as_of(statement, times, starts, published)
        by_id[statement.id] = statement
    for quantity in result.quantities:
        owner = by_id.get(quantity.statement) if quantity.statement else None
        quantity.as_of = quantity_as_of(quantity, owner, times, starts, published)
