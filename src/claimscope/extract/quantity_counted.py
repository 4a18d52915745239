"""What a quantity counts: the counted noun phrase and the predicate that qualifies it.

The counted noun is found in the dependency parse from the quantity's head token:
1. the noun the number modifies ("4,000 North Korean servicemen", "a $48 million contract");
2. the object of "of" under the number ("dozens of homes", "a third of voters", "27% of the
   vote");
3. for a number that is the value of a clause ("casualties to be closer to 1,200", "the toll
   rose to 50"), the subject of that clause.

The counted phrase is contiguous: the noun with its modifiers between the number and the noun
(and a following "of" phrase). The qualifying predicate ("killed or injured", "dispatched") is
usually apart from it in the text, so it is a second contiguous span: the verb governing the
noun (as subject, object or participle modifier) through its coordinated verbs. A quantity's
JSON "counted" joins the two texts ("North Korean servicemen killed or injured").

An anaphoric counted noun ("casualties") is linked to the nearest earlier quantity of the same
kind (casualties, troops) whose description is fuller (has modifiers or a predicate).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

NOUN_POS = {"NOUN", "PROPN", "PRON"}
MODIFIER_DEPS = {"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "appos"}
VALUE_DEPS = {"pobj", "prep", "acomp", "attr", "advmod", "npadvmod", "dobj", "quantmod"}
VALUE_VERBS = {
    "be",
    "rise",
    "fall",
    "increase",
    "decrease",
    "reach",
    "total",
    "stand",
    "number",
    "exceed",
    "top",
    "hit",
    "climb",
    "grow",
    "drop",
    "jump",
    "decline",
    "surpass",
    "remain",
    "estimate",
    "put",
    "tally",
    "count",
    "amount",
    "equal",
    "near",
}
NOUN_MODIFIERS = {"amod", "compound", "nmod", "poss"}
SKIP_PREDICATES = {"be", "have", "say", "tell", "claim", "report", "estimate", "add", "state"}
CLASSES = {
    "casualties": {
        "casualty",
        "kill",
        "die",
        "dead",
        "death",
        "injure",
        "wound",
        "injury",
        "fatality",
        "loss",
        "wounded",
        "killed",
        "injured",
    },
    "troops": {
        "troop",
        "soldier",
        "serviceman",
        "servicemen",
        "personnel",
        "fighter",
        "marine",
        "mercenary",
        "conscript",
        "reservist",
    },
}


@dataclass(frozen=True)
class Counted:
    """The counted noun phrase, its head noun, and the qualifying predicate (token spans)."""

    phrase: SpacySpan
    head: Token
    predicate: SpacySpan | None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause whose value the number is ("casualties … to be closer to")."""
    t = token
    for _ in range(6):
        if t.dep_ not in VALUE_DEPS or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX") and t.lemma_ in VALUE_VERBS:
            for child in t.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in NOUN_POS:
                    return child
            return None
        if t.pos_ in ("VERB", "AUX"):
            return None
    return None


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def counted_noun(root: Token, inside: SpacySpan) -> Token | None:
    """The counted noun for a quantity whose head token is ``root`` and tokens ``inside``."""
    head = root.head
    outside = not (inside.start <= head.i < inside.end)
    if root.dep_ in MODIFIER_DEPS and outside and head.pos_ in NOUN_POS and head.i > root.i:
        return head
    for token in reversed(inside):
        obj = _of_object(token)
        if obj is not None:
            return obj
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and outside:
        return None
    return _clause_subject(root)


def _noun_phrase(noun: Token, after: int) -> SpacySpan:
    """The noun with its left modifiers after token index ``after`` and a following "of" PP."""
    start = noun.i
    for child in noun.lefts:
        if child.dep_ in NOUN_MODIFIERS and child.i > after:
            start = min(start, child.left_edge.i if child.left_edge.i > after else child.i)
    end = noun.i + 1
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - noun.i <= 8:
            end = child.right_edge.i + 1
    return noun.doc[start:end]


def _verb_group(verb: Token) -> SpacySpan:
    """A verb through its coordinated verbs ("killed or injured")."""
    end = verb.i
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB" and child.i > verb.i:
            end = max(end, child.i)
    return verb.doc[verb.i : end + 1]


def predicate(noun: Token) -> SpacySpan | None:
    """The verb that qualifies the counted noun: its own verb as subject or object, or a
    participle or relative clause on it."""
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            return _verb_group(child)
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.pos_ == "VERB":
        if head.lemma_ in SKIP_PREDICATES:
            return None
        return _verb_group(head)
    return None


def find_counted(doc: Doc, start: int, end: int) -> Counted | None:
    """The counted phrase for the quantity over characters [start, end) of ``doc``."""
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is None or len(inside) == 0:
        return None
    root = inside.root
    noun = counted_noun(root, inside)
    if noun is None or inside.start <= noun.i < inside.end:
        return None
    if noun.is_stop and noun.pos_ != "PRON":
        return None
    phrase = _noun_phrase(noun, inside.end - 1 if noun.i > root.i else -1)
    pred = predicate(noun)
    if pred is not None and (pred.start < phrase.end and phrase.start < pred.end):
        pred = None
    if pred is not None and inside.start < pred.end and pred.start < inside.end:
        pred = None
    return Counted(phrase, noun, pred)


def kind_of(counted: Counted) -> str | None:
    """ "casualties" or "troops" when the counted noun or its predicate says so."""
    words = {counted.head.lemma_.lower(), counted.head.lower_}
    if counted.predicate is not None:
        words |= {t.lemma_.lower() for t in counted.predicate}
    for kind, lexicon in CLASSES.items():
        if words & lexicon:
            return kind
    return None


def is_anaphoric(counted: Counted) -> bool:
    """A bare noun with no modifiers and no predicate ("casualties", "the troops")."""
    return len(counted.phrase) == 1 and counted.predicate is None
