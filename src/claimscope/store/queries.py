"""Read-only, paged and filtered queries behind the web UI and HTTP API.

Every query is SQLAlchemy Core with bound parameters; user input never becomes SQL text. Lists
come back as a ``Page`` (items, total, page, size). ``open_readonly`` opens an existing store for
serving: a SQLite store refuses writes on every connection (``PRAGMA query_only``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    desc,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Connection

from claimscope.errors import StoreError
from claimscope.store import roles, search
from claimscope.store import schema as t
from claimscope.store.db import Store, open_store


def open_readonly(db: str | Path) -> Store:
    """Open an existing store for reading only; a missing SQLite file is an error, not created."""
    text = str(db)
    if "://" not in text and not Path(text).expanduser().is_file():
        raise StoreError(f"{text}: no such store file")
    store = open_store(text)
    if store.engine.dialect.name == "sqlite":
        event.listen(store.engine, "connect", _sqlite_query_only)
        store.engine.dispose()
    return store


def _sqlite_query_only(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list: 1-based page number and page size."""

    page: int = 1
    size: int = 25

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


@dataclass
class Page:
    """One page of a list, with the number of items across all pages; ``capped`` says that
    there are more than ``total`` (counting stops at COUNT_CAP)."""

    items: list[dict[str, Any]]
    total: int
    page: int
    size: int
    capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def to_json(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "total": self.total,
            "page": self.page,
            "size": self.size,
            "pages": self.pages,
            "capped": self.capped,
        }


@dataclass(frozen=True)
class StatementFilter:
    """Filters on statements; all given ones must hold.

    ``q`` is a phrase in the content (its words in order, case-insensitive, the last one possibly
    cut short; see ``store/search.py``); ``speaker`` a speaker name (canonical name, alias or the
    speaker text itself); ``speaker_id`` the speaker's entity; ``about`` an entity mentioned
    inside the content; ``outlet``, ``date_from``/``date_to`` (inclusive) and ``kind`` filter on
    the article and the statement.
    """

    q: str | None = None
    speaker: str | None = None
    speaker_id: int | None = None
    about: int | None = None
    outlet: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    kind: str | None = None


COUNT_CAP = 10_000


def _plain(row: Any) -> dict[str, Any]:
    out = dict(row._mapping)
    for key, value in out.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
    return out


def _count(conn: Connection, query: Select[Any]) -> int:
    """The number of rows of ``query``, counted up to one past COUNT_CAP."""
    counted = query.limit(COUNT_CAP + 1).subquery()
    return int(conn.execute(select(func.count()).select_from(counted)).scalar_one())


def _capped(items: list[dict[str, Any]], total: int, page: PageRequest) -> Page:
    return Page(items, min(total, COUNT_CAP), page.page, page.size, total > COUNT_CAP)


