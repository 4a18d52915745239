"""Linking each stored rebuttal to the claim it rebuts, in its own article or in another one.

A dispute the extractor resolved in its article (``disputed`` is a statement id) keeps that
link. Otherwise its claim is text ("The statement by the Russian command that the operation in
the Kursk region is finished"), and candidates are looked up in other stored articles published
up to ``WINDOW_DAYS`` before the rebuttal (blocking: never a scan of all statements):

- statements by the entities the claim text names (and entities whose name contains theirs:
  "Russia" → "Government of Russia"), and
- statements whose content holds the claim's rarest content words.

Each candidate is scored by the overlap of content-word stems between the claim (with the
rebuttal article's headline) and the candidate, plus a bonus when its speaker is named in the
claim (a smaller one when its name only contains the named one); the best at or above
``MIN_SCORE`` wins, the earliest published on ties. Below that the dispute stays unresolved and
visible, as does a claim of fewer than ``MIN_WORDS`` content words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

from claimscope.extract.disputes import DENIAL_CUES
from claimscope.store import Store
from claimscope.store import reconcile as rq

WINDOW_DAYS = 30
MIN_SCORE = 0.4
KEYWORDS = 2
MIN_WORDS = 3
SPEAKER_BONUS = 0.35
RELATED_BONUS = 0.15
LOCAL_ID = re.compile(r"^s\d+$")
STOP = frozenset(
    """a an the of in on at to for by from with that this these those is are was were be been
    has have had it its their his her our they he she we said says say claim claims statement
    announcement not no and or but as than which who what will would could there all any""".split()
)


def stems(text: str) -> set[str]:
    """Content-word stems: lowercased words without stop words and common suffixes."""
    out = set()
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in STOP or len(word) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s", "ly"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return out


def _score(claim: set[str], content: str, bonus: float) -> float:
    words = stems(content)
    if not claim or not words:
        return 0.0
    return len(claim & words) / len(claim) + bonus


def _cross_link(store: Store, row: dict[str, Any]) -> tuple[str | None, float]:
    """The best claim statement in another article for an unresolved rebuttal."""
    text = store.article_text(row["article_id"]) or ""
    claim = row["disputed"]
    at = text.find(claim)
    named = rq.entities_in(store, row["article_id"], at, at + len(claim)) if at >= 0 else []
    exact = {i for i, _ in named} - {row["speaker_entity_id"]}
    speaker_ids = set(rq.entity_ids_named(store, [n for _, n in named])) | exact
    speaker_ids.discard(row["speaker_entity_id"])
    published = row["published"]
    after = published - timedelta(days=WINDOW_DAYS) if published else None
    if len(stems(claim)) < MIN_WORDS:
        return None, 0.0
    words = stems(claim) | stems(row["title"] or "")
    rare = sorted(stems(claim), key=lambda w: (-len(w), w))[:KEYWORDS]
    candidates = rq.candidate_claims(store, sorted(speaker_ids), rare, published, after,
                                     row["article_id"])
    best: tuple[float, Any, str] | None = None
    for cand in candidates:
        if cand["cue_lemma"] in DENIAL_CUES:
            continue
        speaker = cand["speaker_entity_id"]
        bonus = 0.0
        if speaker in speaker_ids:
            bonus = SPEAKER_BONUS if speaker in exact else RELATED_BONUS
        score = _score(words, cand["content_text"], bonus)
        key = (score, -(cand["published"].toordinal() if cand["published"] else 0), cand["id"])
        if best is None or key[:2] > best[:2]:
            best = key
    if best is None or best[0] < MIN_SCORE:
        return None, best[0] if best else 0.0
    return best[2], best[0]


def link_disputes(store: Store, tick: Callable[[], None]) -> Iterator[dict[str, Any]]:
    """One ``rc_disputes`` row per stored dispute."""
    for row in rq.stored_disputes(store):
        tick()
        disputed = row["disputed"]
        local = f"{row['article_id']}:{disputed}"
        if LOCAL_ID.match(disputed) and rq.statement_exists(store, local):
            claim_id, link, score, claim_text = local, "article", 1.0, ""
        else:
            claim_id, score = _cross_link(store, row)
            link = "cross" if claim_id else "none"
            claim_text = disputed
        yield {"id": row["id"], "article_id": row["article_id"], "rebuttal_id": row["disputing"],
               "claim_id": claim_id, "claim_text": claim_text, "link": link,
               "score": round(score, 3)}
