"""Tests for the readers in claimscope.ingest: every format, front matter and titles, bad inputs."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimscope.errors import InputError
from claimscope.ingest import ReadConfig, discover, read_paths
from claimscope.model import Article
from claimscope.paths import SAMPLE_CORPUS

BODY = (
    "The harbour council said on Tuesday that 12 streets had flooded overnight.\n\n"
    "Engineers expected the water to recede by Thursday, the council added."
)

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Floods close harbour road | The Coast Ledger</title>
<meta property="og:site_name" content="The Coast Ledger">
<meta property="og:title" content="Floods close harbour road">
<meta property="article:published_time" content="2024-03-05T21:30:00-05:00">
<link rel="canonical" href="https://ledger.test/2024/03/05/floods">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<p>The harbour council said on Tuesday that 12 streets had flooded overnight, and that the
pumps at the eastern basin had been running at full capacity since the early evening.</p>
<p>"We expect the water to recede by Thursday," the harbour master told reporters, adding that
three ferry crossings had been cancelled and that the coast road would stay closed.</p>
<p>Officials estimated the damage at between 2 and 3 million euros, according to a statement
released late on Tuesday evening by the council's press office.</p>
</article>
<footer>Copyright The Coast Ledger. All rights reserved.</footer>
</body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    """Write a fixture file (text as UTF-8) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def read_all(*paths: Path, config: ReadConfig | None = None) -> list[Article | InputError]:
    return list(read_paths(paths, config or ReadConfig()))


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def only_error(items: list[Article | InputError]) -> InputError:
    assert len(items) == 1, items
    assert isinstance(items[0], InputError), items
    return items[0]


def only_article(items: list[Article | InputError]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items
    return items[0]


# --- plain text ---------------------------------------------------------------------------------


def test_text_front_matter_sets_metadata_and_is_not_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "story.txt",
        '---\ntitle: "Floods close harbour road"\nurl: https://ledger.test/floods\n'
        "outlet: The Coast Ledger\npublished: 2024-03-05\ntags: weather\n---\n" + BODY + "\n",
    )
    article = only_article(read_all(path))
    assert article.title == "Floods close harbour road"
    assert article.url == "https://ledger.test/floods"
    assert article.outlet == "The Coast Ledger"
    assert article.published == date(2024, 3, 5)
    assert article.text == BODY
    assert article.origin == str(path)


def test_text_headline_is_title_and_stays_in_text(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "\n\nFloods close harbour road\n\n" + BODY)
    article = only_article(read_all(path))
    assert article.title == "Floods close harbour road"
    assert article.text.startswith("Floods close harbour road\n\nThe harbour council")


def test_front_matter_title_wins_over_headline(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "---\ntitle: Given title\n---\nA headline\n\n" + BODY)
    article = only_article(read_all(path))
    assert article.title == "Given title"
    assert article.text.startswith("A headline\n\n")


@pytest.mark.parametrize(
    "first_line",
    [
        "The council said 12 streets had flooded.",
        "Will the water recede by Thursday?",
        'The harbour master\'s answer: "We expect the water to recede"',
        "The harbour master: “We expect the water to recede”",
        "x" * 200,
    ],
)
def test_first_line_that_reads_as_a_sentence_is_no_title(tmp_path: Path, first_line: str) -> None:
    article = only_article(read_all(write(tmp_path / "story.txt", f"{first_line}\n\n{BODY}")))
    assert article.title is None
    assert article.text.startswith(first_line[:20])


def test_first_line_without_blank_line_after_it_is_no_title(tmp_path: Path) -> None:
    article = only_article(read_all(write(tmp_path / "story.txt", "Floods close road\n" + BODY)))
    assert article.title is None


def test_markdown_headline_loses_its_hash_marks_in_the_title_only(tmp_path: Path) -> None:
    article = only_article(read_all(write(tmp_path / "story.md", "# Floods close road\n\n" + BODY)))
    assert article.title == "Floods close road"
    assert article.text.startswith("# Floods close road")


def test_text_bom_is_stripped_before_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "story.text", "\ufeff---\noutlet: The Coast Ledger\n---\n" + BODY)
    article = only_article(read_all(path))
    assert article.outlet == "The Coast Ledger"
    assert article.text == BODY


