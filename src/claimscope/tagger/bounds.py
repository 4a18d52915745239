"""Content boundaries by PolNeAR's conventions, for the statements the tagger groups.

The tagger's content spans often overlap the annotated content but miss its edges; these rules
move the edges (each measured on the held-out training articles, see ``tagger/refine.py``):

- A quotation's marks belong to its content: a content that starts just inside a quotation
  starts at the opening mark, and one that ends inside it with only punctuation left ends on the
  closing mark (“…abuse of power.”). Quotations are those of
  :func:`claimscope.extract.quotes.find_quotes` (curly, straight and typewriter marks).
- A quotation running on after its cue is more of the same content when only the rest of the
  cue's sentence lies between (“A,” she said. “B.”), and so is each quotation that follows
  directly, in the same paragraph or the next.
- A statement whose cue lies inside a quotation is nested in quoted speech, which PolNeAR does
  not annotate.
- Content stops before another statement's cue that is coordinated with its own words and has no
  subject of its own ("… tax returns and called on Sanders to …": a second cue of the speaker).
- Content takes in the words that lead into its first word (determiners, modifiers, "to") and
  the clause or phrase its last word opens (a relative clause, an object, a complement), a
  prepositional phrase aside: the parse often hangs the cue's own "on Tuesday" on the content.
- Content does not end on words that lead into a phrase outside it ("… Trump last" before
  "week"), nor on a comma, semicolon, colon or dash.
- A relative pronoun that is the content's subject belongs to it ("which Democrats say could
  be aiding …": content "which … could be aiding …").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LOWER, SENT_START
from spacy.tokens import Doc

from claimscope.extract.quotes import Quote

Run = tuple[int, int]  # first token, last token + 1
# Most characters between a quotation's cue (or speaker) and a quotation running on after it.
MAX_CUE_TAIL = 160
SENTENCE_END = re.compile(r"[.!?:;—]\s*$")
BLANK = re.compile(r"^\s*$")
# Dependents before a content's first word that belong to its phrase (of auxiliaries, "to").
LEADING = ("det", "amod", "compound", "poss", "nummod", "neg", "predet", "quantmod")
# Phrases opened by a content's last word that the content takes in: all but "prep".
COMPLETING = frozenset(
    {
        "relcl", "acl", "advcl", "pobj", "attr", "conj", "cc", "dobj", "compound", "amod",
        "acomp", "xcomp", "ccomp", "advmod", "npadvmod", "agent", "dative", "oprd", "pcomp",
        "appos", "nummod", "quantmod", "case", "prt", "det", "poss",
    }
)  # fmt: skip
SUBJECTS = ("nsubj", "nsubjpass", "dobj")
RELATIVE_PRONOUNS = ("which", "who", "whom", "that")
TRAILING_MARKS = frozenset({",", ";", ":", "—", "–", "-"})
# Steps up the parse from a token to the phrase it opens.
MAX_CLIMB = 8


@dataclass(frozen=True)
class Quotation:
    """A quotation in tokens: its opening mark and its closing mark (for one left open at the end
    of a paragraph, its last token)."""

    first: int
    last: int
    closed: bool


class ContentBounds:
    """The quotations and the parse columns of one document, and the boundary rules on token
    runs (first token, last token + 1) of a content. ``quotes`` are the document's quotations
    (``find_quotes`` of its text), as the statement rules found them."""

    def __init__(self, doc: Doc, text: str, starts: Sequence[int], quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = text
        self.starts = starts
        cols = doc.to_array([IS_PUNCT, IS_SPACE, SENT_START, HEAD, DEP, LOWER]).reshape(len(doc), 6)
        self.punct = cols[:, 0].astype(bool)
        self.space = cols[:, 1].astype(bool)
        self.sentence = np.cumsum(cols[:, 2].astype(np.int64) == 1)
        self.head = np.arange(len(doc)) + cols[:, 3].astype(np.int64)
        self.dep = cols[:, 4]
        self.lower = cols[:, 5]
        strings = doc.vocab.strings
        self.leading = np.array([strings[d] for d in LEADING], dtype=np.uint64)
        self.to = strings["to"]
        self.aux = strings["aux"]
        self.conjoined = self.dep == strings["conj"]
        spans = [(q.outer_start, q.outer_end, q.closed) for q in quotes]
        marks = np.searchsorted(starts, np.array([(s, e) for s, e, _c in spans], dtype=np.int64))
        self.quotations = [
            Quotation(int(first), int(end) - 1, closed)
            for (first, end), (_s, _e, closed) in zip(marks.reshape(-1, 2), spans, strict=True)
            if end - 1 > first
        ]
        self.firsts = [q.first for q in self.quotations]

    def _around(self, token: int) -> Quotation | None:
        """The quotation whose marks enclose a token (the marks included)."""
        k = bisect_right(self.firsts, token) - 1
        if k >= 0 and token <= self.quotations[k].last:
            return self.quotations[k]
        return None

    def inside(self, token: int) -> bool:
        """Whether a token lies between a quotation's marks."""
        q = self._around(token)
        return q is not None and q.first < token < q.last

    def with_marks(self, runs: list[Run]) -> list[Run]:
        """Runs widened to the marks of the quotation they start or end just inside."""
        out = []
        for a, b in runs:
            q = self._around(a)
            if q is not None and q.first < a and self.space[q.first + 1 : a].all():
                a = q.first
            q = self._around(b - 1)
            if (
                q is not None
                and q.closed
                and q.first < b - 1 < q.last
                and self.punct[b : q.last].all()
            ):
                b = q.last + 1
            out.append((a, b))
        return out

    def running_on(
        self, runs: list[Run], tail: int, taken: np.ndarray, others: list[Run]
    ) -> list[Run]:
        """``runs`` with the quotations that carry a quoted content on: the first after ``tail``
        (the token after the cue and speaker) when only the rest of the cue's sentence lies
        between (or only a paragraph break, wherever the cue is), then each that follows
        directly. A quotation holding a ``taken`` token (some statement's content; this one's
        ends before ``tail``) ends the search, and so does another statement (``others``, each
        from its first token to past its last) reaching across an end of the gap."""
        last = runs[-1][1] - 1
        q = self._around(last)
        if q is None or not q.closed or q.last != last:
            return runs
        cue_after = tail > last + 1
        tail = max(tail, last + 1)
        k = bisect_right(self.firsts, tail - 1)
        if k >= len(self.quotations):
            return runs
        start = self.quotations[k].first
        if any(f < start and e > tail and (f < tail or e > start) for f, e in others):
            return runs
        gap = self.text[self.starts[tail] : self.starts[start]]
        rest_of_sentence = (
            cue_after
            and "\n" not in gap
            and len(gap) <= MAX_CUE_TAIL
            and SENTENCE_END.search(gap) is not None
            and self.sentence[tail] == self.sentence[start - 1]
        )
        if not (rest_of_sentence or (BLANK.match(gap) and gap.count("\n") <= 2)):
            return runs
        out = list(runs)
        for j in range(k, len(self.quotations)):
            nxt = self.quotations[j]
            if taken[nxt.first : nxt.last + 1].any():
                break
            out.append((nxt.first, nxt.last + 1))
            if not nxt.closed or j + 1 == len(self.quotations):
                break
            after = self.starts[nxt.last] + len(self.doc[nxt.last])
            between = self.text[after : self.starts[self.quotations[j + 1].first]]
            if not BLANK.match(between) or between.count("\n") > 2:
                break
        return out

    def without_siblings(self, runs: list[Run], coordinated: np.ndarray) -> list[Run]:
        """Runs cut before the first ``coordinated`` cue (another statement's, joined to the
        content's words by a conjunction) that has no subject of its own, and before the "and"
        and commas leading to it."""
        doc = self.doc
        for n, (a, b) in enumerate(runs):
            for t in np.flatnonzero(coordinated[a + 1 : b]) + a + 1:
                if any(c.dep_ in ("nsubj", "nsubjpass") for c in doc[int(t)].children):
                    continue
                end = int(t)
                while end - 1 > a and (
                    doc[end - 1].dep_ == "cc" or self.punct[end - 1] or self.space[end - 1]
                ):
                    end -= 1
                return [*runs[:n], (a, end)]
        return runs

    def with_modifiers(self, runs: list[Run], occupied: np.ndarray) -> list[Run]:
        """The first run widened over the words before it that modify a word in it."""
        a, b = runs[0]
        while (
            a > 0
            and not (self.punct[a - 1] or self.space[a - 1] or occupied[a - 1])
            and a <= self.head[a - 1] < b
            and (
                self.dep[a - 1] in self.leading
                or (self.dep[a - 1] == self.aux and self.lower[a - 1] == self.to)
            )
        ):
            a -= 1
        return [(a, b), *runs[1:]]

    def completed(self, runs: list[Run], occupied: np.ndarray) -> list[Run]:
        """The last run widened over each phrase that starts right after it and hangs on a word
        in it (by a dependency in ``COMPLETING``), within the sentence."""
        a, b = runs[-1]
        doc = self.doc
        while b < len(doc) and not (self.punct[b] or self.space[b] or occupied[b]):
            x = b
            for _ in range(MAX_CLIMB):
                h = int(self.head[x])
                if h == x or a <= h < b:
                    break
                x = h
            top = doc[x]
            if not a <= self.head[x] < b or top.dep_ not in COMPLETING or top.left_edge.i != b:
                break
            right = top.right_edge.i + 1
            if occupied[b:right].any() or self.sentence[right - 1] != self.sentence[b]:
                break
            b = right
        return [*runs[:-1], (a, b)]

    def without_dangling(self, runs: list[Run]) -> list[Run]:
        """The last run without the words at its end that lead into a phrase after it, nor a
        comma, semicolon, colon or dash there."""
        a, b = runs[-1]
        while b - 1 > a and not self.punct[b - 1] and self.head[b - 1] >= b:
            b -= 1
        while b - 1 > a and (self.space[b - 1] or self.doc[b - 1].text in TRAILING_MARKS):
            b -= 1
        return [*runs[:-1], (a, b)]

    def with_relative(self, runs: list[Run], cue: int, occupied: np.ndarray) -> list[Run]:
        """Runs with the relative pronoun that opens the cue's relative clause when it is the
        subject or object of a word in the content ("which Democrats say could be …")."""
        a, b = runs[0]
        doc = self.doc
        if doc[cue].dep_ != "relcl":
            return runs
        pronoun = doc[cue].left_edge
        if (
            pronoun.i < a
            and not occupied[pronoun.i]
            and pronoun.lower_ in RELATIVE_PRONOUNS
            and pronoun.dep_ in SUBJECTS
            and a <= self.head[pronoun.i] < b
        ):
            return [(pronoun.i, pronoun.i + 1), *runs]
        return runs
