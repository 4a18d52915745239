"""Terminal tables for the reconciled views: measures, disputes and timelines."""

from __future__ import annotations

from typing import Any

from rich.table import Table


def _range(e: dict[str, Any]) -> str:
    low, high = e["low"], e["high"]
    fmt = "{:,.0f}".format
    if low is not None and high is not None:
        text = fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    else:
        text = f"≥{fmt(low)}" if low is not None else f"≤{fmt(high)}"
    return ("~" if e["approx"] else "") + text


def measure_table(m: dict[str, Any]) -> Table:
    s = m["summary"]
    flag = f" [red]conflict ×{m['ratio']}[/red]" if m["conflict"] else ""
    table = Table(
        title=f"{m['measure']}{flag}",
        caption=f"low {s['low']['value']:,.0f} ({s['low']['source']}) · best "
        f"{s['best']['value']:,.0f} ({s['best']['source']}) · high {s['high']['value']:,.0f} "
        f"({s['high']['source']})",
    )
    for col in ("estimate", "source", "as of", "outlets", "evidence"):
        table.add_column(col, overflow="fold")
    for e in m["estimates"]:
        table.add_row(_range(e), e["source"], e["as_of"] or "", ", ".join(e["outlets"]),
                      e["evidence"]["text"])
    return table


def dispute_table(disputes: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(disputes)} disputes")
    for col in ("date", "disputed by", "cue", "rebuttal", "claim by", "claim", "outlets"):
        table.add_column(col, overflow="fold")
    for d in disputes:
        r, c = d["rebuttal"], d["claim"]
        table.add_row(
            r["date"] or "", r["speaker"] or "?", r["cue"], r["text"],
            f"{c['speaker'] or '?'} ({c['outlet']}, {c['date']})" if c else "[dim]not located",
            c["text"] if c else d["claim_text"], ", ".join(d["outlets"]),
        )
    return table


def timeline_table(about: str, items: list[dict[str, Any]]) -> Table:
    table = Table(title=f"timeline: {about}")
    for col in ("date", "kind", "source", "outlet", "text"):
        table.add_column(col, overflow="fold")
    for i in items:
        table.add_row(i["date"] or "", i["kind"], i["source"] or "", i["outlet"] or "", i["text"])
    return table
