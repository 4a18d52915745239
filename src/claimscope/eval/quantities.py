"""Scoring the quantity extractor on CQE's formatted test sets and on MeasEval.

CQE (``formatted_test_set/*.json``: sentences with gold quantities as value strings, "low-high"
for ranges, and a normalized unit name). The paper's scoring code is not available here, so the
convention is our reading of the data:
- per sentence, predictions and gold quantities are matched one to one, greedily in order;
- value match: a gold point equals the prediction's point value, or its open bound's number
  ("more than 500" counts as 500, as CQE stores the bound apart in "change"); a gold range
  equals the prediction's low and high. Numbers are equal within 1e-6 relative, or when equal
  after rounding to 2 decimals (gold "0.33" for one third);
- value+unit match: values match and the prediction's unit, translated to CQE's unit names
  (``CQE_UNITS``: "USD" → "dollar", "km" → "kilometre", "X per Y" → "x per y" with both sides
  translated), equals the gold unit. A count without a unit carries the lemma of its counted
  noun, which must equal the gold unit's last word ("14 people" → "people", "126 fighter
  jets" → "jet" vs "fighter jet"); a count with no counted noun, or of "times" (a repetition:
  "called 3 times"), matches gold "-" or "count";
- P = matches / predictions, R = matches / gold, F1 their harmonic mean, per file and over all.

MeasEval (``<split>/text|txt/*.txt`` with ``<split>/tsv/*.tsv``): every gold Quantity row against
every predicted quantity of the paragraph, matched one to one, exactly (same offsets) and by
overlap (any shared character). On overlap matches: IsRange (prediction is a range), IsApproximate
(prediction is approximate) and unit (the gold unit text normalized with claimscope's unit
lexicon and rate rules, "mg/L" → "mg per l", "% per year" → "percent per year", equals the
predicted unit; a gold unit outside the lexicon is a counted noun and needs no predicted unit)
accuracies.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from claimscope.extract.quantities import extract_quantities
from claimscope.extract.quantity_lexemes import PIECE
from claimscope.extract.quantity_units import rate_after, unit_after
from claimscope.model import Article, Quantity
from claimscope.nlp import BATCH_SIZE, load

CQE_FILES = ("age-model", "currency-model", "dimension-model", "temperature-model", "NewsQuant")
CQE_UNITS = {
    "percent": "percentage", "USD": "dollar", "EUR": "euro", "GBP": "pound sterling",
    "JPY": "japanese yen", "CNY": "chinese yuan", "CAD": "canadian dollar",
    "AUD": "australian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar",
    "MXN": "mexican peso", "CHF": "swiss franc", "INR": "rupee", "LKR": "sri lankan rupee",
    "TRY": "turkish lira", "BTC": "bitcoin", "CRC": "costa rican colón", "GEL": "georgian lari",
    "LAK": "lao kip", "FIM": "finnish markka", "NLG": "netherlands guilde", "ESP": "peseta",
    "DEM": "mark", "KRW": "south korean won", "RUB": "russian ruble", "cent": "cent",
    "penny": "penny", "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre",
    "mi": "mile", "ft": "foot", "in": "inch", "yd": "yard", "km2": "square kilometre",
    "m2": "square metre", "mi2": "square mile", "ft2": "square foot", "ha": "hectare",
    "acre": "acre", "kg": "kilogram", "g": "gram", "mg": "milligram", "ug": "microgram",
    "t": "metric ton", "ton": "ton", "lb": "pound-mass", "oz": "ounce", "l": "litre",
    "ml": "millilitre", "gal": "gallon", "bbl": "barrel", "m3": "cubic metre",
    "ft3": "cubic foot", "tbsp": "tablespoon", "tsp": "teaspoon", "cup": "cup",
    "degC": "celsius", "degF": "fahrenheit", "deg": "degree", "rad": "radian",
    "km/h": "kilometre per hour", "mph": "mile per hour", "MB": "megabyte", "GB": "gigabyte",
}


@dataclass
class Counts:
    """True positives, predictions and gold items."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def line(self, label: str) -> str:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        counts = f"(tp {self.tp} pred {self.pred} gold {self.gold})"
        return f"{label} P {p:.3f} R {r:.3f} F1 {f:.3f} {counts}"


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=1e-6) or round(a, 2) == round(b, 2)


def _gold_value(value: str) -> tuple[float, float]:
    head, sep, tail = value.partition("-")
    if sep and head:
        return float(head), float(tail)
    return float(value), float(value)


def value_matches(q: Quantity, gold: str) -> bool:
    """Whether the predicted value equals a CQE gold value string."""
    low, high = _gold_value(gold)
    if low != high:
        return _close(q.low, low) and _close(q.high, high)
    if q.bound is not None:
        return _close(q.low if q.low is not None else q.high, low)
    return _close(q.low, low) and _close(q.high, low)


def cqe_unit(q: Quantity, doc: Doc) -> str:
    """The prediction's unit in CQE's vocabulary (a count's counted-noun lemma, or "-")."""
    noun = ""
    if q.counted is not None:
        span = doc.char_span(q.counted.start, q.counted.end, alignment_mode="expand")
        noun = span.root.lemma_.lower() if span is not None else ""
    if noun == "time":
        noun = ""
    if q.unit is None:
        return noun or "-"
    base, _, per = q.unit.partition(" per ")
    if q.unit.startswith("per "):
        return f"{noun} {q.unit}".strip()
    name = CQE_UNITS.get(base, base)
    return f"{name} per {CQE_UNITS.get(per, per)}" if per else name


