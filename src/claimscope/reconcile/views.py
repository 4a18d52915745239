"""The reconciled views the CLI and web UI show: measures, disputes and a subject's timeline.

Each call makes sure the reconcile tables are current (``build.ensure``) and then reads them.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from claimscope.extract.asof import sentence_bounds
from claimscope.reconcile.build import Progress, ensure
from claimscope.reconcile.ledger import build_measures
from claimscope.store import Store
from claimscope.store import reconcile as rq


def measures(
    store: Store, about: str | None = None, progress: Progress | None = None
) -> list[dict[str, Any]]:
    """The measures (``estimates --json`` objects), optionally only those about a subject."""
    ensure(store, progress)
    return list(build_measures(rq.estimates(store, about)))


def _statement(row: dict[str, Any]) -> dict[str, Any]:
    published = row["published"]
    return {
        "text": row["content_text"],
        "speaker": row["entity"] or row["speaker_name"] or row["speaker_text"],
        "article": row["article_id"],
        "outlet": row["outlet"],
        "date": published.isoformat() if published else None,
        "url": row["url"],
        "start": row["content_start"],
        "end": row["content_end"],
        "statement": row["id"],
        "quantity": None,
    }


def _quantity_claim(row: dict[str, Any]) -> dict[str, Any]:
    """A claim that is an estimate stated without a reporting verb: its sentence, its source."""
    text = row["article_text"]
    starts = sentence_bounds(text)
    i = max(0, bisect_right(starts, row["start"]) - 1)
    end = starts[i + 1] if i + 1 < len(starts) else len(text)
    raw = text[starts[i] : end]
    start, sentence = starts[i], raw.strip()
    start += raw.index(sentence[:1]) if sentence else 0
    published = row["published"]
    return {
        "text": sentence,
        "speaker": row["entity"] or row["source_name"],
        "article": row["article_id"],
        "outlet": row["outlet"],
        "date": published.isoformat() if published else None,
        "url": row["url"],
        "start": start,
        "end": start + len(sentence),
        "statement": None,
        "quantity": row["id"],
    }


def _side(row: dict[str, Any]) -> dict[str, Any]:
    """A statement, or an estimate stated without a reporting verb, as one side of a dispute."""
    return _statement(row) if "content_text" in row else _quantity_claim(row)


def disputes(
    store: Store, progress: Progress | None = None, fold: bool = True
) -> list[dict[str, Any]]:
    """Every dispute (``disputes --json`` objects); copies of one origin are folded into one
    dispute listing each outlet that carried it (unless ``fold`` is False). A rebuttal is a
    statement, or an estimate compared with the claim ("380,000, far fewer than the unions
    claimed")."""
    ensure(store, progress)
    rows = list(rq.reconciled_disputes(store))
    ids = {r["rebuttal_id"] for r in rows} | {r["claim_id"] for r in rows if r["claim_id"]}
    statements = rq.statement_rows(store, ids)
    quantities = rq.quantity_rows(store, ids - statements.keys())
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        rebuttal = statements.get(r["rebuttal_id"]) or quantities[r["rebuttal_id"]]
        claim = statements.get(r["claim_id"]) if r["claim_id"] else None
        quantity = quantities.get(r["claim_id"]) if r["claim_id"] else None
        claim_view = _statement(claim) if claim else _quantity_claim(quantity) if quantity else None
        origin = (claim or quantity or {}).get("origin")
        key = (rebuttal["origin"], r["cue_text"], origin or r["claim_text"])
        if not fold:
            key = (r["id"],)
        if key in out:
            out[key]["outlets"] = sorted({*out[key]["outlets"], rebuttal["outlet"] or ""})
            continue
        out[key] = {
            "id": r["id"],
            "claim": claim_view,
            "claim_text": r["claim_text"] or (claim_view["text"] if claim_view else ""),
            "rebuttal": {**_side(rebuttal), "cue": r["cue_text"],
                         "cue_start": r["cue_start"], "cue_end": r["cue_end"]},
            "resolved": claim_view is not None,
            "link": r["link"],
            "outlets": [rebuttal["outlet"] or ""],
        }
    return list(out.values())


def timeline(store: Store, about: str, progress: Progress | None = None) -> list[dict[str, Any]]:
    """Statements and estimates about a subject in date order, with source and outlet."""
    items = []
    for st in rq.statements_about(store, about):
        items.append({
            "date": st["published"].isoformat() if st["published"] else None,
            "kind": "statement",
            "text": st["content_text"],
            "source": st["entity"] or st["speaker_name"] or st["speaker_text"],
            "outlet": st["outlet"],
            "article": st["article_id"],
            "start": st["content_start"],
            "end": st["content_end"],
        })
    for m in measures(store, about, progress):
        for e in m["estimates"]:
            items.append({
                "date": e["as_of"] if e["as_of"] and len(e["as_of"]) == 10 else e["published"],
                "kind": "estimate",
                "text": f"{m['measure']}: {e['evidence']['text']}",
                "source": e["source"],
                "outlet": ", ".join(e["outlets"]),
                "article": e["article"],
                "start": e["evidence"]["start"],
                "end": e["evidence"]["end"],
            })
    items.sort(key=lambda i: (i["date"] or "9999", i["kind"], i["article"], i["start"]))
    return items
