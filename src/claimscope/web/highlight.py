"""Article text as safe HTML with its records highlighted.

The raw text is cut at every span boundary and each piece is escaped on its own, so offsets are
applied to the raw text and never to markup. A piece covered by records becomes a ``<span>``
whose classes name the kinds (``hl-speaker``, ``hl-quantity`` …) and whose ``data-r`` lists the
record ids; the page script shows those records on hover. Pieces may carry one link (a quantity's
measure before an entity page), and each record's first piece carries its anchor ``r-<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """One highlighted span: its kind, the record it belongs to and an optional link."""

    start: int
    end: int
    kind: str
    record: str
    href: str | None = None
    anchor: bool = False


LINK_PRIORITY = ("quantity", "entity")


def _link(active: list[Mark]) -> str | None:
    for kind in LINK_PRIORITY:
        for mark in active:
            if mark.kind == kind and mark.href:
                return mark.href
    return None


def highlight(text: str, marks: list[Mark]) -> Markup:
    """Escaped HTML of ``text`` with ``marks`` applied; marks outside the text are dropped."""
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    starts: dict[int, list[Mark]] = {}
    for mark in valid:
        starts.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    anchored: set[str] = set()
    out: list[str] = []
    for left, right in pairwise(cuts):
        active = [m for m in active if m.end > left]
        active.extend(starts.get(left, ()))
        for mark in starts.get(left, ()):
            if mark.anchor and mark.record not in anchored:
                anchored.add(mark.record)
                out.append(f'<span class="anchor" id="r-{escape(mark.record)}"></span>')
        piece = escape(text[left:right])
        if not active:
            out.append(piece)
            continue
        kinds = " ".join(sorted({f"hl-{m.kind}" for m in active}))
        records = " ".join(dict.fromkeys(m.record for m in active))
        span = f'<span class="hl {kinds}" data-r="{escape(records)}">{piece}</span>'
        href = _link(active)
        out.append(f'<a href="{escape(href)}">{span}</a>' if href else span)
    return Markup("".join(out))
