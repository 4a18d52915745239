"""The attribute table gives every token exactly the attributes spaCy's attribute ruler gives it:
on the model's own rules over our sample articles, and on hand-made rules that exercise rule
order, exclusions, several-token patterns and regular expressions."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS
from spacy.tokens import Doc

from claimscope.attribute_table import NAME, AttributeTable
from claimscope.lemma_table import NAME as LEMMAS

SAMPLES = Path(__file__).parents[1] / "src" / "claimscope" / "sample_corpus"
COLUMNS = [POS, MORPH, LEMMA, DEP]


def _annotations(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def test_same_attributes_as_the_models_ruler(nlp) -> None:
    assert NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    ruler, table = nlp.get_pipe("attribute_ruler"), nlp.get_pipe(NAME)
    lemmatizer = nlp.get_pipe("lemmatizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("Y'all gonna see it. Let's go, c'mon! There's nothin' we ain't tried.")
    tokens = 0
    for doc in nlp.pipe(texts, disable=[NAME, LEMMAS, "ner"]):
        theirs, ours = lemmatizer(ruler(doc.copy())), lemmatizer(table(doc.copy()))
        assert _annotations(ours) == _annotations(theirs)
        assert (ours.to_array(COLUMNS) == theirs.to_array(COLUMNS)).all()
        tokens += len(ours)
    assert tokens > 800


def _ruler_and_table(patterns: list[dict]) -> tuple[spacy.Language, AttributeTable]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, AttributeTable(ruler)


def test_rule_order_exclusions_and_several_token_patterns() -> None:
    patterns = [
        {"patterns": [[{"LOWER": {"IN": ["said", "told"]}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "said"}]], "attrs": {"POS": "AUX", "LEMMA": "say"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["said", "told", "."]}}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": "she"}, {"LOWER": "told"}]], "attrs": {"MORPH": "Tense=Past"},
         "index": -1},
        {"patterns": [[{"LOWER": {"REGEX": "^t.ld$"}}]], "attrs": {"LEMMA": "tell"}},
        {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT"}},
    ]  # fmt: skip
    nlp, table = _ruler_and_table(patterns)
    assert len(table.rest) == 2  # the two-token pattern and the regular expression
    ruler = nlp.get_pipe("attribute_ruler")
    for text in ["She said it.", "She told him, he said.", "told told said"]:
        theirs = ruler(nlp.make_doc(text))
        ours = table(nlp.make_doc(text))
        assert _annotations(ours) == _annotations(theirs)
        assert (ours.to_array(COLUMNS) == theirs.to_array(COLUMNS)).all()
    doc = table(nlp.make_doc("She told him, he said."))
    assert [(t.pos_, t.lemma_) for t in doc][:2] == [("X", ""), ("VERB", "tell")]
    assert str(doc[1].morph) == "Tense=Past"
    assert (doc[5].pos_, doc[5].lemma_) == ("AUX", "say")  # the later rule wins
    assert doc[6].pos_ == "PUNCT"


def test_table_stays_small_on_new_words() -> None:
    nlp, table = _ruler_and_table(
        [{"patterns": [[{"LOWER": "said"}]], "attrs": {"POS": "VERB"}}]
    )
    table(nlp.make_doc(" ".join(f"word{i}" for i in range(500)) + " said"))
    assert len(table.known) == 2  # "said", and every other word alike
