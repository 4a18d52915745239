"""Rebuttals within one article: which statements deny or dispute a claim, and which claim.

A statement is a rebuttal when its cue is a denial verb or noun ("denied", "rejected",
"dismissed", "disputed", "brushed aside") that is not negated ("neither confirmed nor denied"),
or its content carries a rebuttal phrase ("does not correspond to reality", "false", "far fewer
than", "contrary to", "propaganda", "far too low") under a reporting cue or a naming one
("calling its estimates a fabrication"). Two more constructions rebut:

- a claim noun governed by a denial verb whose subject the statement extractor took for the
  noun's speaker ("Peskov brushed aside Ukrainian statements that fighting was continuing"):
  the denial verb (with its particle) is the cue, the noun phrase and its clause the claim;
- an estimate stated without a reporting verb followed in its clause by a comparison or a
  contrast with a claim ("put the number of strikers at 380,000, far fewer than the unions
  claimed"; not "well below last year's march"): the quantity is the rebuttal, and the claim
  is the text after the phrase ("the unions claimed").

The disputed claim, first match wins:

0. a cue inside an appositive that names a claim ("…, a claim Kyiv has rejected"; "…, a figure
   that the agency disputed"; "…, a statement met with skepticism from Kyiv, which contends that
   … “do not correspond to reality”") rebuts the statement it follows in the same sentence;
1. another statement nested in the rebuttal's content ("rejected Russia's claim that …",
   "dismissed Gerasimov's announcement that …");
2. for a short nominal content ("rejected the American estimate"), the nearest earlier
   statement whose speaker the content names (→ the Pentagon's), speaker ≠ the rebutting one;
   where the content speaks of a figure ("estimate", "figure", "toll"), the first such
   statement that holds a number, if one does (the estimate as first given; later quotes of
   that speaker elaborate it);
3. a short anaphor ("the figure") or a generic one ("Anything else you hear is wishful
   thinking") takes the claim of the article's previous dispute;
4. otherwise the claim as text (the rebuttal's content, or the text of the phrase's sentence
   before the phrase); ``reconcile`` later looks for it in other stored articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimscope.extract.cues import DENIAL_VERBS
from claimscope.model import Article, Dispute, Entity, Quantity, Span, Statement
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
# Nouns for a figure: rejecting "the American estimate" rejects a claim that holds a number.
ESTIMATE_NOUNS = frozenset(
    {"estimate", "figure", "number", "count", "tally", "toll", "total", "assessment", "projection"}
)
REBUTTAL_PHRASES = re.compile(
    r"\b(?:does not|doesn't|do not|did not) (?:correspond to|reflect) (?:reality|the facts|what)"
    r"|\b(?:is|was|are|were|entirely|completely|simply|patently) (?:false|untrue|wrong)\b"
    r"|\bnot true\b|\bfar (?:fewer|lower|higher|more|too (?:low|high))\b|\bcontrary to\b"
    r"|\bas (?:propaganda|a fabrication|fiction|baseless|groundless|nonsense|exaggerated)"
    r"|\bfabrication\b|\bgroundless\b|\bbaseless\b|\bwishful thinking\b|\bgrossly (?:inflated|"
    r"exaggerated)\b|\bnowhere near\b|\b(?:pure|complete|total) (?:fiction|invention)\b",
    re.IGNORECASE,
)
COMPARISON = re.compile(
    r"[^.;:!?]{0,60}?,\s+(?P<cue>(?:far|much|well|significantly) (?:fewer|lower|higher|more|"
    r"less|below|above)|nowhere near|contrary to|at odds with)\b",
    re.IGNORECASE,
)
COMPARATIVE = re.compile(r"\b(?:fewer|lower|higher|more|less|below|above|near|contrary|odds)\b",
                         re.IGNORECASE)
COORDINATED = re.compile(r"\b(?:and|but|while|whereas) that\s+", re.IGNORECASE)
AFTER = re.compile(r"\s*(?:than|to|with)?\s*([^.;:!?]*?)\s*(?:[.;:!?]|,\s|$)")
CLAIMED = re.compile(r"\b(?:claim\w*|said|says|report\w*|estimat\w*|figures?|counts?|tall(?:y|ies)|"
                     r"numbers?|tolls?|announc\w*|official)\b", re.IGNORECASE)
APPOSITIVE = re.compile(
    r",\s+(?:a|an|the)\s+(?:claim|figure|assertion|statement|announcement|estimate|number|"
    r"report|allegation|account|count|toll)\b(?:[^,.;:!?]|,\s+(?:which|who)\b)*$",
    re.IGNORECASE,
)
NEGATED = re.compile(r"\b(?:not|nor|never|n't)\s+(?:\w+\s+)?$", re.IGNORECASE)
SHORT_CONTENT = 8
# Reporting verbs that take no side themselves: a rebuttal phrase in their content rebuts.
WEAK_CUES = {
    "say", "tell", "add", "continue", "state", "insist", "note", "according to", "contend",
    "argue", "maintain", "assert", "counter", "respond", "reply", "retort", "stress",
    "emphasize", "write", "declare",
}
NAMING_CUES = {"call", "describe", "label", "brand", "term"}
CLAIM_NOUNS = {"statement", "claim", "report", "allegation", "assertion", "suggestion", "rumor",
               "rumour", "announcement", "accusation"}
TRAILER = re.compile(r"(?:[\s\"“”'.,]|\b(?:a|an|as|is|was|are|were)\b)+$", re.IGNORECASE)
GENERIC = ("anything", "everything", "whatever", "all")


def is_comparison(cue: str) -> bool:
    """Whether a rebuttal cue compares ("far more", "contrary to"): the text before it is then
    the rebutting side's own claim, not the rebutted one."""
    return COMPARATIVE.search(cue) is not None


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


