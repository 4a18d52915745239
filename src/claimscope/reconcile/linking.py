"""Linking each stored rebuttal to the claim it rebuts, in its own article or in another one.

A dispute the extractor resolved in its article (``disputed`` is a statement id) keeps that
link. Otherwise its claim is text ("the ministry's count", "The statement by the Russian command
that the operation in the Kursk region is finished"), matched against:

- the other claims of its own article, before or after the rebuttal: statements, and estimates
  stated without a reporting verb ("The Interior Ministry put the number of strikers at
  380,000"), whose id is then a quantity id;
- the claims of other stored articles (not copies of its own: same duplicate group) published
  up to ``WINDOW_DAYS`` before the rebuttal, retrieved from the claim index (``claims``) by the
  rarest of the claim's terms and of the entities it names (and entities whose name contains
  theirs: "Russia" → "Government of Russia"), never by a scan.

Never the rebutting statement itself, a statement by the rebutting speaker, another denial, or
a statement inside the rebuttal (holding its cue, or inside the claim it quotes).

A candidate scores the share of the claim's terms (``words.terms`` of the claim text and of the
rest of the rebuttal's clause, less the rebutting speaker's own words and the words that only
say it is a figure; at most ``CAP`` counted) found in the candidate's own text
(``claims.own_text``) and speaker ("the satellite estimate" → "The European satellite
monitoring service said …"), plus:

- ``NUMBER_BONUS`` when a number of the claim is one of the candidate's ("figure of 23 deaths");
- ``FIGURE_BONUS`` when the claim is a figure ("count", "estimate", a comparison cue: "far fewer
  than") and the candidate states one;
- ``SPEAKER_BONUS`` (``RELATED_BONUS`` when the name only contains the named one) when the
  candidate's speaker is an entity the claim names ("Ventura's claims"), or ``CLAIMANT_BONUS``
  when its speaker's words hold a word naming the claim's author ("the union figure", "the
  official figures" → an official body, "the statement by the Russian command");
- ``TITLE_WEIGHT`` times the share of the rebuttal article's headline terms it holds, in another
  article, or in its own when the claim has no words ("rejected the result");
- in the same article, ``LOCAL_BONUS`` less ``STEP`` per sentence of distance (and once more when
  it comes after the rebuttal), so the nearest earlier claim wins ties; ``LATER_PENALTY`` off
  when it is dated after the rebuttal ("said on Tuesday" against "had said on Monday").

The best at or above ``MIN_SCORE`` wins, the earliest published on ties; below it the dispute
stays unresolved and visible, as does a claim with no words and no figure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property
from itertools import groupby
from typing import Any

from claimscope.extract.asof import sentence_bounds
from claimscope.extract.disputes import DENIAL_CUES, is_comparison
from claimscope.reconcile.claims import Candidate, common, entity_key, own_text, retrieve
from claimscope.reconcile.words import FIGURE, numbers, terms
from claimscope.store import Store
from claimscope.store import reconcile as rq

WINDOW_DAYS = 30
MIN_SCORE = 0.3
CAP = 5
SPEAKER_BONUS = 0.35
CLAIMANT_BONUS = 0.3
RELATED_BONUS = 0.15
NUMBER_BONUS = 0.5
FIGURE_BONUS = 0.2
TITLE_WEIGHT = 0.3
LOCAL_BONUS = 0.15
STEP = 0.01
LATER_PENALTY = 0.2
RELATED_CACHE = 10_000
LOCAL_ID = re.compile(r"^s\d+$")
CLAUSE_END = re.compile(r",\s+(?:although|though|while|but|whereas|saying)\b|[;—\"”]")
CLAIM_NOUN = (r"(?:claims?|figures?|counts?|estimates?|numbers?|tolls?|tall(?:y|ies)|totals?|"
              r"statements?|assertions?|announcements?|reports?|results?|data)")
CLAIMANT = re.compile(rf"((?:[\w'’-]+\s+){{1,4}}){CLAIM_NOUN}\b|\b{CLAIM_NOUN}\s+by\s+"
                      rf"((?:[\w.'’-]+\s*){{1,4}})", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """What a rebuttal's claim text gives to match against: its terms, numbers, headline, and
    the words naming its author."""

    words: frozenset[str]
    numbers: frozenset[float]
    figure: bool
    title: frozenset[str]
    claimant: frozenset[str]

    def speaker_bonus(self, named: Named, entity: int | None, speaker: str | None) -> float:
        """The bonus of a candidate by this speaker (see the module docstring)."""
        claimant = CLAIMANT_BONUS if self.claimant & terms(speaker or "") else 0.0
        return max(named.bonus(entity), claimant)

    def score(
        self, found: frozenset[str], cand_numbers: frozenset[float], bonus: float, title: bool
    ) -> float:
        """The score of a candidate's terms and numbers (see the module docstring)."""
        share = len(self.words & found) / min(len(self.words), CAP) if self.words else 0.0
        score = min(share, 1.0) + bonus
        if self.numbers & cand_numbers:
            score += NUMBER_BONUS
        if self.figure and cand_numbers:
            score += FIGURE_BONUS
        if title and self.title:
            score += TITLE_WEIGHT * len(self.title & found) / len(self.title)
        return score


