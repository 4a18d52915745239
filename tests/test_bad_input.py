"""Bad input through the real CLI: every broken or hostile input is reported on one line naming
it, nothing crashes, and the good inputs of the same batch are stored.

One ``claimscope ingest`` runs over a folder holding every case of ``bad_input.cases`` (generated
here, at test time); each case is then checked against its output and the store. The language
detector, the 10,000-entry feed and the reader-level limits have tests of their own below.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bad_input.cases import BAD, CHINESE, FRENCH, GERMAN, GOOD, RUSSIAN, SPANISH, rss, sentence
from bad_input.cases import item as feed_item
from claimscope.cli import app
from claimscope.errors import InputError
from claimscope.ingest import ReadConfig, read_paths
from claimscope.language import detect_language, non_english
from claimscope.model import Article
from claimscope.paths import SAMPLE_CORPUS
from claimscope.store import open_store

runner = CliRunner(env={"COLUMNS": "250"})


@dataclass
class Batch:
    """The outcome of one ingest over every case."""

    folder: Path
    exit_code: int
    errors: list[str]
    stderr: str
    texts: dict[str, str]
    published: dict[str, str | None]
    seconds: float


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    from bad_input.cases import write_batch

    root = tmp_path_factory.mktemp("bad")
    folder = root / "in"
    write_batch(folder)
    db = str(root / "store.sqlite")
    started = time.monotonic()
    explicit = [str(folder / case.file) for case in BAD if case.explicit]
    result = runner.invoke(app, ["ingest", str(folder), *explicit, "--db", db, "--quiet"])
    seconds = time.monotonic() - started
    store = open_store(db)
    rows = store.articles()
    texts = {row["id"]: store.article_text(row["id"]) or "" for row in rows}
    published = {row["id"]: row["published"] for row in rows}
    store.close()
    lines = result.stderr.splitlines()
    return Batch(
        folder,
        result.exit_code,
        [line for line in lines if line.startswith("error")],
        result.stderr,
        texts,
        published,
        seconds,
    )


def test_the_suite_has_at_least_40_bad_cases() -> None:
    assert len(BAD) >= 40
    assert len({case.name for case in [*BAD, *GOOD]}) == len(BAD) + len(GOOD)


def test_the_batch_finishes_without_a_crash(batch: Batch) -> None:
    assert batch.exit_code == 1, batch.stderr[-3000:]
    assert "Traceback" not in batch.stderr
    assert batch.seconds < 300


@pytest.mark.parametrize("case", BAD, ids=[case.name for case in BAD])
def test_bad_input_is_reported_on_one_line_naming_it(batch: Batch, case) -> None:
    name = f"{batch.folder}/{case.origin}: "
    lines = [line for line in batch.errors if name in line]
    assert lines, (case.origin, batch.errors)
    assert any(case.reason in line for line in lines), (case.reason, lines)


@pytest.mark.parametrize("case", GOOD, ids=[case.name for case in GOOD])
def test_good_input_of_the_same_batch_is_stored(batch: Batch, case) -> None:
    assert any(case.marker in text for text in batch.texts.values()), case.marker


def test_only_the_bad_inputs_are_reported(batch: Batch) -> None:
    files = {case.file for case in BAD}
    for line in batch.errors:
        named = re.search(re.escape(str(batch.folder)) + r"/([^:#@]+)", line)
        assert named is not None and named.group(1) in files, line


def test_nothing_of_a_refused_input_is_stored(batch: Batch) -> None:
    stored = "\n".join(batch.texts.values())
    for marker in ("Futuremark", "Linefuture", "Linebaddate", "Nulmark", "Hugetown"):
        assert marker not in stored
    for foreign in (GERMAN, FRENCH, RUSSIAN, CHINESE, SPANISH):
        assert foreign[:40] not in stored


def test_every_article_is_stored_once(batch: Batch) -> None:
    # ten distinct texts repeat through the 10,000 entries of the big feed: stored once each
    feed = [text for text in batch.texts.values() if "Feedmark" in text]
    assert len(feed) == 10


def test_missing_or_dropped_date_is_kept_as_none_and_nul_is_dropped(batch: Batch) -> None:
    ids = {
        marker: key
        for key, text in batch.texts.items()
        for marker in ("Nodatemark", "Linenul", "Futurepage")
        if marker in text
    }
    assert batch.published[ids["Nodatemark"]] is None
    assert batch.published[ids["Futurepage"]] is None
    assert "\x00" not in batch.texts[ids["Linenul"]]
    assert batch.texts[ids["Linenul"]].endswith(" end")


def test_markup_in_a_file_name_is_printed_literally(batch: Batch) -> None:
    assert any("[bold]x.txt: empty" in line for line in batch.errors), batch.errors


# --- the readers alone ----------------------------------------------------------------------


def test_feed_of_10000_distinct_entries_is_read_whole_and_quickly(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    path.write_text(rss([feed_item(f"Entry{n}") for n in range(10_000)]), encoding="utf-8")
    started = time.monotonic()
    items = list(read_paths([path]))
    assert time.monotonic() - started < 60
    assert all(isinstance(x, Article) for x in items)
    assert len(items) == 10_000
    assert items[-1].origin == f"{path}#10000" and "Entry9999" in items[-1].text


def test_a_100_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(b"x" * 1000)
        stream.truncate(100_000_000)
    path.chmod(0o200)  # write-only: any attempt to read it would fail with a different message
    items = list(read_paths([path]))
    path.chmod(0o600)
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "100.0 MB, over the limit" in str(items[0])


def test_text_length_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(sentence("Short"), encoding="utf-8")
    (item,) = read_paths([path], ReadConfig(max_chars=50))
    assert isinstance(item, InputError) and "over the limit of 50" in item.reason
    (item,) = read_paths([path], ReadConfig(max_chars=len(sentence("Short"))))
    assert isinstance(item, Article)


def test_tomorrow_is_not_the_future(tmp_path: Path) -> None:
    from datetime import date, timedelta

    for days, refused in ((1, False), (2, True)):
        day = (date.today() + timedelta(days=days)).isoformat()
        path = tmp_path / f"d{days}.txt"
        path.write_text(f"---\npublished: {day}\n---\n{sentence('Soon')}\n", encoding="utf-8")
        (item,) = read_paths([path])
        assert isinstance(item, InputError) is refused, item


# --- language detection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [(GERMAN, "de"), (FRENCH, "fr"), (RUSSIAN, "ru"), (CHINESE, "zh"), (SPANISH, "es")],
)
def test_foreign_text_is_detected(text: str, code: str) -> None:
    assert detect_language(text) == code
    assert non_english(text) == code


def test_english_articles_are_not_flagged(seed_path: Path) -> None:
    articles = [x for x in read_paths([SAMPLE_CORPUS, seed_path]) if isinstance(x, Article)]
    assert len(articles) >= 10
    for article in articles:
        assert detect_language(article.text) == "en", article.origin
        assert non_english(article.text) is None


@pytest.mark.parametrize(
    "text",
    [
        sentence("Quoting") + ' The sign read "Wir schaffen das, sagte die Kanzlerin".',
        "Results: 12,400; 11,900; 3,000. Turnout 64%. Sources: AP, AFP, Reuters, DPA.",
        "Short note.",
        "",
    ],
)
def test_mixed_short_and_numeric_english_passes(text: str) -> None:
    assert non_english(text) is None
