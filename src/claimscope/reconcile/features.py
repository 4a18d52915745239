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
  A count of troops with no other kind is the size of a force sent ("put it at 10,000 troops").
  A number that names nothing it counts, or only an anaphor ("the toll", "the total", "them"),
  close after an estimate of the same order of magnitude, is another estimate of that measure
  ("… 10,000 to 12,000 troops. The agency settled on about 11,000.").
- scope: "civilians" when a casualty count is of civilians; money/share/area keep their family
  apart.
- window: a time window written after the number ("in the past week", "on Monday alone"); for
  one-day events (strikers, protesters) the day of the event: the quantity's as-of day, or, when
  that is only the publication date, the day of the article's previous event estimate.
- subject: whose count it is, a country (or, for votes and seats, a party): an entity
  mentioned in the counted phrase ("North Korean
  servicemen" → North Korea), else right after the number ("two dozen more North Korean
  soldiers"; not the agent of "announced by …"), else the nearest actor before it in the clause
  that is not the source ("Ukraine had lost …"; "a U.S. estimate of …" names a source, not a
  subject), else, for a party pronoun ("it had won 22 percent"), the party that is the source,
  else the subject of the article's previous estimate ("some 600 of them"), else the article's
  country (see ``ArticleContext``).

A counted phrase before the number followed by its verb ("U.S. officials put the toll at …") is
the agent, not what is counted, and is ignored.
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
CIVILIAN = {"civilian", "civilians", "children", "villagers"}
CASUALTY_KINDS = {"killed", "wounded", "killed or wounded", "captured", "missing"}
EVENT_KINDS = {"on strike", "protesters"}
PHRASE_KINDS = re.compile(r"^\W*(?:\w+ )?(?:went|go|goes|gone|going|walked) (?:on strike|out)\b",
                          re.IGNORECASE)
ANAPHORS = {"them", "those", "total", "toll", "figure", "number", "count", "tally", "estimate",
            "it"}
ANAPHOR_DISTANCE = 400
ANAPHOR_RATIO = 10.0
PARTY_PRONOUN = re.compile(r"\b(?:it|its|they|their)\b", re.IGNORECASE)
PROPER_RUN = re.compile(r"(?<![\w-])[A-Z][\w-]*(?: [A-Z][\w-]*)*")
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
    r"\b(?:to|in|into|inside|from|for|across|near|against|on|at|of|by) (?:the )?$", re.IGNORECASE
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
class Previous:
    """The article's previous estimate: its key, where it ends and its value."""

    key: MeasureKey
    end: int
    value: float | None


@dataclass(frozen=True)
class Mention:
    """An entity mention in the article: offsets, canonical name, type."""

    start: int
    end: int
    name: str
    type: str


@dataclass(frozen=True)
class ArticleContext:
    """What every quantity of one article is read against: the text, the entity mentions, the
    fallback subject (``article_country``) and the publication date (ISO)."""

    text: str
    mentions: list[Mention]
    fallback: str
    published: str | None


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


def _kind(
    words: list[str], near: list[str], unit: str | None, category: str | None, after: str
) -> str:
    """The kind of count from a phrase after the number, the counted words, then the clause."""
    if PHRASE_KINDS.search(after):
        return "on strike"
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
    kind: str, counted: bool,
) -> str:
    """The subject entity of the count (see the module docstring), or ''."""
    parties = kind in PARTY_KINDS
    mentions = [m for m in all_mentions if is_country(m.name) or (parties and m.type == "ORG")]
    span = (q["counted_start"], q["counted_end"]) if q.get("counted_start") is not None else None
    span = span if counted else None
    if span is not None and span[0] >= clause[0] and span[1] <= clause[1] + 1:
        inside = [m for m in mentions if span[0] <= m.start and m.end <= span[1]]
        if inside:
            return inside[0].name
    after_end = min(clause[1], q["end"] + WINDOW_AFTER)
    source = (q.get("source_name") or "", q.get("entity") or "")
    after = [
        m for m in mentions
        if q["end"] <= m.start < after_end and m.type in ACTOR_TYPES and m.name not in source
        and not PLACE_PREPOSITION.search(text[max(0, m.start - 12) : m.start])
    ]
    if after:
        return after[0].name
    before = [
        m for m in mentions
        if clause[0] <= m.start and m.end <= q["start"] and m.type in ACTOR_TYPES
        and m.name not in source
        and not NOT_SUBJECT_AFTER.match(text[m.end : m.end + 30])
        and not text[max(0, m.start - 13) : m.start].lower().endswith("according to ")
    ]
    if before:
        return before[-1].name
    if parties and PARTY_PRONOUN.search(text, clause[0], q["start"]):
        return q.get("entity") or _proper_name(q.get("source_name") or "")
    return ""


