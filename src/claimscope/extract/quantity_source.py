"""Who asserts a quantity, and with which hedge.

- The statement whose content fragment contains the quantity gives the source: its speaker's
  entity id and canonical name, or the speaker text when unresolved.
- Otherwise an "according to X" adjunct in the same sentence gives it: the whole subtree under
  "according" (the parse often splits a coordinated X), or, when X is a document ("assessments
  from U.S. officials", "a report by the UN"), what follows its "from"/"by"/"of". Its entity
  is the one with a mention at X's head, or the only one inside X.
- Otherwise a poll, survey, study or report that the number's clause is set "in" gives it ("In
  the latest Gallup poll, 41 percent …", "she trails by 6 points in a survey by the Siena
  College Research Institute"): the noun phrase up to that noun, or what follows its "by",
  "from" or "for". The number must not lie inside that phrase (the size of the sample).
- Otherwise the source is null: the outlet's own claim.
- Hedges: a passive belief or report verb above the number ("is believed to", "is said to"),
  any form of "estimate", "an estimated", and hedging adverbs ("reportedly", "allegedly").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimscope.model import Entity, Span, Statement
from claimscope.nlp import doc_text

DOCUMENT_NOUNS = {
    "assessment",
    "estimate",
    "report",
    "data",
    "figure",
    "statistic",
    "count",
    "tally",
    "survey",
    "poll",
    "intelligence",
    "record",
    "document",
    "analysis",
    "study",
    "source",
    "calculation",
    "information",
    "statement",
    "census",
}
# What a number is "in" when that gives its source: "in a poll", "in the latest survey".
FINDINGS_NOUNS = {"poll", "survey", "study", "report", "analysis", "census"}
PASSIVE_HEDGES = {
    "believe",
    "say",
    "think",
    "report",
    "suspect",
    "allege",
    "rumor",
    "rumour",
    "presume",
    "understand",
    "expect",
    "fear",
    "project",
    "claim",
}
HEDGE_ADVERBS = {
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "possibly",
    "probably",
    "likely",
    "perhaps",
    "roughly",
}


@dataclass(frozen=True)
class Source:
    """The asserting statement (if any), the source entity and name, and its evidence span."""

    statement: str | None = None
    entity: str | None = None
    name: str | None = None
    span: Span | None = None


def _containing_statement(
    start: int, end: int, statements: Sequence[Statement]
) -> Statement | None:
    best: Statement | None = None
    best_size = 0
    for st in statements:
        pieces = st.fragments or [(st.content.start, st.content.end)]
        for fs, fe in pieces:
            if fs <= start and end <= fe and (best is None or fe - fs < best_size):
                best, best_size = st, fe - fs
    return best


def _entity_in(start: int, end: int, head: Token, entities: Sequence[Entity]) -> str | None:
    inside: list[str] = []
    for ent in entities:
        for ms, me in ent.mentions:
            if ms <= head.idx < me:
                return ent.id
            if start <= ms and me <= end and ent.id not in inside:
                inside.append(ent.id)
    return inside[0] if len(inside) == 1 else None


def _according_to(doc: Doc, start: int, end: int, entities: Sequence[Entity]) -> Source | None:
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return None
    for token in inside.sent:
        if token.lower_ != "according" or token.i + 1 >= len(doc):
            continue
        to = doc[token.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if to.lower_ != "to" or not objs:
            continue
        agent = objs[0]
        phrase = sorted(t.i for t in token.subtree if t.i > to.i)
        first, last = doc[phrase[0]], doc[phrase[-1]]
        if agent.lemma_.lower() in DOCUMENT_NOUNS:
            for prep in agent.children:
                if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                    first = doc[prep.i + 1]
        while last.i > first.i and last.is_punct:
            last = doc[last.i - 1]
        s, e = first.idx, last.idx + len(last.text)
        if s <= start < e:
            continue
        if agent.i < first.i or agent.i > last.i:
            agent = last
        text = doc_text(doc)[s:e]
        return Source(None, _entity_in(s, e, agent, entities), text, Span(text, s, e))
    return None


def _in_findings(doc: Doc, start: int, end: int, entities: Sequence[Entity]) -> Source | None:
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return None
    number = inside.root
    for token in inside.sent:
        objs = [c for c in token.children if c.dep_ == "pobj"]
        if token.lower_ != "in" or token.dep_ != "prep" or not objs:
            continue
        finding = objs[0]
        if finding.lemma_.lower() not in FINDINGS_NOUNS:
            continue
        if token.i <= number.i <= finding.right_edge.i:
            continue  # the number belongs to the phrase: "in a survey of 1,000 voters"
        if not _set_in(number, token.head):
            continue
        first, last, agent = finding.left_edge, finding, finding
        for prep in finding.children:
            prep_objs = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "for") and prep_objs:
                agent = prep_objs[0]
                first, last = doc[prep.i + 1], agent.right_edge
        while last.i > first.i and last.is_punct:
            last = doc[last.i - 1]
        s, e = first.idx, last.idx + len(last.text)
        text = doc_text(doc)[s:e]
        return Source(None, _entity_in(s, e, agent, entities), text, Span(text, s, e))
    return None


def _set_in(number: Token, attached: Token) -> bool:
    """Whether a phrase hanging on ``attached`` covers the number: it hangs on the number's noun
    phrase or on a word above it, and no time adjunct lies between ("10 days after the primary,
    Obama was winning … in the same poll" gives the poll nothing for "10 days")."""
    if attached == number or number in attached.ancestors:
        return True
    path = [number]
    for above in number.ancestors:
        if above == attached:
            return not any(t.dep_ == "npadvmod" for t in path)
        path.append(above)
    return False


def find_source(
    doc: Doc, start: int, end: int, statements: Sequence[Statement], entities: Sequence[Entity]
) -> Source:
    """The source of the quantity over characters [start, end)."""
    st = _containing_statement(start, end, statements)
    if st is not None:
        if st.speaker is None:
            return Source(st.id)
        sp = st.speaker
        return Source(st.id, sp.entity, sp.name or sp.span.text, sp.span)
    return (
        _according_to(doc, start, end, entities)
        or _in_findings(doc, start, end, entities)
        or Source()
    )


def find_hedge(doc: Doc, start: int, end: int) -> str | None:
    """The hedge over the quantity: "believed", "estimated", "reportedly" …, else None."""
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None:
        return None
    token: Token = inside.root
    seen = 0
    while seen < 12:
        for child in token.children:
            if child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS:
                return child.lower_
        lemma = token.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if token.pos_ == "VERB" and (lemma == "estimate" or (passive and lemma in PASSIVE_HEDGES)):
            return token.lower_
        if token.dep_ == "amod" and lemma in ("estimate", "report", "allege"):
            return token.lower_
        if token.head.i == token.i:
            return None
        token = token.head
        seen += 1
    return None
