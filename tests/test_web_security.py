"""The web app against hostile text: read-only, on loopback by default, every article text
escaped, page sizes and query lengths bounded.

The hostile article goes in through the real CLI ingest (reader, parser, extractors, store), so
the text the pages show is what the pipeline made of it, not a hand-made record.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimscope.cli import app as cli
from claimscope.store import open_store
from claimscope.store.queries import open_readonly
from claimscope.web import create_app

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HOSTILE = f"""---
title: Flood {SCRIPT} warning
outlet: Daily {IMAGE}
published: 2025-03-04
---
Flood {SCRIPT} warning

Mayor Ana Ruiz said that {IMAGE} 1,200 homes were flooded on Monday.

“The water {SCRIPT} will fall by Friday,” engineer Tom Berg said.

Officials said the figure {{{{7*7}}}} was far too high, according to the ministry.
"""
PAGES = ["/", "/articles", "/statements", "/entities", "/disputes", "/measures", "/api"]
RAW = (SCRIPT, "<img src=x", "onerror=alert(1)>")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("websec")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = str(folder / "store.sqlite")
    result = CliRunner().invoke(cli, ["ingest", str(folder / "hostile.txt"), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(open_readonly(db), reconcile_store=open_store(db)))


def article_paths(client: TestClient) -> list[str]:
    items = client.get("/api/articles").json()
    rows = items["items"] if isinstance(items, dict) else items
    return [f"/articles/{row['id']}" for row in rows]


def test_the_hostile_text_is_stored_as_written(db: str) -> None:
    store = open_store(db)
    (row,) = store.articles()
    text = store.article_text(row["id"]) or ""
    store.close()
    assert SCRIPT in text and IMAGE in text


def test_every_page_escapes_article_text(client: TestClient) -> None:
    paths = PAGES + article_paths(client) + ["/statements?q=script", "/statements?q=img"]
    assert len(paths) > len(PAGES)
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        for raw in RAW:
            assert raw not in response.text, (path, raw)
    page = client.get(article_paths(client)[0]).text
    assert "&lt;script&gt;" in page or "&lt;script>" in page
    assert "{{" in page and "}}" in page and ">49<" not in page  # shown, never evaluated


def test_api_returns_text_as_json_data_not_html(client: TestClient) -> None:
    response = client.get("/api/statements")
    assert response.headers["content-type"].startswith("application/json")
    assert (
        SCRIPT in response.text or "\\u003cscript" in response.text or "<script>" in response.text
    )


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_no_page_or_api_accepts_writes(client: TestClient, method: str) -> None:
    for path in [*PAGES, "/api/articles", "/api/statements", *article_paths(client)]:
        response = client.request(method, path, json={"text": "x"})
        assert response.status_code in (404, 405), (method, path, response.status_code)


def test_the_pages_store_refuses_writes(db: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    store = open_readonly(db)
    with pytest.raises(OperationalError), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles"))
    assert store.counts()["articles"] == 1
    store.close()


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("size=100", 200),
        ("size=101", 422),
        ("size=0", 422),
        ("size=1000000", 422),
        ("page=0", 422),
        ("page=99999999999999999999", 422),
        ("q=" + "a" * 200, 200),
        ("q=" + "a" * 201, 422),
        ("q=" + "%00%ff%fe" * 10, 200),
    ],
)
def test_page_sizes_and_query_lengths_are_bounded(client: TestClient, query: str, status: int):
    for path in ("/api/statements", "/statements"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == status, (path, query, response.text[:300])


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ('"', 0),
        ("*", 0),
        ("NEAR(", 0),
        ("NEAR(homes flooded)", 0),
        ("<script>", 1),  # the word "script", in "The water <script>… will fall by Friday"
        ("homes OR nothing", 0),
        ('"homes', 1),
        ("homes*", 1),
        ("homes were floo", 1),
    ],
)
def test_search_syntax_is_searched_as_text(client: TestClient, q: str, found: int) -> None:
    response = client.get("/api/statements", params={"q": q})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["total"] == found
    assert client.get("/statements", params={"q": q}).status_code == 200


def test_a_huge_query_string_is_refused_not_served(client: TestClient) -> None:
    response = client.get("/statements?q=" + "x" * 60_000)
    assert 400 <= response.status_code < 500
    assert "x" * 1000 not in response.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a TCP socket listening on the port (Linux /proc/net/tcp*)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/net/tcp")
def test_serve_binds_loopback_only_by_default(db: str) -> None:
    port = free_port()
    command = [sys.executable, "-m", "claimscope.cli", "serve", "--db", db, "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not listening_addresses(port) and time.monotonic() < deadline:
            assert process.poll() is None, process.communicate()[1].decode()
            time.sleep(0.2)
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_load_script_runs_50_clients_without_errors(db: str) -> None:
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "web_load.py"
    command = [sys.executable, str(script), "--clients", "50", "--seconds", "5", "--db", db]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "errors 0" in done.stdout and "p95" in done.stdout
