"""Mentions and the clusters they form within one article (one cluster per identity)."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimscope.resolve.gazetteer import Entry, Ref
from claimscope.resolve.normalize import name_key, person_key


@dataclass
class Mention:
    """A candidate mention: offsets, surface text, NER label ("TABLE" for a table match), its
    table entry when one is known, and for capitals whether it reads as the government."""

    start: int
    end: int
    text: str
    label: str
    entry: Entry | None = None
    government: bool = False


@dataclass
class Cluster:
    """One identity in an article, its mentions and the lowest confidence of any of them."""

    ref: Ref
    mentions: list[Mention] = field(default_factory=list)
    confidence: float = 1.0

    def add(self, mention: Mention, confidence: float) -> None:
        self.mentions.append(mention)
        self.confidence = min(self.confidence, confidence)


class Clusters:
    """Clusters keyed by identity; a mention kept ``alone`` gets a cluster of its own."""

    def __init__(self) -> None:
        self._by_key: dict[str, Cluster] = {}

    def add(self, ref: Ref, mention: Mention, confidence: float, alone: bool = False) -> Cluster:
        norm = person_key(ref.name) if ref.type == "PERSON" else name_key(ref.name)
        key = f"{ref.type}:{ref.qid or norm}" + (f"@{mention.start}" if alone else "")
        cluster = self._by_key.setdefault(key, Cluster(ref))
        cluster.add(mention, confidence)
        return cluster

    def all(self) -> list[Cluster]:
        return list(self._by_key.values())
