"""The lemma table gives every token exactly the lemma spaCy's lemmatizer gives it, and asks the
lemmatizer only once per form, part of speech and morphology."""

from __future__ import annotations

from pathlib import Path

from claimscope.lemma_table import NAME, LemmaTable

SAMPLES = Path(__file__).parents[1] / "src" / "claimscope" / "sample_corpus"


def test_same_lemmas_as_the_models_lemmatizer(nlp) -> None:
    assert NAME in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    lemmatizer = nlp.get_pipe("lemmatizer")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts.append("She was running; they ran. The mice were better than the best geese.")
    texts.append("The glorbs were flizzing the wuggiest trandles.")  # words it has never met
    table = LemmaTable(lemmatizer)
    tokens = 0
    for doc in nlp.pipe(texts, disable=[NAME, "ner"]):
        theirs, ours = lemmatizer(doc.copy()), table(doc.copy())
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        tokens += len(ours)
    assert tokens > 800
    assert 0 < len(table.known) < tokens  # repeated words were looked up once
