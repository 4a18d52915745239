"""Which numbers are not quantities: dates, years, clock times, ordinals and names.

Each rule reads the lexemes around a candidate and the parsed doc:
- names and codes: a number glued to letters that are neither unit, scale nor currency ("G7",
  "Su-34", "SCP-173C", "1st", "1990s", "24703L202"), or right after an identifier word
  ("Article 5", "No. 1", "exit 436") or a proper noun ("Windows 10", "Boeing 737");
- dates: a number next to a month name ("May 8", "8 May 2024"), a year-like integer
  (1000–2100 written without a separator) without a unit, or one that NER marks DATE or TIME
  and has no unit;
- clock times: "2:00", "2 pm", "10 a.m.";
- "one" unless the parse makes it a numeric modifier ("one soldier", not "one of them").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from claimscope.extract.quantity_lexemes import Lexeme

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "jan.", "feb", "feb.", "mar", "mar.", "apr",
    "apr.", "jun", "jun.", "jul", "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct",
    "oct.", "nov", "nov.", "dec", "dec.",
}
CLOCK = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "o'clock", "hrs", "h"}
IDENTIFIERS = {
    "no", "no.", "nos", "nos.", "number", "exit", "highway", "route", "page", "pages", "section",
    "sections", "fig", "fig.", "figs", "figs.", "figure", "figures", "table", "tables",
    "article", "chapter", "flight", "room", "phase", "version", "model", "level", "round",
    "stage", "resolution", "paragraph", "eq", "eq.", "equation", "ref", "refs", "appendix",
    "vol", "vol.", "p", "p.", "pp", "pp.", "series", "block", "unit", "lot", "#",
}
YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")


def is_name_part(lex: Sequence[Lexeme], first: int, last: int) -> bool:
    """Whether the quantity over lex[first:last] shares a token with letters left outside it,
    or hangs on a hyphen glued to a word ("Su-34")."""
    tokens = {lex[k].token for k in range(first, last)}
    for k, piece in enumerate(lex):
        if piece.token in tokens and not first <= k < last and piece.text not in ".,;:!?)(\"'":
            return True
    return (
        first >= 2
        and lex[first - 1].text in "-–"
        and lex[first - 1].glued
        and lex[first].glued
        and lex[first - 2].text.isalpha()
    )


def is_identifier(doc: Doc, lex: Sequence[Lexeme], first: int, has_unit: bool) -> bool:
    """Whether the number at lex[first] follows an identifier word or a proper noun."""
    if first == 0 or has_unit:
        return False
    prev = lex[first - 1]
    if prev.text.lower() in IDENTIFIERS:
        return True
    token = doc[prev.token]
    return (
        token.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and not token.is_sent_start
        and token.ent_type_ not in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")
        and prev.text.lower() not in MONTHS
    )


def is_date_or_time(
    doc: Doc, lex: Sequence[Lexeme], first: int, last: int, has_unit: bool
) -> bool:
    """Whether the number over lex[first:last] is a date, a year or a clock time."""
    prev = lex[first - 1].text.lower() if first > 0 else ""
    nxt = lex[last].text.lower() if last < len(lex) else ""
    after = lex[last + 1].text.lower() if last + 1 < len(lex) else ""
    if prev in MONTHS or nxt in MONTHS or (nxt == "of" and after in MONTHS):
        return True
    if nxt in CLOCK or prev == ":" or (nxt == ":" and after.isdigit()):
        return True
    if has_unit:
        return False
    if any(YEAR.match(lex[k].text) for k in range(first, last)):
        return True
    return doc[lex[first].token].ent_type_ in ("DATE", "TIME")


def is_pronoun_one(doc: Doc, lex: Sequence[Lexeme], first: int, last: int) -> bool:
    """Whether a bare "one" is not a count ("one of them", "no one")."""
    if last - first != 1 or lex[first].text.lower() != "one":
        return False
    return doc[lex[first].token].dep_ != "nummod"
