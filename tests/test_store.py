"""The store: articles kept once, records round-trip with their offsets, entities merged."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.errors import StoreError
from claimscope.model import Article
from claimscope.pipeline import Analyzer
from claimscope.store import open_store

TEXT_A = (
    "Harbour officials said that 120 ships were waiting outside the port on Monday.\n\n"
    "“The queue will clear by Friday,” port director Ines Koval said."
)
TEXT_B = "The shipping ministry estimated that about 80 ships were delayed, a spokesman said."


@pytest.fixture(scope="module")
def analyzer(nlp) -> Analyzer:
    return Analyzer()


def test_add_is_idempotent_and_keeps_offsets(tmp_path, analyzer):
    store = open_store(tmp_path / "s.sqlite")
    article = Article(
        text=TEXT_A, origin="a.txt", outlet="Port Gazette", published=date(2025, 3, 4)
    )
    result = analyzer.analyze(article)
    assert result.statements
    assert store.add(result) is True
    assert store.add(analyzer.analyze(Article(text=TEXT_A + "\n", origin="copy.txt"))) is False
    counts = store.counts()
    assert counts["articles"] == 1
    assert counts["statements"] == len(result.statements)
    text = store.article_text(article.id)
    assert text == article.text
    for row in store.statements():
        assert text[row["content_start"] : row["content_end"]] == row["content_text"]
        assert text[row["cue_start"] : row["cue_end"]] == row["cue_text"]
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"] : row["speaker_end"]] == row["speaker_text"]
    for row in store.quantities():
        assert text[row["start"] : row["end"]] == row["text"]
    store.close()


def test_reopen_keeps_data(tmp_path, analyzer):
    path = tmp_path / "s.sqlite"
    store = open_store(path)
    store.add(analyzer.analyze(Article(text=TEXT_B, origin="b.txt")))
    store.close()
    again = open_store(path)
    assert again.counts()["articles"] == 1
    assert [a["origin"] for a in again.articles()] == ["b.txt"]
    again.close()


def test_entities_are_shared_across_articles(tmp_path, analyzer):
    store = open_store(tmp_path / "s.sqlite")
    store.add(analyzer.analyze(Article(text="Ines Koval said the port would reopen.", origin="1")))
    store.add(analyzer.analyze(Article(text="Ines Koval said that repairs had begun.", origin="2")))
    names = [r["entity"] for r in store.statements()]
    assert names == ["Ines Koval", "Ines Koval"]
    assert store.counts()["entities"] == 1
    store.close()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "folder.sqlite")
