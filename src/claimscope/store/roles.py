"""Statements by entity: who said each statement and which entities it is about.

A statement is about every entity mentioned inside its content span. The ``statement_entities``
rows are made with the statements (``rows``), so an entity's statements, in either role, are
read from one index in list order; a store made before the table existed is filled from its
stored statements, articles and mentions when opened (``backfill``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, insert, literal, select, union_all

from claimscope.store import schema as t

Row = dict[str, Any]
SAID = "said"
ABOUT = "about"
COLUMNS = ["entity_id", "role", "statement_id", "published", "article_id", "content_start"]


def rows(published: date | None, mentions: list[Row], statements: list[Row]) -> list[Row]:
    """The ``statement_entities`` rows of one article, from its publication date and its mention
    and statement rows."""
    out: list[Row] = []
    for s in statements:
        said = [s["speaker_entity_id"]] if s["speaker_entity_id"] is not None else []
        about = {
            m["entity_id"]
            for m in mentions
            if s["content_start"] <= m["start"] and m["end"] <= s["content_end"]
        }
        for role, ids in ((SAID, said), (ABOUT, sorted(about))):
            out.extend(
                {
                    "entity_id": entity_id,
                    "role": role,
                    "statement_id": s["id"],
                    "published": published,
                    "article_id": s["article_id"],
                    "content_start": s["content_start"],
                }
                for entity_id in ids
            )
    return out


def backfill(conn: Connection) -> None:
    """Fill ``statement_entities`` from every stored statement, article and mention."""
    st, a, m = t.statements.c, t.articles.c, t.mentions.c
    placed = (st.id, a.published, st.article_id, st.content_start)
    said = (
        select(st.speaker_entity_id, literal(SAID), *placed)
        .join(t.articles, a.id == st.article_id)
        .where(st.speaker_entity_id.is_not(None))
    )
    inside = and_(
        m.article_id == st.article_id, m.start >= st.content_start, m.end <= st.content_end
    )
    about = (
        select(m.entity_id, literal(ABOUT), *placed)
        .select_from(t.statements)
        .join(t.articles, a.id == st.article_id)
        .join(t.mentions, inside)
        .distinct()
    )
    conn.execute(insert(t.statement_entities).from_select(COLUMNS, union_all(said, about)))
