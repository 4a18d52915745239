"""The Store: writes article results and reads them back, through SQLAlchemy.

It owns all SQL. A store is a SQLite file by default (``--db FILE``) or any SQLAlchemy URL. An
article is stored once: its id is derived from the sha256 of its normalized text, and re-adding
it is a no-op. Each article and its records go in one transaction, so an interrupted ingest never
leaves half an article behind. Entities are kept once per canonical identity across articles
(``claimscope.resolve.canonical_key``), with all their aliases and mentions.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from claimscope.errors import StoreError
from claimscope.model import ArticleResult, Entity
from claimscope.resolve import canonical_key
from claimscope.store import schema as t


def _is_url(db: str) -> bool:
    return "://" in db


def open_store(db: str | Path) -> Store:
    """Open (creating if needed) the store at a file path or SQLAlchemy URL."""
    return Store(str(db))


class Store:
    """Read and write access to one claimscope database."""

    def __init__(self, db: str) -> None:
        self.url = db if _is_url(db) else f"sqlite:///{Path(db).expanduser()}"
        if not _is_url(db):
            parent = Path(db).expanduser().parent
            if not parent.is_dir():
                raise StoreError(f"{db}: folder {parent} does not exist")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self._migrate()
        except OperationalError as exc:
            raise StoreError(f"{db}: cannot open database ({exc.orig})") from exc

    # --- setup ------------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            t.metadata.create_all(conn)
            version = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema")).scalar()
            if version is None:
                conn.execute(insert(t.meta).values(key="schema", value=str(t.SCHEMA_VERSION)))
            elif int(version) > t.SCHEMA_VERSION:
                raise StoreError(
                    f"{self.url}: store schema {version} is newer than this claimscope"
                )

    def close(self) -> None:
        self.engine.dispose()

    # --- writing ----------------------------------------------------------------------------

    def has_article(self, sha256: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.articles.c.id).where(t.articles.c.sha256 == sha256))
            return row.first() is not None

    def add(self, result: ArticleResult) -> bool:
        """Store one article with its records; False if it was already stored."""
        try:
            with self.engine.begin() as conn:
                return self._add(conn, result)
        except IntegrityError:
            # another writer stored the same article between our check and our insert
            return False

    def _add(self, conn: Connection, result: ArticleResult) -> bool:
        art = result.article
        exists = conn.execute(select(t.articles.c.id).where(t.articles.c.sha256 == art.sha256))
        if exists.first() is not None:
            return False
        conn.execute(
            insert(t.articles).values(
                id=art.id,
                sha256=art.sha256,
                url=art.url,
                title=art.title,
                outlet=art.outlet,
                published=art.published,
                origin=art.origin,
                text=art.text,
                ingested_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
        ids = {ent.id: self._entity_id(conn, ent, art.id) for ent in result.entities}
        mention_rows = [
            {
                "article_id": art.id,
                "entity_id": ids[ent.id],
                "local_id": ent.id,
                "start": s,
                "end": e,
                "confidence": ent.confidence,
            }
            for ent in result.entities
            for s, e in ent.mentions
        ]
        if mention_rows:
            conn.execute(insert(t.mentions), mention_rows)

        def gid(local_id: str) -> str:
            return f"{art.id}:{local_id}"

        if result.statements:
            conn.execute(
                insert(t.statements),
                [
                    {
                        "id": gid(st.id),
                        "article_id": art.id,
                        "local_id": st.id,
                        "speaker_text": st.speaker.span.text if st.speaker else None,
                        "speaker_start": st.speaker.span.start if st.speaker else None,
                        "speaker_end": st.speaker.span.end if st.speaker else None,
                        "speaker_entity_id": ids.get(st.speaker.entity)
                        if st.speaker and st.speaker.entity
                        else None,
                        "speaker_name": st.speaker.name if st.speaker else None,
                        "cue_text": st.cue.text,
                        "cue_start": st.cue.start,
                        "cue_end": st.cue.end,
                        "cue_lemma": st.cue_lemma,
                        "content_text": st.content.text,
                        "content_start": st.content.start,
                        "content_end": st.content.end,
                        "fragments": [
                            list(f) for f in (st.fragments or [(st.content.start, st.content.end)])
                        ],
                        "kind": st.kind,
                        "confidence": st.confidence,
                        "as_of": st.as_of,
                    }
                    for st in result.statements
                ],
            )
        if result.quantities:
            conn.execute(
                insert(t.quantities),
                [
                    {
                        "id": gid(q.id),
                        "article_id": art.id,
                        "local_id": q.id,
                        "text": q.span.text,
                        "start": q.span.start,
                        "end": q.span.end,
                        "low": q.low,
                        "high": q.high,
                        "approx": q.approx,
                        "bound": q.bound,
                        "unit": q.unit,
                        "counted": q.counted.text if q.counted else None,
                        "counted_start": q.counted.start if q.counted else None,
                        "counted_end": q.counted.end if q.counted else None,
                        "statement_id": gid(q.statement) if q.statement else None,
                        "source_entity_id": ids.get(q.source_entity) if q.source_entity else None,
                        "source_name": q.source_name,
                        "hedge": q.hedge,
                        "as_of": q.as_of,
                        "record": q.to_json(),
                    }
                    for q in result.quantities
                ],
            )
        if result.times:
            conn.execute(
                insert(t.times),
                [
                    {
                        "id": gid(tm.id),
                        "article_id": art.id,
                        "local_id": tm.id,
                        "text": tm.span.text,
                        "start": tm.span.start,
                        "end": tm.span.end,
                        "value": tm.value,
                        "granularity": tm.granularity,
                        "record": tm.to_json(),
                    }
                    for tm in result.times
                ],
            )
        if result.disputes:
            conn.execute(
                insert(t.disputes),
                [
                    {
                        "id": gid(d.id),
                        "article_id": art.id,
                        "local_id": d.id,
                        "disputing": gid(d.disputing),
                        "disputed": d.disputed,
                        "cue_text": d.cue.text,
                        "cue_start": d.cue.start,
                        "cue_end": d.cue.end,
                    }
                    for d in result.disputes
                ],
            )
        return True

    def _entity_id(self, conn: Connection, ent: Entity, article_id: str) -> int:
        key = canonical_key(ent, article_id)
        row = conn.execute(select(t.entities.c.id).where(t.entities.c.key == key)).first()
        if row is None:
            entity_id = conn.execute(
                insert(t.entities).values(
                    key=key,
                    name=ent.name,
                    type=ent.type,
                    wikidata=ent.wikidata,
                )
            ).inserted_primary_key[0]
        else:
            entity_id = row[0]
        known = set(
            conn.execute(
                select(t.entity_aliases.c.alias).where(t.entity_aliases.c.entity_id == entity_id)
            ).scalars()
        )
        new = sorted({a for a in [ent.name, *ent.aliases] if a and a not in known})
        if new:
            conn.execute(
                insert(t.entity_aliases), [{"entity_id": entity_id, "alias": a[:255]} for a in new]
            )
        return int(entity_id)

    # --- reading ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = {
            "articles": t.articles,
            "statements": t.statements,
            "quantities": t.quantities,
            "times": t.times,
            "entities": t.entities,
            "disputes": t.disputes,
        }
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                for name, tab in tables.items()
            }

    def articles(self) -> list[dict[str, Any]]:
        """Stored articles with their record counts, oldest publication first."""
        n_st = (
            select(t.statements.c.article_id, func.count().label("n"))
            .group_by(t.statements.c.article_id)
            .subquery()
        )
        n_q = (
            select(t.quantities.c.article_id, func.count().label("n"))
            .group_by(t.quantities.c.article_id)
            .subquery()
        )
        query = (
            select(
                t.articles.c.id,
                t.articles.c.title,
                t.articles.c.outlet,
                t.articles.c.published,
                t.articles.c.url,
                t.articles.c.origin,
                func.coalesce(n_st.c.n, 0).label("statements"),
                func.coalesce(n_q.c.n, 0).label("quantities"),
            )
            .outerjoin(n_st, n_st.c.article_id == t.articles.c.id)
            .outerjoin(n_q, n_q.c.article_id == t.articles.c.id)
            .order_by(t.articles.c.published, t.articles.c.id)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def statements(self) -> Iterator[dict[str, Any]]:
        """Every statement joined with its article's metadata, in article and text order."""
        query = (
            select(
                t.statements,
                t.articles.c.title,
                t.articles.c.outlet,
                t.articles.c.published,
                t.articles.c.url,
                t.entities.c.name.label("entity"),
            )
            .join(t.articles, t.articles.c.id == t.statements.c.article_id)
            .outerjoin(t.entities, t.entities.c.id == t.statements.c.speaker_entity_id)
            .order_by(t.articles.c.published, t.articles.c.id, t.statements.c.content_start)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _plain(row._mapping)

    def quantities(self) -> Iterator[dict[str, Any]]:
        """Every quantity joined with its article's metadata, in article and text order."""
        query = (
            select(
                t.quantities,
                t.articles.c.title,
                t.articles.c.outlet,
                t.articles.c.published,
                t.articles.c.url,
                t.entities.c.name.label("entity"),
            )
            .join(t.articles, t.articles.c.id == t.quantities.c.article_id)
            .outerjoin(t.entities, t.entities.c.id == t.quantities.c.source_entity_id)
            .order_by(t.articles.c.published, t.articles.c.id, t.quantities.c.start)
        )
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _plain(row._mapping)

    def article_text(self, article_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(t.articles.c.text).where(t.articles.c.id == article_id)
            ).scalar()


def _plain(mapping: Any) -> dict[str, Any]:
    out = dict(mapping)
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
