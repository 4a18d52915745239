"""The queries of cross-article reconciliation: streaming its inputs, writing and reading its
tables (``rc_*``), and the freshness mark that says which store contents they were built from.

Inputs are streamed in article order with server-side cursors, five ordered queries (articles,
statements, quantities, mentions, disputes) merged by article id, so memory stays bounded by one
article's records. The claim index (``rc_claims``, ``rc_terms``, ``rc_term_counts``) is read
by term and date, a bounded number of postings at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update

from claimscope.store import schema as t
from claimscope.store.db import Store

MARK = "reconciled"
BATCH = 2000
st_c = t.statements.c


@dataclass
class ArticleBundle:
    """One article with the records reconcile needs: statements, quantities, entity mentions."""

    id: str
    text: str
    published: date | None
    outlet: str | None
    origin: str
    statements: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    disputes: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)


def fingerprint(store: Store) -> str:
    """What the stored articles are now: their count and the latest ingest time."""
    with store.engine.connect() as conn:
        n, last = conn.execute(
            select(func.count(), func.max(t.articles.c.ingested_at)).select_from(t.articles)
        ).one()
    return f"{n}:{last}"


def reconciled_mark(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(t.meta.c.value).where(t.meta.c.key == MARK)).scalar()


def set_reconciled_mark(store: Store, mark: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(t.meta).where(t.meta.c.key == MARK))
        conn.execute(insert(t.meta).values(key=MARK, value=mark))


def clear(store: Store) -> None:
    """Empty the reconcile tables, and drop the index of the postings until ``count_terms``
    (indexing millions of rows once they are written is several times faster than keeping the
    index up to date row by row)."""
    with store.engine.begin() as conn:
        for table in (t.rc_estimates, t.rc_articles, t.rc_bands, t.rc_disputes, t.rc_claims,
                      t.rc_terms, t.rc_term_counts):
            conn.execute(delete(table))
        for index in t.rc_terms.indexes:
            index.drop(conn, checkfirst=True)


def write(store: Store, table_name: str, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows into one reconcile table in batches; returns the row count."""
    table = {
        "estimates": t.rc_estimates, "articles": t.rc_articles, "bands": t.rc_bands,
        "disputes": t.rc_disputes, "claims": t.rc_claims, "terms": t.rc_terms,
    }[table_name]
    n = 0
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            n += _insert(store, table, batch)
            batch = []
    if batch:
        n += _insert(store, table, batch)
    return n


def _insert(store: Store, table: Any, rows: list[dict[str, Any]]) -> int:
    with store.engine.begin() as conn:
        conn.execute(insert(table), rows)
    return len(rows)


def article_texts(store: Store) -> Iterator[tuple[str, str]]:
    """(article id, text) of every stored article, streamed."""
    query = select(t.articles.c.id, t.articles.c.text).order_by(t.articles.c.id)
    with store.engine.connect() as conn:
        yield from conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)