@dataclass(frozen=True)
class Named:
    """The entities the claim text names (``exact``), and those whose name contains theirs."""

    exact: frozenset[int]
    related: frozenset[int]

    def bonus(self, speaker: int | None) -> float:
        if speaker in self.exact:
            return SPEAKER_BONUS
        return RELATED_BONUS if speaker in self.related else 0.0


@dataclass
class Page:
    """One rebuttal article: its text, sentence starts, possible claims, entity mentions and
    disputes."""

    text: str
    starts: list[int]
    claims: list[dict[str, Any]]
    mentions: list[tuple[int, str, int, int]]
    disputes: list[dict[str, Any]]

    @cached_property
    def contents(self) -> list[tuple[int, int]]:
        return [(c["start"], c["end"]) for c in self.claims if c["kind"] == "statement"]

    def sentence(self, at: int) -> tuple[int, int]:
        """The bounds of the sentence holding offset ``at``."""
        i = max(0, bisect_right(self.starts, at) - 1)
        return self.starts[i], self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)


class Linker:
    """Links the disputes of one reconcile pass; caches the entities related to each name."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.related: dict[str, list[int]] = {}
        self.common = common(rq.claim_count(store))

    def _related(self, names: list[str]) -> set[int]:
        out: set[int] = set()
        for name in names:
            if name not in self.related:
                if len(self.related) >= RELATED_CACHE:
                    self.related.clear()
                self.related[name] = rq.entity_ids_named(self.store, [name])
            out.update(self.related[name])
        return out

    def named(self, row: dict[str, Any], page: Page) -> Named:
        claim_text = row["disputed"]
        at = page.text.find(claim_text)
        inside = [(i, n) for i, n, s, e in page.mentions
                  if at >= 0 and at <= s and e <= at + len(claim_text)]
        speaker = row["speaker_entity_id"]
        exact = {i for i, _ in inside} - {speaker}
        related = (self._related(sorted({n for _, n in inside})) | exact) - {speaker}
        return Named(frozenset(exact), frozenset(related))

    def link(self, row: dict[str, Any], page: Page) -> tuple[str | None, float]:
        claim = _claim(row, page)
        if not claim.words and not claim.figure:
            return None, 0.0
        named = self.named(row, page)
        local = _local_link(row, claim, named, page)
        cross = self._cross_link(row, claim, named) if claim.words else (0.0, None)
        score, claim_id = max(local, cross, key=lambda sc: sc[0])
        return (claim_id, score) if score >= MIN_SCORE else (None, score)

    def _cross_link(
        self, row: dict[str, Any], claim: Claim, named: Named
    ) -> tuple[float, str | None]:
        """The best claim in another article published before the rebuttal."""
        published = row["published"]
        window = (published - timedelta(days=WINDOW_DAYS), published) if published else None
        keys = set(claim.words) | {entity_key(i) for i in named.related}
        best: tuple[float, int, str | None] = (0.0, 0, None)
        for cand in retrieve(self.store, keys, window, row["origin"], self.common):
            if _excluded_cross(cand, row):
                continue
            bonus = claim.speaker_bonus(named, cand.speaker_entity_id, cand.speaker)
            score = claim.score(cand.terms, cand.numbers, bonus, title=True)
            key = (score, -(cand.published.toordinal() if cand.published else 0), cand.id)
            if key[:2] > best[:2]:
                best = key
        return best[0], best[2]


def _claim(row: dict[str, Any], page: Page) -> Claim:
    claim = row["disputed"]
    rest = ""
    if row["cue_end"] is not None and row["cue_end"] <= len(page.text):
        rest = page.text[row["cue_end"] : page.sentence(row["cue_start"])[1]]
        rest = CLAUSE_END.split(rest, maxsplit=1)[0]
    cue = page.text[row["cue_start"] : row["cue_end"]]
    words = terms(f"{claim} {rest}")
    speaker = terms(row["speaker_text"] or "")
    figure = bool(words & FIGURE) or is_comparison(cue)
    title = terms(row["title"] or "")
    claimant = {w for m in CLAIMANT.finditer(claim) for w in terms(m.group(1) or m.group(2))}
    return Claim(frozenset(words - speaker - FIGURE), frozenset(numbers(claim)), figure,
                 frozenset(title - speaker - FIGURE), frozenset(claimant - speaker - FIGURE))


def _excluded(cand: dict[str, Any], row: dict[str, Any]) -> bool:
    if cand["id"] == row["disputing"] or cand["cue_lemma"] in DENIAL_CUES:
        return True
    speaker = row["speaker_entity_id"]
    if speaker is not None and cand["speaker_entity_id"] == speaker:
        return True
    own = (row["speaker_text"] or "").lower()
    return bool(own) and (cand["speaker"] or "").lower() == own


def _excluded_cross(cand: Candidate, row: dict[str, Any]) -> bool:
    return _excluded({"id": cand.id, "cue_lemma": "", "speaker": cand.speaker,
                      "speaker_entity_id": cand.speaker_entity_id}, row)


def _local_link(
    row: dict[str, Any], claim: Claim, named: Named, page: Page
) -> tuple[float, str | None]:
    """The best claim in the rebuttal's own article."""
    at = row["cue_start"]
    here = bisect_right(page.starts, at)
    best: tuple[float, str | None] = (0.0, None)
    quoted = page.text.find(row["disputed"])
    for cand in page.claims:
        if _excluded(cand, row) or cand["start"] <= at < cand["end"] or (
            0 <= quoted <= cand["start"] and cand["end"] <= quoted + len(row["disputed"])
        ):
            continue
        low, high = page.sentence(cand["start"])
        if cand["kind"] == "quantity" and low <= at < high:
            continue
        pieces = own_text(page.text, page.starts, (cand["id"], cand["start"], cand["end"]),
                          page.contents, page.disputes)
        there = bisect_right(page.starts, cand["start"])
        penalty = STEP * (abs(there - here) + (there > here))
        if row["as_of"] and cand["as_of"] and cand["as_of"][:10] > row["as_of"][:10]:
            penalty += LATER_PENALTY
        own = " ".join(page.text[a:b] for a, b in pieces)
        found = frozenset(terms(f"{own} {cand['speaker'] or ''}"))
        bonus = LOCAL_BONUS - penalty + claim.speaker_bonus(named, cand["speaker_entity_id"],
                                                            cand["speaker"])
        score = claim.score(found, frozenset(numbers(own)), bonus, title=not claim.words)
        if score > best[0]:
            best = (score, cand["id"])
    return best


def link_disputes(store: Store, tick: Callable[[], None]) -> Iterator[dict[str, Any]]:
    """One ``rc_disputes`` row per stored dispute, article by article."""
    linker = Linker(store)
    for article_id, group in groupby(rq.stored_disputes(store), key=lambda r: r["article_id"]):
        rows = list(group)
        text = rows[0]["text"]
        page = Page(text, sentence_bounds(text), rq.article_claims(store, article_id),
                    rq.article_mentions(store, article_id), rows)
        ids = {c["id"] for c in page.claims}
        for row in rows:
            tick()
            disputed = row["disputed"]
            local = f"{article_id}:{disputed}"
            if LOCAL_ID.match(disputed) and local in ids:
                claim_id, link, score, claim_text = local, "article", 1.0, ""
            else:
                claim_id, score = linker.link(row, page)
                link = "none"
                if claim_id:
                    link = "article" if claim_id.startswith(f"{article_id}:") else "cross"
                claim_text = disputed
            yield {"id": row["id"], "article_id": article_id, "rebuttal_id": row["disputing"],
                   "claim_id": claim_id, "claim_text": claim_text, "link": link,
                   "score": round(score, 3)}
