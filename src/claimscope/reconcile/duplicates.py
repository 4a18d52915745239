"""Syndicated and near-duplicate articles: MinHash signatures with LSH banding (Broder 1997).

Each article's text becomes a set of word 5-shingles; a signature of ``HASHES`` minimum hash
values estimates the Jaccard similarity of two sets. Signatures are cut into ``BANDS`` bands of
``ROWS`` values; articles that agree on a whole band land in the same bucket (the store groups
buckets, so no pair of articles is compared unless they share one). Candidate pairs whose
estimated Jaccard similarity reaches ``THRESHOLD`` are joined (union-find); the earliest
published article of each group is its origin. A copy with a reworded headline, a dropped
sentence and a changed word keeps a similarity near 0.8; two different stories on one event
stay well under 0.2.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Iterator

import numpy as np

HASHES = 128
BANDS = 32
ROWS = HASHES // BANDS
SHINGLE = 5
THRESHOLD = 0.5
_rng = np.random.default_rng(20250426)
# multiply-shift hashing (Dietzfelbinger): odd 64-bit multipliers, wrap-around, top 32 bits
_A = _rng.integers(0, np.iinfo(np.uint64).max, size=HASHES, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, np.iinfo(np.uint64).max, size=HASHES, dtype=np.uint64)
_SHIFT = np.uint64(32)
_WORD = re.compile(r"\w+")
_MASK = (1 << 63) - 1


def shingles(text: str) -> np.ndarray:
    """The 32-bit hashes of the text's lowercased word 5-shingles."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        words = words + [""] * (SHINGLE - len(words))
    grams = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    return np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``HASHES`` values) of the text."""
    x = shingles(text)
    with np.errstate(over="ignore"):
        return ((_A[:, None] * x[None, :] + _B[:, None]) >> _SHIFT).min(axis=1)


def band_hashes(sig: np.ndarray) -> list[int]:
    """One 63-bit hash per band of the signature."""
    rows = sig.reshape(BANDS, ROWS)
    return [
        int.from_bytes(hashlib.blake2b(r.tobytes(), digest_size=8).digest(), "big") & _MASK
        for r in rows
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y))


def groups(pairs: Iterable[tuple[str, str]]) -> Iterator[set[str]]:
    """Connected groups of the given pairs (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, set[str]] = {}
    for x in parent:
        members.setdefault(find(x), set()).add(x)
    yield from members.values()
