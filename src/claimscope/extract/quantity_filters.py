"""Which numbers are not quantities: dates, years, clock times, ordinals and names.

Each rule reads the lexemes around a candidate and the parsed doc:
- names and codes: a number glued to letters that are neither unit, scale nor currency ("G7",
  "Su-34", "SCP-173C", "1st", "1990s", "24703L202"), or right after an identifier word
  ("Article 5", "No. 1", "exit 436", "Fig. 3B"), also further down a list that starts there
  ("phases 3, 5 and 7"), or after a proper noun ("Windows 10", "Boeing 737") unless the number
  counts a noun ("Enceladus 14 times");
- references: a bare number alone in brackets or parentheses ("[12]", "(2–5)", "(3)"), or an
  enumeration mark at a sentence start or after a list separator ("1) prices; 2) wages");
- house numbers: a bare number before capitalized words that end in a street word ("10
  Downing Street");
- dates: a day-like or year-like integer next to a month name ("May 8", "8 May 2024"), a
  year-like integer (1000–2100 written without a separator) without a unit, or a small integer
  without a unit that NER marks DATE or TIME and that counts no noun;
- clock times: "2:00", "2 pm", "10 a.m.", "0600 hrs";
- "one" unless the parse makes it a numeric modifier ("one soldier", not "one of them").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from claimscope.extract.quantity_lexemes import Lexeme

MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "jan.",
    "feb",
    "feb.",
    "mar",
    "mar.",
    "apr",
    "apr.",
    "jun",
    "jun.",
    "jul",
    "jul.",
    "aug",
    "aug.",
    "sep",
    "sep.",
    "sept",
    "sept.",
    "oct",
    "oct.",
    "nov",
    "nov.",
    "dec",
    "dec.",
}
CLOCK = {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "o'clock"}
MILITARY_CLOCK = {"hrs", "h", "hours"}
IDENTIFIERS = {
    "no",
    "no.",
    "nos",
    "nos.",
    "number",
    "exit",
    "highway",
    "route",
    "page",
    "pages",
    "section",
    "sections",
    "fig",
    "fig.",
    "figs",
    "figs.",
    "figure",
    "figures",
    "table",
    "tables",
    "article",
    "chapter",
    "flight",
    "room",
    "phase",
    "version",
    "model",
    "level",
    "round",
    "stage",
    "resolution",
    "paragraph",
    "eq",
    "eq.",
    "equation",
    "ref",
    "refs",
    "appendix",
    "vol",
    "vol.",
    "p",
    "p.",
    "pp",
    "pp.",
    "series",
    "block",
    "unit",
    "lot",
    "#",
}
LIST_BEFORE = {";", ":", ",", "and", "or"}
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane",
                "drive"}
YEAR = re.compile(r"^(1[0-9]|20|21)\d\d$")


def is_name_part(lex: Sequence[Lexeme], first: int, last: int) -> bool:
    """Whether the quantity over lex[first:last] shares a token with letters left outside it (a
    sign glued to its number is not a letter: "+3.5%", "-5"), is glued to letters after it ("5G",
    where spaCy splits the token), or hangs on a hyphen glued to a word ("Su-34")."""
    tokens = {lex[k].token for k in range(first, last)}
    for k, piece in enumerate(lex):
        if piece.token in tokens and not first <= k < last and piece.text not in ".,;:!?)(\"'-−+":
            return True
    letters_after = last < len(lex) and lex[last].glued and lex[last].text[:1].isalpha()
    if letters_after and lex[last - 1].text[-1:].isdigit():
        return True
    return (
        first >= 2
        and lex[first - 1].text in "-–"
        and lex[first - 1].glued
        and lex[first].glued
        and lex[first - 2].text.isalpha()
    )


def _list_head(lex: Sequence[Lexeme], first: int) -> int:
    """The index of the first number of a list ("3, 5, and 7") that lex[first] ends."""
    k = first
    while k >= 2 and lex[k - 1].text.lower() in (",", "and", "or", "&"):
        step = 2 if lex[k - 1].text.lower() in ("and", "or") and lex[k - 2].text == "," else 1
        if k - step - 1 < 0 or not lex[k - step - 1].text[:1].isdigit():
            break
        k -= step + 1
    return k


def _identifier_word(lex: Sequence[Lexeme], k: int) -> bool:
    """Whether lex[k - 1] (or lex[k - 2] before a lone period: "Fig . 3") is an identifier word
    or its plural ("phases")."""
    word = lex[k - 1].text.lower() if k >= 1 else ""
    if word in IDENTIFIERS or (word.endswith("s") and word[:-1] in IDENTIFIERS):
        return True
    return k >= 2 and lex[k - 1].text == "." and lex[k - 2].text.lower() + "." in IDENTIFIERS


def is_identifier(
    doc: Doc, lex: Sequence[Lexeme], first: int, has_unit: bool, glued_unit: bool = False
) -> bool:
    """Whether the number at lex[first] follows an identifier word or a proper noun; a unit
    glued to the number ("Fig. 3B") does not save it from an identifier word. At a sentence
    start the words before it in the doc count: the parser may split "Fig. | 3"."""
    if has_unit and not glued_unit:
        return False
    if first == 0:
        i = lex[0].token
        before = [doc[k].text for k in range(max(0, i - 2), i)]
        return _identifier_word([Lexeme(w, 0, 0, 0, False) for w in before], len(before))
    if _identifier_word(lex, _list_head(lex, first)):
        return True
    if has_unit:
        return False
    prev = lex[first - 1]
    token = doc[prev.token]
    return (
        token.pos_ == "PROPN"
        and prev.text[:1].isupper()
        and not token.is_sent_start
        and token.ent_type_ not in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")
        and prev.text.lower() not in MONTHS
        and doc[lex[first].token].dep_ != "nummod"
    )


def _opened(lex: Sequence[Lexeme], first: int) -> bool:
    """Whether a parenthesis opened before lex[first] is still open."""
    for k in range(first - 1, -1, -1):
        if lex[k].text in "()":
            return lex[k].text == "("
    return False


def is_reference(lex: Sequence[Lexeme], first: int, last: int, has_unit: bool) -> bool:
    """Whether the bare number over lex[first:last] is a citation or an enumeration mark
    ("[12]", "(3)", "; 2) cautions")."""
    if has_unit or last >= len(lex):
        return False
    if lex[last].text == ")" and (first == 0 or lex[first - 1].text.lower() in LIST_BEFORE):
        return not _opened(lex, first)
    return first > 0 and (lex[first - 1].text, lex[last].text) in (("[", "]"), ("(", ")"))


def is_street_number(lex: Sequence[Lexeme], last: int, has_unit: bool) -> bool:
    """Whether the bare number ending at lex[last] is a house number ("10 Downing Street",
    "123 Elm Ave."): digits, then capitalized words up to a street word."""
    if has_unit or not lex[last - 1].text.isdigit():
        return False
    for k in range(last, min(len(lex), last + 4)):
        word = lex[k].text
        if not word[:1].isupper():
            return False
        if word.rstrip(".").lower() in STREET_WORDS:
            return k > last
    return False


def is_phone_number(lex: Sequence[Lexeme], first: int, has_unit: bool) -> bool:
    """Whether the bare number at lex[first] is a group of an international phone number: a "+"
    glued to the first of two or more digit groups ("+44 20 7946 0000"), not a signed number
    ("+3.5%", "+10 to -20")."""
    if has_unit:
        return False

    def in_number(piece: Lexeme) -> bool:
        return piece.text[:1].isdigit() or piece.text in "()-."

    k = first
    while k > 0 and in_number(lex[k - 1]):
        k -= 1
    if k == 0 or lex[k - 1].text != "+" or not lex[k].glued:
        return False
    groups = 0
    while k < len(lex) and in_number(lex[k]):
        groups += lex[k].text[:1].isdigit()
        k += 1
    return groups >= 2


def is_date_or_time(doc: Doc, lex: Sequence[Lexeme], first: int, last: int, has_unit: bool) -> bool:
    """Whether the number over lex[first:last] is a date, a year or a clock time."""
    prev = lex[first - 1].text.lower() if first > 0 else ""
    if prev == "." and first > 1:
        prev = lex[first - 2].text.lower()
    nxt = lex[last].text.lower() if last < len(lex) else ""
    after = lex[last + 1].text.lower() if last + 1 < len(lex) else ""
    day_or_year = (
        last - first == 1
        and lex[first].text.isdigit()
        and (int(lex[first].text) <= 31 or YEAR.match(lex[first].text) is not None)
    )
    if day_or_year and (prev in MONTHS or nxt in MONTHS or (nxt == "of" and after in MONTHS)):
        return True
    clock_before = first >= 2 and prev == ":" and lex[first].glued and lex[first - 2].text.isdigit()
    military = nxt in MILITARY_CLOCK and re.match(r"^[012]\d[0-5]\d$", lex[first].text) is not None
    clock_after = nxt == ":" and after.isdigit() and lex[last].glued
    if nxt in CLOCK or military or clock_before or clock_after:
        return True
    if has_unit:
        return False
    if any(YEAR.match(lex[k].text) for k in range(first, last)):
        return True
    token = doc[lex[first].token]
    small = lex[first].text.isdigit() and int(lex[first].text) <= 100
    return small and token.ent_type_ in ("DATE", "TIME") and token.dep_ != "nummod"


def is_pronoun_one(doc: Doc, lex: Sequence[Lexeme], first: int, last: int) -> bool:
    """Whether a bare "one" is not a count ("one of them", "no one")."""
    if last - first != 1 or lex[first].text.lower() != "one":
        return False
    return doc[lex[first].token].dep_ != "nummod"