def bundles(store: Store) -> Iterator[ArticleBundle]:
    """Every article with its statements, quantities, mentions and disputes, streamed in article
    id order."""
    arts = (
        select(t.articles.c.id, t.articles.c.text, t.articles.c.published, t.articles.c.outlet,
               func.coalesce(t.rc_articles.c.origin_id, t.articles.c.id).label("origin"))
        .outerjoin(t.rc_articles, t.rc_articles.c.article_id == t.articles.c.id)
        .order_by(t.articles.c.id)
    )
    sts = (
        select(st_c.id, st_c.article_id, st_c.content_start, st_c.content_end, st_c.content_text,
               st_c.speaker_text, st_c.speaker_entity_id, st_c.cue_lemma)
        .order_by(st_c.article_id, st_c.content_start)
    )
    qs = (
        select(t.quantities, t.entities.c.name.label("entity"))
        .outerjoin(t.entities, t.entities.c.id == t.quantities.c.source_entity_id)
        .order_by(t.quantities.c.article_id, t.quantities.c.start)
    )
    ms = (
        select(t.mentions.c.article_id, t.mentions.c.start, t.mentions.c.end,
               t.mentions.c.entity_id, t.entities.c.name, t.entities.c.type)
        .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
        .order_by(t.mentions.c.article_id, t.mentions.c.start)
    )
    d = t.disputes.c
    ds = select(d.article_id, d.disputing, d.disputed, d.cue_text, d.cue_start).order_by(
        d.article_id)
    with store.engine.connect() as c1, store.engine.connect() as c2, \
            store.engine.connect() as c3, store.engine.connect() as c4, \
            store.engine.connect() as c5:
        opts = {"stream_results": True, "yield_per": BATCH}
        q_rows = _peekable(dict(r._mapping) for r in c2.execution_options(**opts).execute(qs))
        m_rows = _peekable(dict(r._mapping) for r in c3.execution_options(**opts).execute(ms))
        s_rows = _peekable(dict(r._mapping) for r in c4.execution_options(**opts).execute(sts))
        d_rows = _peekable(dict(r._mapping) for r in c5.execution_options(**opts).execute(ds))
        for art in c1.execution_options(**opts).execute(arts):
            bundle = ArticleBundle(art.id, art.text, art.published, art.outlet, art.origin)
            bundle.statements = s_rows.take_while(art.id)
            bundle.quantities = q_rows.take_while(art.id)
            bundle.mentions = m_rows.take_while(art.id)
            bundle.disputes = d_rows.take_while(art.id)
            yield bundle


class _peekable:
    """An iterator of rows ordered by article id, taken one article at a time."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self.rows = rows
        self.head: dict[str, Any] | None = next(rows, None)

    def take_while(self, article_id: str) -> list[dict[str, Any]]:
        out = []
        while self.head is not None and self.head["article_id"] <= article_id:
            if self.head["article_id"] == article_id:
                out.append(self.head)
            self.head = next(self.rows, None)
        return out


def article_entity_names(store: Store) -> Iterator[list[str]]:
    """The canonical names of each article's entity mentions (one per mention), streamed."""
    query = (
        select(t.mentions.c.article_id, t.entities.c.name)
        .join(t.entities, t.entities.c.id == t.mentions.c.entity_id)
        .order_by(t.mentions.c.article_id)
    )
    with store.engine.connect() as conn:
        rows = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for _, group in groupby(rows, key=lambda r: r.article_id):
            yield [r.name for r in group]


def colliding_buckets(store: Store) -> Iterator[list[str]]:
    """Article ids sharing a MinHash band bucket, one list per bucket with two or more."""
    crowded = (
        select(t.rc_bands.c.band, t.rc_bands.c.hash)
        .group_by(t.rc_bands.c.band, t.rc_bands.c.hash)
        .having(func.count() > 1)
        .subquery()
    )
    query = (
        select(t.rc_bands.c.band, t.rc_bands.c.hash, t.rc_bands.c.article_id)
        .join(crowded, and_(crowded.c.band == t.rc_bands.c.band,
                            crowded.c.hash == t.rc_bands.c.hash))
        .order_by(t.rc_bands.c.band, t.rc_bands.c.hash, t.rc_bands.c.article_id)
    )
    with store.engine.connect() as conn:
        current: tuple[int, int] | None = None
        ids: list[str] = []
        for band, hsh, article_id in conn.execution_options(stream_results=True).execute(query):
            if (band, hsh) != current:
                if len(ids) > 1:
                    yield ids
                current, ids = (band, hsh), []
            ids.append(article_id)
        if len(ids) > 1:
            yield ids


def signatures(store: Store, ids: Iterable[str]) -> dict[str, bytes]:
    ids = list(ids)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.rc_articles.c.article_id, t.rc_articles.c.signature)
            .where(t.rc_articles.c.article_id.in_(ids))
        )
        return {a: bytes(s) for a, s in rows}


