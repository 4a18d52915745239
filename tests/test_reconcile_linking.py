"""Linking rebuttals to the claims they rebut: matching words, the claim index, whole stores."""

from __future__ import annotations

from datetime import date

from claimscope.model import Article, ArticleResult, Span, Statement
from claimscope.pipeline import extract
from claimscope.reconcile import disputes
from claimscope.reconcile.build import rebuild
from claimscope.reconcile.claims import own_text, retrieve
from claimscope.reconcile.words import terms
from claimscope.store import open_store


def test_terms_bring_forms_and_synonyms_together() -> None:
    assert terms("won") == terms("wins") == {"win"}
    assert terms("retaken") == terms("recaptured") == terms("regained")
    assert terms("killed") == terms("deaths") == terms("died")
    assert terms("estimates") == terms("estimated")
    assert "official" in terms("the National Election Commission")
    assert "official" not in terms("international observers")


def test_own_text_ends_where_a_carried_rebuttal_begins() -> None:
    text = "Mayors said that about 300 homes had been destroyed, far more than the service said."
    cue = text.index("far more")
    comparison = {"disputing": "a:s1", "cue_text": "far more", "cue_start": cue,
                  "disputed": "that about 300 homes had been destroyed"}
    pieces = own_text(text, [0], ("a:s1", text.index("that"), len(text) - 1), [], [comparison])
    assert [text[a:b] for a, b in pieces] == [text[:cue]]

    text = "Ventura said that turnout was low and that the official figures were false."
    verdict = {"disputing": "a:s1", "cue_text": "were false", "cue_start": text.index("were"),
               "disputed": "the official figures"}
    pieces = own_text(text, [0], ("a:s1", text.index("that"), len(text) - 1), [], [verdict])
    assert [text[a:b] for a, b in pieces] == [text[: text.index("the official")]]


def test_estimate_text_leaves_out_the_statements_in_its_sentence() -> None:
    text = "The ministry stood by its count of 380,000 and said the union estimate was fiction."
    said = text.index("the union")
    at = text.index("380,000")
    pieces = own_text(text, [0], ("a:q1", at, at + 7), [(said, len(text) - 1)], [])
    assert [text[a:b] for a, b in pieces] == [text[:said], text[-1:]]


def _result(k: int, text: str, published: date) -> ArticleResult:
    art = Article(text=text, origin=f"t{k}", url=f"https://x.test/{k}", published=published)
    said = text.index("said")
    content = Span(text[said + 10 : -1], said + 10, len(text) - 1)
    st = Statement("s1", None, Span("said", said, said + 4), "say", content, "indirect", 0.9)
    return ArticleResult(art, [], [st], [], [], [])


def test_claim_index_retrieves_by_rare_terms_in_the_window(tmp_path) -> None:
    store = open_store(tmp_path / "i.sqlite")
    store.add(_result(0, "The agency said that floods had reached Velmora overnight.",
                      date(2025, 6, 1)))
    store.add(_result(1, "The agency said that floods had reached Kastro overnight.",
                      date(2025, 6, 2)))
    rebuild(store)
    window = (date(2025, 5, 20), date(2025, 6, 10))
    found = retrieve(store, {"velmora", "flood"}, window, "elsewhere", most=10)
    assert len(found) == 2 and "velmora" in found[0].terms  # the rarer key ranks first
    (only,) = retrieve(store, {"velmora"}, window, "elsewhere", most=10)
    assert only.id == found[0].id
    assert retrieve(store, {"velmora"}, window, only.id.split(":")[0], most=10) == []
    assert retrieve(store, {"velmora"}, (date(2025, 6, 5), date(2025, 6, 10)), "elsewhere",
                    most=10) == []
    assert retrieve(store, {"flood"}, window, "elsewhere", most=1) == []  # too common a term


def _store(nlp, tmp_path, articles: list[tuple[str, date]], title: str | None = None):
    store = open_store(tmp_path / "l.sqlite")
    for k, (text, published) in enumerate(articles):
        article = Article(text=text, origin=f"t{k}", title=title, outlet=f"Outlet {k}",
                          url=f"https://x.test/{k}", published=published)
        store.add(extract(nlp(article.text), article))
    return store


def test_compared_estimate_links_the_claim_it_names(nlp, tmp_path) -> None:
    store = _store(nlp, tmp_path, [(
        "About 50,000 teachers joined the strike, the teachers' union said. The ministry put the "
        "number of strikers at 20,000, far fewer than the union claimed.", date(2025, 3, 6))])
    (d,) = disputes(store)
    assert d["rebuttal"]["quantity"] is not None and d["rebuttal"]["text"].startswith("The min")
    assert d["link"] == "article" and "About 50,000 teachers" in d["claim"]["text"]


def test_paraphrased_claim_links_across_articles(nlp, tmp_path) -> None:
    store = _store(nlp, tmp_path, [
        ("Gen. Arkady Volkov said on Saturday that Russian forces had recaptured the village of "
         "Velmora. He said the troops had shown great courage.", date(2025, 6, 7)),
        ("Ukraine's army denied that Velmora had been retaken. Its soldiers were still fighting "
         "in the area, a spokesman said.", date(2025, 6, 8)),
    ])
    (d,) = [d for d in disputes(store) if d["rebuttal"]["cue"] == "denied"]
    assert d["link"] == "cross" and "recaptured the village of Velmora" in d["claim"]["text"]


def test_copy_of_the_rebuttal_article_is_not_another_source(nlp, tmp_path) -> None:
    text = ("LISBON — The election commission said that the ruling party won 32 percent of the "
            "vote in Sunday's election. The opposition leader said that the official figures were "
            "false and that turnout had been manipulated in several districts.")
    copy = text.replace("Sunday's election", "the Sunday election")
    store = _store(nlp, tmp_path, [(text, date(2025, 6, 9)), (copy, date(2025, 6, 9))],
                   title="Ruling party wins 32 percent in election")
    found = disputes(store, fold=False)
    assert len(found) == 2
    for d in found:
        assert d["link"] == "article" and d["claim"]["article"] == d["rebuttal"]["article"]
        assert "won 32 percent" in d["claim"]["text"]
