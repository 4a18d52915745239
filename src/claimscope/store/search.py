"""Full-text search over statement content: SQLite's FTS5 table and the match on each backend.

A search is a phrase: the words of the query in this order, case-insensitive, the last one
possibly cut short ("port of velm" finds "the port of Velmora"). Each backend splits the query
into words with the same tokenizer as the stored text, and the query only ever travels as a bound
parameter, quoted as one phrase: quotes, ``*``, ``NEAR(`` or ``AND`` in it are plain text.

On SQLite, ``statements_fts`` (FTS5, holding each statement's id and content) is filled by a
trigger whenever a statement is stored, and from the stored statements when a store made before
it is opened. Its rowid is the article's publication day in the high bits and the statement's
rowid in the low ones, so the matches come newest day first straight from the full-text index
and a page of a search reads only the matches of the days it spans (``window``). One- and
two-letter prefixes have their own index, so a search for "a" does not merge the lists of every
word starting with "a". On PostgreSQL a GIN index on ``schema.statement_words`` serves the match.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Connection,
    Text,
    cast,
    column,
    false,
    func,
    inspect,
    select,
    table,
)
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import TSQUERY

from claimscope.store import schema as t

FTS = table("statements_fts", column("rowid"), column("statement_id"), column("content_text"))
DAY_SHIFT = 32

# The FTS rowid of a statement from its article's publication date and its own rowid.
_KEY = f"(coalesce(CAST(julianday({{published}}) AS INTEGER), 0) << {DAY_SHIFT}) | {{rowid}}"
_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE statements_fts USING fts5("
    "statement_id UNINDEXED, content_text, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2')"
)
_SQLITE_FILL = (
    "INSERT INTO statements_fts (rowid, statement_id, content_text) "
    f"SELECT {_KEY.format(published='a.published', rowid='s.rowid')}, s.id, s.content_text "
    "FROM statements s LEFT JOIN articles a ON a.id = s.article_id"
)
_PUBLISHED = "(SELECT published FROM articles WHERE id = new.article_id)"
_SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS statements_fts_insert AFTER INSERT ON statements BEGIN "
    "INSERT INTO statements_fts (rowid, statement_id, content_text) VALUES "
    f"({_KEY.format(published=_PUBLISHED, rowid='new.rowid')}, new.id, new.content_text); "
    "END"
)


def install(conn: Connection) -> None:
    """On SQLite, create the FTS5 table (indexing the statements already stored) and the trigger
    that keeps it in step, where missing; PostgreSQL's index is part of the schema."""
    if conn.dialect.name != "sqlite":
        return
    if not inspect(conn).has_table(FTS.name):
        conn.exec_driver_sql(_SQLITE_TABLE)
        conn.exec_driver_sql(_SQLITE_FILL)
    conn.exec_driver_sql(_SQLITE_TRIGGER)


def _clean(words: str) -> str:
    return words.replace("\x00", "")  # neither FTS5 nor PostgreSQL text takes NUL


def _fts_match(words: str) -> ColumnElement[bool]:
    phrase = '"' + _clean(words).replace('"', '""') + '" *'
    return column(FTS.name).match(phrase)


def matching(dialect: str, words: str) -> ColumnElement[bool]:
    """The condition on ``statements`` that its content holds the phrase ``words``."""
    if dialect == "sqlite":
        return t.statements.c.id.in_(select(FTS.c.statement_id).where(_fts_match(words)))
    # the phrase as PostgreSQL parses it, its last word made a prefix; no words match nothing
    phrase = cast(func.phraseto_tsquery(sql("'simple'::regconfig"), _clean(words)), Text)
    prefix = cast(func.nullif(phrase, "", type_=Text) + ":*", TSQUERY)
    return t.statement_words.bool_op("@@")(prefix)


@dataclass(frozen=True)
class Window:
    """The statements around one page of a search: the page starts ``skip`` rows into those
    matching ``condition`` (in list order); ``total`` matches in all, counted up to a cap."""

    condition: ColumnElement[bool]
    skip: int
    total: int


def window(conn: Connection, words: str, offset: int, size: int, cap: int) -> Window:
    """On SQLite, the matches of ``words`` from the publication day of the page's first row to
    that of its last: all the page's rows, in whatever order the list sorts a day's rows."""
    match = _fts_match(words)
    counted = select(FTS.c.rowid).where(match).limit(cap + 1).subquery()
    total = conn.execute(select(func.count()).select_from(counted)).scalar_one()

    newest_first = select(FTS.c.rowid).where(match).order_by(FTS.c.rowid.desc())
    keys = list(conn.execute(newest_first.limit(size).offset(offset)).scalars())
    if not keys:
        return Window(false(), 0, total)
    after = ((keys[0] >> DAY_SHIFT) + 1) << DAY_SHIFT  # rows of later days precede the page
    since = (keys[-1] >> DAY_SHIFT) << DAY_SHIFT if len(keys) == size else 0
    before = conn.execute(
        select(func.count()).select_from(FTS).where(match, FTS.c.rowid >= after)
    ).scalar_one()
    ids = select(FTS.c.statement_id).where(match, FTS.c.rowid >= since, FTS.c.rowid < after)
    return Window(t.statements.c.id.in_(ids), offset - before, total)
