"""Span arithmetic shared by the evaluations: tokens, quoted regions, matching and P/R/F1 counts.

Everything here is a pure function of an article text and character offsets, so the scorers can
be tested without spaCy.

- A span is a tuple of fragments ``((start, end), ...)`` in character offsets; a discontinuous
  span has several fragments.
- Spans are compared as *token sets*: the text is cut into tokens by the regular expression
  ``\\w+|[^\\w\\s]`` (words and single punctuation marks), and a span stands for the indices of
  the tokens it overlaps. Two spans match exactly when their token sets are equal, so whitespace at
  the edges does not matter, every fragment of a discontinuous span must match, and punctuation
  (a closing quote mark, a final period) counts as one token like any word.
- Exact counting treats the spans of one article as multisets: each gold span is matched at most
  once; true positives = sum over distinct token sets of min(gold count, predicted count).
- Overlap counting pairs gold and predicted spans one-to-one, greedily by decreasing token
  Jaccard among pairs sharing at least one token. A pair earns proportional credit: precision
  credit |g ∩ p| / |p|, recall credit |g ∩ p| / |g| (the "proportional" measure of attribution
  work). Unpaired spans earn nothing.
- Sentence pieces (:func:`sentence_breaks`, :func:`sentence_pieces`) cut a span at sentence
  boundaries and gaps, for scores by the convention of taggers that work sentence by sentence.
- Quoted regions decide whether content is direct (every word token inside quotation marks),
  mixed (some) or indirect (none); see :func:`quoted_regions` for how quote marks pair.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Fragments = tuple[tuple[int, int], ...]
TokenSet = frozenset[int]

TOKEN_RE = re.compile(r"\w+|[^\w\s]")
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT = '"'


class Tokens:
    """The tokens of one text, to turn character spans into token sets."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]

    def __len__(self) -> int:
        return len(self.starts)

    def ids(self, fragments: Fragments) -> TokenSet:
        """Indices of the tokens that overlap any fragment."""
        out: set[int] = set()
        for start, end in fragments:
            first = bisect_right(self.ends, start)
            last = bisect_left(self.starts, end)
            out.update(range(first, last))
        return frozenset(out)

    def is_word(self, index: int) -> bool:
        """Whether a token is a word (letters or digits) rather than punctuation."""
        return self.text[self.starts[index]].isalnum() or self.text[self.starts[index]] == "_"


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, quote marks included.

    Quotes are paired within one line (paragraph): a curly or guillemet opening mark (or the
    typewriter ``) opens a region and the matching closing mark ends it; a straight double quote
    toggles, and so does the typewriter '' (two apostrophes, PolNeAR's NYT texts; a third
    apostrophe next to it is a single quote inside, taken with it). A region still open at the end
    of its line ends there (a quote running over paragraphs reopens at each). Single quotes count
    only outside double ones: ‘ opens a region at a word start and ’ closes it when no letter
    follows, so an apostrophe never opens one and "it’s" never closes one.
    """
    regions: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        open_at: int | None = None
        single_at: int | None = None
        skip = 0  # characters of a typewriter mark already read
        for i, ch in enumerate(line):
            if skip:
                skip -= 1
                continue
            nxt = line[i + 1] if i + 1 < len(line) else ""
            prev = line[i - 1] if i else ""
            typewriter = ch in "'`" and nxt == ch
            if typewriter:
                skip = 2 if ch == "'" and line[i + 2 : i + 3] == "'" else 1
            if open_at is None and (ch in DOUBLE_OPEN or ch == STRAIGHT or typewriter):
                open_at = i
            elif open_at is not None and (
                ch in DOUBLE_CLOSE or ch == STRAIGHT or (typewriter and ch == "'")
            ):
                regions.append((offset + open_at, offset + i + 1 + skip))
                open_at = None
            elif open_at is None and ch == "‘" and not prev.isalnum() and nxt and not nxt.isspace():
                single_at = i if single_at is None else single_at
            elif ch == "’" and single_at is not None and not nxt.isalpha():
                regions.append((offset + single_at, offset + i + 1))
                single_at = None
        start = open_at if open_at is not None else single_at
        if start is not None:
            regions.append((offset + start, offset + len(line)))
        offset += len(line) + 1
    return regions


SENTENCE_END = frozenset(".!?")
CLOSING_MARKS = frozenset("\"'”’)»")
OPENING_MARKS = frozenset("\"'“‘(«")
# Words that end with a period without ending a sentence ("Mr. Obama", "Sen. Kirk", "U.S. troops").
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Sen Sens Gov Rep Reps St Jr Sr Gen Lt Col Capt Sgt Adm Del Rev Prof No vs Mt "
    "Ft Inc Co Corp Ltd Jan Feb Aug Sept Oct Nov Dec".split()
)


def sentence_breaks(tokens: Tokens) -> frozenset[int]:
    """Indices of the tokens that start a sentence: after a line break, or after a sentence-final
    mark (and any closing quotation marks) followed by a space and a capital, a digit or an
    opening mark. A period after a single letter or a listed abbreviation ends no sentence."""
    text = tokens.text

    def word(k: int) -> str:
        return text[tokens.starts[k] : tokens.ends[k]]

    breaks: set[int] = set()
    for i in range(1, len(tokens)):
        gap = text[tokens.ends[i - 1] : tokens.starts[i]]
        if "\n" in gap:
            breaks.add(i)
            continue
        last = i - 1
        while last > 0 and word(last) in CLOSING_MARKS:
            last -= 1
        first = word(i)
        if not gap or word(last) not in SENTENCE_END or first in CLOSING_MARKS:
            continue
        if not (first[0].isupper() or first[0].isdigit() or first in OPENING_MARKS):
            continue
        before = word(last - 1) if last > 0 else ""
        abbreviated = (len(before) == 1 and before.isalpha()) or before in ABBREVIATIONS
        if word(last) == "." and abbreviated:
            continue
        breaks.add(i)
    return frozenset(breaks)


def sentence_pieces(span: TokenSet, breaks: frozenset[int]) -> list[TokenSet]:
    """The runs of consecutive tokens of a span, each cut again where a sentence starts."""
    pieces: list[TokenSet] = []
    run: list[int] = []
    for i in sorted(span):
        if run and (i != run[-1] + 1 or i in breaks):
            pieces.append(frozenset(run))
            run = []
        run.append(i)
    if run:
        pieces.append(frozenset(run))
    return pieces


def span_kind(tokens: Tokens, quoted: TokenSet, span: TokenSet) -> str:
    """direct, mixed or indirect: how many of the span's word tokens lie inside quotes."""
    words = [i for i in span if tokens.is_word(i)]
    inside = sum(1 for i in words if i in quoted)
    if words and inside == len(words):
        return "direct"
    return "mixed" if inside else "indirect"


