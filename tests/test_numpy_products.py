"""The pipeline as claimscope loads it multiplies matrices with numpy's BLAS on one thread, and
parses exactly as spaCy as installed does (blis, its own attribute ruler and lemmatizer)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc
from thinc.api import NumpyOps

import claimscope.nlp
from claimscope.nlp import (
    DEFAULT_MODEL,
    blas_libraries,
    model_layers,
    numpy_products,
    uses_blis,
)

SAMPLES = Path(__file__).parents[1] / "src" / "claimscope" / "sample_corpus"


def _annotations(doc: Doc) -> list[tuple]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_,
         t.ent_type_, t.is_sent_start)
        for t in doc
    ]  # fmt: skip


def test_every_layer_multiplies_with_numpy(nlp) -> None:
    layers = list(model_layers(nlp))
    assert len(layers) > 100 and not uses_blis(nlp)
    assert all(type(node.ops) is NumpyOps and not node.ops.use_blis for node in layers)
    blas = blas_libraries()
    numpy_blas = [pool for pool in blas if "numpy" in pool["filepath"]] or blas
    assert numpy_blas and all(pool["num_threads"] == 1 for pool in numpy_blas)


def test_blis_stays_without_an_optimized_blas(monkeypatch) -> None:
    monkeypatch.setattr(claimscope.nlp, "threadpool_info", lambda: [])
    stock = spacy.load(DEFAULT_MODEL)
    assert not numpy_products(stock)
    assert uses_blis(stock) and all(node.ops.use_blis for node in model_layers(stock))


def test_same_parse_as_spacy_as_installed(nlp) -> None:
    stock = spacy.load(DEFAULT_MODEL)
    stock.add_pipe("claimscope_line_breaks", before="parser")
    stock.tokenizer = nlp.tokenizer  # claimscope's dash infix
    assert uses_blis(stock)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    tokens = 0
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
        assert np.allclose(ours.tensor, theirs.tensor, atol=1e-4)  # the same vectors, to rounding
        tokens += len(ours)
    assert tokens > 800
