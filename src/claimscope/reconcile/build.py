"""Building the reconcile tables from the store: duplicate groups, measure keys, the claim index
and dispute links.

Results are materialized into ``rc_*`` tables and rebuilt on demand: every reader (``measures``,
``disputes``, ``timeline``, exports, ``claimscope reconcile``) first calls ``ensure``, which
compares the store's fingerprint (article count, latest ingest time, and the reconcile
``VERSION``) with the one the tables were built from and rebuilds them when the articles
changed. So there is no step a user can forget, yet repeated reads (the web UI, several CLI
commands) cost one indexed query instead of a pass over every article; and the pass itself
streams articles and writes in batches, so memory stays bounded whatever the store's size.
Rebuilding is all-or-nothing (tables emptied first, fingerprint written last), so an interrupted
build is redone next time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import combinations
from typing import Any

from claimscope.reconcile import claims, duplicates
from claimscope.reconcile.features import (
    ArticleContext,
    Mention,
    Previous,
    article_country,
    dominant_country,
    measure_key,
)
from claimscope.reconcile.linking import link_disputes
from claimscope.store import Store
from claimscope.store import reconcile as rq

Progress = Callable[[str, int], None]
MAX_BUCKET = 50
VERSION = 8  # raise when the reconcile rules change, so stored results are rebuilt


def ensure(store: Store, progress: Progress | None = None) -> bool:
    """Rebuild the reconcile tables if the stored articles changed; True if it rebuilt."""
    if rq.reconciled_mark(store) == _mark(store):
        return False
    rebuild(store, progress)
    return True


def _mark(store: Store) -> str:
    return f"v{VERSION}:{rq.fingerprint(store)}"


def rebuild(store: Store, progress: Progress | None = None) -> None:
    """Recompute duplicate groups, estimates and dispute links from the stored records."""
    tick = progress or (lambda _stage, _n: None)
    mark = _mark(store)
    rq.clear(store)
    _duplicates(store, tick)
    _article_pass(store, tick)
    rq.count_terms(store)
    rq.write(store, "disputes", link_disputes(store, lambda: tick("disputes", 1)))
    rq.set_reconciled_mark(store, mark)


def _signature_rows(store: Store, tick: Progress) -> Iterator[tuple[dict[str, Any], list[int]]]:
    for article_id, text in rq.article_texts(store):
        sig = duplicates.signature(text)
        tick("duplicates", 1)
        yield {"article_id": article_id, "origin_id": article_id,
               "signature": sig.tobytes()}, duplicates.band_hashes(sig)


def _duplicates(store: Store, tick: Progress) -> None:
    arts: list[dict[str, Any]] = []
    bands: list[dict[str, Any]] = []
    for row, hashes in _signature_rows(store, tick):
        arts.append(row)
        bands.extend({"band": b, "hash": h, "article_id": row["article_id"]}
                     for b, h in enumerate(hashes))
        if len(bands) >= rq.BATCH * 4:
            rq.write(store, "articles", arts)
            rq.write(store, "bands", bands)
            arts, bands = [], []
    rq.write(store, "articles", arts)
    rq.write(store, "bands", bands)
    pairs: set[tuple[str, str]] = set()
    for bucket in rq.colliding_buckets(store):
        bucket = bucket[:MAX_BUCKET]
        sigs = rq.signatures(store, bucket)
        for a, b in combinations(bucket, 2):
            if (a, b) not in pairs and duplicates.similarity(sigs[a], sigs[b]) >= (
                duplicates.THRESHOLD
            ):
                pairs.add((a, b))
    origin_of: dict[str, str] = {}
    for group in duplicates.groups(pairs):
        dates = rq.article_dates(store, group)
        origin = min(group, key=lambda a: (*dates[a], a))
        origin_of.update({a: origin for a in group if a != origin})
    rq.set_origins(store, origin_of)


def _learned_countries(store: Store) -> dict[str, str]:
    """Each entity name → the country most often the main country of the articles naming it."""
    votes: dict[str, Counter[str]] = {}
    for names in rq.article_entity_names(store):
        country = dominant_country(names)
        if country:
            for name in set(names):
                votes.setdefault(name, Counter())[country] += 1
    return {name: c.most_common(1)[0][0] for name, c in votes.items()}


def _article_pass(store: Store, tick: Progress) -> None:
    """One streaming pass over the articles: measure keys of the estimates, the claim index."""
    learned = _learned_countries(store)
    rows: dict[str, list[dict[str, Any]]] = {"estimates": [], "claims": [], "terms": []}
    for bundle in rq.bundles(store):
        tick("estimates", 1)
        rows["estimates"].extend(_estimate_rows(bundle, learned))
        for claim, postings in claims.index_rows(bundle):
            rows["claims"].append(claim)
            rows["terms"].extend(postings)
        if len(rows["terms"]) >= rq.BATCH * 4:
            for name, batch in rows.items():
                rq.write(store, name, batch)
                batch.clear()
    for name, batch in rows.items():
        rq.write(store, name, batch)


def _estimate_rows(bundle: rq.ArticleBundle, learned: dict[str, str]) -> Iterator[dict[str, Any]]:
    mentions = [Mention(m["start"], m["end"], m["name"], m["type"]) for m in bundle.mentions]
    published = bundle.published.isoformat() if bundle.published else None
    ctx = ArticleContext(bundle.text, mentions, article_country(mentions, learned), published)
    previous: Previous | None = None
    for q in bundle.quantities:
        key = measure_key(q, ctx, previous)
        if key is None:
            continue
        previous = Previous(key, q["end"], q["high"] or q["low"])
        yield {"quantity_id": q["id"], "article_id": bundle.id, "measure_key": key.key(),
               "measure": key.name(), "subject": key.subject}