def article_dates(store: Store, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """(published, ingested_at) per article id: the earliest copy is a group's origin."""
    ids = list(ids)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.articles.c.id, t.articles.c.published, t.articles.c.ingested_at)
            .where(t.articles.c.id.in_(ids))
        )
        return {a: (p or date.max, i) for a, p, i in rows}


def set_origins(store: Store, origin_of: dict[str, str]) -> None:
    """Point each duplicate article at the origin article of its group."""
    with store.engine.begin() as conn:
        for article_id, origin in origin_of.items():
            conn.execute(
                update(t.rc_articles).where(t.rc_articles.c.article_id == article_id)
                .values(origin_id=origin)
            )


def stored_disputes(store: Store) -> Iterator[dict[str, Any]]:
    """Every extracted dispute with its rebutting statement (or estimate), its article (date,
    title, text) and the origin of the article's duplicate group, streamed in article order."""
    d, st, q = t.disputes, t.statements, t.quantities
    query = (
        select(
            d.c.id, d.c.article_id, d.c.disputed, d.c.disputing, d.c.cue_text, d.c.cue_start,
            d.c.cue_end,
            func.coalesce(st.c.speaker_entity_id, q.c.source_entity_id).label(
                "speaker_entity_id"),
            func.coalesce(st.c.speaker_text, q.c.source_name).label("speaker_text"),
            func.coalesce(st.c.as_of, q.c.as_of).label("as_of"),
            t.articles.c.published, t.articles.c.title, t.articles.c.text,
            func.coalesce(t.rc_articles.c.origin_id, d.c.article_id).label("origin"),
        )
        .outerjoin(st, st.c.id == d.c.disputing)
        .outerjoin(q, q.c.id == d.c.disputing)
        .join(t.articles, t.articles.c.id == d.c.article_id)
        .outerjoin(t.rc_articles, t.rc_articles.c.article_id == d.c.article_id)
        .order_by(d.c.article_id, d.c.cue_start)
    )
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=BATCH).execute(query):
            yield dict(row._mapping)


_MENTIONS = (
    select(t.entities.c.id, t.entities.c.name, t.mentions.c.start, t.mentions.c.end)
    .join(t.mentions, t.mentions.c.entity_id == t.entities.c.id)
    .where(t.mentions.c.article_id == bindparam("article_id"))
)


def article_mentions(store: Store, article_id: str) -> list[tuple[int, str, int, int]]:
    """(entity id, name, start, end) of the entity mentions of one article."""
    with store.engine.connect() as conn:
        return [(i, n, s, e) for i, n, s, e in conn.execute(_MENTIONS, {"article_id": article_id})]


def entity_ids_named(store: Store, names: Iterable[str]) -> list[int]:
    """Ids of the entities whose canonical name contains one of the names (or vice versa)."""
    names = [n for n in names if n]
    if not names:
        return []
    conds = [t.entities.c.name.ilike(f"%{n}%") for n in names]
    with store.engine.connect() as conn:
        return [i for (i,) in conn.execute(select(t.entities.c.id).where(or_(*conds)))]


_CLAIM_STATEMENTS = select(
    st_c.id, st_c.content_start.label("start"), st_c.content_end.label("end"),
    st_c.speaker_text.label("speaker"), st_c.speaker_entity_id, st_c.cue_lemma,
    st_c.content_text, st_c.as_of,
).where(st_c.article_id == bindparam("article_id"))
_CLAIM_QUANTITIES = select(
    t.quantities.c.id, t.quantities.c.start, t.quantities.c.end,
    t.quantities.c.source_name.label("speaker"),
    t.quantities.c.source_entity_id.label("speaker_entity_id"),
    t.quantities.c.text.label("content_text"), t.quantities.c.as_of,
).where(t.quantities.c.article_id == bindparam("article_id"),
        t.quantities.c.statement_id.is_(None))


