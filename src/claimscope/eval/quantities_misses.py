"""Diagnostic listing of the CQE value+unit misses, gold unit against predicted unit.

``python -m claimscope.eval.quantities_misses [--cqe DIR] [--set NAME ...]`` prints, for every
sentence with a miss, each gold quantity that found no value+unit match (with the unit of the
leftover prediction of the same value, if any: a unit miss; else a value miss) and each
leftover prediction (an extra), then the count of each kind. Matching is the scorer's own
(``claimscope.eval.quantities``), so the listing adds up to its value+unit figures.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from claimscope.eval.quantities import (
    CQE_FILES,
    cqe_sentences,
    cqe_unit,
    pairs,
    unit_check,
    value_matches,
)
from claimscope.paths import shared_data


def _value(low: float | None, high: float | None) -> str:
    if low is None or high is None or low == high:
        return f"{low if low is not None else high:g}"
    return f"{low:g}-{high:g}"


def cqe_misses(folder: Path, names: Sequence[str] = CQE_FILES) -> Iterator[tuple[str, str]]:
    """(kind, line) for every miss: kind is "unit", "value" or "extra"; sentence headers come
    with kind ""."""
    for name in names:
        for item, doc, preds in cqe_sentences(folder, name):
            golds = item["quantities"]
            matched = pairs(preds, golds, unit_check(doc, preds))
            left = [k for k in range(len(preds)) if k not in matched.values()]
            missed = [g for j, g in enumerate(golds) if j not in matched]
            if not missed and not left:
                continue
            yield "", f"[{name.removesuffix('-model')}] {item['text']}"
            for g in missed:
                same = [k for k in left if value_matches(preds[k], g["value"])]
                if same:
                    q = preds[same[0]]
                    left.remove(same[0])
                    yield "unit", (f"  unit   {g['value']}: gold {g['normalized_unit']!r}, "
                                   f"predicted {cqe_unit(q, doc)!r} ({q.span.text!r})")
                else:
                    yield "value", f"  value  gold {g['value']} {g['normalized_unit']!r}"
            for k in left:
                q = preds[k]
                yield "extra", (f"  extra  {_value(q.low, q.high)} {cqe_unit(q, doc)!r} "
                                f"({q.span.text!r})")


def main(argv: Sequence[str] | None = None) -> None:
    """Print the misses and their counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cqe", type=Path, default=None, help="CQE quantities data folder")
    parser.add_argument("--set", nargs="*", default=list(CQE_FILES), help="test set names")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    for kind, line in cqe_misses(args.cqe or shared_data("cqe-quantities"), args.set):
        counts[kind] += 1
        print(line)
    print(f"misses: unit {counts['unit']}, value {counts['value']}, extra {counts['extra']}")


if __name__ == "__main__":
    main()
