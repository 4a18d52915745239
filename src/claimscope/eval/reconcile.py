"""``claimscope eval reconcile``: the real pipeline against the reconcile gold file.

The sample corpus and the gold articles are ingested into a temporary store and reconciled;
then three scores are printed:

- measure membership: B-cubed precision and recall of estimates grouped into measures (an
  estimate the gold does not list counts as its own measure; a gold estimate not found counts
  as alone), matching estimates by overlapping character offsets;
- dispute links: a predicted dispute is right when its rebuttal cue overlaps a gold cue in the
  same article and its claim overlaps one of the gold claim snippets (or both are unresolved);
- duplicate groups: pairwise precision and recall of articles grouped as copies.

With ``verbose``, each dispute that is not right follows: the gold entries missed or linked
wrongly (with the predicted claim) and the predicted disputes the gold does not list.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

from claimscope.ingest import ReadConfig, discover
from claimscope.nlp import DEFAULT_MODEL
from claimscope.paths import SAMPLE_CORPUS
from claimscope.store import Store, open_store
from claimscope.store import reconcile as rq

Item = tuple[str, int, int]


def gold_dir() -> Path:
    return Path(str(resources.files("claimscope.eval").joinpath("gold", "reconcile")))


def _find(text: str, snippet: str, n: int = 0) -> tuple[int, int] | None:
    at = -1
    for _ in range(n + 1):
        at = text.find(snippet, at + 1)
        if at < 0:
            return None
    return at, at + len(snippet)


def _overlaps(a: Item, b: Item) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def prf(p: float, r: float) -> str:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"


def bcubed(gold: list[set[Item]], pred: list[set[Item]]) -> tuple[float, float]:
    """B-cubed precision and recall; items are matched by overlapping offsets."""
    def cluster_of(item: Item, clusters: list[set[Item]]) -> set[Item]:
        for c in clusters:
            if any(_overlaps(item, other) for other in c):
                return c
        return {item}

    def score(a: list[set[Item]], b: list[set[Item]]) -> float:
        values = []
        for c in a:
            for item in c:
                mine = cluster_of(item, b)
                same = sum(1 for x in c if any(_overlaps(x, y) for y in mine))
                values.append(same / len(c))
        return sum(values) / len(values) if values else 0.0

    return score(pred, gold), score(gold, pred)


def pairwise(gold: Iterable[set[str]], pred: Iterable[set[str]]) -> tuple[float, float]:
    def pairs(groups: Iterable[set[str]]) -> set[tuple[str, ...]]:
        return {tuple(sorted(p)) for g in groups for p in combinations(g, 2)}

    g, p = pairs(gold), pairs(pred)
    return (len(g & p) / len(p) if p else 1.0), (len(g & p) / len(g) if g else 1.0)


def _ingest(store: Store, model: str) -> None:
    from claimscope.pipeline import Analyzer, ingest

    files = discover([SAMPLE_CORPUS, gold_dir() / "articles"])
    report = ingest(files, store, Analyzer(model), ReadConfig())
    if report.errors:
        raise RuntimeError(f"gold articles failed to read: {report.errors[0]}")


def _snippet(store: Store, item: Item | None, width: int = 90) -> str:
    if item is None:
        return "(unresolved)"
    text = (store.article_text(item[0]) or "")[item[1] : item[2]]
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def score(store: Store, gold: dict[str, Any], verbose: bool = False) -> list[str]:
    """Score a reconciled store against the gold dictionary (with the misses if verbose)."""
    from claimscope.reconcile import disputes, measures

    by_url = {a["url"]: a["id"] for a in store.articles()}
    ids = {alias: by_url[url] for alias, url in gold["articles"].items()}
    texts = {i: store.article_text(i) or "" for i in ids.values()}

    def locate(alias: str, snippet: str, n: int = 0) -> Item | None:
        found = _find(texts[ids[alias]], snippet, n)
        return (ids[alias], *found) if found else None

    gold_measures = [
        {x for e in m["estimates"] if (x := locate(*e)) is not None} for m in gold["measures"]
    ]
    offsets = {q["id"]: (q["article_id"], q["start"], q["end"]) for q in store.quantities()}
    pred_measures = [
        {offsets[qid] for e in m["estimates"] for qid in e["quantities"]} for m in measures(store)
    ]
    mp, mr = bcubed(gold_measures, pred_measures)

    gold_links = []
    for d in gold["disputes"]:
        cues = [x for c in d["rebuttal"]["cue"] for n in range(3)
                if (x := locate(d["rebuttal"]["article"], c, n)) is not None]
        claims = [x for c in d["claim"] or [] if (x := locate(*c)) is not None]
        gold_links.append((cues, claims))
    predicted = disputes(store, fold=False)
    used: set[int] = set()
    right = found = 0
    misses: list[str] = []
    for p in predicted:
        cue = (p["rebuttal"]["article"], p["rebuttal"]["cue_start"], p["rebuttal"]["cue_end"])
        claim = p["claim"]
        claim_item = (claim["article"], claim["start"], claim["end"]) if claim else None
        for k, (cues, claims) in enumerate(gold_links):
            if k in used or not any(_overlaps(cue, c) for c in cues):
                continue
            found += 1
            used.add(k)
            if (claim_item is None and not claims) or (
                claim_item is not None and any(_overlaps(claim_item, c) for c in claims)
            ):
                right += 1
            else:
                misses.append(f"  wrong claim: gold #{k} {_snippet(store, cue, 40)}"
                              f" → {_snippet(store, claim_item)}; gold:"
                              f" {_snippet(store, claims[0] if claims else None)}")
            break
        else:
            misses.append(f"  not in gold: {_snippet(store, cue, 40)}"
                          f" → {_snippet(store, claim_item)}")
    misses += [f"  not found: gold #{k} {gold['disputes'][k]['rebuttal']}"
               for k in range(len(gold_links)) if k not in used]
    dp = right / len(predicted) if predicted else 0.0
    dr = right / len(gold_links) if gold_links else 0.0
    rp = found / len(predicted) if predicted else 0.0
    rr = found / len(gold_links) if gold_links else 0.0

    gold_groups = [{ids[a] for a in g} for g in gold["duplicates"]]
    origin_of = rq.origins(store)
    pred_groups: dict[str, set[str]] = {}
    for article, origin in origin_of.items():
        pred_groups.setdefault(origin, {origin}).add(article)
    gp, gr = pairwise(gold_groups, pred_groups.values())
    n_est = sum(len(m) for m in gold_measures)
    return [
        f"reconcile gold: {len(ids)} articles, {len(gold_measures)} measures ({n_est} estimates),"
        f" {len(gold_links)} disputes, {len(gold_groups)} duplicate groups",
        f"measure membership (B-cubed)  {prf(mp, mr)}",
        f"dispute links                 {prf(dp, dr)}  ({right} right of {len(predicted)})",
        f"  rebuttals found (any claim) {prf(rp, rr)}",
        f"duplicate groups (pairwise)   {prf(gp, gr)}",
        *(["dispute misses:", *misses] if verbose and misses else []),
    ]


def run(
    gold_path: Path | None = None, model: str = DEFAULT_MODEL, verbose: bool = False
) -> list[str]:
    """Ingest, reconcile and score; returns the report lines."""
    gold = json.loads((gold_path or gold_dir() / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "gold.sqlite")
        try:
            _ingest(store, model)
            return score(store, gold, verbose)
        finally:
            store.close()
