"""Reading TimeML ``.tml`` files: document text, creation time, and gold TIMEX3 annotations.

The plain text is the content of the ``<TEXT>`` element with every tag removed and XML entities
decoded; gold offsets index into that plain text. The document creation time (DCT) is the value
of the TIMEX3 whose ``functionInDocument`` is ``CREATION_TIME``; that TIMEX3 is not a gold
expression of the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimscope.errors import InputError

_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|&")
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    """One annotated time expression: offsets into the plain text, TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True)
class TimeMLDocument:
    """A TimeML document: name, plain text, creation date and gold time expressions."""

    name: str
    text: str
    dct: date
    timexes: tuple[GoldTimex, ...]


def _attrs(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(tag)}


def parse_timeml(source: str, name: str) -> TimeMLDocument:
    """Parse the content of one TimeML file; ``name`` is used in error messages."""
    dct_tag = _DCT.search(source)
    body = _TEXT.search(source)
    if dct_tag is None or body is None:
        raise InputError(name, "not a TimeML document with a CREATION_TIME TIMEX3 and <TEXT>")
    try:
        dct = date.fromisoformat(_attrs(dct_tag.group(0))["value"][:10])
    except (KeyError, ValueError) as exc:
        raise InputError(name, "the creation time has no YYYY-MM-DD value") from exc
    parts: list[str] = []
    length = 0
    open_tag: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    for piece in _TOKEN.findall(body.group(1)):
        if piece.startswith("<TIMEX3"):
            open_tag = (length, _attrs(piece))
        elif piece.startswith("</TIMEX3"):
            if open_tag is not None:
                start, attrs = open_tag
                text = "".join(parts)[start:length]
                timexes.append(GoldTimex(start, length, text, attrs.get("type", ""),
                                         attrs.get("value", ""), attrs.get("mod")))
            open_tag = None
        elif not piece.startswith("<"):
            decoded = html.unescape(piece)
            parts.append(decoded)
            length += len(decoded)
    return TimeMLDocument(name, "".join(parts), dct, tuple(timexes))


def read_timeml(path: Path) -> TimeMLDocument:
    """Read one ``.tml`` file."""
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    return parse_timeml(source, str(path))


def iter_timeml(folder: Path) -> Iterator[TimeMLDocument]:
    """Every ``.tml`` file under ``folder`` (recursively), in sorted path order."""
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder")
    for path in sorted(folder.rglob("*.tml")):
        yield read_timeml(path)
