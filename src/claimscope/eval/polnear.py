"""Read the PolNeAR corpus (brat standoff) into articles with their gold attributions.

Layout: ``ROOT/data/metadata.tsv`` and ``ROOT/data/{train,dev,test}/text/NAME.txt`` with
``ROOT/data/{split}/attributions/NAME_ANNOTATOR.ann``. Offsets in the ``.ann`` files are Python
string indices into the raw text file; the raw text is kept as is (not normalized) so gold
offsets stay valid.

Choices, so that every run reads the same gold:

- One annotator file per article: where several annotators annotated an article (two of the 84
  dev articles have six files each), the file whose annotator id sorts first is used.
  (CofeNet's sentence-level release instead keeps all 94 dev files as separate documents.)
- An attribution is an ``E`` line. Its ``Source``, ``Cue`` and ``Content`` arguments name ``T``
  spans; ``;`` in a ``T`` line separates the fragments of a discontinuous span. A ``Content2``
  argument is a further content fragment of the same attribution and is merged into its content.
- ``Attribution-no-source`` attributions have no source span; if such a line names a source
  anyway (one dev file does) the source is kept, as the span was annotated.
- An ``E`` line without a cue or without content (one dev file has one) is skipped.
- ``Discuss`` and ``Discard`` spans belong to no attribution and are ignored.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimscope.errors import InputError
from claimscope.eval.spans import Fragments

SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: source (None when it has none), cue and content fragments."""

    id: str
    source: Fragments | None
    cue: Fragments
    content: Fragments


@dataclass(frozen=True)
class PolnearArticle:
    """One article of a split: raw text, metadata and the chosen annotator's attributions."""

    name: str
    annotator: str
    text: str
    published: date | None
    title: str | None
    outlet: str | None
    attributions: tuple[Attribution, ...]


def parse_ann(ann: str, source: str = "<ann>") -> list[Attribution]:
    """Attributions of one brat ``.ann`` file's contents, in file order."""
    spans: dict[str, Fragments] = {}
    relations: list[tuple[str, dict[str, list[str]]]] = []
    for number, line in enumerate(ann.split("\n"), 1):
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            spans[fields[0]] = _fragments(fields[1], f"{source}:{number}")
        elif fields[0].startswith("E"):
            args: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                args.setdefault(role.rstrip("0123456789"), []).append(ref)
            relations.append((fields[0], args))
    out: list[Attribution] = []
    for rid, args in relations:
        if "Cue" not in args or "Content" not in args:
            continue
        try:
            source_frags = _join(spans, args.get("Source", []))
            cue = _join(spans, args["Cue"])
            content = _join(spans, args["Content"])
        except KeyError as exc:
            raise InputError(source, f"{rid} names a missing span {exc.args[0]}") from None
        out.append(Attribution(rid, source_frags or None, cue, content))
    return out


def _fragments(field: str, where: str) -> Fragments:
    _, _, offsets = field.partition(" ")
    try:
        frags = tuple(
            (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
        )
    except ValueError:
        raise InputError(where, f"bad span offsets {offsets!r}") from None
    return frags


def _join(spans: dict[str, Fragments], refs: list[str]) -> Fragments:
    return tuple(sorted(frag for ref in refs for frag in spans[ref]))


def read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """metadata.tsv rows by article file name (without extension); empty if the file is absent."""
    path = root / "data" / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _none(value: str | None) -> str | None:
    return value if value and value != "None" else None


def _read_raw(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def load_split(root: Path, split: str, limit: int | None = None) -> list[PolnearArticle]:
    """The articles of one split, sorted by name, each with one annotator's attributions."""
    if split not in SPLITS:
        raise InputError(split, f"unknown PolNeAR split; choose one of {', '.join(SPLITS)}")
    folder = root / "data" / split
    if not (folder / "attributions").is_dir():
        raise InputError(str(folder), "not a PolNeAR split folder (no attributions/ inside)")
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name, _, _ = ann.stem.rpartition("_")
        chosen.setdefault(name, ann)
    meta = read_metadata(root)
    articles: list[PolnearArticle] = []
    for name in sorted(chosen)[:limit]:
        ann = chosen[name]
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            raise InputError(str(text_path), "article text missing for its annotation file")
        row = meta.get(name, {})
        articles.append(
            PolnearArticle(
                name=name,
                annotator=ann.stem.rpartition("_")[2],
                text=_read_raw(text_path),
                published=_date(row.get("publication_date")),
                title=_none(row.get("title")),
                outlet=_none(row.get("publisher")),
                attributions=tuple(parse_ann(ann.read_text(encoding="utf-8"), str(ann))),
            )
        )
    return articles
