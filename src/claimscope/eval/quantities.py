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
  (``CQE_UNITS``, one name for every unit code the extractor writes, in CQE's spelling: "USD"
  → "dollar", "km" → "kilometre", "MW" → "megawatt", "X per Y" → "x per y" with both sides
  translated), equals the gold unit. A count without a unit carries the lemma of its counted
  noun, which must equal the gold unit's last word ("14 people" → "people", "126 fighter
  jets" → "jet" vs "fighter jet"), and a rate of counted things puts it before its
  translated "per" side ("120 people per km2" → "people per square kilometre"); a count with
  no counted noun, or of "times" (a repetition: "called 3 times"), matches gold "-" or
  "count";
- P = matches / predictions, R = matches / gold, F1 their harmonic mean, per file and over all.
  ``quantities_misses`` lists the value+unit misses behind these figures.

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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from claimscope.extract.quantities import extract_quantities
from claimscope.extract.quantity_lexemes import PIECE
from claimscope.extract.quantity_units import rate_after, unit_after
from claimscope.model import Article, Quantity
from claimscope.nlp import BATCH_SIZE, load

CQE_FILES = ("age-model", "currency-model", "dimension-model", "temperature-model", "NewsQuant")
_METRIC_PREFIXES = {"": "", "k": "kilo", "c": "centi", "m": "milli", "u": "micro", "n": "nano",
                    "d": "deci", "p": "pico"}
