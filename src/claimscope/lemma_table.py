"""The pipeline's lemmatizer applied through a table of the lemmas it has already given.

spaCy's rule lemmatizer visits every token in Python and works out its lemma from the token's
form, part of speech and morphology alone (from its lookup tables), about 2 µs a token. The
table remembers the lemma of each (form, part of speech, morphology) it has seen, reads those
three columns of a document at once and asks the lemmatizer itself only for combinations it
has not met, so every token gets the lemma the lemmatizer gives it.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

NAME = "claimscope_lemma_table"
STOCK = "lemmatizer"  # the component the table stands in for
# Lemmatizers whose lemma, in these modes, depends on a token's form, part of speech and
# morphology alone (checked in their code: English reads nothing else to tell a base form).
KINDS = (Lemmatizer, EnglishLemmatizer)
MODES = ("rule", "lookup")
MAX_ENTRIES = 100_000  # the table starts afresh past this many (some 25 MB at most)


class LemmaTable:
    """A ``Lemmatizer``'s lemmas, remembered by form, part of speech and morphology."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not len(doc) or not getattr(lemmatizer, "_validated", True):
            return lemmatizer(doc)  # the first document: the lemmatizer checks its tables
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cols[:, 3].copy()
        todo = range(len(doc)) if lemmatizer.overwrite else np.flatnonzero(lemmas == 0).tolist()
        if len(self.known) > MAX_ENTRIES:
            self.known.clear()
        known, strings, rows = self.known, doc.vocab.strings, cols.tolist()
        for i in todo:
            orth, pos, morph, _ = rows[i]
            key = (orth, pos, morph)
            lemma = known.get(key)
            if lemma is None:
                lemma = known[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas)
        return doc


def accepts(component: object) -> bool:
    """Whether the table can stand in for this component: a lemmatizer of ``KINDS`` in one of
    ``MODES``."""
    return type(component) in KINDS and getattr(component, "mode", None) in MODES


@Language.factory(NAME)
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """The table for the pipeline's own lemmatizer (see ``accepts``)."""
    return LemmaTable(cast(Lemmatizer, nlp.get_pipe(STOCK)))