def article_claims(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The possible claims of one article: its statements, and its quantities that belong to
    no statement (an estimate stated without a reporting verb), in text order. Each row has
    ``id``, ``kind`` ("statement" or "quantity"), ``start``/``end`` (the content or the number),
    ``speaker`` (text), ``speaker_entity_id``, ``cue_lemma``, ``content_text`` and ``as_of``."""
    params = {"article_id": article_id}
    with store.engine.connect() as conn:
        rows = [{**r._mapping, "kind": "statement"}
                for r in conn.execute(_CLAIM_STATEMENTS, params)]
        rows += [{**r._mapping, "kind": "quantity", "cue_lemma": ""}
                 for r in conn.execute(_CLAIM_QUANTITIES, params)]
    return sorted(rows, key=lambda r: r["start"])


def quantity_rows(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Quantities by id with their article's outlet, date, url, text and source entity name."""
    ids = list(ids)
    q = t.quantities
    query = (
        select(q.c.id, q.c.article_id, q.c.start, q.c.end, q.c.source_name,
               t.articles.c.outlet, t.articles.c.published, t.articles.c.url,
               t.articles.c.text.label("article_text"), t.entities.c.name.label("entity"),
               func.coalesce(t.rc_articles.c.origin_id, q.c.article_id).label("origin"))
        .join(t.articles, t.articles.c.id == q.c.article_id)
        .outerjoin(t.entities, t.entities.c.id == q.c.source_entity_id)
        .outerjoin(t.rc_articles, t.rc_articles.c.article_id == q.c.article_id)
        .where(q.c.id.in_(ids))
    )
    with store.engine.connect() as conn:
        return {r.id: dict(r._mapping) for r in conn.execute(query)}


def count_terms(store: Store) -> None:
    """Index the written postings, and count the indexed claims holding each term
    (``rc_term_counts``)."""
    terms = t.rc_terms.c
    counts = select(terms.term, func.count()).group_by(terms.term)
    with store.engine.begin() as conn:
        for index in t.rc_terms.indexes:
            index.create(conn, checkfirst=True)
        conn.execute(insert(t.rc_term_counts).from_select(["term", "n"], counts))


def term_counts(store: Store, terms: Iterable[str]) -> dict[str, int]:
    """How many indexed claims hold each of these terms (absent: none)."""
    terms = list(terms)
    query = select(t.rc_term_counts.c.term, t.rc_term_counts.c.n).where(
        t.rc_term_counts.c.term.in_(terms))
    with store.engine.connect() as conn:
        return {term: n for term, n in conn.execute(query)}


_POSTINGS = (
    select(t.rc_terms.c.claim_id)
    .where(t.rc_terms.c.term == bindparam("term"), t.rc_terms.c.origin_id != bindparam("origin"))
    .order_by(t.rc_terms.c.published.desc())
    .limit(bindparam("limit"))
)
_DATED_POSTINGS = _POSTINGS.where(
    t.rc_terms.c.published.between(bindparam("after"), bindparam("before"))
)


def postings(
    store: Store, term: str, window: tuple[date, date] | None, origin: str, limit: int
) -> list[str]:
    """Ids of the indexed claims holding a term, outside the duplicate group of ``origin``,
    published in the window (when given), latest first, at most ``limit``."""
    params: dict[str, Any] = {"term": term, "origin": origin, "limit": limit}
    query = _POSTINGS
    if window is not None:
        query = _DATED_POSTINGS
        params.update(after=window[0], before=window[1])
    with store.engine.connect() as conn:
        return list(conn.execute(query, params).scalars())


def claim_count(store: Store) -> int:
    """How many claims the claim index holds."""
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(t.rc_claims)).scalar_one()