def unit_matches(predicted: str, gold: str) -> bool:
    """Whether a translated predicted unit equals a CQE gold unit."""
    if predicted == "-":
        return gold in ("-", "count")
    return predicted == gold or predicted == gold.split()[-1]


def _match(preds: list[Quantity], golds: list[dict[str, str]], ok: object) -> int:
    used: set[int] = set()
    tp = 0
    for g in golds:
        for k, q in enumerate(preds):
            if k not in used and ok(q, g):  # type: ignore[operator]
                used.add(k)
                tp += 1
                break
    return tp


def _articles(texts: Sequence[str], origin: str) -> Iterator[tuple[Article, Doc]]:
    """Articles whose text is exactly the given text (offsets must match the gold)."""
    articles = []
    for text in texts:
        article = Article(text=text, origin=origin)
        article.text = text
        articles.append(article)
    docs = load().pipe((a.text for a in articles), batch_size=BATCH_SIZE)
    yield from zip(articles, docs, strict=True)


def run_cqe(folder: Path) -> list[str]:
    """Per-file and overall value and value+unit P/R/F1 on CQE's formatted test sets."""
    lines: list[str] = []
    total_v, total_u = Counts(), Counts()
    for name in CQE_FILES:
        path = folder / "formatted_test_set" / f"{name}.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        short = name.removesuffix("-model")
        v, u = Counts(), Counts()
        for (article, doc), item in zip(_articles([d["text"] for d in data], name), data,
                                        strict=True):
            preds = extract_quantities(doc, article, [], [])
            golds = item["quantities"]
            units = {id(q): cqe_unit(q, doc) for q in preds}
            v.add(Counts(_match(preds, golds, lambda q, g: value_matches(q, g["value"])),
                         len(preds), len(golds)))
            u.add(Counts(_match(preds, golds, lambda q, g, units=units: value_matches(
                q, g["value"]) and unit_matches(units[id(q)], g["normalized_unit"])),
                len(preds), len(golds)))
        lines += [v.line(f"cqe {short} value"), u.line(f"cqe {short} value+unit")]
        total_v.add(v)
        total_u.add(u)
    lines += [total_v.line("cqe all value"), total_u.line("cqe all value+unit")]
    return lines


def _measeval_gold(tsv: Path) -> list[tuple[int, int, dict[str, object]]]:
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (int(r["startOffset"]), int(r["endOffset"]), json.loads(r["other"] or "{}"))
        for r in rows
        if r["annotType"] == "Quantity"
    ]


def normalize_gold_unit(unit: str) -> str | None:
    """A MeasEval unit text in claimscope's unit codes; None for a counted noun."""
    words = [m.group() for m in PIECE.finditer(unit)]
    found = unit_after(words, 0, [k > 0 for k in range(len(words))], False)
    if found is None:
        return None
    rate = rate_after(words, found.end)
    if rate is not None and rate[1] == len(words):
        return f"{found.unit} per {rate[0]}"
    return found.unit if found.end == len(words) else None


def run_measeval(folder: Path, split: str) -> list[str]:
    """Quantity span P/R/F1 (exact, overlap) and modifier and unit accuracy on MeasEval."""
    base = folder / split
    text_dir = base / "text" if (base / "text").is_dir() else base / "txt"
    tsvs = sorted((base / "tsv").glob("*.tsv"))
    texts = [(text_dir / f"{t.stem}.txt").read_text(encoding="utf-8") for t in tsvs]
    exact, overlap = Counts(), Counts()
    checks = {"IsRange": [0, 0], "IsApproximate": [0, 0], "unit": [0, 0]}
    for (article, doc), tsv in zip(_articles(texts, "measeval"), tsvs, strict=True):
        preds = extract_quantities(doc, article, [], [])
        golds = _measeval_gold(tsv)
        exact.add(Counts(_match(preds, golds, lambda q, g: (q.span.start, q.span.end) == g[:2]),
                         len(preds), len(golds)))
        used: set[int] = set()
        for start, end, other in golds:
            for k, q in enumerate(preds):
                if k in used or q.span.end <= start or end <= q.span.start:
                    continue
                used.add(k)
                mods = set(other.get("mods", []))  # type: ignore[arg-type]
                is_range = q.low is not None and q.high is not None and q.low != q.high
                gold_unit = normalize_gold_unit(str(other.get("unit", "")))
                for key, good in (("IsRange", ("IsRange" in mods) == is_range),
                                  ("IsApproximate", ("IsApproximate" in mods) == q.approx),
                                  ("unit", gold_unit == q.unit or (
                                      gold_unit is None and q.unit is None))):
                    checks[key][0] += int(good)
                    checks[key][1] += 1
                break
        overlap.add(Counts(len(used), len(preds), len(golds)))
    lines = [exact.line(f"measeval {split} span exact"),
             overlap.line(f"measeval {split} span overlap")]
    for key, (good, seen) in checks.items():
        lines.append(f"measeval {split} {key} accuracy {good / seen if seen else 0.0:.3f} "
                     f"(on {seen} overlap matches)")
    return lines


def run(cqe: Path | None, measeval: Path | None, split: str = "eval") -> list[str]:
    """The report lines for whichever of the two datasets is given."""
    lines: list[str] = []
    if cqe is not None:
        lines += run_cqe(cqe)
    if measeval is not None:
        lines += run_measeval(measeval, split)
    return lines
