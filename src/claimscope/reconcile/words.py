"""The words claims are matched by: content-word terms (lemma- and synonym-aware) and numbers.

A term is a lowercased content word reduced to a stem ("evacuated", "evacuate" → "evacuat";
"casualties" → "casualty"), with irregular forms and a few synonyms of what news claims are
about brought to one head ("won" → "win"; "finished", "ended" → "end"; "killed", "died",
"deaths" → "die"; "fled", "displaced" → "evacuat"; "retaken", "regained", "liberated",
"recaptured" → "retake"). An official body ("ministry", "commission", "agency", "police" …)
also yields the term ``official``, so "the official figures" meets the commission's count.
"""

from __future__ import annotations

import re

STOP = frozenset(
    """a an the of in on at to for by from with that this these those is are was were be been
    has have had it its their his her our they he she we said says say claim claims statement
    statements announcement not no and or but as than which who what will would could there all
    any also only very more most about""".split()
)
FIGURE = frozenset("figur count number estimat toll tally total result".split())
GROUPS = (
    ("win", "won wins winning victory"),
    ("lose", "lost loses losing"),
    ("hide", "hid hidden hiding hides concealed conceal"),
    ("fight", "fought fighting fights battle battles combat clashes"),
    ("end", "ended ending ends finish finished finishes concluded"),
    ("die", "died dies dead death deaths kill killed kills killing fatalities"),
    ("evacuate", "evacuees evacuee fled displaced"),
    ("retake", "retaken retook recapture recaptured regain regained liberate liberated"),
    ("strike", "strikers striker striking walkout"),
    ("protest", "protesters protester demonstrators marchers"),
    ("burn", "burned burnt burning"),
    ("destroy", "destroyed destruction"),
    ("send", "sent deployed deploy dispatched"),
)
OFFICIAL = frozenset(
    """official officials authority authorities ministry ministries government commission
    agency police service department office prefecture council""".split()
)
SUFFIXES = ("ing", "ed", "es", "s", "ly")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


SYNONYMS = {form: _stem(head) for head, forms in GROUPS for form in [head, *forms.split()]}


def term(word: str) -> str:
    """The term of one lowercased word (see the module docstring)."""
    if word in SYNONYMS:
        return SYNONYMS[word]
    stem = _stem(word)
    return SYNONYMS.get(stem, stem)


def terms(text: str) -> set[str]:
    """The content-word terms of a text, with ``official`` for an official body."""
    out = set()
    for word in WORD.findall(text.lower()):
        if word in STOP or len(word) < 3:
            continue
        if word in OFFICIAL:
            out.add("official")
            if word == "official":
                continue
        out.add(term(word))
    return out


def numbers(text: str) -> set[float]:
    """The numbers written in digits in a text ("23", "1,200", "1.2")."""
    return {float(n.replace(",", "")) for n in NUMBER.findall(text)}
