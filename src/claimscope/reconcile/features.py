"""What a stored quantity measures: its measure key (subject, kind, scope, time window).

Reads only stored records: the quantity (counted phrase, predicate, category, unit), the
article text around it, and the article's entity mentions. Two quantities are estimates of one
measure when their keys are equal, so grouping is a hash join (blocking by key) that never
compares pairs.

- kind: what happened to what is counted, from a lexicon over the counted phrase, its predicate
  and the clause around the number ("servicemen killed or injured", "casualties", "losses" →
  killed-or-wounded; "died", "deaths" → killed; "sent", "deployed" → sent; "turnout";
  "burned" + an area unit → area burned …). Words are read only inside the number's clause.
- scope: "civilians" when the count is of civilians; money/share/area keep their family apart.
- window: a time window written after the number ("in the past week", "on Monday alone").
- subject: whose count it is, a country (or, for votes and seats, a party): an entity
  mentioned in the counted phrase ("North Korean
  servicemen" → North Korea), else right after the number ("two dozen more North Korean
  soldiers"), else the nearest actor before it in the clause that is not the source ("Ukraine
  had lost …"; "a U.S. estimate of …" names a source, not a subject), else the subject of the
  article's previous estimate ("some 600 of them"), else the article's most-mentioned country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from claimscope.resolve.gazetteer import load as load_gazetteer

CLAUSE_BREAK = re.compile(
    r"[.;:!?\n]|, (?:while|but|whereas|and that|although)\b| (?:and|but) that\b|, a \w+ that\b"
    r"| while | whereas |\(|\)|—"
)
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
KILLED = {"killed", "kill", "died", "die", "dead", "death", "deaths", "fatalities", "fatality",
          "drowned", "perished", "lives", "bodies", "fallen"}
WOUNDED = {"wounded", "injured", "injuries", "injury", "hurt", "wound", "injure"}
BOTH = {"casualties", "casualty", "losses"}
KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("missing", frozenset({"missing", "unaccounted"})),
    ("captured", frozenset({"captured", "prisoners", "prisoner", "captive", "captives"})),
    ("evacuated", frozenset({"evacuated", "evacuate", "evacuees", "displaced", "fled",
                             "homeless", "evacuation"})),
    ("on strike", frozenset({"strike", "striking", "strikers", "walked", "walkout", "stoppage",
                             "stayed"})),
    ("sent", frozenset({"sent", "send", "dispatched", "deployed", "deploy", "went", "stationed",
                        "contingent", "dispatch"})),
    ("protesters", frozenset({"protesters", "demonstrators", "marched", "rally", "protest",
                              "crowd", "marchers"})),
    ("turnout", frozenset({"turnout"})),
    ("votes", frozenset({"vote", "votes", "ballots", "ballot"})),
    ("seats", frozenset({"seats", "seat"})),
    ("burned", frozenset({"burned", "burnt", "scorched", "charred", "blackened", "consumed",
                          "burn", "fire", "wildfire", "blaze"})),
    ("homes damaged", frozenset({"homes", "houses", "buildings", "dwellings", "home", "house"})),
    ("damage", frozenset({"damage", "damages", "cost", "costs"})),
)
CIVILIAN = {"civilian", "civilians", "residents", "children", "passengers", "villagers"}
NOT_SUBJECT_AFTER = re.compile(
    r"^\W*(?:'s )?(?:officials?|estimates?|figures?|assessments?|counts?|tally|tallies|reports?|"
    r"data|intelligence|agency|government|ministry|authorities|president|leader|spokesman|"
    r"spokeswoman|police|media|sources?|military officials|defen[cs]e|analysts?|officers?|"
    r"army|general staff|command|forces|and |, )",
    re.IGNORECASE,
)
WINDOW = re.compile(
    r"\b(?:in|over|during) the (?:past|last|previous) (?:(?:\d+|two|three|four|five|few|24|48) )?"
    r"(?:hours?|days?|weeks?|months?)\b|\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday) alone\b|\bin a single (?:day|week|night)\b|\b(?:per|a) day\b|\bdaily\b"
    r"|\bthis week\b|\bovernight\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "few": "few"}
AREA_UNITS = {"km2", "mi2", "m2", "ha", "acre", "ft2"}
PLACE_TYPES = {"GPE", "LOC"}
ACTOR_TYPES = {"GPE", "GOV", "NORP", "ORG", "LOC"}
PLACE_PREPOSITION = re.compile(
    r"\b(?:to|in|into|inside|from|for|across|near|against|on|at|of) (?:the )?$", re.IGNORECASE
)
PARTY_KINDS = {"vote share", "votes", "seats"}
GOVERNMENT = re.compile(r"^Government of (?:the )?(.+)$")
WINDOW_AFTER = 60
BEFORE_LIMIT = 160


@dataclass(frozen=True)
class MeasureKey:
    """The identity of a measure: subject, kind, scope and time window."""

    subject: str
    kind: str
    scope: str
    window: str

    def key(self) -> str:
        return "|".join((self.subject, self.kind, self.scope, self.window))

    def name(self) -> str:
        """A readable name: "North Korea: killed or wounded (past week)"."""
        scope = f"{self.scope} " if self.scope and self.scope not in self.kind else ""
        text = f"{self.subject or 'unknown subject'}: {scope}{self.kind}"
        return f"{text} ({self.window})" if self.window else text


@dataclass(frozen=True)
class Mention:
    """An entity mention in the article: offsets, canonical name, type."""

    start: int
    end: int
    name: str
    type: str


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding characters [start, end): from the last break before to the next."""
    lo = max(0, start - BEFORE_LIMIT)
    before = list(CLAUSE_BREAK.finditer(text, lo, start))
    c_start = before[-1].end() if before else lo
    after = CLAUSE_BREAK.search(text, end, min(len(text), end + 200))
    c_end = after.start() if after else min(len(text), end + 200)
    return c_start, c_end


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _kind(words: list[str], near: list[str], unit: str | None, category: str | None) -> str:
    """The kind of count from the counted words first, then the clause words."""
    for pool in (words, near):
        found = set(pool)
        killed, wounded = bool(found & KILLED), bool(found & WOUNDED)
        if found & BOTH or (killed and wounded):
            return "killed or wounded"
        if killed:
            return "killed"
        if wounded:
            return "wounded"
        for kind, lexicon in KINDS:
            if found & lexicon:
                if kind == "burned" and unit not in AREA_UNITS and category != "territory":
                    continue
                if kind == "votes" and category == "share":
                    return "vote share"
                return kind
    return ""


