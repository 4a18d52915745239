"""The readers' configuration: a default publication date, a file size and a text length limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReadConfig:
    """How inputs are read.

    ``published`` is the publication date given to articles whose input has none (``--published``);
    files over ``max_bytes`` are refused without being read, and articles whose text is over
    ``max_chars`` characters (more than the parser takes in one piece) are refused once read.
    """

    published: date | None = None
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000


DEFAULT_CONFIG = ReadConfig()
