"""Tests for the streaming feed reader: the same articles as the whole-document reader before it,
damage part-way, laziness, the size limit per entry and flat memory.

``feeds/expected.json`` holds what the former reader (feedparser on the whole file, up to commit
1b65c21) produced for the sample corpus feeds and for ``feeds/variety.*``, feeds written for
these tests with the constructs news feeds use (CDATA and escaped HTML, guid links, Dublin Core
dates, RSS 1.0, Atom text, HTML and XHTML content, entries without text).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from claimscope.errors import InputError
from claimscope.ingest import ReadConfig, feed
from claimscope.model import Article
from claimscope.paths import SAMPLE_CORPUS

FEEDS = Path(__file__).parent / "feeds"
EXPECTED: dict[str, list[dict[str, Any]]] = json.loads(
    (FEEDS / "expected.json").read_text(encoding="utf-8")
)
SOURCES = {
    "northgate-times-asia.xml": SAMPLE_CORPUS / "northgate-times-asia.xml",
    "eastbridge-monitor-security.atom": SAMPLE_CORPUS / "eastbridge-monitor-security.atom",
    "variety.rss": FEEDS / "variety.rss",
    "variety.rdf": FEEDS / "variety.rdf",
    "variety.atom": FEEDS / "variety.atom",
}


def record(item: Article | InputError, path: Path) -> dict[str, Any]:
    """An article or error in the form of ``expected.json``, its origin relative to the file."""
    if isinstance(item, InputError):
        return {"error": item.source.removeprefix(str(path)), "reason": item.reason}
    return {
        "origin": item.origin.removeprefix(str(path)),
        "title": item.title,
        "url": item.url,
        "outlet": item.outlet,
        "published": item.published and item.published.isoformat(),
        "text": item.text,
    }


def rss_item(n: int, words: int = 40) -> str:
    body = " ".join(f"word{n}x{k}" for k in range(words))
    return (
        f"<item><title>Story {n}</title><link>https://feed.test/{n}</link>"
        f"<pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>"
        f"<description>The council said on Tuesday that story {n} went on: {body}."
        "</description></item>"
    )


def rss(items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Harbour Feed</title><link>https://feed.test/</link>{''.join(items)}"
        "</channel></rss>"
    )


def atom(entries: int) -> str:
    body = "".join(
        f"<entry><title>Story {n}</title><id>urn:test:{n}</id>"
        f'<link href="https://feed.test/{n}"/><updated>2024-03-05T10:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;The council said story {n} went on.&lt;/p&gt;'
        "</content></entry>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Harbour Feed</title><id>urn:test:feed</id>{body}</feed>"
    )


def split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, InputError)]
    return articles, errors


class CountingStream(io.BytesIO):
    """In-memory bytes that count how many were read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_entries_are_the_articles_the_whole_document_reader_made(name: str) -> None:
    path = SOURCES[name]
    assert [record(item, path) for item in feed.read(path, ReadConfig())] == EXPECTED[name]


@pytest.mark.parametrize(
    ("suffix", "text"), [(".rss", rss([rss_item(n) for n in range(4)])), (".atom", atom(4))]
)
def test_feed_cut_short_keeps_the_entries_before_the_break(
    tmp_path: Path, suffix: str, text: str
) -> None:
    cut = text.index("Story 2")  # inside the third entry
    path = tmp_path / f"cut{suffix}"
    path.write_text(text[:cut], encoding="utf-8")
    articles, errors = split(list(feed.read(path, ReadConfig())))
    assert [a.origin for a in articles] == [f"{path}#1", f"{path}#2"]
    assert [a.title for a in articles] == ["Story 0", "Story 1"]
    (error,) = errors
    assert error.source == str(path)
    assert error.reason.startswith("feed is cut short or malformed (")


def test_malformed_xml_after_some_entries(tmp_path: Path) -> None:
    items = [rss_item(0), rss_item(1), "<item><title>A & B</title></item>", rss_item(3)]
    path = tmp_path / "bad.xml"
    path.write_text(rss(items), encoding="utf-8")
    articles, errors = split(list(feed.read(path, ReadConfig())))
    assert [a.title for a in articles] == ["Story 0", "Story 1"]
    assert [(e.source, e.reason[:30]) for e in errors] == [
        (str(path), "feed is cut short or malformed")
    ]


