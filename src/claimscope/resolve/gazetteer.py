"""The curated tables under ``resolve/data``, loaded once into lookups by normalized name.

Each known surface form maps to an ``Entry``: what kind of name it is (country, demonym, capital,
seat of government, organization, person, lone surname, place) and the canonical identity it
stands for. A capital carries two identities, the city and the government, and the context of
each mention chooses (see ``metonymy``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from claimscope.resolve.normalize import name_key, person_key

# Country names that take "the" inside "Government of …".
_THE_PREFIXES = ("United ", "Czech ", "Democratic ", "Central ", "Dominican ", "Republic ")
_THE_NAMES = frozenset({"Netherlands", "Philippines", "Gambia", "Bahamas", "Maldives"})


@dataclass(frozen=True)
class Ref:
    """A canonical identity: name, type (PERSON, ORG, GPE, GOV) and Wikidata QID when known."""

    name: str
    type: str
    qid: str | None = None


@dataclass(frozen=True)
class Entry:
    """What one surface form means. ``alt`` is the government sense of a capital."""

    kind: str
    ref: Ref
    alt: Ref | None = None


@dataclass(frozen=True)
class Term:
    """One holder of a role, from one date to another (None: open)."""

    person: str
    start: date | None
    end: date | None

    def covers(self, day: date | None) -> bool:
        """Whether the term includes the day (any term does when the day is unknown)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Gazetteer:
    """All curated tables: lookups by key, role phrases, and every surface form for matching."""

    names: dict[str, Entry]
    people: dict[str, Entry]
    surnames: dict[str, Ref]
    roles: dict[str, tuple[Term, ...]]
    surfaces: frozenset[str]

    def lookup(self, text: str) -> Entry | None:
        """The entry for a surface form: first by name key, then as a person's name."""
        return self.names.get(name_key(text)) or self.people.get(person_key(text))

    def find_surfaces(self, text: str) -> Iterator[tuple[int, int]]:
        """Where surface forms occur in ``text`` (case-sensitive, on word bounds), left to right
        without overlaps, the longest at each place: what one regular expression alternating
        every surface, longest first, would find, looked up by each word instead."""
        by_first = _by_first_word(self.surfaces)
        end = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < end:
                continue
            for surface in by_first.get(word.group(), ()):
                stop = start + len(surface)
                if text.startswith(surface, start) and not word_char_at(text, stop):
                    yield start, stop
                    end = stop
                    break


def government_name(country: str) -> str:
    """The documented name of a country's government: "Government of Ukraine",
    "Government of the United States"."""
    the = country.startswith(_THE_PREFIXES) or country in _THE_NAMES
    return f"Government of {'the ' if the else ''}{country}"


def _rows(filename: str) -> list[dict[str, str]]:
    data = resources.files("claimscope.resolve").joinpath("data")
    text = data.joinpath(filename).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def _date(field: str) -> date | None:
    return date.fromisoformat(field) if field else None


def _split(field: str) -> list[str]:
    return [item for item in field.split("|") if item]


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Load and index the tables (cached)."""
    names: dict[str, Entry] = {}
    people: dict[str, Entry] = {}
    surnames: dict[str, Ref] = {}
    surfaces: set[str] = set()

    def add(surface: str, entry: Entry, table: dict[str, Entry] = names) -> None:
        key = person_key(surface) if table is people else name_key(surface)
        table.setdefault(key, entry)
        surfaces.add(surface)

    for row in _rows("countries.tsv"):
        country = Ref(row["name"], "GPE", row["qid"] or None)
        gov = Ref(government_name(row["name"]), "GOV")
        for surface in [row["name"], *_split(row["aliases"])]:
            add(surface, Entry("country", country))
        for surface in _split(row["demonyms"]):
            add(surface, Entry("demonym", country))
        capitals = _split(row["capitals"])
        if capitals:
            city = Ref(capitals[0], "GPE", row["capital_qid"] or None)
            for surface in capitals:
                add(surface, Entry("capital", city, gov))
        for surface in _split(row["seats"]):
            add(surface, Entry("seat", gov))
    for row in _rows("organizations.tsv"):
        org = Ref(row["name"], row["type"], row["qid"] or None)
        for surface in [row["name"], *_split(row["aliases"])]:
            add(surface, Entry("org", org))
    for row in _rows("places.tsv"):
        place = Ref(row["name"], "GPE", row["qid"] or None)
        for surface in [row["name"], *_split(row["aliases"])]:
            add(surface, Entry("place", place))
    for row in _rows("people.tsv"):
        person = Ref(row["name"], "PERSON", row["qid"] or None)
        for surface in [row["name"], *_split(row["aliases"])]:
            add(surface, Entry("person", person), people)
        for surface in _split(row["lone_surnames"]):
            surnames[person_key(surface)] = person
            surfaces.add(surface)
    roles: dict[str, tuple[Term, ...]] = {}
    for row in _rows("roles.tsv"):
        term = Term(row["person"], _date(row["from"]), _date(row["to"]))
        roles[row["role"].casefold()] = (*roles.get(row["role"].casefold(), ()), term)
    return Gazetteer(names, people, surnames, roles, frozenset(surfaces))


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _by_first_word(surfaces: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """Surface forms by their leading word (every one starts with a word character), longest
    first."""
    index: dict[str, list[str]] = {}
    for surface in sorted(surfaces, key=lambda s: (-len(s), s)):
        first = _WORD.match(surface)
        if first is None:
            raise ValueError(f"gazetteer surface {surface!r} does not start with a word character")
        index.setdefault(first.group(), []).append(surface)
    return {word: tuple(forms) for word, forms in index.items()}


def word_char_at(text: str, i: int) -> bool:
    """Whether text[i] is a word character as ``re`` reads ``\\w`` (false past the end)."""
    return i < len(text) and (text[i].isalnum() or text[i] == "_")
