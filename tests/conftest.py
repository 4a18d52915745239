"""Shared fixtures: the spaCy pipeline (loaded once) and the seed article."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from claimscope.model import Article
from claimscope.paths import shared_dir

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def nlp():
    from claimscope.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_path() -> Path:
    path = shared_dir() / "seed-article.txt"
    if not path.exists():
        pytest.skip("shared/seed-article.txt not available")
    return path


@pytest.fixture(scope="session")
def seed_article(seed_path: Path) -> Article:
    return Article(
        text=seed_path.read_text(encoding="utf-8"),
        origin=str(seed_path),
        published=date(2025, 4, 28),
    )