def test_default_published_fills_only_missing_dates(tmp_path: Path) -> None:
    config = ReadConfig(published=date(2024, 1, 2))
    undated = write(tmp_path / "a.txt", BODY)
    dated = write(tmp_path / "b.txt", "---\npublished: 2024-03-05T23:30:00-05:00\n---\n" + BODY)
    first, second = read_all(undated, dated, config=config)
    assert isinstance(first, Article) and first.published == date(2024, 1, 2)
    assert isinstance(second, Article) and second.published == date(2024, 3, 5)


def test_bad_front_matter_date_names_file_and_value(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", "---\npublished: 5 March\n---\n" + BODY)
    error = only_error(read_all(path))
    assert error.source == str(path)
    assert "'5 March'" in error.reason


def test_unclosed_front_matter_is_an_error(tmp_path: Path) -> None:
    error = only_error(read_all(write(tmp_path / "story.txt", "---\ntitle: Floods\n" + BODY)))
    assert "never closed" in error.reason


@pytest.mark.parametrize(
    "content", [b"", b"  \n\t\n", b"\xef\xbb\xbf\n", b"---\ntitle: T\n---\n\n"]
)
def test_empty_text_file(tmp_path: Path, content: bytes) -> None:
    error = only_error(read_all(write(tmp_path / "empty.txt", content)))
    assert error.reason == "empty"


def test_binary_text_file(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    error = only_error(read_all(path))
    assert error.reason == "binary file, not text"


def test_invalid_utf8_names_byte_and_offset(tmp_path: Path) -> None:
    error = only_error(read_all(write(tmp_path / "latin1.txt", "Café crème".encode("latin-1"))))
    assert error.reason == "not valid UTF-8 (byte 0xE9 at offset 3)"


# --- HTML ----------------------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = only_article(read_all(write(tmp_path / "floods.html", PAGE)))
    assert article.title == "Floods close harbour road"
    assert article.outlet == "The Coast Ledger"
    assert article.published == date(2024, 3, 5)
    assert article.url == "https://ledger.test/2024/03/05/floods"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The harbour council said on Tuesday")
    assert "Home" not in article.text and "Copyright" not in article.text


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("council's", "café’s")
    article = only_article(read_all(write(tmp_path / "floods.htm", page.encode("cp1252"))))
    assert "café’s press office" in article.text


def test_html_with_unclosed_tags_is_still_read(tmp_path: Path) -> None:
    broken = PAGE.replace("</p>", "").replace("</article>", "").replace("</body></html>", "")
    article = only_article(read_all(write(tmp_path / "broken.html", broken)))
    assert "12 streets had flooded" in article.text
    assert "the council's press office" in article.text


@pytest.mark.parametrize(
    "page",
    ["<html><head><title>Nothing here</title></head><body><div></div></body></html>", "<html"],
)
def test_html_without_text_is_an_error(tmp_path: Path, page: str) -> None:
    error = only_error(read_all(write(tmp_path / "blank.html", page)))
    assert error.reason == "no article text found in HTML"


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_reads_every_good_line_and_names_bad_ones(tmp_path: Path) -> None:
    good = {
        "text": BODY,
        "title": "Floods",
        "url": "https://ledger.test/f",
        "outlet": "The Coast Ledger",
        "published": "2024-03-05",
    }
    lines = [
        json.dumps(good),
        "",
        '{"text": "Broken line, "title": }',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "No text"}),
        json.dumps({"text": "  "}),
        json.dumps({"text": "Dated badly.", "published": "yesterday"}),
        json.dumps({"text": "Title is a number.", "title": 7}),
        json.dumps({"text": "Second story.", "published": "2024-03-06T08:00:00+02:00"}),
    ]
    path = write(tmp_path / "export.jsonl", "\n".join(lines) + "\n")
    items = read_all(path)
    first, last = articles(items)
    assert (first.origin, first.title, first.outlet, first.url, first.published) == (
        f"{path}:1",
        "Floods",
        "The Coast Ledger",
        "https://ledger.test/f",
        date(2024, 3, 5),
    )
    assert first.text == BODY
    assert (last.origin, last.text) == (f"{path}:9", "Second story.")
    assert last.published == date(2024, 3, 6)
    assert [e.source for e in errors(items)] == [f"{path}:{n}" for n in (3, 4, 5, 6, 7, 8)]
    reasons = [e.reason for e in errors(items)]
    assert reasons[0].startswith("not JSON")
    assert "not a JSON object" in reasons[1]
    assert "'text'" in reasons[2] and "'text'" in reasons[3]
    assert "'yesterday'" in reasons[4]
    assert "'title'" in reasons[5]


