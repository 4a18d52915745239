"""Rebuttals within one article: which statements deny or dispute a claim, and which claim.

A statement is a rebuttal when its cue is a denial verb or noun ("denied", "rejected",
"dismissed", "disputed", "brushed aside") that is not negated ("neither confirmed nor denied"),
or its sentence carries a rebuttal phrase ("does not correspond to reality", "false", "far fewer
than", "contrary to", "propaganda", "far too low"). The disputed claim, first match wins:

0. a cue inside an appositive that names a claim ("…, a claim Kyiv has rejected"; "…, a figure
   that the agency disputed") rebuts the statement it follows in the same sentence;
1. another statement nested in the rebuttal's content ("rejected Russia's claim that …",
   "dismissed Gerasimov's announcement that …");
2. for a short nominal content ("rejected the American estimate"), the nearest earlier
   statement whose speaker the content names (→ the Pentagon's), speaker ≠ the rebutting one;
3. a short anaphor ("the figure") takes the claim of the article's previous dispute;
4. otherwise the claim as text (the rebuttal's content, or the text of the phrase's sentence
   before the phrase); ``reconcile`` later looks for it in other stored articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from claimscope.extract.cues import DENIAL_VERBS
from claimscope.model import Article, Dispute, Entity, Span, Statement
from claimscope.nlp import doc_text

DENIAL_CUES = DENIAL_VERBS | {
    "denial",
    "rejection",
    "rebuff",
    "contest",
    "contradict",
    "debunk",
    "brush",
    "refutation",
}
REBUTTAL_PHRASES = re.compile(
    r"\b(?:does not|doesn't|do not|did not) (?:correspond to|reflect) (?:reality|the facts|what)"
    r"|\b(?:is|was|are|were|entirely|completely|simply|patently) (?:false|untrue|wrong)\b"
    r"|\bnot true\b|\bfar (?:fewer|lower|higher|more|too (?:low|high))\b|\bcontrary to\b"
    r"|\bas (?:propaganda|a fabrication|fiction|baseless|groundless|nonsense|exaggerated)"
    r"|\bfabrication\b|\bgroundless\b|\bbaseless\b|\bwishful thinking\b|\bgrossly (?:inflated|"
    r"exaggerated)\b|\bnowhere near\b",
    re.IGNORECASE,
)
APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:claim|figure|assertion|statement|announcement|estimate|number|"
    r"report|allegation|account|count|toll)\b[^,.;:!?]*$",
    re.IGNORECASE,
)
NEGATED = re.compile(r"\b(?:not|nor|never|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)
SHORT_CONTENT = 8
WEAK_CUES = {"say", "tell", "add", "continue", "state", "insist", "note", "according to"}


def _covers(outer: Statement, inner: Statement) -> bool:
    return (
        outer.id != inner.id
        and outer.content.start <= inner.cue.start
        and inner.content.end <= outer.content.end + 1
    )


def _phrase(doc: Doc, st: Statement) -> re.Match[str] | None:
    """A rebuttal phrase inside the statement's content."""
    text = doc_text(doc)
    for start, end in st.fragments or [(st.content.start, st.content.end)]:
        found = REBUTTAL_PHRASES.search(text, start, end)
        if found is not None:
            return found
    return None


def is_rebuttal(doc: Doc, st: Statement) -> Span | None:
    """The rebuttal cue of a statement (denial verb, or rebuttal phrase), else None."""
    if st.cue_lemma in DENIAL_CUES:
        before = doc_text(doc)[max(0, st.cue.start - 20) : st.cue.start]
        return None if NEGATED.search(before) else st.cue
    found = _phrase(doc, st)
    if found is None or st.cue_lemma not in WEAK_CUES | DENIAL_CUES:
        return None
    return Span(found.group(0), found.start(), found.end())


def _speaker_key(st: Statement) -> str | None:
    if st.speaker is None:
        return None
    return st.speaker.entity or (st.speaker.name or st.speaker.span.text).lower()


def _named_in(st: Statement, entities: Sequence[Entity]) -> set[str]:
    """Names of the entities mentioned in the statement's content."""
    names = set()
    for ent in entities:
        if any(st.content.start <= s and e <= st.content.end for s, e in ent.mentions):
            names.add(ent.name)
    return names


def _speaker_named(claim: Statement, names: set[str]) -> bool:
    if claim.speaker is None or claim.speaker.name is None:
        return False
    return any(n == claim.speaker.name or n in claim.speaker.name for n in names)


def _claim_text(doc: Doc, st: Statement, cue: Span) -> Span:
    """The claim as text: the content; for a rebuttal phrase inside the content, the text of
    its sentence before the phrase, or the sentence before when the phrase opens its own."""
    start, end = st.content.start, st.content.end
    if start < cue.start < end:
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        start, end = max(start, sent.sent.start_char) if sent else start, cue.start
        if sent is not None and len(doc_text(doc)[start:end].split()) <= 1 and sent.sent.start > 0:
            start = max(st.content.start, doc[sent.sent.start - 1].sent.start_char)
    raw = doc_text(doc)[start:end]
    lead = len(raw) - len(raw.lstrip(" \"“'"))
    text = raw.strip(" ,\"“”'")
    return Span(text, start + lead, start + lead + len(text))


def _appositive_claim(
    doc: Doc, cue: Span, statements: Sequence[Statement], skip: set[str]
) -> str:
    """The statement an appositive rebuttal follows ("X said …, a claim Kyiv has rejected")."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if span is None:
        return ""
    sent_start = span.sent.start_char
    found = APPOSITIVE.search(doc_text(doc), sent_start, cue.start)
    if found is None:
        return ""
    before = [
        o for o in statements
        if o.id not in skip and sent_start <= min(o.cue.start, o.content.start)
        and max(o.cue.start, o.content.start) < found.start()
    ]
    return max(before, key=lambda o: o.content.start).id if before else ""


def _is_anaphor(text: str) -> bool:
    """A short nominal that refers back ("the figure", "this estimate")."""
    words = text.lower().split()
    return 0 < len(words) <= 3 and words[0] in ("the", "this", "that", "its", "these", "such")


def extract_disputes(
    doc: Doc, article: Article, statements: Sequence[Statement], entities: Sequence[Entity]
) -> list[Dispute]:
    """Disputes of the article, ids "d1", "d2", … in text order of the rebuttals."""
    out: list[Dispute] = []
    rebuttals = {st.id: cue for st in statements if (cue := is_rebuttal(doc, st)) is not None}
    for st in statements:
        cue = rebuttals.get(st.id)
        if cue is None:
            continue
        disputed = _appositive_claim(doc, cue, statements, {st.id, *rebuttals})
        nested = [o for o in statements if _covers(st, o) and o.id not in rebuttals]
        if not disputed and nested:
            disputed = nested[0].id
        if not disputed and len(st.content.text.split()) <= SHORT_CONTENT:
            names = _named_in(st, entities)
            earlier = [
                o
                for o in statements
                if o.cue.start < st.cue.start
                and o.id not in rebuttals
                and _speaker_key(o) != _speaker_key(st)
                and _speaker_named(o, names)
            ]
            disputed = earlier[-1].id if earlier else ""
        if not disputed:
            claim = _claim_text(doc, st, cue).text
            disputed = out[-1].disputed if out and _is_anaphor(claim) else claim
        if disputed:
            out.append(Dispute(f"d{len(out) + 1}", st.id, disputed, cue))
    return out
