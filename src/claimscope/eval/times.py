"""TempEval-3 task A scoring of the time extractor on a folder of TimeML files.

The metric follows TempEval-3 (UzZaman et al., SemEval 2013), task A:

- Spans. A system expression and a gold expression match *strictly* when their offsets are equal
  and in the *relaxed* sense when they overlap by at least one character. Matching is one-to-one:
  pairs are taken greedily by decreasing overlap. P = matched / system expressions,
  R = matched / gold expressions, F1 their harmonic mean.
- Attributes (value, type). Over the relaxed matches, an attribute is correct when the system's
  attribute equals the gold one; P = correct / system expressions, R = correct / gold
  expressions, F1 their harmonic mean (so attribute F1 = relaxed F1 × attribute accuracy).
  Values are compared as strings after one normalization: ISO week numbers are zero-padded
  (TimeBank writes both ``2000-W8`` and ``2000-W08``). The *accuracy* printed beside the type is
  correct / relaxed matches.
- The document creation time (the CREATION_TIME TIMEX3) is not scored.

Documents are parsed with the claimscope pipeline in batches (``nlp.pipe``; the entity recognizer
is not needed and is skipped), and each is normalized against its creation time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimscope.eval.timeml import GoldTimex, TimeMLDocument, iter_timeml
from claimscope.extract.times import Timex, find_timexes
from claimscope.nlp import BATCH_SIZE, load


@dataclass
class Counts:
    """Tallies over a corpus: expressions on each side, span matches and correct attributes."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {"value": 0, "type": 0})


def canonical_value(value: str | None) -> str:
    """A value in the form the scorer compares: upper case, zero-padded ISO weeks."""
    text = (value or "").strip().upper()
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", text)


def match(system: Sequence[Timex], gold: Sequence[GoldTimex]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches (system index, gold index), greedy by decreasing overlap."""
    pairs = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            overlap = min(s.end, g.end) - max(s.start, g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def score_document(system: Sequence[Timex], gold: Sequence[GoldTimex], counts: Counts) -> None:
    """Add one document's tallies to ``counts``."""
    counts.gold += len(gold)
    counts.system += len(system)
    for i, j in match(system, gold):
        s, g = system[i], gold[j]
        counts.relaxed += 1
        counts.strict += s.start == g.start and s.end == g.end
        counts.correct["value"] += canonical_value(s.value) == canonical_value(g.value)
        counts.correct["type"] += s.type == g.type


def prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent."""
    p = 100 * hits / system if system else 0.0
    r = 100 * hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(counts: Counts, documents: int) -> list[str]:
    """The printed lines: corpus size, strict and relaxed spans, value and type."""

    def line(name: str, hits: int) -> str:
        p, r, f = prf(hits, counts.system, counts.gold)
        return f"{name} P {p:.1f} R {r:.1f} F1 {f:.1f}"

    accuracy = 100 * counts.correct["type"] / counts.relaxed if counts.relaxed else 0.0
    return [
        f"documents {documents} gold {counts.gold} system {counts.system}",
        line("strict", counts.strict),
        line("relaxed", counts.relaxed),
        line("value", counts.correct["value"]),
        line("type", counts.correct["type"]) + f" accuracy {accuracy:.1f}",
    ]


def system_timexes(documents: Iterable[TimeMLDocument]) -> Iterable[tuple[TimeMLDocument,
                                                                         list[Timex]]]:
    """Each document with the time expressions the extractor finds in it."""
    nlp = load()
    pairs = ((doc.text, doc) for doc in documents)
    for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE, disable=["ner"]):
        yield doc, find_timexes(parsed, doc.dct)


def run(path: Path) -> list[str]:
    """Score the extractor on every ``.tml`` file under ``path``; return the report lines."""
    counts = Counts()
    documents = 0
    for doc, found in system_timexes(iter_timeml(path)):
        score_document(found, doc.timexes, counts)
        documents += 1
    return report(counts, documents)
