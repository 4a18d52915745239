"""Where claimscope finds its bundled sample corpus and the shared evaluation data."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SAMPLE_CORPUS = PACKAGE_DIR / "sample_corpus"


def shared_dir() -> Path:
    """The shared data folder: $CLAIMSCOPE_SHARED, else ../shared beside the working directory
    or beside the source checkout."""
    env = os.environ.get("CLAIMSCOPE_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), PACKAGE_DIR.parents[2]):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def shared_data(name: str) -> Path:
    """A dataset folder under shared/data."""
    return shared_dir() / "data" / name
