"""The records claimscope extracts and stores, and their "claimscope/1" JSON form.

Records are plain dataclasses without behaviour beyond their JSON form. Offsets are Python
string indices into ``Article.text``: for every span, ``text[start:end] == span.text``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimscope import SCHEMA


def normalize_text(text: str) -> str:
    """Canonical form of an article text: NFC, unified newlines, trimmed lines, no blank runs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def text_sha256(text: str) -> str:
    """The dedup key: sha256 of the normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One news article: normalized text plus metadata. ``origin`` names where it was read."""

    text: str
    origin: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    sha256: str = ""

    def __post_init__(self) -> None:
        self.text = normalize_text(self.text)
        if self.title is not None:
            self.title = " ".join(self.title.split()) or None
        self.sha256 = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        return self.sha256[:16]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
            "sha256": self.sha256,
        }


@dataclass
class Span:
    """A piece of article text with its character offsets."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Entity:
    """A canonical entity within one article, with every mention's offsets."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    wikidata: str | None = None
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
            "wikidata": self.wikidata,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class Speaker:
    """Who is speaking: the span in the text, and the entity it resolves to when known."""

    span: Span
    entity: str | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {**self.span.to_json(), "entity": self.entity, "name": self.name}


@dataclass
class Statement:
    """An attributed statement: speaker, cue and content.

    ``content`` covers all content fragments from the first to the last; ``fragments`` lists each
    fragment's offsets (one for contiguous content, several for "A," he said, "B.").
    """

    id: str
    speaker: Speaker | None
    cue: Span
    cue_lemma: str
    content: Span
    kind: str
    confidence: float
    fragments: list[tuple[int, int]] = field(default_factory=list)
    as_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        fragments = self.fragments or [(self.content.start, self.content.end)]
        return {
            "id": self.id,
            "speaker": self.speaker.to_json() if self.speaker else None,
            "cue": {**self.cue.to_json(), "lemma": self.cue_lemma},
            "content": {
                **self.content.to_json(),
                "fragments": [list(f) for f in fragments],
            },
            "kind": self.kind,
            "confidence": round(self.confidence, 3),
            "as_of": self.as_of,
        }


@dataclass
class Quantity:
    """A number with what it measures, its bounds, and who asserts it.

    ``low``/``high`` hold the value or range (equal for a point value; one may be None for an open
    bound such as "more than 3,000"). ``bound`` is "lower", "upper" or None. ``counted`` is the
    counted noun phrase and ``predicate`` the verb group qualifying it ("killed or injured");
    ``refers_to`` links an anaphoric counted noun ("casualties") to the id of the quantity with
    the fuller description; ``source_span`` is the speaker or "according to" evidence;
    ``category`` is the numeric-claim kind (money, share, territory, casualties, troops, votes,
    people) or None.
    """

    id: str
    span: Span
    low: float | None
    high: float | None
    approx: bool = False
    bound: str | None = None
    unit: str | None = None
    counted: Span | None = None
    statement: str | None = None
    source_entity: str | None = None
    source_name: str | None = None
    hedge: str | None = None
    as_of: str | None = None
    predicate: Span | None = None
    refers_to: str | None = None
    source_span: Span | None = None
    category: str | None = None

    def to_json(self) -> dict[str, Any]:
        counted = self.counted.text if self.counted else None
        if counted and self.predicate:
            counted = f"{counted} {self.predicate.text}"
        return {
            "id": self.id,
            **self.span.to_json(),
            "low": self.low,
            "high": self.high,
            "approx": self.approx,
            "bound": self.bound,
            "unit": self.unit,
            "counted": counted,
            "counted_span": self.counted.to_json() if self.counted else None,
            "predicate_span": self.predicate.to_json() if self.predicate else None,
            "refers_to": self.refers_to,
            "category": self.category,
            "statement": self.statement,
            "source": {
                "entity": self.source_entity,
                "name": self.source_name,
                "span": self.source_span.to_json() if self.source_span else None,
            },
            "hedge": self.hedge,
            "as_of": self.as_of,
        }


@dataclass
class TimeRef:
    """A time expression normalized against the publication date.

    ``value`` is a TimeML value (ISO 8601 plus "2024-FA" seasons, "P8M" durations, "PRESENT_REF";
    see ``extract.time_calendar``), ``type`` the TimeML type (DATE, TIME, DURATION, SET), and
    ``anchor`` the value an anchored duration lands on ("eight months after March 2024" → 2024-11).
    """

    id: str
    span: Span
    value: str | None
    granularity: str
    type: str = "DATE"
    anchor: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, **self.span.to_json(), "value": self.value,
                "granularity": self.granularity, "type": self.type, "anchor": self.anchor}


@dataclass
class Dispute:
    """A rebuttal of another statement (by id) or of a claim given as text. ``disputing`` is the
    rebutting statement's id, or a quantity's where an estimate rebuts without a reporting verb."""

    id: str
    disputing: str
    disputed: str
    cue: Span

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "disputing": self.disputing, "disputed": self.disputed,
                "cue": self.cue.to_json()}


@dataclass
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "article": self.article.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "statements": [s.to_json() for s in self.statements],
            "quantities": [q.to_json() for q in self.quantities],
            "times": [t.to_json() for t in self.times],
            "disputes": [d.to_json() for d in self.disputes],
        }