class Queries:
    """The read side of a store as the web needs it."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    def _rows(self, query: Select[Any], conn: Connection | None = None) -> list[dict[str, Any]]:
        if conn is not None:
            return [_plain(r) for r in conn.execute(query)]
        with self.engine.connect() as c:
            return [_plain(r) for r in c.execute(query)]

    def _page(self, query: Select[Any], page: PageRequest, count: Select[Any]) -> Page:
        """A page of ``query``; the total counts the rows of ``count`` up to COUNT_CAP."""
        with self.engine.connect() as conn:
            total = _count(conn, count)
            items = self._rows(query.limit(page.size).offset(page.offset), conn)
        return _capped(items, total, page)

    # --- corpus -----------------------------------------------------------------------------

    def data_version(self) -> tuple[int, str | None]:
        """Changes whenever articles are added: their number and the latest ingest time."""
        query = select(func.count(), func.max(t.articles.c.ingested_at))
        with self.engine.connect() as conn:
            n, latest = conn.execute(query).one()
        return int(n), latest.isoformat() if latest else None

    def corpus(self, top: int = 10) -> dict[str, Any]:
        """Corpus size, date range, outlets with their article counts and the top speakers."""
        a, st, e = t.articles, t.statements, t.entities
        tables = {
            "articles": a,
            "statements": st,
            "quantities": t.quantities,
            "times": t.times,
            "entities": e,
        }
        outlets = (
            select(a.c.outlet, func.count().label("articles"))
            .where(a.c.outlet.is_not(None))
            .group_by(a.c.outlet)
            .order_by(desc("articles"), a.c.outlet)
        )
        by_speaker = (
            select(st.c.speaker_entity_id.label("id"), func.count().label("statements"))
            .where(st.c.speaker_entity_id.is_not(None))
            .group_by(st.c.speaker_entity_id)
            .order_by(desc("statements"), st.c.speaker_entity_id)
            .limit(top)
            .subquery()
        )
        speakers = (
            select(by_speaker.c.id, e.c.name, e.c.type, by_speaker.c.statements)
            .join(e, e.c.id == by_speaker.c.id)
            .order_by(desc(by_speaker.c.statements), e.c.name)
        )
        with self.engine.connect() as conn:
            counts = {
                name: conn.execute(select(func.count()).select_from(tab)).scalar_one()
                for name, tab in tables.items()
            }
            first, last = conn.execute(
                select(func.min(a.c.published), func.max(a.c.published))
            ).one()
            return {
                "counts": counts,
                "date_range": {
                    "first": first.isoformat() if first else None,
                    "last": last.isoformat() if last else None,
                },
                "outlets": self._rows(outlets, conn),
                "top_speakers": self._rows(speakers, conn),
            }

    # --- articles ---------------------------------------------------------------------------

    def articles(self, page: PageRequest, outlet: str | None = None, q: str | None = None) -> Page:
        """Articles, newest first, with their statement counts."""
        a = t.articles
        n_st = (
            select(func.count())
            .where(t.statements.c.article_id == a.c.id)
            .scalar_subquery()
            .label("statements")
        )
        conds: list[ColumnElement[bool]] = []
        if outlet:
            conds.append(a.c.outlet == outlet)
        if q:
            conds.append(a.c.title.icontains(q, autoescape=True))
        query = select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url, n_st).where(*conds)
        count = select(a.c.id).where(*conds)
        return self._page(query.order_by(desc(a.c.published), a.c.id), page, count)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with every record in it, entity mentions with their canonical names."""
        a, e, m = t.articles, t.entities, t.mentions
        with self.engine.connect() as conn:
            row = conn.execute(
                select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url, a.c.text).where(
                    a.c.id == article_id
                )
            ).first()
            if row is None:
                return None
            out = _plain(row)
            st = t.statements
            out["statements"] = self._rows(
                select(st, e.c.name.label("entity"))
                .outerjoin(e, e.c.id == st.c.speaker_entity_id)
                .where(st.c.article_id == article_id)
                .order_by(st.c.content_start),
                conn,
            )
            q = t.quantities
            out["quantities"] = self._rows(
                select(q).where(q.c.article_id == article_id).order_by(q.c.start), conn
            )
            tm = t.times
            out["times"] = self._rows(
                select(tm).where(tm.c.article_id == article_id).order_by(tm.c.start), conn
            )
            out["mentions"] = self._rows(
                select(m.c.entity_id, m.c.start, m.c.end, e.c.name, e.c.type)
                .join(e, e.c.id == m.c.entity_id)
                .where(m.c.article_id == article_id)
                .order_by(m.c.start),
                conn,
            )
            d = t.disputes
            out["disputes"] = self._rows(
                select(d).where(d.c.article_id == article_id).order_by(d.c.cue_start), conn
            )
        return out

    # --- statements -------------------------------------------------------------------------

    def statements(self, f: StatementFilter, page: PageRequest) -> Page:
        """Statements matching the filter, newest article first, in text order.

        When the only filter is a search (on SQLite), a speaker or an entity the statements are
        about, the page is read from that filter's own index in list order.
        """
        if f.q and f == StatementFilter(q=f.q) and self.engine.dialect.name == "sqlite":
            return self._searched(f.q, page)
        one = self._one_entity(f)
        if one is not None:
            return self._by_entity(*one, page)
        st, a = t.statements, t.articles
        conds = self._statement_conditions(f)
        query = self._statement_select().where(*conds)
        count = select(st.c.id).where(*conds)
        if f.outlet or f.date_from or f.date_to:
            count = count.join(a, a.c.id == st.c.article_id)
        return self._page(query, page, count)

    def _searched(self, words: str, page: PageRequest) -> Page:
        """Statements holding ``words`` (and no other filter) on SQLite: the page is cut from
        the matches of the days it spans (``search.window``)."""
        with self.engine.connect() as conn:
            found = search.window(conn, words, page.offset, page.size, COUNT_CAP)
            query = self._statement_select().where(found.condition)
            items = self._rows(query.limit(page.size).offset(found.skip), conn)
        return _capped(items, found.total, page)

    def _one_entity(self, f: StatementFilter) -> tuple[str, list[int]] | None:
        """The role and the entities when a speaker or an entity spoken about is the only
        filter."""
        if f.speaker_id is not None and f == StatementFilter(speaker_id=f.speaker_id):
            return roles.SAID, [f.speaker_id]
        if f.about is not None and f == StatementFilter(about=f.about):
            return roles.ABOUT, [f.about]
        if f.speaker and f == StatementFilter(speaker=f.speaker):
            ids = self._speaker_ids(f.speaker)
            return (roles.SAID, ids) if ids else None
        return None

    def _by_entity(self, role: str, ids: list[int], page: PageRequest) -> Page:
        """Statements in which these entities have this role, read in list order from the
        ``statement_entities`` index."""
        r = t.statement_entities.c
        related = select(r.statement_id).where(r.role == role, r.entity_id.in_(ids))
        chosen = (
            related.order_by(desc(r.published), r.article_id, r.content_start, r.statement_id)
            .limit(page.size)
            .offset(page.offset)
        )
        with self.engine.connect() as conn:
            total = _count(conn, related)
            query = self._statement_select().where(t.statements.c.id.in_(chosen))
            items = self._rows(query, conn)
        return _capped(items, total, page)

    def _statement_select(self) -> Select[Any]:
        st, a, e = t.statements, t.articles, t.entities
        return (
            select(
                st.c.id,
                st.c.article_id,
                st.c.local_id,
                st.c.speaker_text,
                st.c.speaker_entity_id,
                func.coalesce(e.c.name, st.c.speaker_name, st.c.speaker_text).label("speaker"),
                st.c.cue_text,
                st.c.content_text,
                st.c.content_start,
                st.c.content_end,
                st.c.kind,
                st.c.confidence,
                st.c.as_of,
                a.c.title,
                a.c.outlet,
                a.c.published,
            )
            .join(a, a.c.id == st.c.article_id)
            .outerjoin(e, e.c.id == st.c.speaker_entity_id)
            .order_by(desc(a.c.published), st.c.article_id, st.c.content_start)
        )

    def article_index(self) -> list[dict[str, Any]]:
        """Every article's id, publication date, outlet and statement count, in the order the
        statement lists use (newest first)."""
        a, st = t.articles, t.statements
        n = select(st.c.article_id, func.count().label("n")).group_by(st.c.article_id).subquery()
        query = (
            select(a.c.id, a.c.published, a.c.outlet, func.coalesce(n.c.n, 0).label("n"))
            .outerjoin(n, n.c.article_id == a.c.id)
            .order_by(desc(a.c.published), a.c.id)
        )
        return self._rows(query)

    def statements_of(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """All statements of the given articles, in statement-list order."""
        if not article_ids:
            return []
        query = self._statement_select().where(t.statements.c.article_id.in_(article_ids))
        return self._rows(query)

    def _speaker_ids(self, name: str) -> list[int]:
        al = t.entity_aliases
        with self.engine.connect() as conn:
            return list(
                conn.execute(select(al.c.entity_id).where(al.c.alias == name).distinct()).scalars()
            )

    def _statement_conditions(self, f: StatementFilter) -> list[ColumnElement[bool]]:
        st, a = t.statements, t.articles
        conds: list[ColumnElement[bool]] = []
        if f.q:
            conds.append(search.matching(self.engine.dialect.name, f.q))
        if f.speaker:
            ids = self._speaker_ids(f.speaker)
            conds.append(
                st.c.speaker_entity_id.in_(ids)
                if ids
                else or_(st.c.speaker_name == f.speaker, st.c.speaker_text == f.speaker)
            )
        if f.speaker_id is not None:
            conds.append(st.c.speaker_entity_id == f.speaker_id)
        if f.about is not None:
            r = t.statement_entities.c
            about = select(r.statement_id).where(r.role == roles.ABOUT, r.entity_id == f.about)
            conds.append(st.c.id.in_(about))
        if f.outlet:
            conds.append(a.c.outlet == f.outlet)
        if f.date_from:
            conds.append(a.c.published >= f.date_from)
        if f.date_to:
            conds.append(a.c.published <= f.date_to)
        if f.kind:
            conds.append(st.c.kind == f.kind)
        return conds

    # --- entities ---------------------------------------------------------------------------

    def _entity_conditions(self, q: str | None, type_: str | None) -> list[ColumnElement[bool]]:
        e = t.entities
        conds: list[ColumnElement[bool]] = []
        if q:
            named = select(t.entity_aliases.c.entity_id).where(
                t.entity_aliases.c.alias.icontains(q, autoescape=True)
            )
            conds.append(or_(e.c.name.icontains(q, autoescape=True), e.c.id.in_(named)))
        if type_:
            conds.append(e.c.type == type_)
        return conds

    def _entities_query(self, conds: list[ColumnElement[bool]]) -> Select[Any]:
        e, m = t.entities, t.mentions
        n = select(func.count()).where(m.c.entity_id == e.c.id).scalar_subquery().label("mentions")
        query = select(e.c.id, e.c.name, e.c.type, e.c.wikidata, n).where(*conds)
        return query.order_by(desc("mentions"), e.c.name)

    def entities(self, page: PageRequest, q: str | None = None, type_: str | None = None) -> Page:
        """Entities whose name or an alias holds ``q``, most mentioned first."""
        conds = self._entity_conditions(q, type_)
        return self._page(self._entities_query(conds), page, select(t.entities.c.id).where(*conds))

    def entity_ranking(self, type_: str | None = None) -> list[dict[str, Any]]:
        """Every entity (of a type) with its mention count, most mentioned first."""
        return self._rows(self._entities_query(self._entity_conditions(None, type_)))

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        """One entity: names, aliases, and how often and where it is mentioned."""
        e, al, m = t.entities, t.entity_aliases, t.mentions
        with self.engine.connect() as conn:
            row = conn.execute(
                select(e.c.id, e.c.name, e.c.type, e.c.wikidata).where(e.c.id == entity_id)
            ).first()
            if row is None:
                return None
            out = _plain(row)
            out["aliases"] = list(
                conn.execute(
                    select(al.c.alias).where(al.c.entity_id == entity_id).order_by(al.c.alias)
                ).scalars()
            )
            mentions, articles = conn.execute(
                select(func.count(), func.count(m.c.article_id.distinct())).where(
                    m.c.entity_id == entity_id
                )
            ).one()
            out["mentions"] = int(mentions)
            out["articles"] = int(articles)
        return out