def is_rebuttal(doc: Doc, st: Statement, cues: frozenset[int] = frozenset()) -> Span | None:
    """The rebuttal cue of a statement (denial verb, or rebuttal phrase, or a denial verb
    governing its claim-noun cue that starts none of the ``cues`` of other statements), else
    None."""
    if st.cue_lemma in DENIAL_CUES:
        before = doc_text(doc)[max(0, st.cue.start - 20) : st.cue.start]
        return None if NEGATED.search(before) else st.cue
    found = _phrase(doc, st)
    if found is None or st.cue_lemma not in WEAK_CUES | DENIAL_CUES | NAMING_CUES:
        denied = _denied_noun(doc, st)
        return denied if denied is not None and denied.start not in cues else None
    return Span(found.group(0), found.start(), found.end())


def _denies_noun(st: Statement, cue: Span) -> bool:
    """Whether the rebuttal cue is a denial verb governing the statement's claim-noun cue."""
    return st.cue_lemma in CLAIM_NOUNS and cue.end <= st.cue.start


def _denied_noun(doc: Doc, st: Statement) -> Span | None:
    """The denial verb governing a claim-noun cue whose subject is the statement's speaker
    ("Peskov brushed aside Ukrainian statements that …"), with its particle ("aside")."""
    if st.cue_lemma not in CLAIM_NOUNS or st.speaker is None:
        return None
    noun = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
    if noun is None:
        return None
    verb = noun.root.head
    if noun.root.dep_ not in ("dobj", "obj") or verb.lemma_ not in DENIAL_CUES:
        return None
    speaker = st.speaker.span
    if not any(c.dep_.startswith("nsubj") and c.left_edge.idx <= speaker.start < c.idx + len(c)
               for c in verb.children):
        return None
    parts = [verb, *(c for c in verb.children if c.dep_ in ("prt", "advmod")
                     and c.i == verb.i + 1 and c.lower_ in ("aside", "off", "away"))]
    start, end = parts[0].idx, parts[-1].idx + len(parts[-1])
    return Span(doc_text(doc)[start:end], start, end)


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


def _content_tokens(doc: Doc, st: Statement) -> Sequence[Token]:
    span = doc.char_span(st.content.start, st.content.end, alignment_mode="expand")
    return span if span is not None else ()


def _names_estimate(doc: Doc, st: Statement) -> bool:
    """Whether the content speaks of a figure ("rejected the American estimate")."""
    return any(t.lemma_.lower() in ESTIMATE_NOUNS for t in _content_tokens(doc, st))


def _holds_number(doc: Doc, st: Statement) -> bool:
    return any(t.like_num for t in _content_tokens(doc, st))


def _speaker_named(claim: Statement, names: set[str]) -> bool:
    if claim.speaker is None or claim.speaker.name is None:
        return False
    return any(n == claim.speaker.name or n in claim.speaker.name for n in names)


