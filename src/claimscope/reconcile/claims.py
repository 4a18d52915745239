"""The claim index of the reconcile pass, and retrieval of the claims a rebuttal may answer.

A possible claim is a statement that is not itself a denial, or an estimate stated without a
reporting verb ("The Interior Ministry put the number of strikers at 380,000"; its source is its
speaker). Its text is its sentence less the other statements in it, cut where a rebuttal it
carries begins (``own_text``). Its terms are those of its text and
speaker (``words.terms``), and ``@<entity id>`` for the entities mentioned in its text and for
its speaker entity. The pass writes one ``rc_claims`` row per claim and one ``rc_terms`` row per
term (the postings), article by article, then counts the claims holding each term.

Retrieval takes the ``KEYS`` rarest terms of a rebuttal's claim that some indexed claim holds
and fewer than ``COMMON_SHARE`` of them (at least ``COMMON_FLOOR``; a commoner term tells little),
reads at most ``POSTINGS`` claims for each (articles other than the rebuttal's and its copies,
published in the date window, latest first), ranks the claims read by the summed rarity of the
keys they hold (rarity of a term held by n claims: 1 / log2(n + 1)) and keeps the best
``CANDIDATES``. So each rebuttal costs a bounded number of indexed reads, whatever the size of
the store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from math import log2
from typing import Any

from claimscope.extract.asof import sentence_bounds
from claimscope.extract.disputes import DENIAL_CUES, is_comparison
from claimscope.reconcile.words import numbers, terms
from claimscope.store import Store
from claimscope.store import reconcile as rq

KEYS = 10
POSTINGS = 200
CANDIDATES = 40
COMMON_SHARE = 0.05
COMMON_FLOOR = 1000
TERM_LENGTH = 64


@dataclass(frozen=True)
class Candidate:
    """An indexed claim: its id, date, speaker, terms (entities among them) and numbers."""

    id: str
    published: date | None
    speaker_entity_id: int | None
    speaker: str
    terms: frozenset[str]
    numbers: frozenset[float]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Candidate:
        return cls(row["id"], row["published"], row["speaker_entity_id"],
                   row["speaker"], frozenset(row["terms"].split()),
                   frozenset(float(n) for n in row["numbers"].split()))


def entity_key(entity_id: int) -> str:
    return f"@{entity_id}"


def own_text(
    text: str, starts: list[int], claim: tuple[str, int, int],
    contents: list[tuple[int, int]], disputes: list[dict[str, Any]],
) -> list[tuple[int, int]]:
    """The pieces of the article a possible claim ``(id, start, end)`` is matched by: its
    sentence (to the end of a statement's content), less the contents of the other statements
    in it; cut where a rebuttal it carries begins: at a comparison's cue ("far more than …"), at
    the rebutted claim before a verdict ("… and that the official figures were false")."""
    claim_id, first, last = claim
    i = max(0, bisect_right(starts, first) - 1)
    start, end = starts[i], max(last, starts[i + 1] if i + 1 < len(starts) else len(text))
    for d in disputes:
        if d["disputing"] != claim_id or not start < d["cue_start"] < end:
            continue
        at = -1 if is_comparison(d["cue_text"]) else text.find(d["disputed"], start,
                                                                d["cue_start"])
        end = at if at > start else d["cue_start"]
    pieces = [(start, end)]
    for low, high in contents:
        if not low <= first < high:
            pieces = [(a, b) for s, e in pieces for a, b in ((s, min(e, low)), (max(s, high), e))
                      if a < b]
    return pieces


def _rows(
    bundle: rq.ArticleBundle, starts: list[int], claim: tuple[str, int, int],
    speaker: str | None, speaker_entity: int | None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    contents = [(st["content_start"], st["content_end"]) for st in bundle.statements]
    pieces = own_text(bundle.text, starts, claim, contents, bundle.disputes)
    text = " ".join(bundle.text[a:b] for a, b in pieces)
    keys = {k[:TERM_LENGTH] for k in terms(f"{text} {speaker or ''}")}
    keys |= {entity_key(m["entity_id"]) for m in bundle.mentions
             if any(a <= m["start"] and m["end"] <= b for a, b in pieces)}
    if speaker_entity is not None:
        keys.add(entity_key(speaker_entity))
    row = {"id": claim[0], "published": bundle.published,
           "speaker_entity_id": speaker_entity, "speaker": (speaker or "").lower(),
           "terms": " ".join(sorted(keys)), "numbers": " ".join(map(str, numbers(text)))}
    postings = [{"term": k, "published": bundle.published, "claim_id": claim[0],
                 "origin_id": bundle.origin} for k in sorted(keys)]
    return row, postings


def index_rows(bundle: rq.ArticleBundle) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """The ``rc_claims`` row and ``rc_terms`` rows of each possible claim of an article."""
    starts = sentence_bounds(bundle.text)
    for st in bundle.statements:
        if st["cue_lemma"] not in DENIAL_CUES:
            claim = (st["id"], st["content_start"], st["content_end"])
            yield _rows(bundle, starts, claim, st["speaker_text"], st["speaker_entity_id"])
    for q in bundle.quantities:
        if q["statement_id"] is None:
            claim = (q["id"], q["start"], q["end"])
            yield _rows(bundle, starts, claim, q["source_name"], q["source_entity_id"])


def common(claims: int) -> int:
    """How many of ``claims`` indexed claims may hold a term used as a key."""
    return max(COMMON_FLOOR, int(COMMON_SHARE * claims))


def retrieve(
    store: Store, keys: set[str], window: tuple[date, date] | None, origin: str, most: int
) -> list[Candidate]:
    """The indexed claims outside the duplicate group of ``origin`` published in the window
    (when given) sharing the rarest keys held by at most ``most`` claims, best ranked first."""
    counts = {k: n for k, n in rq.term_counts(store, keys).items() if n <= most}
    rarest = sorted(counts, key=lambda k: (counts[k], k))[:KEYS]
    weight: dict[str, float] = {}
    for key in rarest:
        for claim_id in rq.postings(store, key, window, origin, POSTINGS):
            weight[claim_id] = weight.get(claim_id, 0.0) + 1 / log2(counts[key] + 1)
    best = sorted(weight, key=lambda i: (-weight[i], i))[:CANDIDATES]
    rows = {r["id"]: r for r in rq.indexed_claims(store, best)} if best else {}
    return [Candidate.from_row(rows[i]) for i in best]
