"""The trained attribution tagger at run time: ONNX inference over an article's token features.

The model (``data/attribution-tagger.onnx``: taggers made by
``training/train_attribution_tagger.py``, averaged in one graph by
``training/combine_taggers.py``) reads the features of :mod:`claimscope.tagger.features`, with
the word vectors shipped beside it, for chunks of whole sentences, as it was trained, and gives
per token the probabilities of O, B and I in the source, cue and content layers. It is tied to
the spaCy pipeline it was trained with, whose token vectors it reads; :func:`load_tagger`
returns None for any other pipeline, and statements then come from the parse rules alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from claimscope.extract.quotes import QuoteIndex
from claimscope.tagger.features import RuleSpans, Vocabulary, token_features
from claimscope.tagger.word_vectors import WordVectors

DATA = Path(__file__).parent / "data"
CHUNK_TOKENS = 160


def chunk_bounds(sent_starts: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """Token ranges of consecutive whole sentences, each at most ``limit`` tokens (a longer
    sentence is cut at the limit)."""
    n = len(sent_starts)
    starts = [i for i in range(n) if i == 0 or sent_starts[i]]
    bounds: list[tuple[int, int]] = []
    first = 0
    for s, e in zip(starts, [*starts[1:], n], strict=True):
        if e - first > limit and s > first:
            bounds.append((first, s))
            first = s
        while e - first > limit:
            bounds.append((first, first + limit))
            first += limit
    if first < n:
        bounds.append((first, n))
    return bounds


class AttributionTagger:
    """Loaded ONNX session with its vocabulary and settings."""

    def __init__(self, folder: Path = DATA, threads: int = 1) -> None:
        import onnxruntime

        self.meta = json.loads((folder / "tagger.json").read_text(encoding="utf-8"))
        self.vocab = Vocabulary.load(folder / "vocabulary.json")
        self.vectors = WordVectors(folder / "word-vectors.npz")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(folder / "attribution-tagger.onnx"), options, providers=["CPUExecutionProvider"]
        )
        self.sent_start = self.meta["features"].index("sent_start")

    def probabilities(self, doc: Doc, rules: Sequence[RuleSpans], quotes: QuoteIndex) -> np.ndarray:
        """Per token, the probabilities of O, B, I in each layer: (tokens, 3, 3). All chunks of
        the document go through the model in one call, padded to the longest; each chunk's
        length keeps the padding out of its real tokens."""
        cats, dense = token_features(doc, rules, quotes, self.vocab, self.vectors)
        out = np.zeros((len(doc), 3, 3), dtype=np.float32)
        bounds = chunk_bounds(cats[:, self.sent_start], CHUNK_TOKENS)
        if not bounds:
            return out
        lengths = np.array([b - a for a, b in bounds], dtype=np.int32)
        width = int(lengths.max())
        batch_cats = np.zeros((len(bounds), width, cats.shape[1]), dtype=cats.dtype)
        batch_dense = np.zeros((len(bounds), width, dense.shape[1]), dtype=dense.dtype)
        for k, (a, b) in enumerate(bounds):
            batch_cats[k, : b - a] = cats[a:b]
            batch_dense[k, : b - a] = dense[a:b]
        (logprobs,) = self.session.run(
            None, {"cats": batch_cats, "dense": batch_dense, "lengths": lengths}
        )
        for k, (a, b) in enumerate(bounds):
            out[a:b] = np.exp(logprobs[k, : b - a])
        return out


@lru_cache(maxsize=4)
def load_tagger(spacy_pipeline: str, folder: Path = DATA) -> AttributionTagger | None:
    """The tagger for documents parsed by ``spacy_pipeline``, or None when it was trained with
    another pipeline or its files are missing."""
    meta = folder / "tagger.json"
    if not meta.exists():
        return None
    trained_with = json.loads(meta.read_text(encoding="utf-8"))["spacy_pipeline"]
    return AttributionTagger(folder) if trained_with == spacy_pipeline else None
