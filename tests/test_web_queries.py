"""The read-only store queries behind the web: paging, filters, bound parameters, read-only."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import OperationalError

from claimscope.errors import StoreError
from claimscope.model import Article, ArticleResult, Entity, Span, Speaker, Statement
from claimscope.store import open_store
from claimscope.store import schema as t
from claimscope.store.queries import PageRequest, Queries, StatementFilter, open_readonly

SPEAKERS = ["Ines Koval", "Tom Berg", "Ana Ruiz"]


def _result(n: int) -> ArticleResult:
    who = SPEAKERS[n % 3]
    text = f"{who} said that the port of Velmora had reopened after {n} days."
    art = Article(text=text, origin=f"{n}.txt", outlet=["A", "B"][n % 2],
                  published=date(2025, 1, 1 + n), title=f"Port {n}")
    place = text.index("Velmora")
    content = text.index("that")
    statement = Statement(
        "s1", Speaker(Span(who, 0, len(who)), "e1", who), Span("said", len(who) + 1,
                                                                   len(who) + 5),
        "say", Span(text[content:-1], content, len(text) - 1),
        "direct" if n % 4 == 0 else "indirect", 0.8,
    )
    entities = [Entity("e1", who, "PERSON", mentions=[(0, len(who))]),
                Entity("e2", "Velmora", "GPE", mentions=[(place, place + 7)])]
    return ArticleResult(art, entities, [statement])


@pytest.fixture(scope="module")
def queries(tmp_path_factory: pytest.TempPathFactory) -> Queries:
    path = tmp_path_factory.mktemp("q") / "q.sqlite"
    store = open_store(path)
    for n in range(12):
        store.add(_result(n))
    store.close()
    return Queries(open_readonly(path))


def test_pages_cover_every_row_once(queries: Queries) -> None:
    seen: list[str] = []
    for page in range(1, 4):
        result = queries.statements(StatementFilter(), PageRequest(page, 5))
        assert result.total == 12 and result.pages == 3
        seen += [row["id"] for row in result.items]
    assert len(seen) == len(set(seen)) == 12
    everything = queries.statements(StatementFilter(), PageRequest(1, 12)).items
    dates = [row["published"] for row in everything]
    assert dates == sorted(dates, reverse=True)


def test_filters_combine(queries: Queries) -> None:
    def total(**kw: object) -> int:
        return queries.statements(StatementFilter(**kw), PageRequest(1, 50)).total

    assert total(speaker="Tom Berg") == 4
    assert total(outlet="A") == 6
    assert total(kind="direct") == 3
    assert total(date_from=date(2025, 1, 3), date_to=date(2025, 1, 5)) == 3
    assert total(q="AFTER 1 DAYS") == 1
    assert total(speaker="Ana Ruiz", outlet="A") == 2
    place = queries.entities(PageRequest(1, 5), q="velm").items[0]
    assert total(about=place["id"]) == 12
    speaker = queries.entities(PageRequest(1, 5), q="Koval").items[0]
    assert total(speaker_id=speaker["id"]) == 4


@pytest.mark.parametrize("q", ["%", "_", "' OR '1'='1", "x'); DROP TABLE statements; --"])
def test_search_text_is_bound_not_pasted(queries: Queries, q: str) -> None:
    assert queries.statements(StatementFilter(q=q), PageRequest(1, 5)).total == 0
    assert queries.statements(StatementFilter(), PageRequest(1, 5)).total == 12


def test_corpus_summary(queries: Queries) -> None:
    corpus = queries.corpus()
    assert corpus["counts"]["articles"] == 12
    assert corpus["date_range"] == {"first": "2025-01-01", "last": "2025-01-12"}
    assert corpus["outlets"] == [{"outlet": "A", "articles": 6}, {"outlet": "B", "articles": 6}]
    assert [s["statements"] for s in corpus["top_speakers"]] == [4, 4, 4]


def test_article_with_records(queries: Queries) -> None:
    first = queries.articles(PageRequest(1, 1)).items[0]
    art = queries.article(first["id"])
    assert art is not None and art["title"] == "Port 11"
    s = art["statements"][0]
    assert art["text"][s["content_start"] : s["content_end"]] == s["content_text"]
    assert {m["name"] for m in art["mentions"]} == {"Ana Ruiz", "Velmora"}
    assert queries.article("0000000000000000") is None


def test_readonly_store_refuses_writes(queries: Queries) -> None:
    with pytest.raises(OperationalError, match="readonly"), queries.engine.begin() as conn:
        conn.execute(insert(t.meta).values(key="x", value="y"))


def test_readonly_needs_an_existing_file(tmp_path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        open_readonly(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()


def test_counting_stops_at_the_cap(queries: Queries, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("claimscope.store.queries.COUNT_CAP", 5)
    result = queries.statements(StatementFilter(), PageRequest(2, 5))
    assert (result.total, result.capped, len(result.items)) == (5, True, 5)
    exact = queries.statements(StatementFilter(speaker="Tom Berg"), PageRequest(1, 5))
    assert (exact.total, exact.capped) == (4, False)
