"""Entity evaluation behind ``claimscope eval entities``: pairwise merge precision and recall.

Metric. Every gold mention (in every article of the gold file) gets a gold identity (its
``entity`` field, shared across articles for one real-world entity) and a system identity: the
``canonical_key`` (scoped by article id) of the system entity that has a mention with exactly the
same offsets, or, when the system found no such mention, an identity of its own (a singleton).
Two mentions form a pair when they share an identity, within one article or across articles.
Precision is the share of system pairs that are gold pairs, recall the share of gold pairs that
are system pairs, F1 their harmonic mean. A missed mention therefore costs recall, a wrong merge
costs precision. Per-type lines restrict both sides to the gold mentions of that type. Also
printed: how many gold mentions were found at exact offsets, and how many of those got the gold
type.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimscope.errors import InputError
from claimscope.extract.entities import extract_entities
from claimscope.model import Article, Entity
from claimscope.nlp import parse_many
from claimscope.resolve import canonical_key

GOLD = Path(__file__).resolve().parent / "gold" / "entities.jsonl"


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    entity: str
    type: str


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    mentions: tuple[GoldMention, ...]


def load_gold(path: Path) -> list[GoldArticle]:
    """Read a gold file (format in gold/README.md); offsets must match the article text."""
    articles = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            published = record.get("published")
            article = Article(text=record["text"], origin=f"gold:{record['id']}",
                              published=date.fromisoformat(published) if published else None)
            mentions = tuple(GoldMention(m["start"], m["end"], m["entity"], m["type"])
                             for m in record["mentions"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(where, f"not a gold entity record ({exc})") from exc
        if article.text != record["text"]:
            raise InputError(where, "text is not normalized; offsets would not hold")
        for m, raw in zip(mentions, record["mentions"], strict=True):
            if article.text[m.start:m.end] != raw.get("text", article.text[m.start:m.end]):
                raise InputError(where, f"mention {raw} does not match the text at its offsets")
        articles.append(GoldArticle(article, mentions))
    return articles


def system_identities(gold: GoldArticle, entities: Sequence[Entity]) -> list[str | None]:
    """For each gold mention, the key of the system entity with that exact mention, or None."""
    by_offsets = {m: canonical_key(e, gold.article.id) for e in entities for m in e.mentions}
    return [by_offsets.get((m.start, m.end)) for m in gold.mentions]


def _pairs(counts: Counter[str] | Counter[tuple[str, str]]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise(gold_ids: Sequence[str], system_ids: Sequence[str | None]) -> tuple[float, float,
                                                                                   float]:
    """Pairwise precision, recall and F1; a None system id is a singleton."""
    system = [s if s is not None else f"\0missed{i}" for i, s in enumerate(system_ids)]
    both = _pairs(Counter(zip(gold_ids, system, strict=True)))
    gold_pairs, system_pairs = _pairs(Counter(gold_ids)), _pairs(Counter(system))
    precision = both / system_pairs if system_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _line(label: str, gold_ids: Sequence[str], system_ids: Sequence[str | None]) -> str:
    p, r, f = pairwise(gold_ids, system_ids)
    return f"{label} P {p:.3f} R {r:.3f} F1 {f:.3f} ({len(gold_ids)} mentions)"


def run(gold: Path | None = None) -> list[str]:
    """Score entity extraction and resolution on a gold file; returns the lines to print."""
    path = gold or GOLD
    if not path.is_file():
        raise InputError(str(path), "gold file not found")
    articles = load_gold(path)
    gold_ids: list[str] = []
    types: list[str] = []
    system_ids: list[str | None] = []
    typed_right = 0
    for doc, item in parse_many((g.article.text, g) for g in articles):
        entities = extract_entities(doc, item.article)
        type_at = {m: e.type for e in entities for m in e.mentions}
        system_ids += system_identities(item, entities)
        gold_ids += [m.entity for m in item.mentions]
        types += [m.type for m in item.mentions]
        typed_right += sum(type_at.get((m.start, m.end)) == m.type for m in item.mentions)
    found = sum(s is not None for s in system_ids)
    lines = [
        f"entities: {len(gold_ids)} gold mentions, {len(set(gold_ids))} gold entities, "
        f"{len(articles)} articles",
        _line("pairwise", gold_ids, system_ids),
    ]
    for kind in sorted(set(types)):
        keep = [i for i, t in enumerate(types) if t == kind]
        lines.append(_line(f"  {kind:<7}", [gold_ids[i] for i in keep],
                           [system_ids[i] for i in keep]))
    lines.append(f"mentions found at exact offsets {found}/{len(gold_ids)}, "
                 f"with the gold type {typed_right}/{len(gold_ids)}")
    return lines
