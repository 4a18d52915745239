"""The web UI in a real browser (Playwright driving Debian's chromium) on the sample corpus.

Every page is loaded and screenshotted (under pytest's tmp_path); a page fails the test if it
raises a script error, logs a console error (a Content-Security-Policy violation included) or a
request fails. The click-through goes overview → article → measure and checks the chart drew its
estimates. An article carrying script and attribute payloads must not run or inject them.

Chromium comes from ``apt-get install chromium``; outside CI the tests skip where it is missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from typer.testing import CliRunner

from claimscope.cli import app as cli
from claimscope.model import Article
from claimscope.pipeline import Analyzer
from claimscope.store import open_store
from claimscope.store.queries import open_readonly
from claimscope.web import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PAYLOAD = '<img src=x onerror="window.__pwned=1">'
XSS_TEXT = (
    f'Mayor Ana Ruiz said that {PAYLOAD} 1,200 homes were flooded on Monday. '
    '"<script>window.__pwned=2</script> We need help," Ruiz said.'
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("browser") / "sample.sqlite")
    result = CliRunner().invoke(cli, ["demo", "--db", path, "--quiet"])
    assert result.exit_code == 0, result.output
    store = open_store(path)
    article = Article(text=XSS_TEXT, origin="xss.txt", title='Flood <script>window.__pwned=3'
                      '</script>', outlet=f'Daily {PAYLOAD}', url="javascript:alert(1)",
                      published=date(2025, 5, 7))
    assert store.add(Analyzer().analyze(article))
    store.close()
    return path


@pytest.fixture(scope="module")
def base_url(db: str) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(open_readonly(db), reconcile_store=open_store(db)),
                            host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        # launch() starts chromium on a fresh temporary profile of its own
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with everything that went wrong on it collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        page.on("pageerror", lambda exc: self.problems.append(f"script error: {exc}"))
        page.on("console", lambda msg: msg.type == "error" and self.problems.append(
            f"console: {msg.text}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed: {req.url}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status}: {r.url}"))

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

    def visit(self, url: str, shots: Path, name: str) -> None:
        self.page.goto(url, wait_until="networkidle")
        self.shot(shots, name)

    def shot(self, shots: Path, name: str) -> None:
        shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    w = Watched(context.new_page())
    yield w
    context.close()
    assert not w.problems, w.problems
    assert not w.dialogs, w.dialogs


def _first_href(page: Page, selector: str) -> str:
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


def _chart_pixels(page: Page) -> int:
    return page.evaluate(
        """() => {
          const c = document.getElementById("measure-chart");
          const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
          return n;
        }"""
    )


def test_every_page_loads(watched: Watched, base_url: str, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    page = watched.page
    for name, path in [("overview", "/"), ("articles", "/articles"),
                       ("statements", "/statements?kind=direct"), ("measures", "/measures"),
                       ("disputes", "/disputes"), ("entities", "/entities"), ("api", "/api")]:
        watched.visit(base_url + path, shots, name)
        assert page.locator("h1").first.is_visible(), name
    watched.visit(base_url + "/statements", shots, "statements-all")
    evidence = _first_href(page, "a.evidence")
    watched.visit(base_url + evidence, shots, "evidence")
    anchor = evidence.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    watched.visit(base_url + "/entities?type=PERSON", shots, "people")
    watched.visit(base_url + _first_href(page, "table.records a"), shots, "entity")
    assert page.get_by_text("What it said").is_visible()
    watched.visit(base_url + "/disputes?page=1", shots, "disputes-again")
    assert page.locator(".dispute").count() > 0
    assert page.locator(".dispute .side-rebuttal blockquote").first.is_visible()
    assert len(list(shots.glob("*.png"))) == 12


def test_overview_to_article_to_measure(watched: Watched, base_url: str, tmp_path: Path) -> None:
    shots = tmp_path / "screenshots"
    page = watched.page
    measured = {e["article"] for m in page.request.get(base_url + "/api/measures?size=100")
                .json()["items"] for e in m["estimates"]}
    watched.visit(base_url + "/", shots, "1-overview")
    links = page.locator("a.article-link")
    targets = [i for i in range(links.count())
               if links.nth(i).get_attribute("href").rsplit("/", 1)[1] in measured]
    assert targets, "no article on the overview has a reconciled measure"
    links.nth(targets[-1]).click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(base_url + "/articles/")
    quantity = page.locator("#article-text .hl-quantity").first
    quantity.hover()
    box = page.locator("#record-box")
    assert box.is_visible() and "quantity" in box.inner_text().lower()
    watched.shot(shots, "2-article")
    page.locator(".side-panel a.measure-link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(base_url + "/measures/")
    watched.shot(shots, "3-measure")
    canvas = page.locator("#measure-chart")
    assert int(canvas.get_attribute("data-points") or 0) > 0
    assert _chart_pixels(page) > 2000


def test_every_measure_chart_is_drawn(watched: Watched, base_url: str, tmp_path: Path) -> None:
    page = watched.page
    measures = page.request.get(base_url + "/api/measures?size=100").json()["items"]
    assert measures
    for m in measures:
        watched.visit(f"{base_url}/measures/{m['id']}", tmp_path / "screenshots", m["id"])
        assert int(page.locator("#measure-chart").get_attribute("data-points") or 0) == len(
            m["estimates"]
        ), m["id"]
        assert _chart_pixels(page) > 2000, m["id"]


def test_untrusted_article_runs_nothing(watched: Watched, base_url: str, tmp_path: Path) -> None:
    page = watched.page
    found = page.request.get(base_url + "/api/articles?q=Flood").json()["items"]
    assert len(found) == 1
    watched.visit(f"{base_url}/articles/{found[0]['id']}", tmp_path / "screenshots", "xss")
    text = page.locator("#article-text")
    assert PAYLOAD in text.inner_text() and "<script>window.__pwned=2</script>" in text.inner_text()
    assert "<script>window.__pwned=3</script>" in page.locator("h1").inner_text()
    assert page.locator("#article-text img, #article-text script, img").count() == 0
    for span in text.locator(".hl").all()[:10]:
        span.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("a[href^='javascript:']").count() == 0
    for path in ["/", "/articles", "/statements?q=flooded"]:
        watched.visit(base_url + path, tmp_path / "screenshots", "xss-list")
        assert page.locator("img").count() == 0
        assert page.evaluate("() => window.__pwned") is None
