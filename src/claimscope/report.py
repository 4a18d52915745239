"""Readable terminal output: record tables for one article, and statements grouped by speaker."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimscope.model import ArticleResult

SENTENCE_END = re.compile(r"[.!?][”\"’)]?(?=\s)|\n")


def evidence_sentence(text: str, start: int, end: int) -> str:
    """The sentence(s) around [start, end): from the previous sentence end to the next one."""
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    return " ".join(text[left:right].split())


def _value(low: float | None, high: float | None) -> str:
    def fmt(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

    if low is None and high is None:
        return "?"
    if low is None:
        return f"≤ {fmt(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"≥ {fmt(low)}"
    return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"


def article_tables(result: ArticleResult) -> Group:
    """Tables of one article's statements, quantities, times and entities."""
    art = result.article
    head = Text.assemble(
        (art.title or "(untitled)", "bold"),
        "\n",
        (f"{art.outlet or 'unknown outlet'} · {art.published or 'no date'} · {art.origin}", "dim"),
    )
    st = Table(title="Statements", show_lines=True, expand=True)
    for col in ("speaker", "cue", "content", "kind", "as of"):
        st.add_column(col, overflow="fold")
    for s in result.statements:
        who = s.speaker.span.text if s.speaker else "—"
        if s.speaker and s.speaker.name and s.speaker.name != who:
            who += f"\n→ {s.speaker.name}"
        st.add_row(who, s.cue.text, s.content.text, s.kind, s.as_of or "")
    qt = Table(title="Quantities", expand=True)
    for col in ("text", "value", "approx", "unit", "counted", "source", "as of"):
        qt.add_column(col, overflow="fold")
    for q in result.quantities:
        qt.add_row(
            q.span.text,
            _value(q.low, q.high),
            "~" if q.approx else "",
            q.unit or "",
            q.counted.text if q.counted else "",
            q.source_name or "—",
            q.as_of or "",
        )
    tt = Table(title="Times", expand=True)
    for col in ("text", "value", "granularity"):
        tt.add_column(col)
    for tm in result.times:
        tt.add_row(tm.span.text, tm.value or "?", tm.granularity)
    et = Table(title="Entities", expand=True)
    for col in ("name", "type", "aliases", "mentions"):
        et.add_column(col, overflow="fold")
    for e in result.entities:
        et.add_row(
            e.name, e.type, ", ".join(a for a in e.aliases if a != e.name), str(len(e.mentions))
        )
    return Group(Panel(head), st, qt, tt, et)


def speaker_report(
    console: Console, statements: Iterable[dict[str, Any]], texts: dict[str, str]
) -> None:
    """Statements grouped by speaker (canonical name when resolved), each with its evidence
    sentence and source article. ``texts`` maps article ids to their text."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in statements:
        who = (
            row.get("entity")
            or row.get("speaker_name")
            or row.get("speaker_text")
            or ("(no named source)")
        )
        groups[who].append(row)
    for who in sorted(groups, key=lambda w: (-len(groups[w]), w.lower())):
        rows = groups[who]
        table = Table(show_header=True, expand=True, show_lines=True)
        table.add_column("said", ratio=3, overflow="fold")
        table.add_column("evidence", ratio=5, overflow="fold")
        table.add_column("where", ratio=2, overflow="fold")
        for row in rows:
            text = texts[row["article_id"]]
            sentence = evidence_sentence(text, row["content_start"], row["content_end"])
            said = Text.assemble(
                (row["cue_text"], "bold cyan"),
                " ",
                row["content_text"][:300],
                (f"  [{row['kind']}]", "dim"),
            )
            where = Text.assemble(
                row.get("outlet") or "?",
                "\n",
                (str(row.get("published") or ""), "dim"),
                "\n",
                (f"{row['article_id']} @{row['content_start']}–{row['content_end']}", "dim"),
            )
            table.add_row(said, Text(sentence, style="italic"), where)
        aliases = sorted({r["speaker_text"] for r in rows if r.get("speaker_text")} - {who})
        title = f"[bold]{who}[/bold] — {len(rows)} statement{'s' if len(rows) > 1 else ''}"
        if aliases:
            title += f"  [dim](as: {'; '.join(aliases)})[/dim]"
        console.print(Panel(table, title=title, title_align="left"))
