"""Quantity extraction: every number with what it measures, tied to whoever asserts it.

For each sentence of the parsed doc: split tokens into lexemes, find number expressions with
their modifiers (``numbers.scan``), drop dates, years, clock times, ordinals and names
(``quantity_filters``), attach the unit written before or after the number and any per-unit
rate (``quantity_units``), find the counted noun phrase and its predicate
(``quantity_counted``), the asserting statement or "according to" source and the hedge
(``quantity_source``), and the claim category (``quantity_category``). NER labels are not
needed: the value parser decides what is a number.

The quantity span covers the whole expression: modifiers ("between … to …", "around", "more
than"), currency and unit, and a rate ("$70 a share"). A count's noun is not in the span; it is
the counted phrase, and a rate after it ("80,000 cars a day") gives the unit "per day".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimscope.extract.numbers import NumberMatch, Value, scan
from claimscope.extract.quantity_category import category
from claimscope.extract.quantity_counted import Counted, find_counted, is_anaphoric, kind_of
from claimscope.extract.quantity_filters import (
    is_date_or_time,
    is_identifier,
    is_name_part,
    is_pronoun_one,
    is_reference,
)
from claimscope.extract.quantity_lexemes import Lexeme, lexemes
from claimscope.extract.quantity_source import find_hedge, find_source
from claimscope.extract.quantity_units import (
    CODES,
    SYMBOLS,
    UnitMatch,
    currency_before,
    rate_after,
    unit_after,
)
from claimscope.model import Article, Entity, Quantity, Span, Statement

SCALE_WORDS = {"million", "billion", "trillion", "bn", "mn", "m", "b", "mln", "bln", "thousand"}


def _span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def _tokens_span(text: str, span: SpacySpan | None) -> Span | None:
    if span is None or len(span) == 0:
        return None
    return _span(text, span.start_char, span.end_char)


def _currency_before(words: Sequence[str], m: NumberMatch) -> UnitMatch | None:
    unit = currency_before(words, m.core_start) or currency_before(words, m.start)
    return unit if unit is not None and unit.end in (m.core_start, m.start) else None


def _units(
    words: Sequence[str], lex: Sequence[Lexeme], m: NumberMatch, prev: NumberMatch | None
) -> UnitMatch | None:
    """The unit before (currency) or after the number, with a per-unit rate folded in. A
    currency right after the previous number closes that amount when nothing opened it ("50
    dollar 40 rmb", "10 $ 30 cent"), so it is not this number's."""
    glued = [piece.glued for piece in lex]
    after_scale = words[m.core_end - 1].lower() in SCALE_WORDS
    unit = _currency_before(words, m)
    if (
        unit is not None
        and prev is not None
        and unit.start == prev.end
        and (_currency_before(words, prev) is None)
    ):
        unit = None
    if unit is None:
        unit = unit_after(words, m.core_end, glued, after_scale)
        if unit is not None and unit.unit in ("USD", "EUR") and m.core_end < m.end:
            unit = None
    rate_at = unit.end if unit is not None and unit.end > m.core_end else m.core_end
    rate = rate_after(words, max(rate_at, m.end))
    if rate is None and unit is None and m.end < len(words) and words[m.end].isalpha():
        noun_rate = rate_after(words, m.end + 1)
        return UnitMatch(f"per {noun_rate[0]}", m.start, m.end) if noun_rate else None
    if rate is None:
        return unit
    thing, end = rate
    if unit is None:
        return UnitMatch(f"per {thing}", m.core_end, end)
    return UnitMatch(f"{unit.unit} per {thing}", unit.start, end, unit.factor)


def _minor_part(
    words: Sequence[str],
    glued: Sequence[bool],
    amount: NumberMatch,
    unit: UnitMatch | None,
    nxt: NumberMatch,
) -> tuple[float, int] | None:
    """The cents of a mixed amount ("3 dollars 50 cents", "thirteen dollars and forty-five",
    "17 USD 25"): the share of the major unit that ``nxt`` adds, and where it ends."""
    if unit is None or unit.unit not in CODES or amount.value.low != amount.value.high:
        return None
    major = amount.value.low
    minor = nxt.value.low
    if major is None or major % 1 or minor is None or nxt.value != Value(minor, minor):
        return None
    if not (minor % 1 == 0 and 1 <= minor < 100) or nxt.start != nxt.core_start:
        return None
    joint = max(unit.end, amount.end)
    if nxt.start not in (joint, joint + 1) or (nxt.start > joint and words[joint] != "and"):
        return None
    cents = unit_after(words, nxt.end, glued, False)
    if cents is not None and cents.start == nxt.end and cents.unit in ("cent", "penny"):
        return minor / 100, cents.end
    written_after = unit.start >= amount.end
    if written_after and cents is None and not (nxt.end < len(words) and words[nxt.end].isalpha()):
        return minor / 100, nxt.end
    return None


def _negated(lex: Sequence[Lexeme], m: NumberMatch) -> bool:
    """A minus sign right before the number ("-5 degrees"), not a range dash."""
    if m.start != m.core_start or m.start == 0 or lex[m.start - 1].text not in "-−":
        return False
    before = lex[m.start - 2].text if m.start >= 2 else ""
    return not any(ch.isalnum() for ch in before) or before.lower() in ("convert", "is", "at")


def _sentence_quantities(
    doc: Doc, sent: SpacySpan
) -> list[tuple[int, int, float | None, float | None, NumberMatch, UnitMatch | None]]:
    lex = lexemes(sent)
    words = [piece.text for piece in lex]
    glued = [piece.glued for piece in lex]
    currency_at = frozenset(k for k, w in enumerate(words) if w in SYMBOLS)
    found = []
    matches = scan(words, currency_at)
    covered = 0
    for k, m in enumerate(matches):
        if m.start < covered:
            continue
        unit = _units(words, lex, m, matches[k - 1] if k else None)
        first = min(m.start, unit.start) if unit else m.start
        last = max(m.end, unit.end) if unit else m.end
        minor = _minor_part(words, glued, m, unit, matches[k + 1]) if k + 1 < len(matches) else None
        if minor is not None:
            last = minor[1]
        if is_name_part(lex, first, last) or is_pronoun_one(doc, lex, m.core_start, m.core_end):
            continue
        glued_unit = unit is not None and unit.start == m.core_end and lex[unit.start].glued
        if is_identifier(doc, lex, first, unit is not None, glued_unit):
            continue
        if is_reference(lex, first, last, unit is not None):
            continue
        if is_date_or_time(doc, lex, m.core_start, m.core_end, unit is not None):
            continue
        covered = last
        factor = unit.factor if unit else 1.0
        extra = minor[0] if minor is not None else 0.0
        low = (m.value.low + extra) * factor if m.value.low is not None else None
        high = (m.value.high + extra) * factor if m.value.high is not None else None
        if _negated(lex, m):
            first -= 1
            low, high = (-low if low is not None else None), (-high if high is not None else None)
        found.append((lex[first].start, lex[last - 1].end, low, high, m, unit))
    return found


def _link_anaphora(quantities: list[Quantity], counted: dict[str, Counted]) -> None:
    """Point a bare counted noun ("casualties") to the nearest earlier fuller description."""
    for k, q in enumerate(quantities):
        mine = counted.get(q.id)
        if mine is None or not is_anaphoric(mine) or (kind := kind_of(mine)) is None:
            continue
        for earlier in reversed(quantities[:k]):
            theirs = counted.get(earlier.id)
            if theirs is not None and not is_anaphoric(theirs) and kind_of(theirs) == kind:
                q.refers_to = earlier.id
                break


def extract_quantities(
    doc: Doc, article: Article, statements: Sequence[Statement], entities: Sequence[Entity]
) -> list[Quantity]:
    """Every quantity in the article, in text order, with ids "q1", "q2", …"""
    text = article.text
    out: list[Quantity] = []
    counted_of: dict[str, Counted] = {}
    for sent in doc.sents:
        for start, end, low, high, m, unit in _sentence_quantities(doc, sent):
            qid = f"q{len(out) + 1}"
            counted = find_counted(doc, start, end)
            source = find_source(doc, start, end, statements, entities)
            unit_code = unit.unit if unit else None
            q = Quantity(
                id=qid,
                span=_span(text, start, end),
                low=low,
                high=high,
                approx=m.value.approx,
                bound=m.value.bound,
                unit="percent" if m.value.share else unit_code,
                counted=_tokens_span(text, counted.phrase) if counted else None,
                statement=source.statement,
                source_entity=source.entity,
                source_name=source.name,
                hedge=m.hedge or find_hedge(doc, start, end),
                predicate=_tokens_span(text, counted.predicate) if counted else None,
                source_span=source.span,
                category=category(unit_code, m.value.share, counted),
            )
            if counted is not None:
                counted_of[qid] = counted
            out.append(q)
    _link_anaphora(out, counted_of)
    return out
