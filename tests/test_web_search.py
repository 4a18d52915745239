"""Statement search and statements by entity on both backends: full-text phrases, hostile search
text, paging across publication days, and the statement-entity table of an old store filled when
it is opened.

PostgreSQL runs use ``CLAIMSCOPE_TEST_PG`` (a database they may wipe); without it they are
skipped, except in CI (``CI=true``), where it must be set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select, text

from claimscope.model import Article, ArticleResult, Entity, Span, Speaker, Statement
from claimscope.store import open_store
from claimscope.store import schema as t
from claimscope.store.db import database_url
from claimscope.store.queries import Page, PageRequest, Queries, StatementFilter

PEOPLE = ["Ines Koval", "Tom Berg", "Ana Ruiz"]
ARTICLES = 14


def _result(n: int) -> ArticleResult:
    """Two statements: the first by one person about the port of Velmora, the second by the next
    person about the first (whose name is inside the second content span only)."""
    who, other = PEOPLE[n % 3], PEOPLE[(n + 1) % 3]
    first = f"the port of Velmora had reopened after {n} days"
    second = f"{who} was wrong"
    text_ = f"{who} said that {first}. {other} said that {second}."
    at = text_.index
    statements = [
        Statement("s1", Speaker(Span(who, 0, len(who)), "e1", who),
                  Span("said", len(who) + 1, len(who) + 5), "say",
                  Span(first, at(first), at(first) + len(first)), "indirect", 0.9),
        Statement("s2", Speaker(Span(other, at(other), at(other) + len(other)), "e2", other),
                  Span("said", at(other) + len(other) + 1, at(other) + len(other) + 5), "say",
                  Span(second, at(second), at(second) + len(second)), "indirect", 0.9),
    ]
    entities = [
        Entity("e1", who, "PERSON", mentions=[(0, len(who)), (at(second), at(second) + len(who))]),
        Entity("e2", other, "PERSON", mentions=[(at(other), at(other) + len(other))]),
        Entity("e3", "Velmora", "GPE", mentions=[(at("Velmora"), at("Velmora") + 7)]),
    ]
    # three articles a day, and one without a date
    published = None if n == ARTICLES - 1 else date(2025, 1, 1 + n // 3)
    art = Article(text=text_, origin=f"{n}.txt", outlet="Gazette", published=published)
    return ArticleResult(art, entities, statements)


def _pg_url() -> str:
    url = os.environ.get("CLAIMSCOPE_TEST_PG")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must set CLAIMSCOPE_TEST_PG (see .ci/run)")
        pytest.skip("no PostgreSQL server: set CLAIMSCOPE_TEST_PG=postgresql+psycopg://…")
    return url


def _wipe(url: str) -> None:
    engine = create_engine(database_url(url))
    t.metadata.drop_all(engine)
    engine.dispose()


def _location(backend: str, folder) -> str:
    if backend == "sqlite":
        return str(folder / "store.sqlite")
    url = _pg_url()
    _wipe(url)
    return url


def _fill(db: str, numbers: range) -> None:
    store = open_store(db)
    for n in numbers:
        store.add(_result(n))
    store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def queries(request, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Queries]:
    db = _location(request.param, tmp_path_factory.mktemp("search"))
    _fill(db, range(ARTICLES))
    store = open_store(db)
    yield Queries(store)
    store.close()
    if request.param == "postgresql":
        _wipe(db)


def _everything(queries: Queries) -> list[dict]:
    return queries.statements(StatementFilter(), PageRequest(1, 100)).items


def _all_pages(queries: Queries, f: StatementFilter, size: int) -> tuple[list[str], Page]:
    """Every page of a list, concatenated, and its first page."""
    first = queries.statements(f, PageRequest(1, size))
    ids = [row["id"] for row in first.items]
    for number in range(2, first.pages + 2):  # one past the last page: empty
        ids += [row["id"] for row in queries.statements(f, PageRequest(number, size)).items]
    return ids, first


def _total(queries: Queries, q: str) -> int:
    return queries.statements(StatementFilter(q=q), PageRequest(1, 100)).total


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("velmora", ARTICLES),
        ("PORT OF VELMORA", ARTICLES),
        ("port of velm", ARTICLES),  # the last word may be cut short
        ("after 1 days", 1),
        ("after 1", 5),  # 1, 10, 11, 12, 13
        ("velmora port", 0),  # words in this order
        ("elmora", 0),  # words, not substrings
        ("Berg was wrong", ARTICLES // 3 + 1),
    ],
)
def test_search_is_a_phrase_of_words(queries: Queries, q: str, expected: int) -> None:
    assert _total(queries, q) == expected


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        ('"', ""),
        ("*", ""),
        ("NEAR(", ""),
        ("<script>", ""),
        ("%", ""),
        ("_", ""),
        ("\x00", ""),
        ("'", ""),
        ("\\", ""),
        (":*", ""),
        ("' OR '1'='1", ""),
        ("x'); DROP TABLE statements; --", ""),
        ("NEAR(port velmora, 5)", ""),
        ("port OR xyzzy", ""),
        ("port AND velmora", ""),
        ("port NOT velmora", ""),
        ("content_text:port", ""),
        ('"port', "port"),
        ('port"', "port"),
        ('"port of" "velmora"', "port of velmora"),
        ("port*", "port"),
        ("^port", "port"),
        ("-port", "port"),
        ("port & of | velmora", "port of velmora"),
        ("(port of) velmora", "port of velmora"),
        ("port\x00 of", "port of"),
    ],
)
def test_search_syntax_in_the_query_is_plain_text(queries: Queries, q: str, same_as: str) -> None:
    expected = _total(queries, same_as) if same_as else 0
    assert _total(queries, q) == expected
    assert _total(queries, "port") == ARTICLES


@settings(max_examples=150, deadline=None)
@given(q=st.text(max_size=30))
def test_any_search_text_is_answered(queries: Queries, q: str) -> None:
    result = queries.statements(StatementFilter(q=q), PageRequest(1, 5))
    assert 0 <= result.total <= 2 * ARTICLES


@pytest.mark.parametrize("size", [1, 2, 4, 5, 100])
@pytest.mark.parametrize("q", ["velmora", "wrong", "ana ruiz", "after 1"])
def test_search_pages_follow_the_list_order(queries: Queries, q: str, size: int) -> None:
    words = q.split()
    expected = [
        s["id"]
        for s in _everything(queries)
        if " ".join(words) in s["content_text"].lower()
        and any(w.startswith(words[-1]) for w in s["content_text"].lower().split())
    ]
    ids, first = _all_pages(queries, StatementFilter(q=q), size)
    assert ids == expected
    assert first.total == len(expected)


def _entity_id(queries: Queries, name: str) -> int:
    return next(e["id"] for e in queries.entities(PageRequest(1, 10), q=name).items
                if e["name"] == name)


@pytest.mark.parametrize("size", [1, 3, 100])
@pytest.mark.parametrize("name", PEOPLE)
def test_statements_by_and_about_an_entity(queries: Queries, name: str, size: int) -> None:
    person = _entity_id(queries, name)
    everything = _everything(queries)
    said = [s["id"] for s in everything if s["speaker"] == name]
    about = [s["id"] for s in everything if name in s["content_text"]]
    assert said and about and not set(said) & set(about)
    for f, expected in [
        (StatementFilter(speaker_id=person), said),
        (StatementFilter(speaker=name), said),
        (StatementFilter(about=person), about),
    ]:
        ids, first = _all_pages(queries, f, size)
        assert (ids, first.total) == (expected, len(expected)), f
    # combined with another filter, the same relation through the statements table
    both = queries.statements(StatementFilter(about=person, kind="indirect"), PageRequest(1, 100))
    assert [s["id"] for s in both.items] == about


def test_about_is_what_the_content_span_mentions(queries: Queries) -> None:
    place = _entity_id(queries, "Velmora")
    about = queries.statements(StatementFilter(about=place), PageRequest(1, 100)).items
    assert {s["local_id"] for s in about} == {"s1"} and len(about) == ARTICLES


def _relation(db: str) -> set[tuple]:
    engine = create_engine(database_url(db))
    with engine.connect() as conn:
        rows = {tuple(r) for r in conn.execute(select(t.statement_entities))}
    engine.dispose()
    return rows


def _make_old(db: str) -> None:
    """Take away what schema 2 added, as a store made before it."""
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("DROP TRIGGER statements_fts_insert")
            conn.exec_driver_sql("DROP TABLE statements_fts")
        else:
            conn.exec_driver_sql("DROP INDEX ix_statements_words")
        conn.exec_driver_sql("DROP TABLE statement_entities")
        conn.exec_driver_sql("UPDATE meta SET value = '1' WHERE key = 'schema'")
    engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_old_store_is_filled_when_opened(backend: str, tmp_path) -> None:
    db = _location(backend, tmp_path)
    _fill(db, range(ARTICLES - 1))
    stored = _relation(db)
    assert {role for _e, role, *_rest in stored} == {"said", "about"}
    _make_old(db)

    store = open_store(db)
    queries = Queries(store)
    assert _relation(db) == stored
    with store.engine.connect() as conn:
        version = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "schema")).scalar()
    assert version == str(t.SCHEMA_VERSION) == "2"
    assert _total(queries, "port of velmora") == ARTICLES - 1
    last = (ARTICLES - 1) % 3  # the person the last article's second statement is about
    person = _entity_id(queries, PEOPLE[last])
    about = queries.statements(StatementFilter(about=person), PageRequest(1, 100))
    assert about.total == len([n for n in range(ARTICLES - 1) if n % 3 == last])

    # what is stored after the migration is searchable and related too
    store.add(_result(ARTICLES - 1))
    assert _total(queries, "port of velmora") == ARTICLES
    assert _total(queries, f"after {ARTICLES - 1} days") == 1
    assert queries.statements(StatementFilter(about=person), PageRequest(1, 100)).total == (
        about.total + 1
    )
    store.close()
    if backend == "postgresql":
        _wipe(db)


def test_postgres_search_uses_the_gin_index(tmp_path) -> None:
    db = _location("postgresql", tmp_path)
    _fill(db, range(3))
    store = open_store(db)
    queries = Queries(store)
    conds = queries._statement_conditions(StatementFilter(q="port of velm"))
    query = select(t.statements.c.id).where(*conds)
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(conn.execute(text("EXPLAIN " + str(query.compile(
            dialect=conn.dialect, compile_kwargs={"literal_binds": True})))).scalars())
    assert "ix_statements_words" in plan
    store.close()
    _wipe(db)
