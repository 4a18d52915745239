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
the counted phrase, and a rate after it ("80,000 cars a day", "2.4 billion gallons of jet fuel a
year") gives the unit "per day" or "gal per year". "aged 34" is an age; a bare number takes
the unit written after the next number of a list, product, change or score ("6 and 13 kg",
"20 by 30 feet", "from 3 to 5 percent").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimscope.extract.numbers import NumberMatch, Value, may_hold_number, scan
from claimscope.extract.quantity_category import category
from claimscope.extract.quantity_counted import Counted, find_counted, is_anaphoric, kind_of
from claimscope.extract.quantity_filters import (
    is_date_or_time,
    is_identifier,
    is_name_part,
    is_phone_number,
    is_pronoun_one,
    is_reference,
    is_street_number,
)
from claimscope.extract.quantity_lexemes import Lexeme, lexemes
from claimscope.extract.quantity_source import find_hedge, find_source
from claimscope.extract.quantity_unit_words import AGE_WORDS, CODES, SYMBOLS
from claimscope.extract.quantity_units import (
    UnitMatch,
    currency_before,
    rate_after,
    unit_after,
)
from claimscope.model import Article, Entity, Quantity, Span, Statement
from claimscope.nlp import doc_text

SCALE_WORDS = {"million", "billion", "trillion", "bn", "mn", "m", "b", "mln", "bln", "thousand"}
DURATIONS = {"year", "month", "week", "day"}
NOUN_RUN = 5
NOMINAL_POS = {"NOUN", "PROPN", "ADJ"}
CONNECTORS = {("and",), ("or",), ("to",), ("x",), ("×",), ("by",), (",", "and"), (",", "or")}


def _span(text: str, start: int, end: int) -> Span:
    return Span(text[start:end], start, end)


def _tokens_span(text: str, span: SpacySpan | None) -> Span | None:
    if span is None or len(span) == 0:
        return None
    return _span(text, span.start_char, span.end_char)


def _currency_before(
    words: Sequence[str], glued: Sequence[bool], m: NumberMatch
) -> UnitMatch | None:
    unit = currency_before(words, m.core_start, glued) or currency_before(words, m.start, glued)
    return unit if unit is not None and unit.end in (m.core_start, m.start) else None


def _noun_run(doc: Doc, lex: Sequence[Lexeme], i: int) -> int:
    """The end of the nouns, adjectives and "of" from lex[i] on, five words at most ("of jet
    fuel", "new cars"); a comparative ("50 cents more per barrel") is not part of a noun."""
    end = i
    while end < min(len(lex), i + NOUN_RUN) and (
        lex[end].text.lower() == "of" or _nominal(doc[lex[end].token])
    ):
        end += 1
    return end


def _nominal(token: Token) -> bool:
    return token.pos_ in NOMINAL_POS and token.tag_ not in ("JJR", "JJS")


def _units(
    doc: Doc,
    words: Sequence[str],
    lex: Sequence[Lexeme],
    m: NumberMatch,
    prev: NumberMatch | None,
) -> UnitMatch | None:
    """The unit before (currency) or after the number, with a per-unit rate folded in, also one
    after the counted noun ("2.4 billion gallons of jet fuel a year", "80,000 cars a day"). A
    currency right after the previous number closes that amount when nothing opened it ("50
    dollar 40 rmb", "10 $ 30 cent"), so it is not this number's."""
    glued = [piece.glued for piece in lex]
    after_scale = words[m.core_end - 1].lower() in SCALE_WORDS
    unit = _currency_before(words, glued, m)
    if (
        unit is not None
        and prev is not None
        and unit.start == prev.end
        and (_currency_before(words, glued, prev) is None)
    ):
        unit = None
    if unit is None:
        unit = unit_after(words, m.core_end, glued, after_scale)
        if unit is not None and unit.unit in ("USD", "EUR") and m.core_end < m.end:
            unit = None
    unit = _age(words, m, unit)
    rate_at = max(unit.end if unit is not None and unit.end > m.core_end else m.core_end, m.end)
    rate = rate_after(words, rate_at)
    if rate is None:
        noun_end = _noun_run(doc, lex, rate_at)
        noun_rate = rate_after(words, noun_end) if noun_end > rate_at else None
        if noun_rate is None:
            return unit
        if unit is None:
            return UnitMatch(f"per {noun_rate[0]}", m.start, m.end)
        return UnitMatch(f"{unit.unit} per {noun_rate[0]}", unit.start, unit.end, unit.factor)
    thing, end = rate
    if unit is None:
        return UnitMatch(f"per {thing}", m.core_end, end)
    return UnitMatch(f"{unit.unit} per {thing}", unit.start, end, unit.factor)


def _age(words: Sequence[str], m: NumberMatch, unit: UnitMatch | None) -> UnitMatch | None:
    """An age after "aged" or "age" ("aged 34", "age 87", "aged 6 months"): years unless a
    duration follows."""
    if m.start == 0 or words[m.start - 1].lower() not in AGE_WORDS:
        return unit
    if unit is None:
        return UnitMatch("year of age", m.start - 1, m.start)
    if unit.unit in DURATIONS:
        return UnitMatch(f"{unit.unit} of age", unit.start, unit.end)
    return unit


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


# words after which a dash before a number is a minus sign ("it was -5 degrees")
_BEFORE_A_MINUS = frozenset(("convert", "is", "was", "are", "were", "be", "been", "at"))
_MINUS_SIGNS = ("-", "−")


def _minus_signs(lex: Sequence[Lexeme]) -> frozenset[int]:
    """Indices of the words that are a minus sign of what follows ("-5 degrees", "minus 5
    degrees", "from -5", "(-5)"), not a range dash ("ages 10 -12"), a hyphen ("COVID-19"), a
    list bullet ("- 5 people were hurt"), a difference ("10 minus 5") nor a margin ("plus or
    minus 3"). Whether a number follows is the scanner's to find."""
    signs: set[int] = set()
    for k in range(len(lex) - 1):
        word = lex[k].text
        before = lex[k - 1].text if k else ""
        glued_after = lex[k + 1].glued
        if word.lower() == "minus":
            if not before[:1].isdigit() and before.lower() not in ("or", "plus"):
                signs.add(k)
        elif word in _MINUS_SIGNS and (
            before.lower() in _BEFORE_A_MINUS
            or (glued_after and not any(ch.isalnum() for ch in before))
            # "growth of -0.5%", "from -5": set off from a word and glued to what follows
            or (glued_after and not lex[k].glued and not any(ch.isdigit() for ch in before))
        ):
            signs.add(k)
    return frozenset(signs)


Found = tuple[int, int, float | None, float | None, NumberMatch, UnitMatch | None]


def _distribute_units(words: Sequence[str], found: list[Found]) -> list[Found]:
    """Give a bare number the unit written after the next, unmodified number of a list or a
    product, or the start of a change or a score ("6 and 13 kg", "1, 5 and 10 mg", "20 × 30 m",
    "rose from 3 to 5 percent", "won 52 to 38 percent"; not "the two and up to 20 percent"),
    right to left so that a unit travels down a list ("," passes on only a unit that was passed
    on to the next number)."""
    out = list(found)
    passed = False
    for k in range(len(out) - 2, -1, -1):
        m, unit = out[k][4], out[k][5]
        nxt, shared = out[k + 1][4], out[k + 1][5]
        between = tuple(w.lower() for w in words[m.end : nxt.start])
        sharable = (
            shared is not None
            and nxt.start == nxt.core_start
            and shared.start >= nxt.core_end
            and shared.factor == 1.0
            and not shared.unit.startswith("per ")
        )
        joined = between in CONNECTORS or (between == (",",) and passed)
        passed = unit is None and not m.value.share and sharable and joined
        if passed and shared is not None:
            out[k] = (*out[k][:5], UnitMatch(shared.unit, m.core_end, m.core_end))
    return out


def _sentence_quantities(doc: Doc, sent: SpacySpan) -> list[Found]:
    if not may_hold_number(doc_text(doc)[sent.start_char : sent.end_char]):
        return []
    lex = lexemes(sent)
    words = [piece.text for piece in lex]
    glued = [piece.glued for piece in lex]
    currency_at = frozenset(k for k, w in enumerate(words) if w in SYMBOLS)
    found: list[Found] = []
    signs = _minus_signs(lex)
    matches = scan(words, currency_at, signs)
    covered = 0
    for k, m in enumerate(matches):
        if m.start < covered:
            continue
        unit = _units(doc, words, lex, m, matches[k - 1] if k else None)
        number_start = m.start + 1 if m.start in signs else m.start
        first = min(number_start, unit.start) if unit else number_start
        last = max(m.end, unit.end) if unit else m.end
        minor = _minor_part(words, glued, m, unit, matches[k + 1]) if k + 1 < len(matches) else None
        if minor is not None:
            last = minor[1]
        if is_name_part(lex, first, last) or is_pronoun_one(doc, lex, m.core_start, m.core_end):
            continue
        glued_unit = unit is not None and unit.start == m.core_end and lex[unit.start].glued
        if is_identifier(doc, lex, first, unit is not None, glued_unit):
            continue
        if (
            is_reference(lex, first, last, unit is not None)
            or is_street_number(lex, last, unit is not None)
            or is_phone_number(lex, first, unit is not None)
        ):
            continue
        if is_date_or_time(doc, lex, m.core_start, m.core_end, unit is not None):
            continue
        covered = last
        factor = unit.factor if unit else 1.0
        extra = minor[0] if minor is not None else 0.0
        low = (m.value.low + extra) * factor if m.value.low is not None else None
        high = (m.value.high + extra) * factor if m.value.high is not None else None
        first = min(first, m.start)
        if first and words[first - 1] == "+" and glued[first]:
            first -= 1  # a plus sign is kept in the span: "+3.5%"
        found.append((lex[first].start, lex[last - 1].end, low, high, m, unit))
    return _distribute_units(words, found)


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
