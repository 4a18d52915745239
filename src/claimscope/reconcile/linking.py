"""Linking each stored rebuttal to the claim it rebuts, in its own article or in another one.

A dispute the extractor resolved in its article (``disputed`` is a statement id) keeps that
link. Otherwise its claim is text ("the ministry's count", "The statement by the Russian command
that the operation in the Kursk region is finished"), matched against:

- the other claims of its own article, before or after the rebuttal: statements, and estimates
  stated without a reporting verb ("The Interior Ministry put the number of strikers at
  380,000"), whose id is then a quantity id;
- statements in other stored articles published up to ``WINDOW_DAYS`` before the rebuttal
  (blocking, never a scan of all statements, at most 200): by the entities the claim text names
  (and entities whose name contains theirs: "Russia" → "Government of Russia"), or holding one
  of the claim's ``KEYWORDS`` rarest words in their content or their speaker.

Never the rebutting statement itself, a statement by the rebutting speaker, or another denial.

A candidate scores the share of the claim's words (content-word stems of the claim text and of
the rest of the rebuttal's clause, less the rebutting speaker's own words and the words that
only say it is a figure; at most ``CAP`` counted) found in the candidate's sentence, speaker
included ("the satellite estimate" → "The European satellite monitoring service said …"), plus:

- ``NUMBER_BONUS`` when a number of the claim is one of the candidate's ("figure of 23 deaths");
- ``FIGURE_BONUS`` when the claim is a figure ("count", "estimate") and the candidate states one;
- ``SPEAKER_BONUS`` (``RELATED_BONUS`` when the name only contains the named one) when the
  candidate's speaker is an entity the claim names ("Ventura's claims");
- in another article, ``TITLE_WEIGHT`` times the share of the rebuttal headline's words it holds;
- in the same article, ``LOCAL_BONUS`` less ``STEP`` per sentence of distance (and once more when
  it comes after the rebuttal), so the nearest earlier claim wins ties.

The best at or above ``MIN_SCORE`` wins, the earliest published on ties; below it the dispute
stays unresolved and visible, as does a claim with no words and no figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from claimscope.extract.asof import sentence_bounds
from claimscope.extract.disputes import DENIAL_CUES
from claimscope.store import Store
from claimscope.store import reconcile as rq

WINDOW_DAYS = 30
MIN_SCORE = 0.3
KEYWORDS = 2
CAP = 5
SPEAKER_BONUS = 0.35
RELATED_BONUS = 0.15
NUMBER_BONUS = 0.5
FIGURE_BONUS = 0.2
TITLE_WEIGHT = 0.3
LOCAL_BONUS = 0.15
STEP = 0.01
LOCAL_ID = re.compile(r"^s\d+$")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
CLAUSE_END = re.compile(r",\s+(?:although|though|while|but|whereas|saying)\b|[;—]")
STOP = frozenset(
    """a an the of in on at to for by from with that this these those is are was were be been
    has have had it its their his her our they he she we said says say claim claims statement
    statements announcement not no and or but as than which who what will would could there all
    any""".split()
)
FIGURE = frozenset(
    """figure figur count number estimate estimat toll tally total result""".split()
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


def numbers(text: str) -> set[float]:
    """The numbers written in digits in a text ("23", "1,200", "1.2")."""
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}


@dataclass(frozen=True)
class Claim:
    """What a rebuttal's claim text gives to match against: its words, numbers and headline."""

    words: set[str]
    numbers: set[float]
    figure: bool
    title: set[str]

    def score(self, text: str, bonus: float, title: bool) -> float:
        """The score of a candidate's text (see the module docstring)."""
        found = stems(text)
        score = len(self.words & found) / min(len(self.words), CAP) if self.words else 0.0
        score = min(score, 1.0) + bonus
        cand_numbers = numbers(text)
        if self.numbers & cand_numbers:
            score += NUMBER_BONUS
        if self.figure and cand_numbers:
            score += FIGURE_BONUS
        if title and self.title:
            score += TITLE_WEIGHT * len(self.title & found) / len(self.title)
        return score


def _sentence(text: str, starts: list[int], at: int) -> tuple[int, int]:
    """The bounds of the sentence holding offset ``at``."""
    i = max(0, bisect_right(starts, at) - 1)
    return starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)


def _claim(row: dict[str, Any], text: str, starts: list[int]) -> Claim:
    claim = row["disputed"]
    rest = ""
    if row["cue_end"] is not None and row["cue_end"] <= len(text):
        rest = text[row["cue_end"] : _sentence(text, starts, row["cue_start"])[1]]
        rest = CLAUSE_END.split(rest, maxsplit=1)[0]
    words = stems(f"{claim} {rest}")
    speaker = stems(row["speaker_text"] or "")
    figure = bool(words & FIGURE)
    return Claim(words - speaker - FIGURE, numbers(claim), figure,
                 stems(row["title"] or "") - speaker - FIGURE)


