"""The web app through its HTTP interface: pages, JSON API, paging, validation and escaping.

The store is built from records written here (no parser), so every offset is known; one
article carries script and HTML-attribute payloads in its text, title, outlet and URL.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from claimscope.model import (
    Article,
    ArticleResult,
    Entity,
    Quantity,
    Span,
    Speaker,
    Statement,
    TimeRef,
)
from claimscope.store import open_store
from claimscope.store.queries import open_readonly
from claimscope.web import create_app

PAYLOAD_SCRIPT = '<script>window.__pwned = 1</script>'
PAYLOAD_ATTR = '"><img src=x onerror="window.__pwned=2">'
XSS_TEXT = (
    f"Mayor {PAYLOAD_SCRIPT} Ana Ruiz said that {PAYLOAD_ATTR} 1,200 homes were flooded on "
    "Monday.\n\nThe council's engineer Tom Berg said the river would fall by Friday."
)
PLAIN_TEXT = (
    "Harbour master Ines Koval said that 40 ships were waiting outside the port.\n\n"
    "Koval said the queue would clear soon."
)


def _span(text: str, piece: str, after: int = 0) -> Span:
    start = text.index(piece, after)
    return Span(piece, start, start + len(piece))


def _statement(text: str, sid: str, speaker: str, cue: str, content: str, entity: str | None,
               name: str | None, kind: str = "indirect") -> Statement:
    sp = _span(text, speaker)
    cu = _span(text, cue, sp.end)
    co = _span(text, content, cu.end)
    return Statement(sid, Speaker(sp, entity, name), cu, cue, co, kind, 0.9)


def xss_result() -> ArticleResult:
    text = XSS_TEXT
    art = Article(text=text, origin="xss.txt", title=f"Flood {PAYLOAD_SCRIPT} warning",
                  url="javascript:alert(1)", outlet=f"Daily {PAYLOAD_ATTR}",
                  published=date(2025, 3, 4))
    ruiz = _span(text, "Ana Ruiz")
    berg = _span(text, "Tom Berg")
    content = f"that {PAYLOAD_ATTR} 1,200 homes were flooded on Monday"
    statements = [
        _statement(text, "s1", f"{PAYLOAD_SCRIPT} Ana Ruiz", "said", content, "e1", "Ana Ruiz"),
        _statement(text, "s2", "Tom Berg", "said", "the river would fall by Friday", "e2",
                   "Tom Berg"),
    ]
    number = _span(text, "1,200")
    quantity = Quantity("q1", number, 1200.0, 1200.0, counted=_span(text, "homes"),
                        statement="s1", source_entity="e1", source_name="Ana Ruiz")
    times = [TimeRef("t1", _span(text, "Monday"), "2025-03-03", "day"),
             TimeRef("t2", _span(text, "Friday"), "2025-03-07", "day")]
    entities = [
        Entity("e1", "Ana Ruiz", "PERSON", mentions=[(ruiz.start, ruiz.end)]),
        Entity("e2", "Tom Berg", "PERSON", mentions=[(berg.start, berg.end)]),
    ]
    return ArticleResult(art, entities, statements, [quantity], times)


def plain_result(number: int) -> ArticleResult:
    text = PLAIN_TEXT + f"\n\nUpdate {number}."
    art = Article(text=text, origin=f"plain{number}.txt", title=f"Port queue {number}",
                  url=f"https://port.test/{number}", outlet="Port Gazette",
                  published=date(2025, 4, 1 + number % 28))
    koval = _span(text, "Ines Koval")
    statements = [
        _statement(text, "s1", "Ines Koval", "said",
                   "that 40 ships were waiting outside the port", "e1", "Ines Koval"),
        _statement(text, "s2", "Koval", "said", "the queue would clear soon", "e1", "Ines Koval",
                   kind="direct"),
    ]
    quantity = Quantity("q1", _span(text, "40"), 40.0, 40.0, counted=_span(text, "ships"),
                        statement="s1", source_entity="e1", source_name="Ines Koval")
    entities = [Entity("e1", "Ines Koval", "PERSON", aliases=["Koval"],
                       mentions=[(koval.start, koval.end)])]
    return ArticleResult(art, entities, statements, [quantity])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.sqlite"
    store = open_store(path)
    store.add(xss_result())
    for n in range(30):
        store.add(plain_result(n))
    store.close()
    return str(path)


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(open_readonly(db), reconcile_store=open_store(db)))


def _xss_id() -> str:
    return xss_result().article.id


PAGES = ["/", "/articles", "/statements", "/measures", "/disputes", "/entities", "/api"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def _scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>", html)


def _assert_no_payload(html: str) -> None:
    assert PAYLOAD_SCRIPT not in html
    assert "<img" not in html
    assert 'onerror="' not in html
    assert 'href="javascript:' not in html
    for tag in _scripts(html):
        assert tag in {'<script src="/static/app.js" defer>', '<script type="application/json" '
                       'id="records">', '<script src="/static/chart.umd.min.js" defer>',
                       '<script type="application/json" id="chart-data">'}, tag


def test_article_text_is_escaped_and_highlighted(client: TestClient) -> None:
    html = client.get(f"/articles/{_xss_id()}").text
    _assert_no_payload(html)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html
    # the speaker span starts inside the payload: the highlight wraps the escaped pieces
    assert re.search(r'<span class="hl hl-speaker" data-r="s1">&lt;script&gt;', html)
    assert re.search(r'class="hl hl-content hl-quantity" data-r="s1 q1">1,200</span>', html)
    assert 'id="r-s1"' in html and 'href="/entities/' in html
    # records for the hover box are JSON that cannot close its script element
    block = html.split('id="records">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003cscript\\u003e" in block


@pytest.mark.parametrize(
    "path",
    ["/articles", "/statements", "/statements?q=flooded", "/entities?q=Ruiz", "/"],
)
def test_lists_escape_untrusted_fields(client: TestClient, path: str) -> None:
    html = client.get(path).text
    _assert_no_payload(html)


def test_search_text_is_escaped_back_into_the_form(client: TestClient) -> None:
    html = client.get("/statements", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_statement_rows_link_to_their_evidence(client: TestClient) -> None:
    html = client.get("/statements", params={"speaker": "Koval", "size": 5}).text
    links = re.findall(r'href="/articles/([0-9a-f]{16})#r-(s\d+)"', html)
    assert len(links) == 5
    article_id, sid = links[0]
    assert f'id="r-{sid}"' in client.get(f"/articles/{article_id}").text


def test_api_lists_are_paged(client: TestClient) -> None:
    first = client.get("/api/statements", params={"size": 7}).json()
    assert first["total"] == 62 and first["pages"] == 9 and len(first["items"]) == 7
    last = client.get("/api/statements", params={"size": 7, "page": 9}).json()
    assert len(last["items"]) == 62 - 8 * 7
    seen = {s["id"] for s in first["items"]} & {s["id"] for s in last["items"]}
    assert not seen
    for path in ["/api/articles", "/api/entities", "/api/measures", "/api/disputes"]:
        body = client.get(path, params={"size": 2}).json()
        assert {"items", "total", "page", "size", "pages"} <= set(body), path
        assert len(body["items"]) <= 2


def test_api_filters(client: TestClient) -> None:
    def total(**params: str) -> int:
        return client.get("/api/statements", params=params).json()["total"]

    assert total(kind="direct") == 30
    assert total(speaker="Ana Ruiz") == 1
    assert total(outlet="Port Gazette", date_from="2025-04-01", date_to="2025-04-02") == 8
    assert total(q="FLOODED") == 1
    assert total(q="%") == 0
    assert total(q="' OR 1=1 --") == 0
    assert total(date_from="", kind="", q="") == 62  # empty form fields are no filter


@pytest.mark.parametrize(
    "path",
    [
        "/api/statements?size=101",
        "/api/statements?page=0",
        "/api/statements?kind=quoted",
        "/api/statements?date_from=yesterday",
        "/api/statements?q=" + "x" * 201,
        "/api/articles/not-an-id",
        "/api/entities/0",
        "/api/entities/1/statements?role=drop",
    ],
)
def test_bad_parameters_are_rejected(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 422


def test_bad_parameters_on_a_page_give_an_html_error(client: TestClient) -> None:
    response = client.get("/statements?size=5000")
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
    assert "size" in response.text


def test_unknown_records_are_404(client: TestClient) -> None:
    assert client.get("/articles/0123456789abcdef").status_code == 404
    assert client.get("/api/articles/0123456789abcdef").status_code == 404
    assert client.get("/entities/99999").status_code == 404
    assert client.get("/api/measures/no-such-measure").status_code == 404


def test_entity_page_shows_names_and_statements(client: TestClient) -> None:
    entities = client.get("/api/entities", params={"q": "Koval"}).json()["items"]
    assert [e["name"] for e in entities] == ["Ines Koval"]
    html = client.get(f"/entities/{entities[0]['id']}").text
    assert "Ines Koval" in html and '<span class="alias">Koval</span>' in html
    assert "What it said" in html and "page 1 of 3" in html
    said = client.get(f"/api/entities/{entities[0]['id']}/statements").json()
    assert said["total"] == 60


def test_openapi_documents_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/overview", "/api/statements", "/api/articles/{article_id}", "/api/measures",
            "/api/measures/{measure_id}", "/api/disputes", "/api/entities/{entity_id}"} <= paths
    params = {p["name"] for p in schema["paths"]["/api/statements"]["get"]["parameters"]}
    assert {"page", "size", "q", "speaker", "outlet", "date_from", "date_to", "kind"} <= params
    assert not any(p.startswith("/articles") for p in paths)  # pages stay out of the API schema


def test_overview_counts(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    assert data["counts"]["articles"] == 31
    assert data["date_range"] == {"first": "2025-03-04", "last": "2025-04-28"}
    assert data["top_speakers"][0]["name"] == "Ines Koval"
    assert data["top_speakers"][0]["statements"] == 60


@pytest.mark.parametrize(
    "params",
    [
        {"size": 7, "page": 1},
        {"size": 7, "page": 5},
        {"size": 10, "page": 7},
        {"size": 3, "page": 2, "outlet": "Port Gazette", "date_from": "2025-04-03"},
        {"size": 5, "page": 1, "date_to": "2025-03-31"},
        {"size": 5, "page": 3, "outlet": "Nobody"},
    ],
)
def test_article_index_paging_matches_the_query(
    client: TestClient, db: str, params: dict[str, object]
) -> None:
    """Unfiltered (or article-filtered) lists are cut from the cached article index; they must
    give exactly what the SQL query gives."""
    from claimscope.store.queries import PageRequest, Queries, StatementFilter

    body = client.get("/api/statements", params=params).json()
    f = StatementFilter(
        outlet=params.get("outlet"),
        date_from=date.fromisoformat(params["date_from"]) if "date_from" in params else None,
        date_to=date.fromisoformat(params["date_to"]) if "date_to" in params else None,
    )
    expected = Queries(open_readonly(db)).statements(f, PageRequest(params["page"], params["size"]))
    assert [s["id"] for s in body["items"]] == [s["id"] for s in expected.items]
    assert body["total"] == expected.total


def _impatient_client(db: str) -> TestClient:
    app = create_app(open_readonly(db), reconcile_store=open_store(db))
    app.state.ctx.reconciled.wait_s = 0  # reconciling runs in the background; nobody waits
    return TestClient(app)


def test_pages_do_not_wait_for_a_long_reconcile(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from claimscope.web.reconciled import Reconciled

    done = threading.Event()  # reconciling lasts until the test says so
    compute = Reconciled._compute
    monkeypatch.setattr(Reconciled, "_compute", lambda self: done.wait(60) and compute(self))
    client = _impatient_client(db)
    assert "still running" in client.get("/measures").text
    assert client.get("/statements").status_code == 200
    pending = _impatient_client(db).get("/api/disputes")
    assert pending.status_code == 503 and "still running" in pending.json()["detail"]
    done.set()
    client.app.state.ctx.reconciled.wait_s = 60
    assert "still running" not in client.get("/measures").text


def test_cached_values_are_left_out_of_garbage_collection(db: str) -> None:
    import gc

    from claimscope.web.cache import VersionedCache

    gc.unfreeze()
    try:
        rows = VersionedCache(lambda: 1).get("rows", lambda: [{"n": n} for n in range(100)])
        app = create_app(open_readonly(db), reconcile_store=open_store(db))
        app.state.ctx.reconciled.wait_s = 60
        snapshot = app.state.ctx.snapshot()
        assert snapshot is not None
        collected = {id(o) for o in gc.get_objects()}  # frozen objects are not among them
        assert id(rows) not in collected and id(rows[0]) not in collected
        assert id(snapshot.measures) not in collected and id(snapshot.by_id) not in collected
    finally:
        gc.unfreeze()