_POWER_PREFIXES = {"": "", "k": "kilo", "K": "kilo", "M": "mega", "G": "giga", "T": "tera"}
CQE_UNITS = {
    **{p + b: f"{prefix}{base}" for p, prefix in _METRIC_PREFIXES.items()
       for b, base in (("m", "metre"), ("g", "gram"), ("l", "litre"))},
    **{f"{p}m{n}": f"{power} {prefix}metre" for p, prefix in _METRIC_PREFIXES.items()
       for n, power in (("2", "square"), ("3", "cubic"))},
    **{p + b: prefix + base for p, prefix in _POWER_PREFIXES.items()
       for b, base in (("W", "watt"), ("Wh", "watt hour"), ("B", "byte"), ("bit", "bit"),
                       ("Hz", "hertz"), ("Pa", "pascal"), ("eV", "electronvolt"),
                       ("V", "volt"))},
    "hPa": "hectopascal",
    "percent": "percentage", "bp": "basis point", "permille": "per mille",
    "ppm": "parts-per-million", "ppb": "parts-per-billion",
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling",
    "JPY": "japanese yen", "CNY": "chinese yuan", "CAD": "canadian dollar",
    "AUD": "australian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar",
    "MXN": "mexican peso", "CHF": "swiss franc", "INR": "rupee", "LKR": "sri lankan rupee",
    "TRY": "turkish lira", "BTC": "bitcoin", "CRC": "costa rican colón", "GEL": "georgian lari",
    "LAK": "lao kip", "FIM": "finnish markka", "NLG": "netherlands guilde", "ESP": "peseta",
    "DEM": "mark", "KRW": "south korean won", "RUB": "russian ruble", "cent": "cent",
    "UAH": "ukrainian hryvnia", "BRL": "brazilian real", "SEK": "swedish krone",
    "NOK": "norwegian krone", "DKK": "danish krone", "PLN": "polish złoty",
    "ZAR": "south african rand", "SGD": "singapore dollar", "AED": "united arab emirates dirham",
    "SAR": "saudi riyal", "IRR": "iranian rial", "KPW": "north korean won",
    "IDR": "indonesian rupiah", "CZK": "czech koruna", "HUF": "hungarian forint",
    "BEF": "belgian franc", "ILS": "israeli new shekel", "EGP": "egyptian pound",
    "NGN": "nigerian naira", "PKR": "pakistani rupee", "THB": "thai baht",
    "VND": "vietnamese dong", "PHP": "philippine peso", "RON": "romanian leu",
    "TWD": "new taiwan dollar", "ITL": "italian lira", "FRF": "french franc",
    "penny": "penny", "mi": "mile", "nmi": "nautical mile", "ft": "foot", "in": "inch",
    "yd": "yard", "mi2": "square mile", "ft2": "square foot", "ha": "hectare",
    "acre": "acre", "t": "metric ton", "ton": "ton", "lb": "pound-mass", "oz": "ounce",
    "gal": "gallon", "bbl": "barrel", "ft3": "cubic foot", "pint": "pint",
    "tbsp": "tablespoon", "tsp": "teaspoon", "cup": "cup",
    "degC": "celsius", "degF": "fahrenheit", "deg": "degree", "rad": "radian", "K": "kelvin",
    "km/h": "kilometre per hour", "mph": "mile per hour", "kn": "knot",
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
    if q.unit.startswith("per "):
        per = q.unit.removeprefix("per ")
        return f"{noun} per {CQE_UNITS.get(per, per)}".strip()
    base, _, per = q.unit.partition(" per ")
    name = CQE_UNITS.get(base, base)
    return f"{name} per {CQE_UNITS.get(per, per)}" if per else name


def unit_matches(predicted: str, gold: str) -> bool:
    """Whether a translated predicted unit equals a CQE gold unit."""
    if predicted == "-":
        return gold in ("-", "count")
    return predicted == gold or predicted == gold.split()[-1]


G = TypeVar("G")
Check = Callable[[Quantity, dict[str, str]], bool]


def pairs(
    preds: Sequence[Quantity], golds: Sequence[G], ok: Callable[[Quantity, G], bool]
) -> dict[int, int]:
    """Gold index → prediction index, matched one to one, greedily in gold order."""
    used: dict[int, int] = {}
    taken: set[int] = set()
    for j, g in enumerate(golds):
        for k, q in enumerate(preds):
            if k not in taken and ok(q, g):
                used[j] = k
                taken.add(k)
                break
    return used


def unit_check(doc: Doc, preds: Sequence[Quantity]) -> Check:
    """The value+unit test for the predictions of one sentence."""
    units = {id(q): cqe_unit(q, doc) for q in preds}
    return lambda q, g: value_matches(q, g["value"]) and unit_matches(
        units[id(q)], g["normalized_unit"]
    )


def _articles(texts: Sequence[str], origin: str) -> Iterator[tuple[Article, Doc]]:
    """Articles whose text is exactly the given text (offsets must match the gold)."""
    articles = []
    for text in texts:
        article = Article(text=text, origin=origin)
        article.text = text
        articles.append(article)
    docs = load().pipe((a.text for a in articles), batch_size=BATCH_SIZE)
    yield from zip(articles, docs, strict=True)


def cqe_sentences(
    folder: Path, name: str
) -> Iterator[tuple[dict[str, Any], Doc, list[Quantity]]]:
    """Each gold sentence of one CQE test set with its parse and predicted quantities."""
    path = folder / "formatted_test_set" / f"{name}.json"
    if not path.exists():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    for (article, doc), item in zip(_articles([d["text"] for d in data], name), data,
                                    strict=True):
        yield item, doc, extract_quantities(doc, article, [], [])


def run_cqe(folder: Path) -> list[str]:
    """Per-file and overall value and value+unit P/R/F1 on CQE's formatted test sets."""
    lines: list[str] = []
    total_v, total_u = Counts(), Counts()
    for name in CQE_FILES:
        v, u = Counts(), Counts()
        for item, doc, preds in cqe_sentences(folder, name):
            golds = item["quantities"]
            v.add(Counts(len(pairs(preds, golds, lambda q, g: value_matches(q, g["value"]))),
                         len(preds), len(golds)))
            u.add(Counts(len(pairs(preds, golds, unit_check(doc, preds))), len(preds),
                         len(golds)))
        if not v.gold and not v.pred:
            continue
        short = name.removesuffix("-model")
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
        same = pairs(preds, golds, lambda q, g: (q.span.start, q.span.end) == g[:2])
        exact.add(Counts(len(same), len(preds), len(golds)))
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
