"""Capital or government? Reading a capital's mention in context.

News names a government by its capital ("Kyiv contends", "Moscow's assertions", "skepticism from
Kyiv", "talks between Washington and Seoul"). A capital is read as its government when it acts:
the subject of a verb (not a verb of place or condition, "Kyiv suffered blackouts"), a possessor
(not of a city part, "Kyiv's mayor"), the source or partner after "from", "by", "with",
"between" or "against" (not after a verb of motion, "flew from Moscow"), the one addressed by a
verb such as "accuse", "urge" or "warn" ("Tehran accuses Washington"), a modifier of "regime"
or "government", or the head of a relative clause with a verb. Otherwise it is the city, as is a
dateline written in capitals ("MOSCOW — …").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_PLACE_VERBS = frozenset(
    {
        "be", "become", "burn", "endure", "experience", "gain", "host", "lie", "look", "lose",
        "remain", "shake", "sit", "sleep", "suffer", "wake"
    }
)
_CITY_PARTS = frozenset(
    {
        "airport", "building", "buildings", "center", "centre", "citizens", "district",
        "districts", "hospital", "hospitals", "mayor", "metro", "outskirts", "people",
        "population", "power", "resident", "residents", "schools", "sky", "skyline", "station",
        "stations", "street", "streets", "suburb", "suburbs", "subway", "water"
    }
)
_MOTION_VERBS = frozenset(
    {
        "arrive", "come", "commute", "depart", "deploy", "drive", "escape", "evacuate", "fire",
        "flee", "fly", "go", "launch", "leave", "move", "relocate", "return", "send", "ship",
        "transfer", "travel"
    }
)
_ADDRESSEE_VERBS = frozenset(
    {
        "accuse", "ask", "assure", "blame", "call", "condemn", "criticise", "criticize", "inform",
        "invite", "lobby", "persuade", "praise", "press", "pressure", "reassure", "sanction",
        "tell", "thank", "threaten", "urge", "warn"
    }
)
_PARTNER_PREPS = frozenset({"from", "by", "with", "between", "against"})
_GOV_NOUNS = frozenset({"regime", "government", "leadership", "authorities", "administration"})


def _climb(token: Token) -> Token:
    """Up through coordination: in "Washington and Seoul said", Seoul reads like Washington."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def is_government(span: Span) -> bool:
    """Whether a capital's mention stands for its government (see the module docstring)."""
    if span.text.isupper():
        return False
    token = _climb(span.root)
    head = token.head
    if token.dep_ in ("nsubj", "csubj"):
        return head.lemma_.lower() not in _PLACE_VERBS
    if token.dep_ == "nsubjpass":
        return False
    if token.dep_ == "poss":
        return head.lemma_.lower() not in _CITY_PARTS
    if token.dep_ == "dobj":
        return head.lemma_.lower() in _ADDRESSEE_VERBS
    if token.dep_ in ("compound", "amod", "nmod"):
        return head.lemma_.lower() in _GOV_NOUNS
    if token.dep_ == "pobj":
        prep = head
        if prep.lower_ not in _PARTNER_PREPS:
            return False
        return prep.head.lemma_.lower() not in _MOTION_VERBS
    return any(child.dep_ == "relcl" and child.pos_ in ("VERB", "AUX") for child in token.children)
