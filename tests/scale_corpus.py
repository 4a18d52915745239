"""Small article corpora written for the scale tests: JSON Lines files of distinct articles."""

from __future__ import annotations

import json
from pathlib import Path

SPEAKERS = ["Ines Koval", "Rahim Okafor", "Greta Lindqvist", "Tomas Haddad", "Mei Tanaka"]
PLACES = ["Velmora", "Port Arlen", "Drovnik", "Kelso"]


def article_text(n: int) -> str:
    """A short news article, different for every n."""
    speaker = SPEAKERS[n % len(SPEAKERS)]
    place = PLACES[n % len(PLACES)]
    return (
        f"Flooding closed {n + 3} roads in {place} on Monday, officials said.\n\n"
        f"“We moved {120 + n * 7} families to schools overnight,” {speaker}, the mayor, said. "
        f"“More rain is expected by Friday.”\n\n"
        f"According to the Harbour Authority, between {n + 1},000 and {n + 2},000 homes lost "
        f"power last week, a figure that {SPEAKERS[(n + 2) % len(SPEAKERS)]} called far too low."
    )


def write_jsonl(folder: Path, files: int, per_file: int) -> list[Path]:
    """``files`` JSON Lines files of ``per_file`` distinct articles each."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for f in range(files):
        path = folder / f"part-{f:02d}.jsonl"
        lines = [
            json.dumps({"text": article_text(f * per_file + i), "outlet": "Kelso Courier",
                        "published": "2025-03-04"})
            for i in range(per_file)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
