"""The data behind each page, shared by the HTML pages and the JSON API.

Each function takes the app's ``Context`` and returns plain dicts (or ``Page``); the pages render
them with templates and the API returns them as JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from claimscope.store.queries import Page, PageRequest, Queries, StatementFilter
from claimscope.web.cache import VersionedCache
from claimscope.web.formatting import format_value
from claimscope.web.highlight import Mark, highlight
from claimscope.web.reconciled import Reconciled, ReconcileUnavailable, Snapshot

TOP = 5
LATEST = 8


@dataclass
class Context:
    """What every request reads: the store's queries, values cached per store state, and the
    reconciled measures and disputes."""

    queries: Queries
    cache: VersionedCache
    reconciled: Reconciled

    def snapshot(self) -> Snapshot | None:
        """The reconciled snapshot, or None when there is none to show (``reconciled.problem``
        says why: reconcile missing, failing or still running)."""
        try:
            return self.reconciled.snapshot()
        except ReconcileUnavailable:
            return None

    def corpus(self) -> dict[str, Any]:
        """Corpus size, date range, outlets and top speakers (cached per store state)."""
        return self.cache.get("corpus", self.queries.corpus)

    def outlets(self) -> list[str]:
        """The outlets, most articles first."""
        return [o["outlet"] for o in self.corpus()["outlets"]]

    def latest_articles(self) -> list[dict[str, Any]]:
        """The newest articles (cached per store state)."""
        return self.cache.get("latest", lambda: self.queries.articles(PageRequest(1, LATEST)).items)

    def entities(self, page: PageRequest, q: str | None, type_: str | None) -> Page:
        """Entities most mentioned first; the ranking of all of them is cached."""
        if q:
            return self.queries.entities(page, q=q, type_=type_)
        ranking = self.cache.get(("entities", type_), lambda: self.queries.entity_ranking(type_))
        return page_of(ranking, page)


def page_of(items: list[dict[str, Any]], page: PageRequest) -> Page:
    """A page cut from an in-memory list."""
    return Page(items[page.offset : page.offset + page.size], len(items), page.page, page.size)


# --- overview -----------------------------------------------------------------------------


def _dispute_date(d: dict[str, Any]) -> str:
    return str((d.get("rebuttal") or {}).get("date") or "")


def overview(ctx: Context) -> dict[str, Any]:
    """Corpus size, date range, outlets, top speakers, latest disputes, widest conflicts."""
    corpus = ctx.corpus()
    out = {**corpus, "counts": dict(corpus["counts"])}
    out["latest_articles"] = ctx.latest_articles()
    snap = ctx.snapshot()
    out["reconciled"] = snap is not None
    if snap is None:
        out["latest_disputes"] = []
        out["widest_conflicts"] = []
        return out
    latest = sorted(snap.disputes, key=_dispute_date, reverse=True)[:TOP]
    out["latest_disputes"] = [_with_links(d) for d in latest]
    conflicts = [m for m in snap.measures if m.get("conflict")]
    conflicts.sort(key=lambda m: float(m.get("ratio") or 0), reverse=True)
    out["widest_conflicts"] = conflicts[:TOP]
    out["counts"]["measures"] = len(snap.measures)
    out["counts"]["disputes"] = len(snap.disputes)
    return out


# --- statements ---------------------------------------------------------------------------


def _by_article_only(f: StatementFilter) -> bool:
    return not (f.q or f.speaker or f.speaker_id or f.about or f.kind)


def statements(ctx: Context, f: StatementFilter, page: PageRequest) -> Page:
    """Statements matching ``f``, newest article first.

    Without statement-level filters, the page is cut from the cached index of articles and
    their statement counts, then only the statements of the few articles it covers are read:
    any page costs the same, whatever the store's size or its indexes.
    """
    if not _by_article_only(f):
        return ctx.queries.statements(f, page)
    index = ctx.cache.get("article_index", ctx.queries.article_index)
    low = f.date_from.isoformat() if f.date_from else None
    high = f.date_to.isoformat() if f.date_to else None
    chosen: list[str] = []
    total = skip = 0
    for row in index:
        if f.outlet and row["outlet"] != f.outlet:
            continue
        if (low or high) and not (
            row["published"]
            and (not low or row["published"] >= low)
            and (not high or row["published"] <= high)
        ):
            continue
        n = row["n"]
        if n and total + n > page.offset and total < page.offset + page.size:
            if not chosen:
                skip = page.offset - total
            chosen.append(row["id"])
        total += n
    items = ctx.queries.statements_of(chosen)[skip : skip + page.size]
    return Page(items, total, page.page, page.size)


# --- article ------------------------------------------------------------------------------


def _statement_marks(s: dict[str, Any]) -> tuple[list[Mark], dict[str, Any]]:
    rid = s["local_id"]
    marks = []
    if s["speaker_start"] is not None:
        marks.append(Mark(s["speaker_start"], s["speaker_end"], "speaker", rid))
    marks.append(Mark(s["cue_start"], s["cue_end"], "cue", rid))
    fragments = s["fragments"] or [[s["content_start"], s["content_end"]]]
    marks.extend(Mark(a, b, "content", rid, anchor=True) for a, b in fragments)
    record = {
        "kind": "statement",
        "rows": [
            ["speaker", s["entity"] or s["speaker_name"] or s["speaker_text"] or "—"],
            ["in the text", s["speaker_text"] or "—"],
            ["cue", f"{s['cue_text']} ({s['cue_lemma']})"],
            ["kind", s["kind"]],
            ["as of", s["as_of"] or "—"],
            ["confidence", f"{s['confidence']:.2f}"],
        ],
    }
    return marks, record


def article(
    ctx: Context, article_id: str, mark: tuple[int, int] | None = None
) -> dict[str, Any] | None:
    """An article with its records, its text highlighted, and links to entities and measures."""
    art = ctx.queries.article(article_id)
    if art is None:
        return None
    snap = ctx.snapshot()
    marks: list[Mark] = []
    records: dict[str, dict[str, Any]] = {}
    for s in art["statements"]:
        more, records[s["local_id"]] = _statement_marks(s)
        marks.extend(more)
    measures: dict[str, dict[str, Any]] = {}
    for q in art["quantities"]:
        mid = snap.measure_of(article_id, q) if snap else None
        if mid is not None and snap is not None:
            measures[mid] = snap.by_id[mid]
        marks.append(
            Mark(
                q["start"],
                q["end"],
                "quantity",
                q["local_id"],
                href=f"/measures/{mid}" if mid else None,
                anchor=True,
            )
        )
        records[q["local_id"]] = {
            "kind": "quantity",
            "rows": [
                ["value", format_value(q["low"], q["high"]) + (" approx." if q["approx"] else "")],
                ["unit", q["unit"] or "—"],
                ["counted", q["counted"] or "—"],
                ["source", q["source_name"] or "—"],
                ["as of", q["as_of"] or "—"],
                ["measure", snap.by_id[mid]["measure"] if mid and snap else "—"],
            ],
        }
    for tm in art["times"]:
        marks.append(Mark(tm["start"], tm["end"], "time", tm["local_id"], anchor=True))
        records[tm["local_id"]] = {
            "kind": "time",
            "rows": [["value", tm["value"] or "—"], ["granularity", tm["granularity"]]],
        }
    entities: dict[int, dict[str, Any]] = {}
    for m in art["mentions"]:
        rid = f"e{m['entity_id']}"
        entities.setdefault(
            m["entity_id"],
            {"id": m["entity_id"], "name": m["name"], "type": m["type"], "mentions": 0},
        )
        entities[m["entity_id"]]["mentions"] += 1
        marks.append(Mark(m["start"], m["end"], "entity", rid, href=f"/entities/{m['entity_id']}"))
        records[rid] = {"kind": "entity", "rows": [["name", m["name"]], ["type", m["type"]]]}
    if mark is not None:
        marks.append(Mark(mark[0], mark[1], "mark", "mark", anchor=True))
        records["mark"] = {"kind": "evidence", "rows": [["offsets", f"{mark[0]}–{mark[1]}"]]}
    art["html"] = highlight(art["text"], marks)
    art["records"] = records
    art["entities"] = sorted(entities.values(), key=lambda e: (-e["mentions"], e["name"]))
    art["measures"] = list(measures.values())
    return art


# --- measures -----------------------------------------------------------------------------


def measures(ctx: Context, page: PageRequest, q: str | None, conflict: bool | None) -> Page | None:
    """Reconciled measures, widest conflicts first; None without the reconcile module."""
    snap = ctx.snapshot()
    if snap is None:
        return None
    items = snap.measures
    if q:
        needle = q.casefold()
        items = [
            m
            for m in items
            if needle in str(m.get("measure", "")).casefold()
            or needle in str(m.get("subject", "")).casefold()
        ]
    if conflict is not None:
        items = [m for m in items if bool(m.get("conflict")) == conflict]
    items = sorted(
        items,
        key=lambda m: (not m.get("conflict"), -float(m.get("ratio") or 0), -len(m["estimates"])),
    )
    return page_of(items, page)


SEASON_MONTH = {"WI": "01", "SP": "03", "SU": "06", "FA": "09"}


def time_key(as_of: str | None) -> str:
    """A sortable date for an as-of value: "2025-05-02", "2025-05", "2025-W17", "2024-FA"."""
    value = str(as_of or "")
    if len(value) == 7 and value[5:] in SEASON_MONTH:
        return f"{value[:4]}-{SEASON_MONTH[value[5:]]}"
    if len(value) == 8 and value[5] == "W" and value[6:].isdigit():
        week = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
        return week.isoformat()
    return value or "9999"


def measure(ctx: Context, measure_id: str) -> dict[str, Any] | None:
    """One measure with its estimates in time order and the data of its chart."""
    snap = ctx.snapshot()
    if snap is None or measure_id not in snap.by_id:
        return None
    m = dict(snap.by_id[measure_id])
    estimates = sorted(
        m["estimates"], key=lambda e: (time_key(e.get("as_of")), str(e.get("source")))
    )
    m["estimates"] = estimates
    m["chart"] = {
        "estimates": [
            {
                "low": e.get("low"),
                "high": e.get("high"),
                "label": format_value(e.get("low"), e.get("high"))
                + (" approx." if e.get("approx") else ""),
                "source": e.get("source") or e.get("outlet") or "unknown",
                "as_of": str(e.get("as_of") or "undated"),
            }
            for e in estimates
        ],
        "summary": {
            k: ((m.get("summary") or {}).get(k) or {}).get("value") for k in ("low", "best", "high")
        },
    }
    return m


# --- disputes -----------------------------------------------------------------------------


def _evidence_link(side: dict[str, Any] | None) -> str | None:
    """The article a dispute side is in, its text marked where the offsets are known."""
    if not side or not side.get("article"):
        return None
    href = f"/articles/{side['article']}"
    if isinstance(side.get("start"), int) and isinstance(side.get("end"), int):
        return f"{href}?mark={side['start']}-{side['end']}#r-mark"
    return href


def _with_links(dispute: dict[str, Any]) -> dict[str, Any]:
    links = {side: _evidence_link(dispute.get(side)) for side in ("claim", "rebuttal")}
    return {**dispute, "links": links}


def disputes(
    ctx: Context,
    page: PageRequest,
    resolved: bool | None = None,
    speakers: set[str] | None = None,
) -> Page | None:
    """Disputes, latest rebuttal first, each side with a link to its evidence."""
    snap = ctx.snapshot()
    if snap is None:
        return None
    items = snap.disputes
    if resolved is not None:
        items = [d for d in items if bool(d.get("resolved")) == resolved]
    if speakers is not None:
        items = [
            d
            for d in items
            if (d.get("claim") or {}).get("speaker") in speakers
            or (d.get("rebuttal") or {}).get("speaker") in speakers
        ]
    result = page_of(sorted(items, key=_dispute_date, reverse=True), page)
    result.items = [_with_links(d) for d in result.items]
    return result


# --- entities -----------------------------------------------------------------------------


def entity(
    ctx: Context, entity_id: int, said: PageRequest, about: PageRequest
) -> dict[str, Any] | None:
    """An entity: names and aliases, what it said, what was said about it, its disputes."""
    ent = ctx.queries.entity(entity_id)
    if ent is None:
        return None
    ent["said"] = ctx.queries.statements(StatementFilter(speaker_id=entity_id), said)
    ent["said_about"] = ctx.queries.statements(StatementFilter(about=entity_id), about)
    names = {ent["name"], *ent["aliases"]}
    ent["disputes"] = disputes(ctx, PageRequest(1, 100), speakers=names)
    return ent