def _claim_text(doc: Doc, st: Statement, cue: Span) -> Span:
    """The claim as text: the content; for a rebuttal phrase inside the content, the text of
    its sentence before the phrase (from its last coordinated clause: "… and that the official
    figures were false"), or the sentence before when the phrase opens its own."""
    start, end = st.content.start, st.content.end
    if start < cue.start < end:
        sent = doc.char_span(cue.start, cue.end, alignment_mode="expand")
        start, end = max(start, sent.sent.start_char) if sent else start, cue.start
        if sent is not None and len(doc_text(doc)[start:end].split()) <= 1 and sent.sent.start > 0:
            start = max(st.content.start, doc[sent.sent.start - 1].sent.start_char)
        clauses = list(COORDINATED.finditer(doc_text(doc), start, end))
        start = clauses[-1].end() if clauses else start
    elif _denies_noun(st, cue):
        noun = doc.char_span(st.cue.start, st.cue.end, alignment_mode="expand")
        start = noun.root.left_edge.idx if noun is not None else st.cue.start
    raw = doc_text(doc)[start:end]
    lead = len(raw) - len(raw.lstrip(" \"“'"))
    text = TRAILER.sub("", raw.strip(" ,\"“”'"))
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
    """A short nominal that refers back ("the figure", "this estimate"), or a generic one
    ("anything else you hear")."""
    words = text.lower().split()
    if 0 < len(words) <= 5 and words[0] in GENERIC:
        return True
    return 0 < len(words) <= 3 and words[0] in ("the", "this", "that", "its", "these", "such")


def _compared(doc: Doc, q: Quantity, statements: Sequence[Statement]) -> tuple[Span, Span] | None:
    """The comparison cue and the claim after it, for an estimate stated without a reporting
    verb and followed in its clause by "far fewer than …", "contrary to …" naming a claim."""
    if q.statement is not None or any(
        st.content.start <= q.span.start < st.content.end for st in statements
    ):
        return None
    text = doc_text(doc)
    found = COMPARISON.match(text, q.span.end)
    after = AFTER.match(text, found.end()) if found else None
    if found is None or after is None or CLAIMED.search(after.group(1)) is None:
        return None
    return (Span(found.group("cue"), found.start("cue"), found.end("cue")),
            Span(after.group(1), after.start(1), after.end(1)))


def extract_disputes(
    doc: Doc,
    article: Article,
    statements: Sequence[Statement],
    entities: Sequence[Entity],
    quantities: Sequence[Quantity] = (),
) -> list[Dispute]:
    """Disputes of the article, ids "d1", "d2", … in text order of the rebuttals."""
    found: list[tuple[Span, str, str]] = []
    for q in quantities:
        compared = _compared(doc, q, statements)
        if compared is not None:
            found.append((compared[0], q.id, compared[1].text))
    cues = frozenset(st.cue.start for st in statements)
    rebuttals = {st.id: cue for st in statements
                 if (cue := is_rebuttal(doc, st, cues)) is not None}
    by_id = {st.id: st for st in statements}
    for st_id, cue in sorted(rebuttals.items(), key=lambda item: item[1].start):
        earlier = [f for f in found if f[0].start < cue.start and f[2]]
        previous = max(earlier, key=lambda f: f[0].start)[2] if earlier else ""
        found.append((cue, st_id, _disputed(doc, by_id[st_id], cue, statements, entities,
                                            rebuttals, previous)))
    found = sorted((f for f in found if f[2]), key=lambda f: f[0].start)
    return [Dispute(f"d{k}", disputing, disputed, cue)
            for k, (cue, disputing, disputed) in enumerate(found, 1)]


def _disputed(
    doc: Doc, st: Statement, cue: Span, statements: Sequence[Statement],
    entities: Sequence[Entity], rebuttals: dict[str, Span], previous: str,
) -> str:
    """The claim a rebuttal statement disputes: a statement id, or the claim as text."""
    if _denies_noun(st, cue):
        return _claim_text(doc, st, cue).text
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
        if earlier and _names_estimate(doc, st):
            first_figure = next((o for o in earlier if _holds_number(doc, o)), None)
            if first_figure is not None:  # the estimate as first given; later quotes elaborate it
                earlier = [first_figure]
        disputed = earlier[-1].id if earlier else ""
    if not disputed:
        claim = _claim_text(doc, st, cue).text
        disputed = previous if previous and _is_anaphor(claim) else claim
    return disputed