@dataclass
class Counts:
    """Matching counts for one component: credit earned on each side, and the span totals."""

    gold: int = 0
    pred: int = 0
    hit_gold: float = 0.0
    hit_pred: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.pred + other.pred,
            self.hit_gold + other.hit_gold,
            self.hit_pred + other.hit_pred,
        )

    @property
    def precision(self) -> float:
        return self.hit_pred / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.hit_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def exact_counts(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> Counts:
    """Multiset exact matching of span keys: each gold key matched at most once."""
    g, p = Counter(gold), Counter(pred)
    hits = sum(min(n, p[key]) for key, n in g.items())
    return Counts(len(gold), len(pred), hits, hits)


def jaccard(a: TokenSet, b: TokenSet) -> float:
    """Token Jaccard similarity; 0 for two empty sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def pair_greedy(scores: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best score first, ties by position."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for (gi, pi), _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def overlap_counts(gold: Sequence[TokenSet], pred: Sequence[TokenSet]) -> Counts:
    """One-to-one overlap matching with proportional credit (see the module docstring)."""
    scores = {
        (gi, pi): jaccard(g, p) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if g & p
    }
    counts = Counts(len(gold), len(pred))
    for gi, pi in pair_greedy(scores):
        shared = len(gold[gi] & pred[pi])
        counts.hit_gold += shared / len(gold[gi])
        counts.hit_pred += shared / len(pred[pi])
    return counts


class OffsetMap:
    """Takes spans of a normalized text back to the raw text it was made from.

    The normalized text must come from the raw one by deleting characters, turning whitespace
    runs into single spaces or newlines, and Unicode composition (NFC); characters are paired
    greedily, a composed character standing for its base letter and the marks after it.
    """

    def __init__(self, raw: str, normalized: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        i = 0
        for ch in normalized:
            while i < len(raw) and not _same(raw[i], ch):
                i += 1
            self.starts.append(min(i, len(raw)))
            i += 1
            while i < len(raw) and unicodedata.combining(raw[i]) and not unicodedata.combining(ch):
                i += 1
            self.ends.append(min(i, len(raw)))
        self.size = len(raw)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the normalized span ``[start, end)``."""
        if start >= len(self.starts):
            return self.size, self.size
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def _same(raw_ch: str, norm_ch: str) -> bool:
    if raw_ch == norm_ch:
        return True
    if norm_ch.isspace():
        return raw_ch.isspace()
    return unicodedata.normalize("NFD", raw_ch)[:1] == unicodedata.normalize("NFD", norm_ch)[:1]
