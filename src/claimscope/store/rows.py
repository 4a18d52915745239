"""From an article record to table rows: the store's input form, free of SQL.

An *article record* is the article's ``claimscope/1`` JSON object with the article's ``origin``
added (``article_record``). It is what worker processes send to the writer and what Parquet
shards hold, so every way into the store goes through this one mapping. Entity ids are assigned
by the database; rows refer to an article's entities by their local id until the store maps them
(``EntityRef``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from claimscope.model import ArticleResult, Entity
from claimscope.resolve import canonical_key

Record = dict[str, Any]
Row = dict[str, Any]


def article_record(result: ArticleResult) -> Record:
    """The JSON-able record of one result: its claimscope/1 object plus the article's origin."""
    record = result.to_json()
    record["article"]["origin"] = result.article.origin
    return record


@dataclass(frozen=True)
class EntityRef:
    """One entity of an article as the store keeps it: canonical key, name, type, aliases."""

    local_id: str
    key: str
    name: str
    type: str
    wikidata: str | None
    aliases: tuple[str, ...]


def article_row(record: Record) -> Row:
    art = record["article"]
    published = art.get("published")
    return {
        "id": art["id"],
        "sha256": art["sha256"],
        "url": art.get("url"),
        "title": art.get("title"),
        "outlet": art.get("outlet"),
        "published": date.fromisoformat(published) if published else None,
        "origin": art["origin"],
        "text": art["text"],
        "ingested_at": datetime.now(UTC).replace(tzinfo=None),
    }


def entity_refs(record: Record) -> list[EntityRef]:
    """The article's entities with their cross-article keys."""
    article_id = record["article"]["id"]
    refs = []
    for ent in record["entities"]:
        entity = Entity(
            id=ent["id"],
            name=ent["name"],
            type=ent["type"],
            aliases=list(ent.get("aliases") or []),
            wikidata=ent.get("wikidata"),
            confidence=ent.get("confidence", 1.0),
        )
        aliases = tuple(sorted({a[:255] for a in [entity.name, *entity.aliases] if a}))
        refs.append(
            EntityRef(
                ent["id"],
                canonical_key(entity, article_id),
                entity.name,
                entity.type,
                entity.wikidata,
                aliases,
            )
        )
    return refs


def record_rows(record: Record, entity_ids: dict[str, int]) -> dict[str, list[Row]]:
    """Rows of the mentions, statements, quantities, times and disputes tables for one record,
    given the database id of each of its entities by local id."""
    art_id = record["article"]["id"]

    def gid(local_id: str) -> str:
        return f"{art_id}:{local_id}"

    def entity(local_id: str | None) -> int | None:
        return entity_ids.get(local_id) if local_id else None

    mentions = [
        {
            "article_id": art_id,
            "entity_id": entity_ids[ent["id"]],
            "local_id": ent["id"],
            "start": start,
            "end": end,
            "confidence": ent.get("confidence", 1.0),
        }
        for ent in record["entities"]
        for start, end in ent["mentions"]
    ]
    statements = []
    for st in record["statements"]:
        speaker = st["speaker"] or {}
        content = st["content"]
        statements.append(
            {
                "id": gid(st["id"]),
                "article_id": art_id,
                "local_id": st["id"],
                "speaker_text": speaker.get("text"),
                "speaker_start": speaker.get("start"),
                "speaker_end": speaker.get("end"),
                "speaker_entity_id": entity(speaker.get("entity")),
                "speaker_name": speaker.get("name"),
                "cue_text": st["cue"]["text"],
                "cue_start": st["cue"]["start"],
                "cue_end": st["cue"]["end"],
                "cue_lemma": st["cue"]["lemma"],
                "content_text": content["text"],
                "content_start": content["start"],
                "content_end": content["end"],
                "fragments": content.get("fragments") or [[content["start"], content["end"]]],
                "kind": st["kind"],
                "confidence": st["confidence"],
                "as_of": st.get("as_of"),
            }
        )
    quantities = []
    for q in record["quantities"]:
        counted = q.get("counted_span") or {}
        source = q.get("source") or {}
        quantities.append(
            {
                "id": gid(q["id"]),
                "article_id": art_id,
                "local_id": q["id"],
                "text": q["text"],
                "start": q["start"],
                "end": q["end"],
                "low": q["low"],
                "high": q["high"],
                "approx": q["approx"],
                "bound": q.get("bound"),
                "unit": q.get("unit"),
                "counted": counted.get("text"),
                "counted_start": counted.get("start"),
                "counted_end": counted.get("end"),
                "statement_id": gid(q["statement"]) if q.get("statement") else None,
                "source_entity_id": entity(source.get("entity")),
                "source_name": source.get("name"),
                "hedge": q.get("hedge"),
                "as_of": q.get("as_of"),
                "record": q,
            }
        )
    times = [
        {
            "id": gid(tm["id"]),
            "article_id": art_id,
            "local_id": tm["id"],
            "text": tm["text"],
            "start": tm["start"],
            "end": tm["end"],
            "value": tm["value"],
            "granularity": tm["granularity"],
            "record": tm,
        }
        for tm in record["times"]
    ]
    disputes = [
        {
            "id": gid(d["id"]),
            "article_id": art_id,
            "local_id": d["id"],
            "disputing": gid(d["disputing"]),
            "disputed": d["disputed"],
            "cue_text": d["cue"]["text"],
            "cue_start": d["cue"]["start"],
            "cue_end": d["cue"]["end"],
        }
        for d in record.get("disputes", [])
    ]
    return {
        "mentions": mentions,
        "statements": statements,
        "quantities": quantities,
        "times": times,
        "disputes": disputes,
    }
