"""Content boundary rules (tagger/bounds.py): each case a sentence of our own, a content span
as the tagger might give it, and the span PolNeAR's conventions call for."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from claimscope.extract.quotes import find_quotes
from claimscope.nlp import doc_text
from claimscope.tagger.bounds import ContentBounds
from claimscope.tagger.features import token_offsets


def _bounds(nlp: Language, text: str) -> tuple[Doc, ContentBounds]:
    doc = nlp(text)
    text = doc_text(doc)
    return doc, ContentBounds(doc, text, token_offsets(doc)[0], find_quotes(text))


def _run(doc: Doc, words: str) -> tuple[int, int]:
    """The token run of the first occurrence of ``words``."""
    start = doc_text(doc).index(words)
    span = doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    return span.start, span.end


def _texts(doc: Doc, runs: list[tuple[int, int]]) -> list[str]:
    return [doc[a:b].text for a, b in runs]


def _none(doc: Doc) -> np.ndarray:
    return np.zeros(len(doc), dtype=bool)


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        (
            "The mayor called the plan “a waste of good money.”",
            "a waste of good money",
            "“a waste of good money.”",
        ),
        (
            "''We will rebuild the bridge by spring,'' the engineer said.",
            "We will rebuild the bridge by spring",
            "''We will rebuild the bridge by spring,''",
        ),
    ],
)
def test_a_quoted_content_takes_its_marks(
    nlp: Language, text: str, tagged: str, expected: str
) -> None:
    doc, bounds = _bounds(nlp, text)
    assert _texts(doc, bounds.with_marks([_run(doc, tagged)])) == [expected]


def test_a_quotation_running_on_after_the_cue_joins_the_content(nlp: Language) -> None:
    doc, bounds = _bounds(
        nlp,
        "“The ferry will run again,” said Ana Ruiz, the harbor chief. “Tickets go on sale soon.”",
    )
    first = _run(doc, "“The ferry will run again,”")
    tail = _run(doc, "the harbor chief")[1]
    runs = bounds.running_on([first], tail, _none(doc), [])
    assert _texts(doc, runs) == ["“The ferry will run again,”", "“Tickets go on sale soon.”"]


def test_a_quotation_another_statement_holds_stays_with_it(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "“The ferry will run again,” she said. “Tickets go on sale soon.”")
    first = _run(doc, "“The ferry will run again,”")
    tail = _run(doc, "she said")[1]
    taken = _none(doc)
    second = _run(doc, "“Tickets go on sale soon.”")
    taken[second[0] : second[1]] = True
    assert bounds.running_on([first], tail, taken, []) == [first]


def test_a_cue_inside_quoted_speech_is_inside(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "''Nobody wants a longer commute,'' the planner said.")
    assert bounds.inside(_run(doc, "wants")[0])
    assert not bounds.inside(_run(doc, "said")[0])


def test_content_stops_before_a_second_cue_of_the_speaker(nlp: Language) -> None:
    doc, bounds = _bounds(
        nlp, "The governor says the budget is balanced and urged lawmakers to pass it."
    )
    cues = _none(doc)
    cues[_run(doc, "urged")[0]] = True
    runs = bounds.without_siblings([_run(doc, "the budget is balanced and urged lawmakers")], cues)
    assert _texts(doc, runs) == ["the budget is balanced"]


def test_content_takes_the_words_leading_into_it(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "The council rejected a proposal to close the library.")
    runs = bounds.with_modifiers([_run(doc, "proposal to close the library")], _none(doc))
    assert _texts(doc, runs) == ["a proposal to close the library"]


def test_content_takes_the_relative_clause_its_last_word_opens(nlp: Language) -> None:
    doc, bounds = _bounds(
        nlp, "She said the rules would not have stopped the floods that hit the valley."
    )
    runs = bounds.completed([_run(doc, "the rules would not have stopped the floods")], _none(doc))
    assert _texts(doc, runs) == ["the rules would not have stopped the floods that hit the valley"]


def test_content_does_not_end_on_words_of_a_phrase_outside_it(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "The union endorsed the mayor last week.")
    runs = bounds.without_dangling([_run(doc, "the mayor last")])
    assert _texts(doc, runs) == ["the mayor"]


def test_content_does_not_end_on_a_comma(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "The plant will close in June, the company said.")
    runs = bounds.without_dangling([_run(doc, "The plant will close in June,")])
    assert _texts(doc, runs) == ["The plant will close in June"]


def test_a_relative_pronoun_subject_joins_the_content(nlp: Language) -> None:
    doc, bounds = _bounds(nlp, "The tax, which economists say could slow hiring, passed on Monday.")
    cue = _run(doc, "say")[0]
    runs = bounds.with_relative([_run(doc, "could slow hiring")], cue, _none(doc))
    assert _texts(doc, runs) == ["which", "could slow hiring"]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ("''", "''")])
def test_a_split_quotation_is_one_statement_through_the_tagger(opening: str, closing: str) -> None:
    from claimscope.model import Article
    from claimscope.pipeline import Analyzer

    text = (
        "Residents packed the hall on Monday.\n\n"
        f"{opening}The ferry will run again by June,{closing} said Ana Ruiz, the harbor chief. "
        f"{opening}Tickets go on sale next week.{closing}\n\nThe council voted later."
    )
    said = next(
        s
        for s in Analyzer().analyze(Article(text=text, origin="test")).statements
        if s.cue.text == "said"
    )
    assert [text[s:e] for s, e in said.fragments] == [
        f"{opening}The ferry will run again by June,{closing}",
        f"{opening}Tickets go on sale next week.{closing}",
    ]
