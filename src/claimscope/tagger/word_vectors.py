"""Pretrained word vectors of the attribution tagger: a word's row in a small shipped table.

The table (``data/word-vectors.npz``, made by ``training/build_word_vectors.py`` from the MiniLM
sentence encoder) holds a float16 vector for each of about 22,000 English words. A token reads
the row of its lower-cased form, else of its lower-cased lemma, else zeros; the lookup goes once
per distinct form through :class:`~claimscope.tagger.features.Vocabulary`'s memo.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc

from claimscope.tagger.features import Vocabulary

VECTORS_FILE = Path(__file__).parent / "data" / "word-vectors.npz"


class WordVectors:
    """The loaded table: row 0 is the zero vector of a word it lacks."""

    def __init__(self, path: Path = VECTORS_FILE) -> None:
        with np.load(path) as data:
            words = data["words"].tolist()
            vectors = data["vectors"].astype(np.float32)
        self.matrix = np.vstack([np.zeros((1, vectors.shape[1]), dtype=np.float32), vectors])
        self.rows = {word: i for i, word in enumerate(words, start=1)}
        self._lookup = Vocabulary({"word": self.rows})

    @property
    def width(self) -> int:
        return int(self.matrix.shape[1])

    def _row_text(self, doc: Doc, i: int) -> str:
        lower = doc[i].lower_
        return lower if lower in self.rows else doc[i].lemma_.lower()

    def of(self, doc: Doc) -> np.ndarray:
        """(tokens, width) float32: every token's vector."""
        keys = doc.to_array([LOWER, LEMMA]).astype(np.uint64).view(np.int64).reshape(len(doc), 2)
        rows = self._lookup.ids("word", keys, lambda i: self._row_text(doc, i))
        return self.matrix[rows]
