"""The bad-input cases: each writes one input into a folder and says what the ingest must report.

A ``Bad`` case must be reported on one ``error`` line naming ``origin`` (the file, or
``file:LINE`` / ``file#ENTRY``) with ``reason`` in it; a ``Good`` case, however odd, must be stored
with its ``marker`` word in the stored text. Nothing large is kept in the repository: the 100 MB
file is a sparse file made in a blink, refused by its size before any byte of it is read.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

Writer = Callable[[Path], None]


def sentence(marker: str) -> str:
    """A short English news sentence carrying a unique marker word."""
    return (
        f"The harbour council said on Tuesday that 12 streets near {marker} had flooded "
        "overnight, and officials expected the water to recede by Thursday."
    )


def html_page(body: str, head: str = "") -> str:
    """A small web page with the given paragraph text as its article."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Floods</title>{head}</head>"
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>"
    )


def warc_bytes(pages: list[str]) -> bytes:
    """A gzipped WARC with one HTTP 200 HTML response per page."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    for n, page in enumerate(pages):
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.test/{n}",
            "response",
            payload=io.BytesIO(page.encode("utf-8")),
            http_headers=headers,
        )
        writer.write_record(record)
    return stream.getvalue()


def rss(items: list[str], title: str = "Harbour Feed") -> str:
    """An RSS 2.0 feed with the given ``<item>`` bodies."""
    body = "".join(f"<item>{item}</item>" for item in items)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
        f"</title><link>https://feed.test/</link>{body}</channel></rss>"
    )


def item(marker: str, extra: str = "") -> str:
    """A feed item whose description is a sentence with the marker."""
    return f"<title>{marker}</title><description>{sentence(marker)}</description>{extra}"


def jsonl_line(**fields: object) -> bytes:
    return json.dumps(fields).encode("utf-8")


GERMAN = (
    "Der Hafenrat sagte am Dienstag, dass zwölf Straßen über Nacht überflutet worden seien. "
    "Die Behörden erwarten, dass das Wasser bis Donnerstag zurückgeht, und die Pumpen laufen "
    "seit dem frühen Abend mit voller Leistung."
)
FRENCH = (
    "Le conseil du port a déclaré mardi que douze rues avaient été inondées pendant la nuit. "
    "Les autorités s'attendent à ce que l'eau se retire d'ici jeudi et les pompes tournent "
    "à pleine capacité depuis le début de la soirée."
)
RUSSIAN = (
    "Совет порта заявил во вторник, что за ночь были затоплены двенадцать улиц. Власти "
    "ожидают, что вода отступит к четвергу, а насосы работают на полную мощность с вечера."
)
CHINESE = (
    "港口委员会周二表示，十二条街道在夜间被淹。官员预计洪水将在周四前退去，水泵自傍晚起满负荷运转。"
)
SPANISH = (
    "El consejo del puerto dijo el martes que doce calles se inundaron durante la noche. Las "
    "autoridades esperan que el agua baje para el jueves y las bombas funcionan a plena "
    "capacidad desde la tarde."
)


@dataclass(frozen=True)
class Bad:
    """An input, or part of one, that must be reported and not stored."""

    name: str
    file: str
    write: Writer
    reason: str
    part: str = ""
    explicit: bool = False  # named on the command line: a directory walk would not pick it

    @property
    def origin(self) -> str:
        return self.file + self.part


@dataclass(frozen=True)
class Good:
    """An odd but valid input that must be stored; ``marker`` is a word of its stored text."""

    name: str
    file: str
    write: Writer
    marker: str


def write_bytes(data: bytes) -> Writer:
    return lambda path: path.write_bytes(data)


def write_text(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


def sparse(size: int) -> Writer:
    """A file of ``size`` bytes made without writing them (a sparse file)."""

    def make(path: Path) -> None:
        with path.open("wb") as stream:
            stream.write(sentence("Hugetown").encode())
            stream.truncate(size)

    return make


def random_bytes(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


def front(published: str, body: str) -> str:
    return f"---\ntitle: Floods\npublished: {published}\n---\n{body}\n"


JSONL_LINES: list[tuple[str, bytes, str | None]] = [
    ("good", jsonl_line(text=sentence("Linegood"), published="2025-06-01"), None),
    ("not JSON", b"{not json", "not JSON"),
    ("truncated object", b'{"text": "The council said', "not JSON"),
    ("array", b"[1, 2, 3]", "not a JSON object"),
    ("no text", jsonl_line(title="Floods"), "no text"),
    ("empty text", jsonl_line(text="   "), "no text"),
    ("text not a string", jsonl_line(text=12), "no text"),
    ("title not a string", jsonl_line(text=sentence("Linetitle"), title=["a"]), "must be a string"),
    ("bad date", jsonl_line(text=sentence("Linebaddate"), published="31/02/2025"), "bad published"),
    ("future date", jsonl_line(text=sentence("Linefuture"), published="2999-01-01"), "future"),
    ("invalid UTF-8", b'{"text": "caf\xe9 au lait"}', "not valid UTF-8"),
    ("German", jsonl_line(text=GERMAN), "not English (detected: de)"),
    ("NUL escape", jsonl_line(text=sentence("Linenul") + "\u0000 end"), None),
    ("no date", jsonl_line(text=sentence("Linenodate")), None),
]


def jsonl_file(path: Path) -> None:
    path.write_bytes(b"\n".join(raw for _, raw, _ in JSONL_LINES) + b"\n\n")


def bad_jsonl_cases() -> list[Bad]:
    return [
        Bad(f"jsonl line: {name}", "lines.jsonl", jsonl_file, reason, f":{number}")
        for number, (name, _, reason) in enumerate(JSONL_LINES, start=1)
        if reason is not None
    ]


def good_jsonl_cases() -> list[Good]:
    markers = {"good": "Linegood", "NUL escape": "Linenul", "no date": "Linenodate"}
    return [
        Good(f"jsonl line: {name}", "lines.jsonl", jsonl_file, markers[name])
        for name, _, reason in JSONL_LINES
        if reason is None
    ]


def big_feed(entries: int) -> Writer:
    """A feed of ``entries`` items repeating ten distinct articles."""
    return write_text(rss([item(f"Feedmark{n % 10}") for n in range(entries)]))


def cut_warc(path: Path) -> None:
    data = warc_bytes([html_page(sentence(f"Warcpage{n}")) for n in range(3)])
    path.write_bytes(data[: len(data) * 5 // 6])  # inside the third record


def billion_laughs() -> str:
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{entities}]>'
        f'<rss version="2.0"><channel><title>&lol9;</title>'
        f"<item>{item('Lolmark')}</item></channel></rss>"
    )


def quote_storm() -> str:
    """An English text with thousands of quote marks of every kind, paired and not."""
    marks = ['"', "“", "”", "«", "»", "„", "'", "‘", "’"]
    rng = random.Random(7)
    words = [f"{rng.choice(marks)}word{n}{rng.choice(marks)}" for n in range(1500)]
    return sentence("Quotemark") + " He said " + " ".join(words) + "."


def long_sentence(words: int) -> str:
    """One sentence of about ``words`` words without a full stop."""
    clause = "and the officials said that the water in the eastern basin had risen"
    count = words // len(clause.split())
    return "The harbour council near Longmark said that " + ", ".join([clause] * count) + "."


BAD: list[Bad] = [
    Bad("empty text", "empty.txt", write_bytes(b""), "empty"),
    Bad("blank text", "blank.txt", write_text(" \n\t\n  \n"), "empty"),
    Bad("front matter only", "only-front.txt", write_text(front("2025-06-01", "")), "empty"),
    Bad("random binary", "random.txt", write_bytes(random_bytes(4096, 1)), "binary"),
    Bad(
        "PNG named .txt", "image.txt", write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"
    ),
    Bad(
        "NUL bytes in text",
        "nul.txt",
        write_bytes(sentence("Nulmark").encode() + b"\x00\x00" + sentence("x").encode()),
        "binary",
    ),
    Bad("Latin-1 text", "latin1.txt", write_bytes("Le café a déclaré".encode("latin-1")), "UTF-8"),
    Bad(
        "mixed encodings",
        "mixed.txt",
        write_bytes(sentence("Mixed").encode() + " déjà vu".encode("cp1252")),
        "not valid UTF-8",
    ),
    Bad(
        "UTF-16 text",
        "utf16.txt",
        write_bytes(sentence("Utfsixteen").encode("utf-16")),
        "binary",
    ),
    Bad(
        "unclosed front matter",
        "unclosed.txt",
        write_text("---\ntitle: x\n" + sentence("U")),
        "never closed",
    ),
    Bad(
        "bad front matter date",
        "baddate.txt",
        write_text(front("31/02/2025", sentence("B"))),
        "bad published date",
    ),
    Bad(
        "future date",
        "future.txt",
        write_text(front("2999-01-01", sentence("Futuremark"))),
        "published date 2999-01-01 is in the future",
    ),
    Bad("German text", "german.txt", write_text(GERMAN), "not English (detected: de)"),
    Bad("French page", "french.html", write_text(html_page(FRENCH)), "not English (detected: fr)"),
    Bad("Russian text", "russian.md", write_text(RUSSIAN), "not English (detected: ru)"),
    Bad("Chinese text", "chinese.txt", write_text(CHINESE), "not English (detected: zh)"),
    Bad(
        "Spanish feed entry",
        "spanish.rss",
        write_text(rss([f"<description>{SPANISH}</description>"])),
        "not English (detected: es)",
        "#1",
    ),
    Bad("100 MB text", "huge.txt", sparse(100_000_000), "over the limit"),
    Bad("100 MB JSONL", "huge.jsonl", sparse(100_000_000), "binary file, not text"),
    Bad("100 MB WARC", "huge.warc.gz", sparse(100_000_000), "truncated or corrupt WARC"),
    Bad(
        "text over the parser's length",
        "too-long.txt",
        write_text("The council said that the water rose. " * 30_000),
        "over the limit of 1,000,000",
    ),
    Bad("empty HTML", "empty.html", write_bytes(b""), "no article text"),
    Bad("unclosed HTML", "broken.html", write_text("<html><body><div><p>"), "no article text"),
    Bad("binary HTML", "binary.html", write_bytes(random_bytes(4096, 2)), "HTML"),
    Bad(
        "script-only HTML",
        "script.html",
        write_text("<html><body><script>alert('the council said')</script></body></html>"),
        "no article text",
    ),
    Bad(
        "HTML nested 20,000 deep",
        "nested.html",
        write_text("<html><body>" + "<div>" * 20_000 + sentence("Deep") + "</div>" * 20_000),
        "no article text",
    ),
    Bad("billion laughs feed", "laughs.xml", write_text(billion_laughs()), "amplification"),
    Bad("not a feed", "notfeed.xml", write_text("just some words, not XML"), "not a readable"),
    Bad("binary feed", "binary.rss", write_bytes(random_bytes(2048, 3)), "not a readable"),
    Bad("empty feed file", "empty.atom", write_bytes(b""), "not a readable"),
    Bad(
        "feed entry without text",
        "notext.xml",
        write_text(rss([item("Feedok"), "<title>t</title>"])),
        "feed entry has no text",
        "#2",
    ),
    Bad(
        "feed cut short",
        "cut.xml",
        lambda path: path.write_text(rss([item(f"Cutfeed{n}") for n in range(4)])[:-120]),
        "cut short or malformed",
    ),
    Bad("truncated WARC", "cut.warc.gz", cut_warc, "truncated or corrupt WARC"),
    Bad("garbage WARC", "garbage.warc", write_bytes(random_bytes(4096, 4)), "corrupt WARC"),
    Bad(
        "corrupt gzip WARC",
        "corrupt.warc.gz",
        write_bytes(b"\x1f\x8b\x08\x00" + random_bytes(2048, 5)),
        "corrupt WARC",
    ),
    Bad(
        "gzip of plain text named WARC",
        "text.warc.gz",
        write_bytes(gzip.compress(b"hello, this is no archive\n" * 50)),
        "corrupt WARC",
    ),
    Bad("empty WARC", "empty.warc", write_bytes(b""), "empty"),
    Bad(
        "unsupported type",
        "report.pdf",
        write_bytes(b"%PDF-1.4\n"),
        "unsupported file type",
        explicit=True,
    ),
    Bad("missing file", "missing.txt", lambda path: None, "No such file", explicit=True),
    Bad("markup in the file name", "[bold]x.txt", write_bytes(b""), "empty"),
    *bad_jsonl_cases(),
]

GOOD: list[Good] = [
    Good("plain text", "plain.txt", write_text(sentence("Plainmark")), "Plainmark"),
    Good(
        "UTF-8 BOM",
        "bom.txt",
        write_bytes(b"\xef\xbb\xbf" + front("2025-06-01", sentence("Bommark")).encode()),
        "Bommark",
    ),
    Good(
        "CRLF line ends",
        "crlf.txt",
        write_bytes(sentence("Crlfmark").encode() + b"\r\n\r\nMore.\r\n"),
        "Crlfmark",
    ),
    Good("no publication date", "nodate.txt", write_text(sentence("Nodatemark")), "Nodatemark"),
    Good(
        "English quoting foreign words",
        "quoting.txt",
        write_text(sentence("Quotingmark") + ' The mayor said "c\'est la vie" and left.'),
        "Quotingmark",
    ),
    Good("thousands of quote marks", "quotes.txt", write_text(quote_storm()), "Quotemark"),
    Good(
        "a 2,000-word sentence", "long-sentence.txt", write_text(long_sentence(2_000)), "Longmark"
    ),
    Good(
        "HTML with NUL bytes",
        "nul.html",
        write_bytes(html_page(sentence("Nulpage") + "\x00").encode()),
        "Nulpage",
    ),
    Good(
        "HTML with a future date (trafilatura drops it: stored undated)",
        "future.html",
        write_text(
            html_page(
                sentence("Futurepage"),
                '<meta property="article:published_time" content="2999-05-01">',
            )
        ),
        "Futurepage",
    ),
    Good("billion laughs feed, its entry", "laughs.xml", write_text(billion_laughs()), "Lolmark"),
    Good("feed of 10,000 entries", "big.rss", big_feed(10_000), "Feedmark9"),
    Good(
        "feed before the damage",
        "cut.xml",
        lambda path: path.write_text(rss([item(f"Cutfeed{n}") for n in range(4)])[:-120]),
        "Cutfeed0",
    ),
    Good("WARC before the damage", "cut.warc.gz", cut_warc, "Warcpage0"),
    *good_jsonl_cases(),
]


def write_batch(folder: Path) -> None:
    """Write every case's input into the folder (cases sharing a file write it once)."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in [*BAD, *GOOD]:
        target = folder / case.file
        if not target.exists():
            case.write(target)
