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


def _one(r, cue: str):
    found = [d for d in r.disputes if d.cue.text == cue]
    assert len(found) == 1, [(d.cue.text, d.disputed) for d in r.disputes]
    return found[0]


def test_naming_cue_with_verdict_rebuts_its_object(nlp) -> None:
    r = _result(nlp, "The interior ministry called the monitors' casualty figures a fabrication.")
    assert _one(r, "fabrication").disputed == "the monitors' casualty figures"


def test_denial_verb_over_a_claim_noun_rebuts_the_noun_and_its_clause(nlp) -> None:
    r = _result(nlp, "Minister Dalca brushed aside Serbian claims that the river had flooded the "
                     "town.")
    d = _one(r, "brushed aside")
    assert d.disputed == "Serbian claims that the river had flooded the town"


def test_denial_verb_that_is_a_cue_makes_one_dispute(nlp) -> None:
    r = _result(nlp, "The mayor rejected claims that the bridge was unsafe.")
    d = _one(r, "rejected")
    assert "bridge was unsafe" in {s.id: s for s in r.statements}[d.disputed].content.text


def test_estimate_compared_with_a_claim_is_a_rebuttal(nlp) -> None:
    r = _result(nlp, "The police put the number of marchers at 12,000, far fewer than the "
                     "organizers claimed.")
    d = _one(r, "far fewer")
    assert {q.id: q for q in r.quantities}[d.disputing].span.text == "12,000"
    assert d.disputed == "the organizers claimed"


def test_estimate_contrary_to_a_claim_is_a_rebuttal(nlp) -> None:
    r = _result(nlp, "Police put the number of protesters at 8,000, contrary to the organizers' "
                     "claims.")
    assert _one(r, "contrary to").disputed == "the organizers' claims"


def test_estimate_compared_with_an_event_is_no_dispute(nlp) -> None:
    r = _result(nlp, "Police put the number of marchers at 12,000, well below last year's march.")
    assert r.disputes == []


def test_generic_rebuttal_takes_the_previous_claim(nlp) -> None:
    r = _result(nlp, "The mayor rejected claims that the bridge was unsafe. \"Anything else you "
                     "read is wishful thinking,\" he said.")
    assert _one(r, "wishful thinking").disputed == _one(r, "rejected").disputed


def test_verdict_on_a_coordinated_clause_disputes_that_clause(nlp) -> None:
    r = _result(nlp, "The party leader said that turnout was 40 percent in the north and that the "
                     "official results were false.")
    assert _one(r, "were false").disputed == "the official results"


def test_pure_fiction_is_a_verdict(nlp) -> None:
    r = _result(nlp, "The ministry said the union tally was pure fiction.")
    assert _one(r, "pure fiction").disputed == "the union tally"


def test_rebuttal_phrase_under_contends_in_an_appositive_rebuts_the_claim_before(nlp) -> None:
    r = _result(nlp, "General Tomas Reyes claimed that the army had retaken the Varna valley, a "
                     "statement that has been met with doubt in Ostrava, which contends that the "
                     "general's words \u201cdo not correspond to reality.\u201d")
    d = _one(r, "do not correspond to reality")
    by_id = {s.id: s for s in r.statements}
    assert d.disputed in by_id
    assert "retaken the Varna valley" in by_id[d.disputed].content.text
    assert by_id[d.disputing].cue.text == "contends"


def test_seed_article_rebuttal_links_gerasimov_claim(nlp, seed_article) -> None:
    r = extract(nlp(seed_article.text), seed_article)
    d = _one(r, "do not correspond to reality")
    by_id = {s.id: s for s in r.statements}
    assert "regained full control" in by_id[d.disputed].content.text
