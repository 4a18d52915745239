"""Rebuttal detection within an article and its link to the rebutted claim."""

from __future__ import annotations

from datetime import date

from claimscope.model import Article
from claimscope.pipeline import extract


def _result(nlp, text: str):
    article = Article(text=text, origin="test", published=date(2025, 5, 2))
    return extract(nlp(article.text), article)


def test_denial_links_nested_claim(nlp) -> None:
    r = _result(nlp, "Ukraine's military on Sunday rejected Russia's claim that it had driven "
                     "Ukrainian forces out of the Kursk region.")
    (d,) = r.disputes
    by_id = {s.id: s for s in r.statements}
    assert d.cue.text == "rejected"
    assert "driven Ukrainian forces" in by_id[d.disputed].content.text


def test_short_nominal_links_earlier_statement(nlp) -> None:
    r = _result(nlp, "The Pentagon said that roughly 1,200 North Korean soldiers have been "
                     "killed. Ukraine's Ministry of Defense rejected the Pentagon's estimate.")
    d = r.disputes[0]
    by_id = {s.id: s for s in r.statements}
    assert d.disputed in by_id
    assert "1,200" in by_id[d.disputed].content.text


def test_plain_statement_is_no_dispute(nlp) -> None:
    r = _result(nlp, "The agency said that about 4,000 residents had been evacuated.")
    assert r.disputes == []


def test_appositive_rebuttal_links_the_statement_it_follows(nlp) -> None:
    r = _result(nlp, "The Slovenian Red Cross said that at least 40 people had died, a figure "
                     "that the agency disputed. \"The number is not true,\" a spokesman said.")
    by_id = {s.id: s for s in r.statements}
    linked = [d for d in r.disputes if d.cue.text == "disputed"]
    assert linked and linked[0].disputed in by_id
    assert "40 people had died" in by_id[linked[0].disputed].content.text


def test_negated_denial_is_no_dispute(nlp) -> None:
    r = _result(nlp, "Moscow had neither confirmed nor denied the presence of North Korean "
                     "soldiers on its territory.")
    assert r.disputes == []
