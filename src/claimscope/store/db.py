"""The Store: writes article results and reads them back, through SQLAlchemy.

It owns all SQL. A store is a SQLite file by default (``--db FILE``) or any SQLAlchemy URL;
``postgresql://…`` URLs use the psycopg 3 driver. An article is stored once: its id is derived
from the sha256 of its normalized text (unique in the table), and re-adding it is a no-op. Each
batch of articles goes in with all its records in one transaction, so an interrupted ingest never
leaves half an article behind. Entities are kept once per canonical identity across articles
(``claimscope.resolve.canonical_key``), with all their aliases and mentions.

Opening a store migrates it: tables and indexes added since it was made are created, and the
derived read tables (``store/roles.py``, ``store/search.py``) filled from what it holds.

Several processes may write to one store: on SQLite (WAL, 30 s busy timeout) write transactions
start with ``BEGIN IMMEDIATE`` so writers queue instead of failing; on any backend a conflict on an
article or entity key is retried, never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError, NoSuchModuleError, OperationalError

from claimscope.errors import StoreError
from claimscope.model import ArticleResult
from claimscope.resume import FileMark
from claimscope.store import roles, search
from claimscope.store import schema as t
from claimscope.store.rows import (
    EntityRef,
    Record,
    article_record,
    article_row,
    entity_refs,
    record_rows,
)

IN_LIMIT = 500
DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg"}


# INSERT … ON CONFLICT for the backends the store supports.
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def _is_url(db: str) -> bool:
    return "://" in db


def database_url(db: str) -> str:
    """The SQLAlchemy URL of a store given as a file path or URL; plain PostgreSQL URLs get the
    psycopg 3 driver."""
    if not _is_url(db):
        return f"sqlite:///{Path(db).expanduser()}"
    scheme, rest = db.split("://", 1)
    return f"{DRIVERS.get(scheme, scheme)}://{rest}"


def open_store(db: str | Path) -> Store:
    """Open (creating if needed) the store at a file path or SQLAlchemy URL."""
    return Store(str(db))


class Store:
    """Read and write access to one claimscope database."""

    def __init__(self, db: str) -> None:
        self.url = database_url(db)
        if not _is_url(db):
            parent = Path(db).expanduser().parent
            if not parent.is_dir():
                raise StoreError(f"{db}: folder {parent} does not exist")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            self._writer: Engine = self.engine
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
                self._writer = create_engine(self.url, future=True)
                event.listen(self._writer, "connect", _sqlite_pragmas)
                event.listen(self._writer, "connect", _sqlite_manual_begin)
                event.listen(self._writer, "begin", _sqlite_begin_immediate)
            self._migrate()
        except (NoSuchModuleError, ModuleNotFoundError) as exc:
            raise StoreError(
                f"{display_name(db)}: no database driver for this URL ({exc}); "
                "for PostgreSQL install claimscope[postgres]"
            ) from exc
        except OperationalError as exc:
            raise StoreError(f"{display_name(db)}: cannot open database ({exc.orig})") from exc

    # --- setup ------------------------------------------------------------------------------

    def _migrate(self) -> None:
        try:
            self._create()
        except (IntegrityError, DBAPIError):
            # another process created the tables at the same moment: they exist now
            self._create()

    def _create(self) -> None:
        with self._writer.begin() as conn:
            existing = set(inspect(conn).get_table_names())
            t.metadata.create_all(conn)
            # a store made by an earlier version gets the indexes added since
            for table in t.metadata.sorted_tables:
                for index in table.indexes:
                    index.create(conn, checkfirst=True)
            version = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema")).scalar()
            if version is None:
                conn.execute(insert(t.meta).values(key="schema", value=str(t.SCHEMA_VERSION)))
            elif int(version) > t.SCHEMA_VERSION:
                raise StoreError(
                    f"{display_name(self.url)}: store schema {version} is newer than this "
                    "claimscope"
                )
            elif int(version) < t.SCHEMA_VERSION:
                conn.execute(
                    update(t.meta)
                    .where(t.meta.c.key == "schema")
                    .values(value=str(t.SCHEMA_VERSION))
                )
            # ... and the derived tables filled from what it holds
            if t.statement_entities.name not in existing:
                roles.backfill(conn)
            search.install(conn)

    def refresh_statistics(self) -> None:
        """Update the query planner's statistics (ANALYZE) so reads use the indexes well."""
        with self._writer.begin() as conn:
            conn.exec_driver_sql("ANALYZE")

    def close(self) -> None:
        self.engine.dispose()
        self._writer.dispose()

    # --- writing ----------------------------------------------------------------------------

    def has_article(self, sha256: str) -> bool:
        return bool(self.known([sha256]))

    def known(self, sha256s: Iterable[str]) -> set[str]:
        """Which of these article keys (sha256 of the normalized text) are stored."""
        found: set[str] = set()
        with self.engine.connect() as conn:
            for part in _parts(list(sha256s)):
                col = t.articles.c.sha256
                found.update(conn.execute(select(col).where(col.in_(part))).scalars())
        return found

    def add(self, result: ArticleResult) -> bool:
        """Store one article with its records; False if it was already stored."""
        return self.add_records([article_record(result)])[0]

    def add_records(
        self, records: Sequence[Record], finished: Sequence[tuple[FileMark, int]] = ()
    ) -> list[bool]:
        """Store article records (``rows.article_record``) in one transaction; for each, whether
        it was new. ``finished`` input files (with their article counts) are marked stored whole
        in the same transaction (see ``claimscope.resume``). If another writer stores one of the
        articles at the same time, they are stored one by one instead."""
        try:
            with self._writer.begin() as conn:
                added = self._add_batch(conn, records) if records else []
                self._mark(conn, finished)
                return added
        except IntegrityError:
            added = [self._add_alone(record) for record in records]
            self.mark_finished(finished)
            return added

    def _add_alone(self, record: Record) -> bool:
        for _attempt in range(3):
            try:
                with self._writer.begin() as conn:
                    return self._add_batch(conn, [record])[0]
            except IntegrityError:
                # a concurrent writer stored the article or one of its entities: look again
                continue
        return False

    def _add_batch(self, conn: Connection, records: Sequence[Record]) -> list[bool]:
        shas = [r["article"]["sha256"] for r in records]
        col = t.articles.c.sha256
        stored: set[str] = set()
        for part in _parts(shas):
            stored.update(conn.execute(select(col).where(col.in_(part))).scalars())
        fresh: list[Record] = []
        added: list[bool] = []
        for record, sha in zip(records, shas, strict=True):
            added.append(sha not in stored)
            if sha not in stored:
                stored.add(sha)
                fresh.append(record)
        if not fresh:
            return added
        articles = [article_row(r) for r in fresh]
        conn.execute(insert(t.articles), articles)
        refs = [entity_refs(r) for r in fresh]
        ids = self._entity_ids(conn, [ref for group in refs for ref in group])
        tables: dict[str, list[dict[str, Any]]] = {}
        for record, article, group in zip(fresh, articles, refs, strict=True):
            local = {ref.local_id: ids[ref.key] for ref in group}
            by_table = record_rows(record, local)
            by_table["statement_entities"] = roles.rows(
                article["published"], by_table["mentions"], by_table["statements"]
            )
            for name, rows in by_table.items():
                tables.setdefault(name, []).extend(rows)
        for name, rows in tables.items():
            if rows:
                conn.execute(insert(t.metadata.tables[name]), rows)
        return added

    def _entity_ids(self, conn: Connection, refs: list[EntityRef]) -> dict[str, int]:
        """The database id of each entity key, creating missing entities and adding new
        aliases."""
        first: dict[str, EntityRef] = {}
        aliases: dict[str, set[str]] = {}
        for ref in refs:
            first.setdefault(ref.key, ref)
            aliases.setdefault(ref.key, set()).update(ref.aliases)
        keys = list(first)
        ids = self._lookup_entities(conn, keys)
        missing = [k for k in keys if k not in ids]
        if missing:
            conn.execute(
                insert(t.entities),
                [
                    {
                        "key": k,
                        "name": first[k].name,
                        "type": first[k].type,
                        "wikidata": first[k].wikidata,
                    }
                    for k in missing
                ],
            )
            ids.update(self._lookup_entities(conn, missing))
        known: set[tuple[int, str]] = set()
        ea = t.entity_aliases.c
        for part in _parts(sorted(set(ids.values()))):
            query = select(ea.entity_id, ea.alias).where(ea.entity_id.in_(part))
            known.update((int(e), a) for e, a in conn.execute(query))
        new = sorted({(ids[k], a) for k, names in aliases.items() for a in names} - known)
        if new:
            conn.execute(insert(t.entity_aliases), [{"entity_id": e, "alias": a} for e, a in new])
        return ids

    @staticmethod
    def _lookup_entities(conn: Connection, keys: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for part in _parts(keys):
            query = select(t.entities.c.key, t.entities.c.id).where(t.entities.c.key.in_(part))
            ids.update({k: int(i) for k, i in conn.execute(query)})
        return ids

    # --- ingest progress --------------------------------------------------------------------

    def finished_file(self, mark: FileMark) -> int | None:
        """The number of articles read from an input file (or shard) that was fully stored
        before, if it has not changed since; else None."""
        f = t.ingest_files.c
        with self.engine.connect() as conn:
            row = conn.execute(
                select(f.size, f.mtime_ns, f.articles).where(f.path == mark.path)
            ).first()
        if row is None or (row.size, row.mtime_ns) != (mark.size, mark.mtime_ns):
            return None
        return int(row.articles)

    def mark_finished(self, marks: Sequence[tuple[FileMark, int]]) -> None:
        """Record input files (or shards) whose articles are all stored, with their article
        counts."""
        if marks:
            with self._writer.begin() as conn:
                self._mark(conn, marks)

    @staticmethod
    def _mark(conn: Connection, marks: Sequence[tuple[FileMark, int]]) -> None:
        if not marks:
            return
        latest = {mark.path: (mark, n) for mark, n in marks}
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [
            {
                "path": m.path,
                "size": m.size,
                "mtime_ns": m.mtime_ns,
                "articles": n,
                "finished_at": now,
            }
            for m, n in latest.values()
        ]
        # an upsert: another writer may mark the same file at the same moment
        upsert = UPSERTS[conn.dialect.name](t.ingest_files)
        conn.execute(
            upsert.on_conflict_do_update(
                index_elements=[t.ingest_files.c.path],
                set_={
                    key: upsert.excluded[key]
                    for key in ("size", "mtime_ns", "articles", "finished_at")
                },
            ),
            rows,
        )

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
        stc = t.statements.c
        yield from self._with_articles(t.statements, stc.speaker_entity_id, stc.content_start)

    def quantities(self) -> Iterator[dict[str, Any]]:
        """Every quantity joined with its article's metadata, in article and text order."""
        qc = t.quantities.c
        yield from self._with_articles(t.quantities, qc.source_entity_id, qc.start)

    def _with_articles(self, table: Any, entity: Any, position: Any) -> Iterator[dict[str, Any]]:
        """Rows of a record table with their article's metadata and their entity's name."""
        a = t.articles.c
        query = (
            select(table, a.title, a.outlet, a.published, a.url, t.entities.c.name.label("entity"))
            .join(t.articles, a.id == table.c.article_id)
            .outerjoin(t.entities, t.entities.c.id == entity)
            .order_by(a.published, a.id, position)
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


def _parts(items: list[Any]) -> Iterator[list[Any]]:
    """Slices of a list short enough for an IN clause."""
    for i in range(0, len(items), IN_LIMIT):
        yield items[i : i + IN_LIMIT]


def display_name(db: str) -> str:
    """A store's name for messages: the path, or the URL without its password."""
    if "://" in db and "@" in db:
        scheme, rest = db.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}:***@{host}"
    return db


def _sqlite_manual_begin(dbapi_conn: Any, _record: Any) -> None:
    # let SQLAlchemy emit BEGIN itself (pysqlite would begin lazily, before the first write)
    dbapi_conn.isolation_level = None


def _sqlite_begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()
