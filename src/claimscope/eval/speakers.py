"""Speaker-resolution evaluation: do pronoun and nominal speakers get the right canonical name?

The gold file (``gold/speakers.jsonl``, format in ``gold/README-speakers.md``) holds short news
articles written for this purpose, each listing speaker mentions that are pronouns ("she said")
or nominals ("the ministry said") with the canonical name they refer to.

A gold item is correct when some predicted statement of its article has a speaker span that
overlaps the gold mention (shares at least one character) and a ``speaker.name`` equal to the
gold name or one of its aliases, ignoring case and a leading "the". Accuracy = correct items /
gold items, reported overall and for pronoun and nominal mentions apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claimscope.errors import InputError
from claimscope.model import Article, normalize_text
from claimscope.nlp import DEFAULT_MODEL

DEFAULT_GOLD = Path(__file__).resolve().parent / "gold" / "speakers.jsonl"
TYPES = ("pronoun", "nominal")


@dataclass(frozen=True)
class GoldSpeaker:
    """One speaker mention and the canonical name (and accepted aliases) it refers to."""

    article: str
    start: int
    end: int
    mention: str
    name: str
    aliases: tuple[str, ...]
    type: str


@dataclass(frozen=True)
class GoldArticle:
    """A gold article: its text, title, date and speaker mentions."""

    id: str
    title: str | None
    published: date | None
    text: str
    speakers: tuple[GoldSpeaker, ...]


@dataclass(frozen=True)
class PredictedSpeaker:
    """A predicted statement's speaker: span offsets and resolved name."""

    start: int
    end: int
    name: str | None


@dataclass
class SpeakerScore:
    """Correct and total items by mention type, and a line for each miss."""

    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    misses: list[str] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldArticle]:
    """Read and check the gold file: offsets must point at the mention in normalized text."""
    articles: list[GoldArticle] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the speaker gold file ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            articles.append(_article(json.loads(line)))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(where, f"bad gold article ({exc})") from None
        problem = _check(articles[-1])
        if problem:
            raise InputError(where, problem)
    return articles


def _article(row: dict) -> GoldArticle:
    published = row.get("published")
    return GoldArticle(
        id=str(row["id"]),
        title=row.get("title"),
        published=date.fromisoformat(published) if published else None,
        text=row["text"],
        speakers=tuple(
            GoldSpeaker(
                article=str(row["id"]),
                start=int(item["start"]),
                end=int(item["end"]),
                mention=item["mention"],
                name=item["name"],
                aliases=tuple(item.get("aliases", [])),
                type=item["type"],
            )
            for item in row["speakers"]
        ),
    )


def _check(article: GoldArticle) -> str | None:
    if normalize_text(article.text) != article.text:
        return f"article {article.id}: text is not normalized, offsets would move"
    for item in article.speakers:
        if article.text[item.start : item.end] != item.mention:
            return f"article {article.id}: offsets {item.start}-{item.end} miss {item.mention!r}"
        if item.type not in TYPES:
            return f"article {article.id}: type {item.type!r} is not one of {', '.join(TYPES)}"
    return None


def _key(name: str) -> str:
    folded = " ".join(name.casefold().split())
    return folded.removeprefix("the ")


def judge(item: GoldSpeaker, predicted: list[PredictedSpeaker]) -> str | None:
    """None when the item is resolved correctly, else why it is a miss."""
    overlapping = [p for p in predicted if p.start < item.end and item.start < p.end]
    if not overlapping:
        return "no statement has this speaker"
    accepted = {_key(n) for n in (item.name, *item.aliases)}
    if any(p.name and _key(p.name) in accepted for p in overlapping):
        return None
    names = sorted({p.name or "(unresolved)" for p in overlapping})
    return "resolved to " + " / ".join(repr(n) for n in names)


def score(gold: list[GoldArticle], predicted: list[list[PredictedSpeaker]]) -> SpeakerScore:
    """Score predictions (per gold article, same order) against the gold items."""
    result = SpeakerScore()
    for article, preds in zip(gold, predicted, strict=True):
        for item in article.speakers:
            result.total[item.type] += 1
            why = judge(item, preds)
            if why is None:
                result.correct[item.type] += 1
            else:
                result.misses.append(
                    f"miss {article.id} {item.type} {item.mention!r} at {item.start}: "
                    f"gold {item.name!r}, {why}"
                )
    return result


def _accuracy(label: str, correct: int, total: int) -> str:
    value = correct / total if total else 0.0
    return f"{label} accuracy {value:.3f} ({correct}/{total})"


def report(result: SpeakerScore, verbose: bool = False) -> list[str]:
    """The accuracy lines, and the misses when ``verbose``."""
    lines = [_accuracy("speakers", sum(result.correct.values()), sum(result.total.values()))]
    lines += [_accuracy(t, result.correct[t], result.total[t]) for t in TYPES]
    return lines + (result.misses if verbose else [])


def predict(gold: list[GoldArticle], model: str = DEFAULT_MODEL) -> list[list[PredictedSpeaker]]:
    """Run the pipeline over the gold articles and keep each statement's speaker."""
    from claimscope.pipeline import Analyzer

    articles = [
        Article(text=a.text, origin=f"speakers-gold:{a.id}", title=a.title, published=a.published)
        for a in gold
    ]
    out: list[list[PredictedSpeaker]] = []
    for result in Analyzer(model).analyze_many(articles):
        out.append(
            [
                PredictedSpeaker(s.speaker.span.start, s.speaker.span.end, s.speaker.name)
                for s in result.statements
                if s.speaker is not None
            ]
        )
    return out


def run(gold: Path | None = None, model: str = DEFAULT_MODEL, verbose: bool = False) -> list[str]:
    """Evaluate speaker resolution on the gold file (the bundled one by default)."""
    articles = load_gold(gold or DEFAULT_GOLD)
    return report(score(articles, predict(articles, model)), verbose)