def indexed_claims(store: Store, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The indexed claims (``rc_claims`` rows) with these ids."""
    ids = list(ids)
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.rc_claims).where(t.rc_claims.c.id.in_(ids)))
        return [dict(r._mapping) for r in rows]


def origins(store: Store) -> dict[str, str]:
    """Article id → origin article id, for the articles that are copies."""
    query = select(t.rc_articles.c.article_id, t.rc_articles.c.origin_id).where(
        t.rc_articles.c.article_id != t.rc_articles.c.origin_id
    )
    with store.engine.connect() as conn:
        return {a: o for a, o in conn.execute(query)}


def estimates(store: Store, about: str | None = None) -> Iterator[dict[str, Any]]:
    """Reconciled estimates with their quantity and article, grouped by measure key."""
    q, a, e = t.quantities, t.articles, t.rc_estimates
    query = (
        select(
            e.c.measure_key, e.c.measure, e.c.subject, q.c.id, q.c.article_id, q.c.text,
            q.c.start, q.c.end, q.c.low, q.c.high, q.c.approx, q.c.bound, q.c.unit, q.c.counted,
            q.c.source_name, q.c.as_of, q.c.statement_id, t.entities.c.name.label("entity"),
            a.c.outlet, a.c.url, a.c.published, a.c.title,
            func.coalesce(t.rc_articles.c.origin_id, a.c.id).label("origin"),
        )
        .join(q, q.c.id == e.c.quantity_id)
        .join(a, a.c.id == q.c.article_id)
        .outerjoin(t.entities, t.entities.c.id == q.c.source_entity_id)
        .outerjoin(t.rc_articles, t.rc_articles.c.article_id == a.c.id)
        .order_by(e.c.measure_key, a.c.published, a.c.id, q.c.start)
    )
    if about:
        pattern = f"%{about}%"
        query = query.where(or_(e.c.measure.ilike(pattern), e.c.subject.ilike(pattern),
                                q.c.counted.ilike(pattern)))
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=BATCH).execute(query):
            yield dict(row._mapping)


def statement_rows(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Statements by id with their article's outlet, date, url and speaker entity name."""
    ids = list(ids)
    st = t.statements
    query = (
        select(st, t.articles.c.outlet, t.articles.c.published, t.articles.c.url,
               t.entities.c.name.label("entity"),
               func.coalesce(t.rc_articles.c.origin_id, st.c.article_id).label("origin"))
        .join(t.articles, t.articles.c.id == st.c.article_id)
        .outerjoin(t.entities, t.entities.c.id == st.c.speaker_entity_id)
        .outerjoin(t.rc_articles, t.rc_articles.c.article_id == st.c.article_id)
        .where(st.c.id.in_(ids))
    )
    with store.engine.connect() as conn:
        return {r.id: dict(r._mapping) for r in conn.execute(query)}


def reconciled_disputes(store: Store) -> Iterator[dict[str, Any]]:
    """Reconciled disputes with their cue, in rebuttal article order."""
    d, rd = t.disputes, t.rc_disputes
    query = (
        select(rd, d.c.cue_text, d.c.cue_start, d.c.cue_end)
        .join(d, d.c.id == rd.c.id)
        .order_by(rd.c.article_id, d.c.cue_start)
    )
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=BATCH).execute(query):
            yield dict(row._mapping)


def statements_about(store: Store, about: str) -> Iterator[dict[str, Any]]:
    """Statements whose content names the subject (text) or mentions an entity so named."""
    st, m = t.statements, t.mentions
    named = select(t.entities.c.id).where(
        or_(t.entities.c.name.ilike(f"%{about}%"),
            t.entities.c.id.in_(select(t.entity_aliases.c.entity_id)
                                .where(t.entity_aliases.c.alias.ilike(about))))
    )
    mentioned = (
        select(m.c.article_id, m.c.start)
        .where(m.c.entity_id.in_(named), m.c.article_id == st.c.article_id,
               m.c.start >= st.c.content_start, m.c.end <= st.c.content_end)
        .exists()
    )
    query = (
        select(st, t.articles.c.outlet, t.articles.c.published, t.articles.c.url,
               t.entities.c.name.label("entity"))
        .join(t.articles, t.articles.c.id == st.c.article_id)
        .outerjoin(t.entities, t.entities.c.id == st.c.speaker_entity_id)
        .where(or_(st.c.content_text.ilike(f"%{about}%"), mentioned))
        .order_by(t.articles.c.published, st.c.article_id, st.c.content_start)
    )
    with store.engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=BATCH).execute(query):
            yield dict(row._mapping)
