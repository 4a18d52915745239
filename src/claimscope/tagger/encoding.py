"""The attribution tagger's tag scheme: gold spans to per-token tags, and tags back to spans.

Every token is tagged in three independent layers, source, cue and content, each with O, B or I.
A span starts at B; an I that follows O continues the most recent span of its layer when the gap
is short (the second fragment of "A," he said, "B."), so discontinuous content is learnt and
decoded without a further layer. The training script encodes gold with this module and the
run-time tagger decodes with it, so both agree on the scheme.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import numpy as np

LAYERS = ("source", "cue", "content")
OUT, BEGIN, INSIDE = 0, 1, 2
# Largest gap, in tokens, across which an I continues the previous span of its layer.
JOIN_GAP = 8

Fragments = Sequence[tuple[int, int]]


def covered_tokens(starts: Sequence[int], ends: Sequence[int], s: int, e: int) -> tuple[int, int]:
    """The tokens (first, last + 1) that overlap characters s..e, for tokens in text order
    (``starts`` and ``ends`` ascending); first == last + 1 when none does."""
    first = bisect_right(ends, s)
    return first, max(first, bisect_left(starts, e))


def tag_layer(starts: Sequence[int], ends: Sequence[int], spans: Sequence[Fragments]) -> np.ndarray:
    """Gold tags of one layer for tokens at character offsets ``starts``/``ends`` (ascending;
    lists are faster than arrays here): B at a span's first token, I elsewhere inside it (a later
    fragment starts with I). Spans are written longest first and one that would overlap a span
    already written is left out, so an outer content keeps its tokens."""
    tags = [OUT] * len(starts)
    ordered = sorted(spans, key=lambda frags: -sum(e - s for s, e in frags))
    for frags in ordered:
        runs = [covered_tokens(starts, ends, s, e) for s, e in frags]
        runs = [(a, b) for a, b in runs if a < b]
        if not runs or any(any(tags[a:b]) for a, b in runs):
            continue
        for a, b in runs:
            tags[a:b] = [INSIDE] * (b - a)
        tags[min(a for a, _ in runs)] = BEGIN
    return np.array(tags, dtype=np.int64)


def decode_layer(tags: np.ndarray, join_gap: int = JOIN_GAP) -> list[list[tuple[int, int]]]:
    """Spans of one layer as lists of (first, last + 1) token runs, from per-token tags."""
    spans: list[list[tuple[int, int]]] = []
    i, n = 0, len(tags)
    while i < n:
        if tags[i] == OUT:
            i += 1
            continue
        j = i + 1
        while j < n and tags[j] == INSIDE:
            j += 1
        if tags[i] == INSIDE and spans and i - spans[-1][-1][1] <= join_gap:
            spans[-1].append((i, j))
        else:
            spans.append([(i, j)])
        i = j
    return spans