def _window(text: str, start: int, end: int) -> str:
    found = WINDOW.search(text, start, end)
    if found is None:
        return ""
    phrase = found.group(0).lower()
    for prefix in ("in the ", "over the ", "during the "):
        if phrase.startswith(prefix):
            phrase = phrase[len(prefix):]
    phrase = phrase.replace("last ", "past ").replace("previous ", "past ")
    phrase = re.sub(r"\b(two|three|four|five)\b", lambda m: NUMBER_WORDS[m.group(1)], phrase)
    if phrase in ("a day", "per day", "daily"):
        return "per day"
    if re.fullmatch(r"on \w+ alone|in a single day|overnight", phrase):
        return "one day"
    return phrase.replace("past 1 ", "past ").replace("past 7 days", "past week")


def is_country(name: str) -> bool:
    """Whether a canonical name is a country (or a country's government)."""
    entry = load_gazetteer().lookup(country_of(name))
    return entry is not None and entry.kind == "country"


def _subject(
    q: dict[str, Any], text: str, all_mentions: list[Mention], clause: tuple[int, int],
    kind: str,
) -> str:
    """The subject entity of the count (see the module docstring), or ''."""
    parties = kind in PARTY_KINDS
    mentions = [m for m in all_mentions if is_country(m.name) or (parties and m.type == "ORG")]
    span = (q["counted_start"], q["counted_end"]) if q.get("counted_start") is not None else None
    if span is not None and span[0] >= clause[0] and span[1] <= clause[1] + 1:
        inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
        if inside:
            return inside[0].name
    after_end = min(clause[1], q["end"] + WINDOW_AFTER)
    after = [
        m for m in mentions
        if q["end"] <= m.start < after_end and m.type in ACTOR_TYPES
        and not PLACE_PREPOSITION.search(text[max(0, m.start - 12) : m.start])
    ]
    if after:
        return after[0].name
    source = (q.get("source_name") or "", q.get("entity") or "")
    before = [
        m for m in mentions
        if clause[0] <= m.start and m.end <= q["start"] and m.type in ACTOR_TYPES
        and m.name not in source
        and not NOT_SUBJECT_AFTER.match(text[m.end : m.end + 30])
        and not text[max(0, m.start - 13) : m.start].lower().endswith("according to ")
    ]
    return before[-1].name if before else ""


def country_of(name: str) -> str:
    """A government stands for its country as a subject ("Government of North Korea")."""
    found = GOVERNMENT.match(name)
    return found.group(1) if found else name


def dominant_place(mentions: list[Mention]) -> str:
    """The article's most-mentioned country, else place (the fallback subject)."""
    countries = Counter(country_of(m.name) for m in mentions if is_country(m.name))
    if countries:
        return countries.most_common(1)[0][0]
    places = Counter(m.name for m in mentions if m.type in PLACE_TYPES)
    return places.most_common(1)[0][0] if places else ""


def measure_key(
    q: dict[str, Any], text: str, mentions: list[Mention], previous: MeasureKey | None,
    fallback_subject: str,
) -> MeasureKey | None:
    """The measure of a stored quantity, or None when it is not an estimate of a count."""
    record = q.get("record") or {}
    category, unit = record.get("category"), q.get("unit")
    if unit is not None and category is None:
        return None
    clause = clause_around(text, q["start"], q["end"])
    counted = record.get("counted") or ""
    counted_words = _words(CLAUSE_BREAK.split(counted)[0]) if counted else []
    near = _words(text[clause[0] : clause[1]])
    kind = _kind(counted_words, near, unit, category)
    if not kind:
        if not counted_words or category is None:
            return None
        kind = counted_words[-1].removesuffix("s")
    if category == "share" and kind not in ("vote share", "turnout"):
        kind = f"share {kind}"
    if category == "money":
        kind = f"money {kind}"
    scope = "civilians" if set(counted_words or near) & CIVILIAN else ""
    window = _window(text, q["end"], clause[1])
    subject = _subject(q, text, mentions, clause, kind)
    if not subject:
        anaphoric = not counted_words or counted_words[0] in ("them", "those", "the")
        if previous is not None and (anaphoric or previous.kind == kind):
            subject = previous.subject
        else:
            subject = fallback_subject
    return MeasureKey(country_of(subject), kind, scope, window)
