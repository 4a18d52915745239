"""Quotations signed after the fact: a quotation closing its paragraph, then a dash and the name
of who said it, on the same line or the next (“… our greatest shame.” ― Sonya Herridge;
"…"\\n\\n- Bernie Sanders.), and an embedded post signed with its author's handle (… — Paul Ryan
(@SpeakerRyan) July 5, 2016). Found from the characters alone: the layout says who speaks, the
dash is the cue and the quotation (or the post's text) is the content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimscope.extract.quotes import CLOSING_MARKS, QuoteIndex

BLANK = "[ \\t\\u00a0]"
# A word of a name: capitalised (initials and hyphens included), or a particle inside one.
NAME = (
    r"[A-Z][\w'’.-]*(?:"
    + BLANK
    + r"+(?:[A-Z][\w'’.-]*|(?:de|da|del|der|van|von|bin|al|la|le|di|du)(?=\s+[A-Z]))){0,5}"
)
HANDLE = r"\(@\w+\)"
# The dash, the name, an optional handle, and a short tail to the end of the line: a date after
# a handle, or a description after a comma ("— Jane Doe, a nurse from Ohio").
SIGNATURE = re.compile(
    rf"(?P<dash>[―—–-]){BLANK}*(?P<name>{NAME})(?P<handle>{BLANK}+{HANDLE})?"
    rf"(?P<tail>(?:,{BLANK}+[^\n]{{1,100}})|(?<=\)){BLANK}+[^\n]{{1,60}})?{BLANK}*\.?{BLANK}*$",
    re.MULTILINE,
)
# What opens a post's paragraph and what ends its text, neither part of what was said.
LEADING_TAG = re.compile(r"<[^>\n]*>")
TRAILING_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com|https?://)\S*)+\s*$")
CLOSING_CHARS = frozenset("".join(CLOSING_MARKS))  # every character of a closing mark
INITIALS = frozenset({"Jr", "Sr"})


@dataclass(frozen=True)
class SignedQuote:
    """Character spans of one signed quotation: the dash, the name and the quoted text."""

    cue: tuple[int, int]
    speaker: tuple[int, int]
    content: tuple[int, int]


def signed_quotes(text: str, quotes: QuoteIndex) -> list[SignedQuote]:
    """Every signed quotation or post in the text, in order."""
    found = []
    for match in SIGNATURE.finditer(text):
        dash = match.start("dash")
        if dash and not (text[dash - 1].isspace() or text[dash - 1] in CLOSING_CHARS):
            continue
        line_start = text.rfind("\n", 0, dash) + 1
        content = _quotation_before(text, dash, quotes)
        if content is None and match.group("handle") and line_start < dash:
            content = _post_text(text, line_start, dash)
        if content is None:
            continue
        speaker = (match.start("name"), _name_end(match))
        if match.group("handle"):
            speaker = (speaker[0], match.end("handle"))
        found.append(SignedQuote((dash, dash + 1), speaker, content))
    return found


def _quotation_before(text: str, dash: int, quotes: QuoteIndex) -> tuple[int, int] | None:
    """The closed quotation ending just before the dash, with nothing but blanks or one paragraph
    break between, and starting its line: the line holds nothing else."""
    stripped = dash
    while stripped and text[stripped - 1] in " \t\u00a0\n":
        stripped -= 1
    if not stripped or text.count("\n", stripped, dash) > 2:
        return None
    quote = quotes.closed_at(stripped)
    if quote is None:
        return None
    if text[text.rfind("\n", 0, quote.outer_start) + 1 : quote.outer_start].strip():
        return None
    return quote.outer_start, quote.outer_end


def _post_text(text: str, start: int, dash: int) -> tuple[int, int] | None:
    """The text of a post from its line's start (past a markup tag) to the dash, without the
    links that close it."""
    tag = LEADING_TAG.match(text, start)
    if tag is not None:
        start = tag.end()
    end = dash
    link = TRAILING_LINK.search(text, start, end)
    if link is not None:
        end = link.start()
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _name_end(match: re.Match[str]) -> int:
    """Where the name ends: a full stop after it ends the line, not the name, unless it closes
    an initial or a suffix ("Edwin G.", "Jr.")."""
    end = match.end("name")
    name = match.group("name")
    if name.endswith("."):
        last = name.rsplit(None, 1)[-1].rstrip(".")
        if len(last) > 1 and last not in INITIALS:
            end -= 1
    return end