def _excluded(cand: dict[str, Any], row: dict[str, Any]) -> bool:
    if cand["id"] == row["disputing"] or cand["cue_lemma"] in DENIAL_CUES:
        return True
    speaker = row["speaker_entity_id"]
    if speaker is not None and cand["speaker_entity_id"] == speaker:
        return True
    own = (row["speaker_text"] or "").lower()
    return bool(own) and (cand["speaker"] or "").lower() == own


@dataclass(frozen=True)
class Named:
    """The entities the claim text names (``exact``), and those whose name contains theirs."""

    exact: set[int]
    related: set[int]

    def bonus(self, speaker: int | None) -> float:
        if speaker in self.exact:
            return SPEAKER_BONUS
        return RELATED_BONUS if speaker in self.related else 0.0


def _named(store: Store, row: dict[str, Any], text: str) -> Named:
    claim_text = row["disputed"]
    at = text.find(claim_text)
    named = rq.entities_in(store, row["article_id"], at, at + len(claim_text)) if at >= 0 else []
    exact = {i for i, _ in named} - {row["speaker_entity_id"]}
    related = set(rq.entity_ids_named(store, [n for _, n in named])) | exact
    related.discard(row["speaker_entity_id"])
    return Named(exact, related)


def _local_link(
    store: Store, row: dict[str, Any], claim: Claim, named: Named, text: str, starts: list[int]
) -> tuple[float, str | None]:
    """The best claim in the rebuttal's own article."""
    at = row["cue_start"]
    here = bisect_right(starts, at)
    best: tuple[float, str | None] = (0.0, None)
    for cand in rq.article_claims(store, row["article_id"]):
        if _excluded(cand, row):
            continue
        low, high = _sentence(text, starts, cand["start"])
        high = max(high, cand["end"])
        if low <= at < high and cand["kind"] == "quantity":
            continue
        there = bisect_right(starts, cand["start"])
        penalty = STEP * (abs(there - here) + (there > here))
        words = f"{text[low:high]} {cand['speaker'] or ''}"
        bonus = LOCAL_BONUS - penalty + named.bonus(cand["speaker_entity_id"])
        score = claim.score(words, bonus, title=False)
        if score > best[0]:
            best = (score, cand["id"])
    return best


def _cross_link(
    store: Store, row: dict[str, Any], claim: Claim, named: Named
) -> tuple[float, str | None]:
    """The best claim statement in another article published before the rebuttal."""
    published = row["published"]
    after = published - timedelta(days=WINDOW_DAYS) if published else None
    rare = sorted(claim.words & stems(row["disputed"]), key=lambda w: (-len(w), w))[:KEYWORDS]
    candidates = rq.candidate_claims(store, sorted(named.related), rare, published, after,
                                     row["article_id"])
    best: tuple[float, int, str | None] = (0.0, 0, None)
    for cand in candidates:
        if _excluded({**cand, "speaker": cand["speaker_text"]}, row):
            continue
        bonus = named.bonus(cand["speaker_entity_id"])
        words = f"{cand['content_text']} {cand['speaker_text'] or ''}"
        score = claim.score(words, bonus, title=True)
        key = (score, -(cand["published"].toordinal() if cand["published"] else 0), cand["id"])
        if key[:2] > best[:2]:
            best = key
    return best[0], best[2]


def _link(store: Store, row: dict[str, Any]) -> tuple[str | None, float]:
    text = store.article_text(row["article_id"]) or ""
    starts = sentence_bounds(text)
    claim = _claim(row, text, starts)
    if not claim.words and not claim.figure:
        return None, 0.0
    named = _named(store, row, text)
    local = _local_link(store, row, claim, named, text, starts)
    cross = _cross_link(store, row, claim, named) if claim.words else (0.0, None)
    score, claim_id = max(local, cross, key=lambda sc: sc[0])
    return (claim_id, score) if score >= MIN_SCORE else (None, score)


def link_disputes(store: Store, tick: Callable[[], None]) -> Iterator[dict[str, Any]]:
    """One ``rc_disputes`` row per stored dispute."""
    for row in rq.stored_disputes(store):
        tick()
        disputed = row["disputed"]
        local = f"{row['article_id']}:{disputed}"
        if LOCAL_ID.match(disputed) and rq.statement_exists(store, local):
            claim_id, link, score, claim_text = local, "article", 1.0, ""
        else:
            claim_id, score = _link(store, row)
            link = "none"
            if claim_id:
                link = "article" if claim_id.startswith(f"{row['article_id']}:") else "cross"
            claim_text = disputed
        yield {"id": row["id"], "article_id": row["article_id"], "rebuttal_id": row["disputing"],
               "claim_id": claim_id, "claim_text": claim_text, "link": link,
               "score": round(score, 3)}