def _proper_name(phrase: str) -> str:
    """The first run of capitalized words in a phrase, past a leading determiner ("The
    far-right Chega party" → "Chega")."""
    for run in PROPER_RUN.findall(phrase):
        words = run.split()
        if words[0] in ("The", "A", "An"):
            words = words[1:]
        if words:
            return " ".join(words)
    return ""


def country_of(name: str) -> str:
    """A government stands for its country as a subject ("Government of North Korea")."""
    found = GOVERNMENT.match(name)
    return found.group(1) if found else name


def dominant_country(names: list[str]) -> str:
    """The most-mentioned country among an article's mention names, or ''."""
    countries = Counter(country_of(n) for n in names if is_country(n))
    return countries.most_common(1)[0][0] if countries else ""


def capital_country(name: str) -> str:
    """The country whose capital a name is ("Paris" → "France"), or ''."""
    entry = load_gazetteer().lookup(name)
    if entry is None or entry.kind != "capital" or entry.alt is None:
        return ""
    return country_of(entry.alt.name)


def article_country(mentions: list[Mention], learned: dict[str, str]) -> str:
    """The fallback subject: the article's most-mentioned country; else the country its names
    stand for, by mention count (a capital's country, or the country ``learned`` from the other
    stored articles that name them: "Savinja" → Slovenia, "National Election Commission" →
    Portugal); else its most-mentioned place."""
    found = dominant_country([m.name for m in mentions])
    if found:
        return found
    votes = Counter(c for m in mentions if (c := capital_country(m.name) or learned.get(m.name)))
    if votes:
        return votes.most_common(1)[0][0]
    places = Counter(m.name for m in mentions if m.type in PLACE_TYPES)
    return places.most_common(1)[0][0] if places else ""


def _counted_words(q: dict[str, Any], record: dict[str, Any]) -> list[str] | None:
    """The words of the counted phrase; None when the phrase is the agent before the number."""
    counted = record.get("counted") or ""
    predicate = record.get("predicate_span") or {}
    span_end = q.get("counted_end")
    if span_end is not None and span_end <= predicate.get("start", -1) and (
        predicate.get("end", q["start"] + 1) <= q["start"]
    ):
        return None
    return _words(CLAUSE_BREAK.split(counted)[0]) if counted else []


def _refers_back(q: dict[str, Any], words: list[str], previous: Previous) -> bool:
    """Whether a number that names nothing it counts continues the previous estimate."""
    if words and not set(words) & ANAPHORS:
        return False
    if q["start"] - previous.end > ANAPHOR_DISTANCE:
        return False
    value, before = q.get("high") or q.get("low"), previous.value
    return bool(value and before) and max(value, before) / min(value, before) <= ANAPHOR_RATIO


def _event_day(q: dict[str, Any], published: str | None, previous: Previous | None) -> str:
    """The day of a one-day event (see the module docstring)."""
    as_of = q.get("as_of") or ""
    if as_of != published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        return as_of
    if previous is not None and previous.key.kind in EVENT_KINDS:
        return previous.key.window
    return as_of


def measure_key(
    q: dict[str, Any], ctx: ArticleContext, previous: Previous | None
) -> MeasureKey | None:
    """The measure of a stored quantity, or None when it is not an estimate of a count."""
    record = q.get("record") or {}
    category, unit, text = record.get("category"), q.get("unit"), ctx.text
    if unit is not None and category is None:
        return None
    clause = clause_around(text, q["start"], q["end"])
    found_words = _counted_words(q, record)
    counted_words = found_words or []
    near = _words(text[clause[0] : clause[1]])
    kind = _kind(counted_words, near, unit, category, text[q["end"] : clause[1]])
    if not kind and category == "troops":
        kind = "sent"
    if not kind:
        if previous is not None and _refers_back(q, counted_words, previous):
            return previous.key
        if not counted_words or category is None:
            return None
        kind = counted_words[-1].removesuffix("s")
    if category == "share" and kind not in ("vote share", "turnout"):
        kind = f"share {kind}"
    if category == "money":
        kind = f"money {kind}"
    scope = "civilians" if kind in CASUALTY_KINDS and set(counted_words or near) & CIVILIAN else ""
    window = _window(text, q["end"], clause[1])
    if kind in EVENT_KINDS and not window:
        window = _event_day(q, ctx.published, previous)
    subject = _subject(q, text, ctx.mentions, clause, kind, found_words is not None)
    if not subject:
        anaphoric = not counted_words or counted_words[0] in ("them", "those", "the")
        same_family = previous is not None and (
            (previous.key.kind in PARTY_KINDS) == (kind in PARTY_KINDS)
        )
        if previous is not None and same_family and (anaphoric or previous.key.kind == kind):
            subject = previous.key.subject
        else:
            subject = ctx.fallback
    return MeasureKey(country_of(subject), kind, scope, window)