def test_items_beside_the_channel_are_read(tmp_path: Path) -> None:
    # items after </channel>, children of <rss>: not valid RSS, but feedparser read them
    text = rss([]).replace("</channel></rss>", f"</channel>{rss_item(0)}{rss_item(1)}</rss>")
    path = tmp_path / "old.rss"
    path.write_text(text, encoding="utf-8")
    articles, errors = split(list(feed.read(path, ReadConfig())))
    assert [(a.title, a.outlet) for a in articles] == [
        ("Story 0", "Harbour Feed"),
        ("Story 1", "Harbour Feed"),
    ]
    assert errors == []


def test_entries_come_out_before_the_rest_of_the_file_is_read() -> None:
    data = rss([rss_item(n) for n in range(8_000)]).encode()
    stream = CountingStream(data)
    items = feed.read_stream(stream, "big.rss", ReadConfig())
    first = next(items)
    assert isinstance(first, Article) and first.title == "Story 0"
    assert len(data) > 5_000_000
    assert stream.bytes_read <= 65_536  # two of the parser's 32 KiB reads at most
    rest = list(items)
    assert len(rest) == 7_999 and all(isinstance(item, Article) for item in rest)
    assert stream.bytes_read == len(data)


def test_the_size_limit_applies_to_each_entry_not_the_file(tmp_path: Path) -> None:
    items = [rss_item(n) for n in range(30)]
    items[10] = rss_item(10, words=100_000)  # about 1.2 MB
    path = tmp_path / "big.xml"
    path.write_text(rss(items), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    articles, errors = split(list(feed.read(path, ReadConfig(max_bytes=200_000))))
    assert len(articles) == 29 and f"{path}#11" not in [a.origin for a in articles]
    assert [(e.source, e.reason) for e in errors] == [
        (f"{path}#11", "entry is over the limit of 0.2 MB")
    ]


def test_damage_before_the_first_entry_is_read_leniently_when_the_file_is_small(
    tmp_path: Path,
) -> None:
    text = rss([rss_item(0), rss_item(1)]).replace("Harbour Feed", "Harbour&nbsp;Feed")
    path = tmp_path / "sloppy.rss"
    path.write_text(text, encoding="utf-8")
    articles, errors = split(list(feed.read(path, ReadConfig())))
    assert [a.title for a in articles] == ["Story 0", "Story 1"]
    assert [e.source for e in errors] == [str(path)]
    assert "Entity 'nbsp' not defined" in errors[0].reason
    _, errors = split(list(feed.read(path, ReadConfig(max_bytes=len(text) - 1))))
    assert [e.source for e in errors] == [str(path)] and "nbsp" in errors[0].reason


def test_memory_stays_flat_through_a_large_feed(tmp_path: Path) -> None:
    path = tmp_path / "large.rss"
    head, tail = rss(["|"]).split("|")
    with path.open("w", encoding="utf-8") as stream:
        stream.write(head)
        for n in range(2_500):
            stream.write(rss_item(n, words=800))
        stream.write(tail)
    assert path.stat().st_size > 25_000_000
    # a fresh process, whose heap holds no memory freed by other tests that the parser could reuse
    script = (
        "import sys, psutil\n"
        "from pathlib import Path\n"
        "from claimscope.ingest import ReadConfig, feed\n"
        "process = psutil.Process()\n"
        "before = peak = process.memory_info().rss\n"
        "for n, _ in enumerate(feed.read(Path(sys.argv[1]), ReadConfig()), start=1):\n"
        "    if n % 100 == 0:\n"
        "        peak = max(peak, process.memory_info().rss)\n"
        "print(n, peak - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    count, growth = map(int, result.stdout.split())
    assert count == 2_500
    assert growth < 8_000_000  # the whole document as a tree would take more than its 25 MB