def test_jsonl_invalid_utf8_line_does_not_stop_the_rest(tmp_path: Path) -> None:
    data = b'{"text": "caf\xe9"}\n' + json.dumps({"text": BODY}).encode() + b"\n"
    items = read_all(write(tmp_path / "export.ndjson", data))
    assert [type(item) for item in items] == [InputError, Article]
    assert isinstance(items[0], InputError)
    assert items[0].source.endswith("export.ndjson:1")
    assert items[0].reason.startswith("not valid UTF-8 (byte 0xE9")


def test_jsonl_with_no_records_is_empty(tmp_path: Path) -> None:
    assert only_error(read_all(write(tmp_path / "export.jsonl", "\n \n"))).reason == "empty"


# --- feeds ---------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Coast Ledger</title><link>https://ledger.test/</link>
<item><title>Floods close harbour road</title><link>https://ledger.test/floods</link>
<pubDate>Tue, 05 Mar 2024 23:30:00 -0500</pubDate>
<description>A teaser that is not the story.</description>
<content:encoded><![CDATA[<p>The harbour council said on Tuesday that 12 streets had
<b>flooded</b>
overnight.</p><p>Engineers expected the water<br>to recede by Thursday.</p>]]></content:encoded>
</item>
<item><title>Only a title</title><link>https://ledger.test/empty</link></item>
<item><title>Ferries resume</title><link>https://ledger.test/ferries</link>
<description>Ferries resumed on Friday, the operator said.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Eastern Monitor</title>
<id>urn:test:feed</id><updated>2024-03-08T06:45:00Z</updated>
<entry><title>Council approves pumps</title><id>urn:test:1</id>
<link rel="alternate" href="https://monitor.test/pumps"/>
<updated>2024-03-08T06:45:00+09:00</updated>
<content type="html">&lt;p&gt;The council approved two new pumps.&lt;/p&gt;&lt;ul&gt;
&lt;li&gt;One in the east basin.&lt;/li&gt;
&lt;li&gt;One in the west.&lt;/li&gt;&lt;/ul&gt;</content>
</entry></feed>
"""


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path / "ledger.rss", RSS)
    items = read_all(path, config=ReadConfig(published=date(2000, 1, 1)))
    first, third = articles(items)
    assert first.origin == f"{path}#1"
    assert first.title == "Floods close harbour road"
    assert first.outlet == "The Coast Ledger"
    assert first.url == "https://ledger.test/floods"
    assert first.published == date(2024, 3, 5)  # the publisher's day, not UTC's
    assert first.text == (
        "The harbour council said on Tuesday that 12 streets had flooded overnight.\n\n"
        "Engineers expected the water\nto recede by Thursday."
    )
    assert third.origin == f"{path}#3"
    assert third.text == "Ferries resumed on Friday, the operator said."
    assert third.published == date(2000, 1, 1)
    (error,) = errors(items)
    assert error.source == f"{path}#2"


def test_atom_entry_with_updated_date_and_list(tmp_path: Path) -> None:
    article = only_article(read_all(write(tmp_path / "monitor.atom", ATOM)))
    assert article.outlet == "Eastern Monitor"
    assert article.url == "https://monitor.test/pumps"
    assert article.published == date(2024, 3, 8)
    assert article.text == (
        "The council approved two new pumps.\n\nOne in the east basin.\n\nOne in the west."
    )


@pytest.mark.parametrize("content", ["this is not a feed", "<root><item>x</item></root>", ""])
def test_file_that_is_not_a_feed(tmp_path: Path, content: str) -> None:
    error = only_error(read_all(write(tmp_path / "notes.xml", content)))
    assert "not a readable RSS or Atom feed" in error.reason


# --- WARC ----------------------------------------------------------------------------------------


def warc_page(number: int, dated: bool) -> bytes:
    date_meta = f'<meta name="date" content="2024-03-0{number}">' if dated else ""
    return (
        f"<html><head><title>Story {number}</title>{date_meta}</head><body><article>"
        f"<p>Story {number}: the council approved the harbour budget after a long debate.</p>"
        f"<p>Story {number} goes on: residents had been consulted over two months.</p>"
        "</article></body></html>"
    ).encode()


def write_warc(path: Path, compress: bool, pages: int = 4) -> Path:
    """A WARC with a warcinfo record, then per page: the page, a request, an image and a 404."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for number in range(1, pages + 1):
            uri = f"https://ledger.test/{number}"

            def response(uri: str, status: str, ctype: str, body: bytes) -> None:
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(body), http_headers=headers
                )
                writer.write_record(record)

            response(uri, "200 OK", "text/html; charset=utf-8", warc_page(number, number != 2))
            request = StatusAndHeaders(f"GET /{number} HTTP/1.1", [], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
            response(uri + ".png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
            response(uri + "/old", "404 Not Found", "text/html", warc_page(number, True))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, compress=name.endswith(".gz"))
    items = read_all(path, config=ReadConfig(published=date(2000, 1, 1)))
    assert not errors(items)
    found = articles(items)
    assert [a.url for a in found] == [f"https://ledger.test/{n}" for n in range(1, 5)]
    assert [a.title for a in found] == [f"Story {n}" for n in range(1, 5)]
    assert [a.published for a in found] == [
        date(2024, 3, 1),
        date(2000, 1, 1),
        date(2024, 3, 3),
        date(2024, 3, 4),
    ]
    assert found[0].text.split("\n\n")[1].startswith("Story 1 goes on")
    offsets = [int(a.origin.rpartition("@")[2]) for a in found]
    assert all(a.origin.startswith(f"{path}@") for a in found)
    assert offsets == sorted(offsets) and offsets[0] > 0
    with path.open("rb") as stream:  # each offset is where its record starts
        stream.seek(offsets[0])
        head = stream.read(2)
    assert head == (b"\x1f\x8b" if name.endswith(".gz") else b"WA")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_cut_in_half_yields_articles_before_then_one_error(tmp_path: Path, name: str) -> None:
    whole = write_warc(tmp_path / ("whole-" + name), compress=name.endswith(".gz"), pages=6)
    data = whole.read_bytes()
    cut = write(tmp_path / name, data[: len(data) // 2 + 7])
    items = read_all(cut)
    assert isinstance(items[-1], InputError)
    assert items[-1].source == str(cut)
    assert items[-1].reason.startswith("truncated or corrupt WARC after ")
    found = articles(items)
    assert 1 <= len(found) < 6
    assert len(found) == len(items) - 1
    wanted = articles(read_all(whole))[: len(found)]
    assert [a.text for a in found] == [a.text for a in wanted]


def test_warc_record_cut_inside_its_payload_is_not_read(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc", compress=False, pages=1)
    data = whole.read_bytes()
    page_end = data.index(b"</html>", data.index(b"Story 1 goes on"))
    cut = write(tmp_path / "cut.warc", data[:page_end])
    assert only_error(read_all(cut)).reason == "truncated or corrupt WARC after 1 record"


def test_truncated_gzip_inside_a_record(tmp_path: Path) -> None:
    whole = write_warc(tmp_path / "whole.warc.gz", compress=True, pages=2)
    data = whole.read_bytes()
    second_page = next(a for a in articles(read_all(whole)) if a.url == "https://ledger.test/2")
    offset = int(second_page.origin.rpartition("@")[2])
    cut = write(tmp_path / "cut.warc.gz", data[: offset + 40])
    items = read_all(cut)
    assert [type(i) for i in items] == [Article, InputError]
    assert isinstance(items[1], InputError) and "truncated or corrupt WARC" in items[1].reason


def test_corrupt_gzip_and_garbage_warc(tmp_path: Path) -> None:
    gz = write(tmp_path / "junk.warc.gz", gzip.compress(b"not a web archive at all\n" * 10))
    plain = write(tmp_path / "junk.warc", b"GET / HTTP/1.1\r\n\r\nhello")
    for path in (gz, plain):
        error = only_error(read_all(path))
        assert error.reason == "truncated or corrupt WARC after 0 records"


def test_empty_warc(tmp_path: Path) -> None:
    assert only_error(read_all(write(tmp_path / "empty.warc", b""))).reason == "empty"


# --- common: size, unreadable, unsupported, directories -------------------------------------------


@pytest.mark.parametrize("name", ["big.txt", "big.html"])  # feeds: the limit is per entry
def test_file_over_the_limit_is_refused(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, b"x" * 2_500)
    error = only_error(read_all(path, config=ReadConfig(max_bytes=1_000)))
    assert error.reason == "file is 0.0 MB, over the limit of 0.0 MB"
    assert error.source == str(path)


def test_jsonl_is_streamed_and_the_limit_applies_to_each_line(tmp_path: Path) -> None:
    good = json.dumps({"text": "The council said the water would recede by Friday."}).encode()
    long_line = json.dumps({"text": "The council said " + "very " * 400}).encode()
    other = json.dumps({"text": "The mayor said the bridge would reopen in May."}).encode()
    path = write(tmp_path / "big.jsonl", b"\n".join([good, long_line, other]) + b"\n")
    items = read_all(path, config=ReadConfig(max_bytes=1_000))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert [e.source for e in errors] == [f"{path}:2"]
    assert errors[0].reason == "line is over the limit of 0.0 MB"
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:3"]


def test_warc_is_streamed_and_the_limit_applies_to_each_page(tmp_path: Path) -> None:
    small = "<html><body><article><p>The council said the water would recede.</p></article>"
    big = "<html><body><article>" + "<p>The council said the water rose again.</p>" * 60
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n, body in enumerate([small, big + "</article></body></html>"]):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.test/{n}",
                    "response",
                    payload=io.BytesIO(body.encode()),
                    http_headers=headers,
                )
            )
    items = read_all(path, config=ReadConfig(max_bytes=1_000))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if not isinstance(i, InputError)]
    assert len(articles) == 1 and articles[0].url == "https://news.test/0"
    assert len(errors) == 1 and errors[0].reason == "page is over the limit of 0.0 MB"


def test_real_50_mb_file_is_refused_quickly_with_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        chunk = b"The council said the water would recede. " * 25_000
        while stream.tell() < 52_400_000:
            stream.write(chunk[: 52_400_000 - stream.tell()])
    started = time.perf_counter()
    error = only_error(read_all(path))
    assert time.perf_counter() - started < 0.5
    assert error.reason == "file is 52.4 MB, over the limit of 20.0 MB"


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    error = only_error(read_all(tmp_path / "gone.txt"))
    assert error.reason.startswith("cannot read file: No such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", BODY)
    path.chmod(0)
    assert only_error(read_all(path)).reason.startswith("cannot read file: Permission denied")


@pytest.mark.parametrize(("name", "kind"), [("data.xyz", "'.xyz'"), ("Makefile", "(none)")])
def test_unsupported_file_given_explicitly(tmp_path: Path, name: str, kind: str) -> None:
    error = only_error(read_all(write(tmp_path / name, BODY)))
    assert error.reason == f"unsupported file type {kind}"


def test_extensions_match_case_insensitively(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "CRAWL.WARC.GZ", compress=True, pages=1)
    assert discover([tmp_path]) == [path]
    assert len(articles(read_all(path))) == 1


def test_directory_walk_reads_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    good_text = write(root / "b-story.txt", BODY)
    bad_text = write(root / "a-broken.txt", b"\xff\xfe broken")
    write(root / "notes.xyz", "skipped: unknown type")
    write(root / ".hidden.txt", "skipped: hidden")
    write(root / ".cache" / "c.txt", "skipped: hidden folder")
    page = write(root / "web" / "floods.html", PAGE)
    feed = write(root / "web" / "ledger.rss", RSS)
    blank = write(root / "web" / "blank.html", "<html><body></body></html>")
    crawl = write_warc(root / "web" / "z" / "crawl.warc.gz", compress=True, pages=2)
    lines = write(root / "export.jsonl", json.dumps({"text": BODY}) + "\nnot json\n")

    files = discover([root])
    assert files == sorted([good_text, bad_text, page, feed, blank, crawl, lines])
    items = read_all(root)
    origins = [article.origin for article in articles(items)]
    assert len(origins) == 7
    for path, count in ((good_text, 1), (page, 1), (feed, 2), (crawl, 2), (lines, 1)):
        assert sum(origin.startswith(str(path)) for origin in origins) == count, path
    assert sorted(e.source for e in errors(items)) == sorted(
        [str(bad_text), str(blank), f"{feed}#2", f"{lines}:2"]
    )


def test_discover_keeps_explicit_files_in_order_once(tmp_path: Path) -> None:
    first = write(tmp_path / "b.txt", BODY)
    second = write(tmp_path / "a.txt", BODY)
    assert discover([first, second, first]) == [first, second]


# --- the bundled sample corpus ------------------------------------------------------------------


def test_sample_corpus_articles_all_have_their_metadata() -> None:
    if not SAMPLE_CORPUS.is_dir():
        pytest.skip("no sample corpus")
    files = [path for path in discover([SAMPLE_CORPUS]) if path.name != "README"]
    items = read_all(*files)
    assert not errors(items)
    found = articles(items)
    assert len(found) == 9
    for article in found:
        assert article.title and article.outlet, article.origin
        assert article.url and article.published, article.origin
        assert "\n\n" in article.text
